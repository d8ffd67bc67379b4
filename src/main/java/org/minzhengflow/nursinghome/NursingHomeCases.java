package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.minzhengflow.casework.CaseRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores nursing-home institutions, their applications and the department opinions. Every update
 * is idempotent (plain assignments), so a retried job leaves the same state.
 */
@Repository
public class NursingHomeCases {

  static final String SEPARATOR = "\n";

  /** One department's opinion in one review round. */
  public record Opinion(int round, String department, String decision, String opinion, String user, Instant time) {}

  private final JdbcClient jdbc;
  private final CaseRecords records;

  public NursingHomeCases(JdbcClient jdbc, CaseRecords records) {
    this.records = records;
    this.jdbc = jdbc;
  }

  /** The institution's own record, keyed by credit code: created on its first application, updated on each. */
  public void saveInstitution(String creditCode, String districtCode, NursingHomeApplicationRequest.Institution i,
      Instant now) {
    int updated = jdbc.sql("""
        update nursing_home_institution set name = ?, filing_no = ?, district_code = ?, operating_since = ?, beds = ?,
          occupied_beds = ?, local_residents = ?, star_rating = ?, fire_safety_approved = ?, site_rented = ?,
          lease_years = ?, updated_at = ?
        where credit_code = ?""")
        .params(i.name().trim(), i.filingNo().trim(), districtCode, LocalDate.parse(i.operatingSince().trim()), i.beds(),
            i.occupiedBeds(), i.localResidents(), i.starRating(), Boolean.TRUE.equals(i.fireSafetyApproved()),
            Boolean.TRUE.equals(i.siteRented()), i.leaseYears(), Timestamp.from(now), creditCode)
        .update();
    if (updated == 0) {
      jdbc.sql("""
          insert into nursing_home_institution (credit_code, name, filing_no, district_code, operating_since, beds,
            occupied_beds, local_residents, star_rating, fire_safety_approved, site_rented, lease_years, first_filed_at,
            updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(creditCode, i.name().trim(), i.filingNo().trim(), districtCode, LocalDate.parse(i.operatingSince().trim()),
              i.beds(), i.occupiedBeds(), i.localResidents(), i.starRating(), Boolean.TRUE.equals(i.fireSafetyApproved()),
              Boolean.TRUE.equals(i.siteRented()), i.leaseYears(), Timestamp.from(now), Timestamp.from(now))
          .update();
    }
  }

  public void insert(String applicationNo, String creditCode, NursingHomeApplicationRequest r, String submittedBy,
      Instant now) {
    NursingHomeApplicationRequest.Institution i = r.institution();
    Map<String, Integer> a = i.residentsByAbility();
    NursingHomeApplicationRequest.Loan loan = r.loan();
    jdbc.sql("""
        insert into nursing_home_application (application_no, credit_code, district_code, policy, green_channel,
          institution_name, filing_no, operating_since, beds, new_beds, occupied_beds, local_residents, residents_intact,
          residents_mild, residents_moderate, residents_severe, residents_complete, star_rating, fire_safety_approved,
          site_rented, lease_years, renovation, loan_amount, new_hire_ratio, submitted_by, submitted_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, creditCode, r.districtCode(), r.policy(), Boolean.TRUE.equals(r.greenChannel()),
            i.name().trim(), i.filingNo().trim(), LocalDate.parse(i.operatingSince().trim()), i.beds(), i.newBeds(),
            i.occupiedBeds(), i.localResidents(), a.get("INTACT"), a.get("MILD"), a.get("MODERATE"), a.get("SEVERE"),
            a.get("COMPLETE"), i.starRating(), Boolean.TRUE.equals(i.fireSafetyApproved()),
            Boolean.TRUE.equals(i.siteRented()), i.leaseYears(), Boolean.TRUE.equals(i.renovation()),
            loan == null ? null : loan.amount(), loan == null ? null : loan.newHireStaffRatio(), submittedBy,
            Timestamp.from(now))
        .update();
  }

  public Optional<NursingHomeCase> find(String applicationNo) {
    return jdbc.sql("""
        select n.application_no, c.process_instance_id, credit_code, n.district_code, policy, green_channel,
               institution_name, filing_no, operating_since, beds, new_beds, occupied_beds, local_residents,
               residents_intact, residents_mild, residents_moderate, residents_severe, residents_complete, star_rating,
               fire_safety_approved, site_rented, lease_years, renovation, loan_amount, new_hire_ratio,
               inspected_occupied_beds, c.status, amount, breakdown, precheck_reasons, n.submitted_at
        from nursing_home_application n join app_case c on c.application_no = n.application_no
        where n.application_no = ?""")
        .param(applicationNo).query((rs, n) -> map(rs, records.reasons(applicationNo))).optional();
  }

  public NursingHomeCase get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no nursing-home application " + applicationNo));
  }

  /** The unmet pre-check conditions, also the case's reasons until a decision gives others. */
  public void setPrecheck(String applicationNo, List<String> reasons) {
    records.setReasons(applicationNo, reasons);
    jdbc.sql("update nursing_home_application set precheck_reasons = ? where application_no = ?")
        .params(join(reasons), applicationNo).update();
  }

  public void setCalculation(String applicationNo, BigDecimal amount, List<String> breakdown) {
    jdbc.sql("update nursing_home_application set amount = ?, breakdown = ? where application_no = ?")
        .params(amount, join(breakdown), applicationNo).update();
  }

  public void setInspectedOccupiedBeds(String applicationNo, int beds) {
    jdbc.sql("update nursing_home_application set inspected_occupied_beds = ? where application_no = ?")
        .params(beds, applicationNo).update();
  }

  /** The decision's reasons and time (the status is set by the process at the milestone). */
  public void decide(String applicationNo, List<String> reasons, Instant decidedAt) {
    records.setReasons(applicationNo, reasons == null ? List.of() : reasons);
    jdbc.sql("update nursing_home_application set decided_at = ? where application_no = ?")
        .params(Timestamp.from(decidedAt), applicationNo).update();
  }

  /** Records (or, on a repeated completion in the same round, replaces) one department's opinion. */
  public void saveOpinion(String applicationNo, int round, String department, String decision, String opinion,
      String user, Instant time) {
    int updated = jdbc.sql("""
        update nursing_home_department_opinion set decision = ?, opinion = ?, user_id = ?, decided_at = ?
        where application_no = ? and review_round = ? and department = ?""")
        .params(decision, opinion, user, Timestamp.from(time), applicationNo, round, department).update();
    if (updated == 0) {
      jdbc.sql("""
          insert into nursing_home_department_opinion (application_no, review_round, department, decision, opinion,
            user_id, decided_at) values (?, ?, ?, ?, ?, ?, ?)""")
          .params(applicationNo, round, department, decision, opinion, user, Timestamp.from(time)).update();
    }
  }

  /** The opinions of the latest review round, in the order given. */
  public List<Opinion> latestOpinions(String applicationNo) {
    return jdbc.sql("""
        select review_round, department, decision, opinion, user_id, decided_at from nursing_home_department_opinion
        where application_no = ? and review_round =
          (select max(review_round) from nursing_home_department_opinion where application_no = ?)
        order by decided_at, department""")
        .params(applicationNo, applicationNo)
        .query((rs, n) -> new Opinion(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant()))
        .list();
  }

  public List<Opinion> opinions(String applicationNo, int round) {
    return jdbc.sql("""
        select review_round, department, decision, opinion, user_id, decided_at from nursing_home_department_opinion
        where application_no = ? and review_round = ? order by decided_at, department""")
        .params(applicationNo, round)
        .query((rs, n) -> new Opinion(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant()))
        .list();
  }

  private static String join(List<String> lines) {
    return lines == null || lines.isEmpty() ? null : String.join(SEPARATOR, lines);
  }

  private static List<String> split(String text) {
    return text == null ? List.of() : Arrays.asList(text.split(SEPARATOR));
  }

  private static NursingHomeCase map(ResultSet rs, List<String> reasons) throws SQLException {
    Map<String, Integer> abilities = new LinkedHashMap<>();
    abilities.put("INTACT", rs.getInt("residents_intact"));
    abilities.put("MILD", rs.getInt("residents_mild"));
    abilities.put("MODERATE", rs.getInt("residents_moderate"));
    abilities.put("SEVERE", rs.getInt("residents_severe"));
    abilities.put("COMPLETE", rs.getInt("residents_complete"));
    return new NursingHomeCase(rs.getString("application_no"), rs.getString("process_instance_id"),
        rs.getString("credit_code"), rs.getString("district_code"), NursingHomePolicy.valueOf(rs.getString("policy")),
        rs.getBoolean("green_channel"), rs.getString("institution_name"), rs.getString("filing_no"),
        rs.getDate("operating_since").toLocalDate(), rs.getInt("beds"), rs.getInt("new_beds"), rs.getInt("occupied_beds"),
        rs.getInt("local_residents"), abilities, (Integer) rs.getObject("star_rating", Integer.class),
        rs.getBoolean("fire_safety_approved"), rs.getBoolean("site_rented"),
        (Integer) rs.getObject("lease_years", Integer.class), rs.getBoolean("renovation"), rs.getBigDecimal("loan_amount"),
        rs.getBigDecimal("new_hire_ratio"), (Integer) rs.getObject("inspected_occupied_beds", Integer.class),
        rs.getString("status"), rs.getBigDecimal("amount"), split(rs.getString("breakdown")),
        split(rs.getString("precheck_reasons")), reasons,
        rs.getTimestamp("submitted_at").toInstant());
  }
}
