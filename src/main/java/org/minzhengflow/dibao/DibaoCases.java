package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.minzhengflow.casework.CaseRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores dibao applications and their members. Every update is idempotent (plain assignments). */
@Repository
public class DibaoCases {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final CaseRecords records;

  public DibaoCases(JdbcClient jdbc, JdbcTemplate batch, CaseRecords records) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.records = records;
  }

  public void insert(String applicationNo, DibaoApplicationRequest r, String applicantName, String submittedBy,
      Instant now) {
    DibaoApplicationRequest.Assets a = r.assets();
    jdbc.sql("""
        insert into dibao_application (application_no, street_code, area_type, applicant_id_number, applicant_name, phone,
          financial_assets, vehicles, houses, non_residential, business_registered, submitted_by, submitted_at,
          irregular_income)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, r.streetCode(), r.areaType(), r.applicantIdNumber().toUpperCase(), applicantName,
            r.phone(), a.financialAssets(), a.vehicles(), a.houses(), a.nonResidentialProperties(),
            a.businessRegistered(), submittedBy, Timestamp.from(now), r.hasIrregularIncome())
        .update();
    // the members in one batch rather than a statement each
    List<Object[]> members = new java.util.ArrayList<>();
    int seq = 0;
    for (DibaoApplicationRequest.Member m : r.members()) {
      members.add(new Object[] {applicationNo, seq++, m.name().trim(), m.idNumber().toUpperCase(), m.relation(),
          m.monthlyIncome(), m.laborCapacity(), m.disabilityGrade(), Boolean.TRUE.equals(m.seriousIllness()),
          m.disabilityType()});
    }
    batch.batchUpdate("""
        insert into dibao_member (application_no, seq, name, id_number, relation, monthly_income, labor_capacity,
          disability_grade, serious_illness, disability_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", members);
  }

  public Optional<DibaoCase> find(String applicationNo) {
    // One statement with the members (a row each) and the number of reasons, which are read only when there are
    // some: every step and every task's summary reads the case, seven times a case, three statements each time.
    return jdbc.sql("""
        select d.application_no, c.process_instance_id, d.street_code, area_type, applicant_id_number, d.applicant_name,
               financial_assets, vehicles, houses, non_residential, business_registered, c.status, close_relative, tier,
               standard, per_capita_income, household_income, monthly_amount, irregular_income, spot_checked, payment_from,
               d.submitted_at, (select count(*) from case_reason r where r.application_no = d.application_no),
               m.seq, m.name, m.id_number, m.relation, m.monthly_income, m.verified_income, m.labor_capacity,
               m.assessed_capacity, m.disability_grade, m.serious_illness, m.disability_type, m.covered_alone
        from dibao_application d join app_case c on c.application_no = d.application_no
        left join dibao_member m on m.application_no = d.application_no
        where d.application_no = ? order by m.seq""")
        .param(applicationNo)
        .query(rs -> {
          if (!rs.next()) {
            return Optional.<DibaoCase>empty();
          }
          List<String> reasons = rs.getLong(23) == 0 ? List.of() : records.reasons(applicationNo);
          List<Member> members = new java.util.ArrayList<>();
          DibaoCase first = null;
          do {
            if (rs.getObject(24) != null) {
              members.add(new Member(rs.getInt(24), rs.getString(25), rs.getString(26), rs.getString(27),
                  rs.getBigDecimal(28), rs.getBigDecimal(29), rs.getString(30), rs.getString(31),
                  (Integer) rs.getObject(32, Integer.class), rs.getBoolean(33), rs.getString(34), rs.getBoolean(35)));
            }
            if (first == null) { // the case's columns repeat on every row; its member list is filled by the loop
              first = map(rs, java.util.Collections.unmodifiableList(members), reasons);
            }
          } while (rs.next());
          return Optional.of(first);
        });
  }

  public DibaoCase get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no dibao application " + applicationNo));
  }

  /** The household's income is irregular (declared, or found at a re-review): reviewed every six months. */
  public boolean irregularIncome(String applicationNo) {
    return jdbc.sql("select irregular_income from dibao_application where application_no = ?")
        .param(applicationNo).query(Boolean.class).single();
  }

  public void setIrregularIncome(String applicationNo, boolean irregular) {
    jdbc.sql("update dibao_application set irregular_income = ? where application_no = ?")
        .params(irregular, applicationNo).update();
  }

  /** Each member's verified income (null: none found), in one batch rather than a statement per member. */
  public void setVerifiedIncomes(String applicationNo, java.util.Map<String, BigDecimal> verifiedById) {
    batch.batchUpdate("update dibao_member set verified_income = ? where application_no = ? and id_number = ?",
        verifiedById.entrySet().stream().map(e -> new Object[] {e.getValue(), applicationNo, e.getKey()}).toList(),
        new int[] {java.sql.Types.NUMERIC, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR});
  }

  public void setAssessedCapacity(String applicationNo, String idNumber, String capacity) {
    jdbc.sql("update dibao_member set assessed_capacity = ? where application_no = ? and id_number = ?")
        .params(capacity, applicationNo, idNumber).update();
  }

  /** 单人户: which members are covered alone (none when the whole household is). */
  public void setCoveredAlone(String applicationNo, java.util.Collection<String> idNumbers) {
    jdbc.sql("update dibao_member set covered_alone = false where application_no = ?").param(applicationNo).update();
    for (String id : idNumbers) {
      jdbc.sql("update dibao_member set covered_alone = true where application_no = ? and id_number = ?")
          .params(applicationNo, id).update();
    }
    jdbc.sql("update dibao_application set single_person = ? where application_no = ?")
        .params(!idNumbers.isEmpty(), applicationNo).update();
  }

  public void setCloseRelative(String applicationNo, boolean closeRelative) {
    jdbc.sql("update dibao_application set close_relative = ? where application_no = ?")
        .params(closeRelative, applicationNo).update();
  }

  public void setReasons(String applicationNo, List<String> reasons) {
    records.setReasons(applicationNo, reasons);
  }

  public void setAssessment(String applicationNo, String tier, BigDecimal standard, BigDecimal perCapita,
      BigDecimal householdIncome, BigDecimal amount) {
    jdbc.sql("""
        update dibao_application set tier = ?, standard = ?, per_capita_income = ?, household_income = ?, monthly_amount = ?
        where application_no = ?""")
        .params(tier, standard, perCapita, householdIncome, amount, applicationNo).update();
  }

  /** The decision's own data (the status is set by the process at the milestone). */
  public void decide(String applicationNo, LocalDate paymentFrom, Instant decidedAt) {
    jdbc.sql("update dibao_application set payment_from = ?, decided_at = ? where application_no = ?")
        .params(paymentFrom, Timestamp.from(decidedAt), applicationNo).update();
  }

  /** Stores the sampling result once; later calls keep the first draw (idempotent retries). */
  public boolean sampleOnce(String applicationNo, boolean sampled) {
    jdbc.sql("update dibao_application set spot_checked = ? where application_no = ? and spot_checked is null")
        .params(sampled, applicationNo).update();
    return jdbc.sql("select spot_checked from dibao_application where application_no = ?")
        .param(applicationNo).query(Boolean.class).single();
  }

  private static DibaoCase map(ResultSet rs, List<Member> members, List<String> reasons) throws SQLException {
    Timestamp submitted = rs.getTimestamp(22);
    java.sql.Date paymentFrom = rs.getDate(21);
    return new DibaoCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getBigDecimal(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getBoolean(11),
        rs.getString(12), rs.getBoolean(13), rs.getString(14), rs.getBigDecimal(15), rs.getBigDecimal(16),
        rs.getBigDecimal(17), rs.getBigDecimal(18),
        reasons,
        (Boolean) rs.getObject(20, Boolean.class), paymentFrom == null ? null : paymentFrom.toLocalDate(),
        submitted.toInstant(), rs.getBoolean(19), members);
  }
}
