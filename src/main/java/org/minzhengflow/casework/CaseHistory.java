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

  /** A case's history with its legal last day (and why it was extended, if it was), as every task's summary shows it. */
  public record Timeline(List<Entry> entries, java.time.LocalDate caseDeadline, String extensionReason) {}

  /**
   * The history and the case row's deadline in one statement (every task creation renders both); empty when there
   * is no case row.
   */
  public java.util.Optional<Timeline> timeline(String applicationNo) {
    return jdbc.sql("""
        select c.case_deadline, c.extension_reason, h.step, h.step_name, h.user_id, h.decision, h.opinion, h.created_at
        from app_case c left join case_history h on h.application_no = c.application_no
        where c.application_no = ? order by h.created_at, h.id""")
        .param(applicationNo)
        .query(rs -> {
          if (!rs.next()) {
            return java.util.Optional.<Timeline>empty();
          }
          java.sql.Date deadline = rs.getDate(1);
          String extension = rs.getString(2);
          List<Entry> entries = new java.util.ArrayList<>();
          do {
            if (rs.getString(3) != null) {
              entries.add(entry(rs, 3));
            }
          } while (rs.next());
          return java.util.Optional.of(new Timeline(List.copyOf(entries),
              deadline == null ? null : deadline.toLocalDate(), extension));
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
