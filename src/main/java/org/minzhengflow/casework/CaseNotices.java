package org.minzhengflow.casework;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one notice mechanism of all processes: public notices (公示) and written decisions to the
 * household. Idempotent per case, kind and text, so a retried job never issues a notice twice.
 */
@Repository
public class CaseNotices {

  public enum Kind { PUBLIC_NOTICE, APPROVAL, REJECTION, REFERRAL, REVOCATION, REVIEW_OUTCOME, BENEFIT_ENDED }

  public record Notice(long id, Kind kind, String title, String body, Instant time) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public CaseNotices(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void issue(String applicationNo, Kind kind, String title, String body) {
    // a job that runs again (a retry after a failure) issues the same notice once: one statement, not a read and a write
    jdbc.sql("""
        insert into case_notice (application_no, kind, title, body, created_at)
        select ?, ?, ?, ?, cast(? as timestamp) from (values (1)) one
        where not exists (select 1 from case_notice where application_no = ? and kind = ? and body = ?)""")
        .params(applicationNo, kind.name(), title, body, Timestamp.from(clock.instant()), applicationNo, kind.name(), body)
        .update();
  }

  /** One notice of the case; empty when the id is of no notice of this case. */
  public java.util.Optional<Notice> find(String applicationNo, long id) {
    return jdbc.sql("select id, kind, title, body, created_at from case_notice where application_no = ? and id = ?")
        .params(applicationNo, id)
        .query((rs, i) -> new Notice(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()))
        .optional();
  }

  public List<Notice> of(String applicationNo) {
    return jdbc.sql("select id, kind, title, body, created_at from case_notice where application_no = ? order by created_at, id")
        .param(applicationNo)
        .query((rs, i) -> new Notice(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()))
        .list();
  }
}
