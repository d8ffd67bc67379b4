package org.minzhengflow.casework;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Granted benefits. Writing is idempotent per application, so a retried job grants once. */
@Repository
public class BenefitRecords {

  private final JdbcClient jdbc;

  public BenefitRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth) {
    int updated = jdbc.sql("""
        update benefit_record set benefit = ?, category = ?, street_code = ?, monthly_amount = ?, start_month = ?,
               end_month = null, status = 'ACTIVE', end_reason = null
        where application_no = ?""")
        .params(benefit, category, streetCode, monthlyAmount, startMonth, applicationNo).update();
    if (updated == 0) {
      jdbc.sql("""
          insert into benefit_record (application_no, benefit, category, street_code, monthly_amount, start_month, status)
          values (?, ?, ?, ?, ?, ?, 'ACTIVE')""")
          .params(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth).update();
    }
  }

  /** Ends a benefit from the given month on (e.g. revoked after a spot check). */
  public void end(String applicationNo, LocalDate endMonth, String reason) {
    jdbc.sql("update benefit_record set status = 'ENDED', end_month = ?, end_reason = ? where application_no = ? and status = 'ACTIVE'")
        .params(endMonth, reason, applicationNo).update();
  }
}
