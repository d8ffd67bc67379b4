package org.minzhengflow.funeral;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores funeral cases; every update is an assignment, so a retried job leaves the same rows. */
@Repository
public class FuneralCases {

  private final JdbcClient jdbc;

  public FuneralCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String applicationNo, FuneralRequest r, String deceasedId, LocalDate dateOfDeath) {
    jdbc.sql("""
        insert into funeral_application (application_no, street_code, deceased_name, deceased_id_number, date_of_death,
          caller_name, caller_phone, caller_relation) values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, r.streetCode(), r.deceased().name().trim(), deceasedId, Date.valueOf(dateOfDeath),
            r.caller().name().trim(), r.caller().phone().trim(), r.caller().relation().trim())
        .update();
    for (String category : r.deceased().categories() == null ? List.<String>of() : r.deceased().categories()) {
      setCategory(applicationNo, category, "DECLARED");
    }
    for (FuneralRequest.Service s : r.services()) {
      jdbc.sql("insert into funeral_service (application_no, kind, requested_units) values (?, ?, ?)")
          .params(applicationNo, s.kind(), s.units()).update();
    }
  }

  /** A deceased already has a case (of any outcome): one case per deceased. */
  public Optional<String> caseOf(String deceasedId) {
    return jdbc.sql("select application_no from funeral_application where deceased_id_number = ?")
        .param(deceasedId).query(String.class).optional();
  }

  public void setCategory(String applicationNo, String category, String source) {
    if (jdbc.sql("update funeral_category set source = ? where application_no = ? and category = ?")
        .params(source, applicationNo, category).update() == 0) {
      jdbc.sql("insert into funeral_category (application_no, category, source) values (?, ?, ?)")
          .params(applicationNo, category, source).update();
    }
  }

  public void setEligibleBy(String applicationNo, String eligibleBy) {
    jdbc.sql("update funeral_application set eligible_by = ? where application_no = ?")
        .params(eligibleBy, applicationNo).update();
  }

  /** What the funeral home confirmed for a service (fee null: charged at the cap). */
  public void confirmRendered(String applicationNo, String kind, int units, BigDecimal fee) {
    jdbc.sql("update funeral_service set rendered_units = ?, fee = ? where application_no = ? and kind = ?")
        .params(units, fee, applicationNo, kind).update();
  }

  public void setRendered(String applicationNo, String kind, int units, BigDecimal fee, BigDecimal unitCap,
      BigDecimal waived) {
    jdbc.sql("""
        update funeral_service set rendered_units = ?, fee = ?, unit_cap = ?, waived = ?
        where application_no = ? and kind = ?""")
        .params(units, fee, unitCap, waived, applicationNo, kind).update();
  }

  public void finish(String applicationNo, BigDecimal waivedAmount, Instant at) {
    jdbc.sql("update funeral_application set waived_amount = ?, finished_at = ? where application_no = ?")
        .params(waivedAmount, Timestamp.from(at), applicationNo).update();
  }

  public Optional<FuneralCase> find(String applicationNo) {
    List<FuneralCase.Category> categories = jdbc.sql(
            "select category, source from funeral_category where application_no = ? order by category")
        .param(applicationNo).query((rs, i) -> new FuneralCase.Category(rs.getString(1), rs.getString(2))).list();
    List<FuneralCase.Service> services = jdbc.sql("""
        select kind, requested_units, rendered_units, fee, unit_cap, waived from funeral_service where application_no = ?
        order by case kind when 'TRANSPORT' then 1 when 'STORAGE' then 2 when 'CREMATION' then 3 else 4 end""")
        .param(applicationNo)
        .query((rs, i) -> new FuneralCase.Service(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3, Integer.class),
            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6))).list();
    return jdbc.sql("""
        select f.application_no, c.process_instance_id, f.street_code, f.deceased_name, f.deceased_id_number,
               f.date_of_death, f.caller_name, f.caller_phone, f.caller_relation, f.eligible_by, f.waived_amount,
               c.submitted_by
        from funeral_application f join app_case c on c.application_no = f.application_no where f.application_no = ?""")
        .param(applicationNo)
        .query((rs, i) -> new FuneralCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getString(10), rs.getBigDecimal(11), rs.getString(12), categories, services))
        .optional();
  }

  public FuneralCase get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no funeral case " + applicationNo));
  }
}
