package org.minzhengflow.eldercare;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.minzhengflow.casework.CaseRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores elder-care applications; updates are plain assignments, so retried jobs are harmless. */
@Repository
public class ElderCareCases {

  private final JdbcClient jdbc;
  private final CaseRecords records;

  public ElderCareCases(JdbcClient jdbc, CaseRecords records) {
    this.jdbc = jdbc;
    this.records = records;
  }

  public void insert(String applicationNo, ElderCareRequest r, String assistanceStatus, String category,
      String submittedBy, Instant now) {
    ElderCareRequest.Elder e = r.elder();
    jdbc.sql("""
        insert into eldercare_application (application_no, street_code, subsidy_type, elder_name, id_number, hukou_type,
          has_employee_pension, living_alone, lost_only_child, assistance_status, category, submitted_by, submitted_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, r.streetCode(), r.subsidyType(), e.name().trim(), e.idNumber().toUpperCase(),
            e.hukouType(), Boolean.TRUE.equals(e.hasEmployeePension()), Boolean.TRUE.equals(e.livingAlone()),
            Boolean.TRUE.equals(e.lostOnlyChild()), assistanceStatus, category, submittedBy, Timestamp.from(now))
        .update();
  }

  public Optional<ElderCareCase> find(String applicationNo) {
    return jdbc.sql("""
        select e.application_no, c.process_instance_id, e.street_code, subsidy_type, elder_name, id_number, hukou_type,
               has_employee_pension, living_alone, lost_only_child, assistance_status, c.status, category, category_name,
               ability_grade, monthly_amount, service_hours, provider, null, payment_from, e.submitted_at
        from eldercare_application e join app_case c on c.application_no = e.application_no
        where e.application_no = ?""")
        .param(applicationNo)
        .query((rs, i) -> {
          java.sql.Date paymentFrom = rs.getDate(20);
          return new ElderCareCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10), rs.getString(11),
              rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getBigDecimal(16),
              (Integer) rs.getObject(17, Integer.class), rs.getString(18),
              records.reasons(applicationNo),
              paymentFrom == null ? null : paymentFrom.toLocalDate(), rs.getTimestamp(21).toInstant());
        })
        .optional();
  }

  public ElderCareCase get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no eldercare application " + applicationNo));
  }

  public void setAbilityGrade(String applicationNo, String grade) {
    jdbc.sql("update eldercare_application set ability_grade = ? where application_no = ?")
        .params(grade, applicationNo).update();
  }

  public void setBenefit(String applicationNo, String categoryName, BigDecimal amount, int hours) {
    jdbc.sql("update eldercare_application set category_name = ?, monthly_amount = ?, service_hours = ? where application_no = ?")
        .params(categoryName, amount, hours, applicationNo).update();
  }

  public void setCategory(String applicationNo, String category, String categoryName, BigDecimal amount) {
    jdbc.sql("update eldercare_application set category = ?, category_name = ?, monthly_amount = ? where application_no = ?")
        .params(category, categoryName, amount, applicationNo).update();
  }

  public void setReasons(String applicationNo, List<String> reasons) {
    records.setReasons(applicationNo, reasons);
  }

  public void setProvider(String applicationNo, String provider) {
    jdbc.sql("update eldercare_application set provider = ? where application_no = ?").params(provider, applicationNo).update();
  }

  /** The decision's own data (the status is set by the process at the milestone). */
  public void decide(String applicationNo, LocalDate paymentFrom, Instant at) {
    jdbc.sql("update eldercare_application set payment_from = ?, decided_at = ? where application_no = ?")
        .params(paymentFrom, Timestamp.from(at), applicationNo).update();
  }

  /** Applications of a person with an active subsidy (for ending them on death or moving out). */
  public List<String> activeOf(String idNumber) {
    return jdbc.sql("""
        select e.application_no from eldercare_application e
        join benefit_record b on b.application_no = e.application_no
        where e.id_number = ? and b.status = 'ACTIVE'""")
        .param(idNumber).query(String.class).list();
  }
}
