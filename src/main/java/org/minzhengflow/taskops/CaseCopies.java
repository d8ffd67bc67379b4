package org.minzhengflow.taskops;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** 抄送: which member of staff a case was copied to, by whom and why (table {@code case_copy}). */
@Repository
public class CaseCopies {

  private final JdbcClient jdbc;
  private final Clock clock;

  public CaseCopies(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Copies the case to the user; false when it had been copied to them before (kept as it was). */
  public boolean add(String applicationNo, String userId, String copiedBy, String reason) {
    int exists = jdbc.sql("select count(*) from case_copy where application_no = ? and user_id = ?")
        .params(applicationNo, userId).query(Integer.class).single();
    if (exists > 0) {
      return false;
    }
    jdbc.sql("insert into case_copy (application_no, user_id, copied_by, reason, copied_at) values (?, ?, ?, ?, ?)")
        .params(applicationNo, userId, copiedBy, reason, Timestamp.from(clock.instant())).update();
    return true;
  }

  /** 抄送我的: the cases copied to the user, newest first. */
  public List<Map<String, Object>> of(String userId) {
    return jdbc.sql("""
        select c.application_no, a.kind, a.status, a.applicant_name, a.street_code, a.district_code,
               c.copied_by, c.reason, c.copied_at
        from case_copy c join app_case a on a.application_no = c.application_no
        where c.user_id = ? order by c.copied_at desc, c.application_no""")
        .param(userId)
        .query((rs, i) -> {
          Map<String, Object> row = new java.util.LinkedHashMap<>();
          row.put("applicationNo", rs.getString(1));
          row.put("kind", rs.getString(2));
          row.put("status", rs.getString(3));
          row.put("applicantName", rs.getString(4));
          row.put("streetCode", rs.getString(5));
          row.put("districtCode", rs.getString(6));
          row.put("copiedBy", rs.getString(7));
          row.put("reason", rs.getString(8));
          row.put("copiedAt", rs.getTimestamp(9).toInstant());
          return row;
        })
        .list();
  }
}
