package org.minzhengflow.casework;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The case history shown to staff and citizens: every step taken, by whom, with what opinion. */
@Repository
public class CaseHistory {

  /** One entry; {@code decision} and {@code opinion} may be null for steps that decide nothing. */
  public record Entry(String step, String stepName, String user, String decision, String opinion, Instant time) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public CaseHistory(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(String applicationNo, String processInstanceId, String taskId, String step, String stepName,
      String user, String decision, String opinion) {
    jdbc.sql("""
        insert into case_history (application_no, process_instance_id, task_id, step, step_name, user_id,
                                  decision, opinion, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, processInstanceId, taskId, step, stepName, user, decision, opinion,
            Timestamp.from(clock.instant()))
        .update();
  }

  /** The history as the status endpoints show it: step, stepName, user, decision, opinion, time. */
  public List<java.util.Map<String, Object>> view(String applicationNo) {
    return of(applicationNo).stream().map(e -> {
      java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
      entry.put("step", e.step());
      entry.put("stepName", e.stepName());
      entry.put("user", e.user());
      entry.put("decision", e.decision());
      entry.put("opinion", e.opinion());
      entry.put("time", e.time());
      return entry;
    }).toList();
  }

  /**
   * A case's history with its legal last day (and why it was extended, if it was) and the notices issued so far, as
   * every task's summary shows them.
   */
  public record Timeline(List<Entry> entries, java.time.LocalDate caseDeadline, String extensionReason,
      List<CaseNotices.Notice> notices) {}

  /**
   * The history, the case row's deadline and the case's notices in one statement (every task creation renders all
   * three; docs/benchmarks.md, changes 28 and 29); empty when there is no case row. The case row with its history
   * comes first ({@code part} 0), then the notices ({@code part} 1), each in the order they were written.
   */
  public java.util.Optional<Timeline> timeline(String applicationNo) {
    return jdbc.sql("""
        select 0 as part, c.case_deadline, c.extension_reason, h.step, h.step_name, h.user_id, h.decision, h.opinion,
          h.created_at, h.id, cast(null as varchar(20)) as kind, cast(null as varchar(100)) as title,
          cast(null as varchar(4000)) as body
        from app_case c left join case_history h on h.application_no = c.application_no
        where c.application_no = ?
        union all
        select 1, null, null, null, null, null, null, null, n.created_at, n.id, n.kind, n.title, n.body
        from case_notice n where n.application_no = ?
        order by 1, 9, 10""")
        .params(applicationNo, applicationNo)
        .query(rs -> {
          if (!rs.next() || rs.getInt(1) != 0) {
            return java.util.Optional.<Timeline>empty();
          }
          java.sql.Date deadline = rs.getDate(2);
          String extension = rs.getString(3);
          List<Entry> entries = new java.util.ArrayList<>();
          List<CaseNotices.Notice> notices = new java.util.ArrayList<>();
          do {
            if (rs.getInt(1) == 1) {
              notices.add(new CaseNotices.Notice(rs.getLong(10), CaseNotices.Kind.valueOf(rs.getString(11)),
                  rs.getString(12), rs.getString(13), rs.getTimestamp(9).toInstant()));
            } else if (rs.getString(4) != null) {
              entries.add(entry(rs, 4));
            }
          } while (rs.next());
          return java.util.Optional.of(new Timeline(List.copyOf(entries),
              deadline == null ? null : deadline.toLocalDate(), extension, List.copyOf(notices)));
        });
  }

  public List<Entry> of(String applicationNo) {
    return jdbc.sql("""
        select step, step_name, user_id, decision, opinion, created_at from case_history
        where application_no = ? order by created_at, id""")
        .param(applicationNo)
        .query((rs, i) -> entry(rs, 1))
        .list();
  }

  /** An entry from its six columns (step, step_name, user_id, decision, opinion, created_at) from column {@code first}. */
  private static Entry entry(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
    return new Entry(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
        rs.getString(first + 4), rs.getTimestamp(first + 5).toInstant());
  }
}
