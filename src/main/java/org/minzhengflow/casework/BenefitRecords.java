package org.minzhengflow.casework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Granted benefits. Writing is idempotent per application, so a retried job grants once. */
@Repository
public class BenefitRecords {

  public record Benefit(String applicationNo, String benefit, String category, BigDecimal monthlyAmount,
      LocalDate startMonth, LocalDate endMonth, String status, String endReason) {}

  private final JdbcClient jdbc;

  public BenefitRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth) {
    grant(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, null, null);
  }

  public void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth, Integer serviceHours, String provider) {
    int updated = jdbc.sql("""
        update benefit_record set benefit = ?, category = ?, street_code = ?, monthly_amount = ?, start_month = ?,
               end_month = null, status = 'ACTIVE', end_reason = null, service_hours = ?, provider = ?
        where application_no = ?""")
        .params(benefit, category, streetCode, monthlyAmount, startMonth, serviceHours, provider, applicationNo).update();
    if (updated == 0) {
      jdbc.sql("""
          insert into benefit_record (application_no, benefit, category, street_code, monthly_amount, start_month, status,
                                      service_hours, provider)
          values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)""")
          .params(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, serviceHours, provider).update();
    }
  }

  public Optional<Benefit> find(String applicationNo) {
    return jdbc.sql("""
        select application_no, benefit, category, monthly_amount, start_month, end_month, status, end_reason
        from benefit_record where application_no = ?""")
        .param(applicationNo)
        .query((rs, i) -> new Benefit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
            rs.getDate(5).toLocalDate(), rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate(), rs.getString(7),
            rs.getString(8)))
        .optional();
  }

  /** A new class of the same benefit (e.g. turning 90), paid at the new amount, never back-dated. */
  public boolean changeCategory(String applicationNo, String category, BigDecimal monthlyAmount) {
    return jdbc.sql("update benefit_record set category = ?, monthly_amount = ? where application_no = ? and status = 'ACTIVE'")
        .params(category, monthlyAmount, applicationNo).update() > 0;
  }

  /** Active home-care benefits per provider in a street, for spreading new cases evenly. */
  public int activeWithProvider(String streetCode, String provider) {
    return jdbc.sql("select count(*) from benefit_record where benefit = 'HOME_CARE' and status = 'ACTIVE' and street_code = ? and provider = ?")
        .params(streetCode, provider).query(Integer.class).single();
  }

  /** Ends a benefit from the given month on (e.g. revoked after a spot check, death). */
  public boolean end(String applicationNo, LocalDate endMonth, String reason) {
    return jdbc.sql("update benefit_record set status = 'ENDED', end_month = ?, end_reason = ? where application_no = ? and status = 'ACTIVE'")
        .params(endMonth, reason, applicationNo).update() > 0;
  }
}
