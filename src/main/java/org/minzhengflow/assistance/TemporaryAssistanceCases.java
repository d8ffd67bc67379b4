package org.minzhengflow.assistance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores 临时救助 cases; every update is an assignment, so a retried job leaves the same row. */
@Repository
public class TemporaryAssistanceCases {

  public record Case(String applicationNo, String processInstanceId, String streetCode, String type,
      String applicantName, String applicantIdNumber, int householdSize, String areaType, String reason,
      BigDecimal requestedAmount, BigDecimal standard, BigDecimal capAmount, BigDecimal streetLimit,
      BigDecimal grantedAmount, boolean paidInCash, Boolean justified, String findings, BigDecimal recoveryAmount,
      String recoveryReason) {

    public boolean emergency() {
      return "EMERGENCY".equals(type);
    }
  }

  private final JdbcClient jdbc;

  public TemporaryAssistanceCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String applicationNo, TemporaryAssistanceRequest r, String idNumber) {
    jdbc.sql("""
        insert into temporary_assistance (application_no, street_code, type, applicant_name, applicant_id_number,
          household_size, area_type, reason, requested_amount) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, r.streetCode(), r.type(), r.applicant().name().trim(), idNumber, r.householdSize(),
            r.area(), r.reason().trim(), r.requestedAmount())
        .update();
  }

  public void setLimits(String applicationNo, BigDecimal standard, BigDecimal cap, BigDecimal streetLimit) {
    jdbc.sql("update temporary_assistance set standard = ?, cap_amount = ?, street_limit = ? where application_no = ?")
        .params(standard, cap, streetLimit, applicationNo).update();
  }

  public void setGranted(String applicationNo, BigDecimal amount, boolean cash) {
    jdbc.sql("update temporary_assistance set granted_amount = ?, paid_in_cash = ? where application_no = ?")
        .params(amount, cash, applicationNo).update();
  }

  public void markGranted(String applicationNo, Instant at) {
    jdbc.sql("update temporary_assistance set granted_at = ? where application_no = ? and granted_at is null")
        .params(Timestamp.from(at), applicationNo).update();
  }

  public void setVerification(String applicationNo, boolean justified, String findings) {
    jdbc.sql("update temporary_assistance set justified = ?, findings = ? where application_no = ?")
        .params(justified, findings, applicationNo).update();
  }

  public void setRecovery(String applicationNo, BigDecimal amount, String reason) {
    jdbc.sql("update temporary_assistance set recovery_amount = ?, recovery_reason = ? where application_no = ?")
        .params(amount, reason, applicationNo).update();
  }

  public Optional<Case> find(String applicationNo) {
    return jdbc.sql("""
        select t.application_no, c.process_instance_id, t.street_code, t.type, t.applicant_name, t.applicant_id_number,
               t.household_size, t.area_type, t.reason, t.requested_amount, t.standard, t.cap_amount, t.street_limit,
               t.granted_amount, t.paid_in_cash, t.justified, t.findings, t.recovery_amount, t.recovery_reason
        from temporary_assistance t join app_case c on c.application_no = t.application_no where t.application_no = ?""")
        .param(applicationNo)
        .query((rs, i) -> new Case(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10), rs.getBigDecimal(11),
            rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBoolean(15),
            (Boolean) rs.getObject(16, Boolean.class), rs.getString(17), rs.getBigDecimal(18), rs.getString(19)))
        .optional();
  }

  public Case get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no temporary assistance " + applicationNo));
  }
}
