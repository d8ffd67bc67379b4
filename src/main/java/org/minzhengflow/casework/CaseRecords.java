package org.minzhengflow.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The case rows, their readers and their reasons. Every update is an assignment, so retried jobs do no harm. */
@Repository
public class CaseRecords {

  static final String COLUMNS = """
      application_no, kind, process_instance_id, status, street_code, district_code, applicant_name, submitted_by,
      submitted_at, case_deadline, extension_reason, decided_at""";

  /** The key of {@link #writtenInThisTransaction}'s map among the transaction's resources. */
  private static final Object WRITTEN = new Object();

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final Clock clock;

  public CaseRecords(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  public void insert(String applicationNo, String kind, String streetCode, String districtCode, String applicantName,
      String submittedBy, Instant submittedAt, LocalDate caseDeadline) {
    Instant stored = submittedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    jdbc.sql("""
        insert into app_case (application_no, kind, status, street_code, district_code, applicant_name, submitted_by,
                              submitted_at, case_deadline)
        values (?, ?, 'IN_REVIEW', ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, kind, streetCode, districtCode, applicantName, submittedBy, Timestamp.from(stored),
            caseDeadline)
        .update();
    Map<String, CaseRecord> written = writtenInThisTransaction();
    if (written != null) {
      written.put(applicationNo, new CaseRecord(applicationNo, kind, null, CaseStatus.IN_REVIEW, streetCode, districtCode,
          applicantName, submittedBy, stored, caseDeadline, null, null));
    }
  }

  /**
   * The case rows this transaction inserted, as inserted and not changed since: the intake reads its new case twice
   * before it commits (the list columns, the whole-case timer's due date), and asking the database for a row the
   * same transaction just wrote is a round trip for nothing. Every change of a row goes through this class and
   * forgets it here; null outside a transaction.
   */
  private static Map<String, CaseRecord> writtenInThisTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Map<String, CaseRecord> written = written();
    if (written == null) {
      written = new java.util.HashMap<>();
      TransactionSynchronizationManager.bindResource(WRITTEN, written);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(WRITTEN);
        }
      });
    }
    return written;
  }

  /** The map of {@link #writtenInThisTransaction} if this transaction has one (bound only while it runs), else null. */
  @SuppressWarnings("unchecked")
  private static Map<String, CaseRecord> written() {
    return (Map<String, CaseRecord>) TransactionSynchronizationManager.getResource(WRITTEN);
  }

  private static void forget(String applicationNo) {
    Map<String, CaseRecord> written = written();
    if (written != null) {
      written.remove(applicationNo);
    }
  }

  public Optional<CaseRecord> find(String applicationNo) {
    Map<String, CaseRecord> written = written();
    CaseRecord inserted = written == null ? null : written.get(applicationNo);
    if (inserted != null) {
      return Optional.of(inserted);
    }
    return jdbc.sql("select " + COLUMNS + " from app_case where application_no = ?").param(applicationNo)
        .query((rs, i) -> map(rs)).optional();
  }

  public CaseRecord get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no case " + applicationNo));
  }

  public void setProcessInstance(String applicationNo, String processInstanceId) {
    forget(applicationNo);
    jdbc.sql("update app_case set process_instance_id = ? where application_no = ?")
        .params(processInstanceId, applicationNo).update();
  }

  /** Sets the status; entering a decided status records when (the first time). */
  public void setStatus(String applicationNo, CaseStatus status) {
    forget(applicationNo);
    if (status.decided()) {
      jdbc.sql("update app_case set status = ?, decided_at = coalesce(decided_at, ?) where application_no = ?")
          .params(status.name(), Timestamp.from(clock.instant()), applicationNo).update();
    } else {
      jdbc.sql("update app_case set status = ? where application_no = ?").params(status.name(), applicationNo).update();
    }
  }

  /** Moves the whole-case deadline once; false when it was extended before. */
  public boolean extend(String applicationNo, LocalDate deadline, String reason, String userId) {
    forget(applicationNo);
    return jdbc.sql("""
        update app_case set case_deadline = ?, extension_reason = ?, extended_by = ?, extended_at = ?
        where application_no = ? and extension_reason is null""")
        .params(deadline, reason, userId, Timestamp.from(clock.instant()), applicationNo).update() == 1;
  }

  public List<String> reasons(String applicationNo) {
    return jdbc.sql("select reason from case_reason where application_no = ? order by seq").param(applicationNo)
        .query(String.class).list();
  }

  /** Replaces the case's reasons by these, in order. */
  public void setReasons(String applicationNo, List<String> reasons) {
    jdbc.sql("delete from case_reason where application_no = ?").param(applicationNo).update();
    // one batch rather than a statement per reason
    List<Object[]> rows = new java.util.ArrayList<>();
    for (String reason : reasons) {
      rows.add(new Object[] {applicationNo, rows.size(), reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason});
    }
    if (!rows.isEmpty()) {
      batch.batchUpdate("insert into case_reason (application_no, seq, reason) values (?, ?, ?)", rows);
    }
  }

  /** The case's reader groups, in one batch rather than a statement each. */
  public void addReaders(String applicationNo, Collection<String> groupIds) {
    batch.batchUpdate("insert into case_reader (application_no, group_id) values (?, ?)",
        new java.util.LinkedHashSet<>(groupIds).stream().map(group -> new Object[] {applicationNo, group}).toList());
  }

  public List<String> readers(String applicationNo) {
    return jdbc.sql("select group_id from case_reader where application_no = ? order by group_id").param(applicationNo)
        .query(String.class).list();
  }

  /**
   * The readers of the case, or empty when there is no such case: one statement where a check that the case exists
   * and the read of its readers were two (the notice's start does both for every case).
   */
  public Optional<List<String>> readersOfCase(String applicationNo) {
    List<String[]> rows = jdbc.sql("""
        select c.application_no, r.group_id from app_case c left join case_reader r on r.application_no = c.application_no
        where c.application_no = ? order by r.group_id""").param(applicationNo)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(rows.stream().map(row -> row[1]).filter(java.util.Objects::nonNull).toList());
  }

  static CaseRecord map(ResultSet rs) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    java.sql.Date deadline = rs.getDate("case_deadline");
    return new CaseRecord(rs.getString("application_no"), rs.getString("kind"), rs.getString("process_instance_id"),
        CaseStatus.valueOf(rs.getString("status")), rs.getString("street_code"), rs.getString("district_code"),
        rs.getString("applicant_name"), rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant(),
        deadline == null ? null : deadline.toLocalDate(), rs.getString("extension_reason"),
        decided == null ? null : decided.toInstant());
  }
}
