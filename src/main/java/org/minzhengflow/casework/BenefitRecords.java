package org.minzhengflow.casework;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry of granted benefits of every kind: one row per case with its status (ACTIVE, GRADUAL_EXIT,
 * ENDED), amount, first month, the first month no longer paid ({@code endMonth}), next review date and payee,
 * and every change to it in {@code benefit_change} (who, when, why, the amount from which month). Payment runs
 * read the amount of a month from those changes, so a change for next month never alters a month already due.
 * Writing is idempotent per application, so a retried job grants once.
 */
@Repository
public class BenefitRecords {

  public static final String ACTIVE = "ACTIVE";
  public static final String GRADUAL_EXIT = "GRADUAL_EXIT";
  public static final String ENDED = "ENDED";

  public record Benefit(String applicationNo, String benefit, String category, BigDecimal monthlyAmount,
      LocalDate startMonth, LocalDate endMonth, String status, String endReason, LocalDate nextReviewDate,
      String streetCode, String payeeName, String payeeId, boolean oneOff) {

    /** Still paid (ACTIVE or in its 渐退期). */
    public boolean live() {
      return !ENDED.equals(status);
    }

    /** The last month paid, or null while open-ended. */
    public LocalDate lastMonth() {
      return endMonth == null ? null : endMonth.minusMonths(1);
    }
  }

  /** A change of a benefit, as the registry shows it. */
  public record Change(String change, BigDecimal monthlyAmount, LocalDate fromMonth, String reason, String by,
      Instant at) {}

  /** Who is paid: the household's applicant, the elder, or the institution (ID number or credit code). */
  public record Payee(String name, String id) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public BenefitRecords(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth) {
    grant(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, null, null);
  }

  public void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth, Integer serviceHours, String provider) {
    grant(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, serviceHours, provider, null, false,
        null, "批准");
  }

  /**
   * Grants (or grants again after a retried job) a benefit from {@code startMonth}, with the payee and the next
   * review date, and records the change once.
   */
  public void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth, Integer serviceHours, String provider, LocalDate nextReviewDate,
      boolean oneOff, String by, String reason) {
    grant(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, serviceHours, provider,
        nextReviewDate, oneOff, by, reason, payeeOf(applicationNo));
  }

  /**
   * A monthly benefit paid to a payee the kind already knows (its applicant, read with the case): as {@link #grant}
   * without asking the case tables who the applicant is.
   */
  public void grantTo(Payee payee, String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth, LocalDate nextReviewDate, String by, String reason) {
    grant(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, null, null, nextReviewDate, false, by,
        reason, payee);
  }

  /** A one-off payment of a case to someone other than its applicant (e.g. the funeral home settled for a waiver). */
  public void grantOneOffTo(Payee payee, String applicationNo, String benefit, String streetCode, BigDecimal amount,
      LocalDate month, String by, String reason) {
    grant(applicationNo, benefit, benefit, streetCode, amount, month, null, null, null, true, by, reason, payee);
  }

  private void grant(String applicationNo, String benefit, String category, String streetCode,
      BigDecimal monthlyAmount, LocalDate startMonth, Integer serviceHours, String provider, LocalDate nextReviewDate,
      boolean oneOff, String by, String reason, Payee payee) {
    // the first grant of a case (every case once) is one statement; a grant again (a retried job, a case decided
    // again) finds the row and updates it. The casts type the parameters PostgreSQL cannot infer in a select list.
    int inserted = jdbc.sql("""
        insert into benefit_record (application_no, benefit, category, street_code, monthly_amount, start_month, status,
                                    service_hours, provider, next_review_date, one_off, payee_name, payee_id)
        select cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar),
               cast(? as numeric(12,2)), cast(? as date), 'ACTIVE', cast(? as int), cast(? as varchar),
               cast(? as date), cast(? as boolean), cast(? as varchar), cast(? as varchar)
        from (values (1)) one where not exists (select 1 from benefit_record where application_no = ?)""")
        .params(applicationNo, benefit, category, streetCode, monthlyAmount, startMonth, serviceHours, provider,
            nextReviewDate, oneOff, payee.name(), payee.id(), applicationNo).update();
    if (inserted == 0) {
      jdbc.sql("""
          update benefit_record set benefit = ?, category = ?, street_code = ?, monthly_amount = ?, start_month = ?,
                 end_month = null, status = 'ACTIVE', end_reason = null, service_hours = ?, provider = ?,
                 next_review_date = ?, one_off = ?, payee_name = ?, payee_id = ?
          where application_no = ?""")
          .params(benefit, category, streetCode, monthlyAmount, startMonth, serviceHours, provider, nextReviewDate,
              oneOff, payee.name(), payee.id(), applicationNo).update();
    }
    recordOnce(applicationNo, "GRANTED", monthlyAmount, startMonth, by, reason);
  }

  public Optional<Benefit> find(String applicationNo) {
    return jdbc.sql(SELECT + " where application_no = ?").param(applicationNo).query(BenefitRecords::map).optional();
  }

  public Benefit get(String applicationNo) {
    return find(applicationNo).orElseThrow(() -> new IllegalStateException("no benefit of " + applicationNo));
  }

  /** Every benefit of a case a person belongs to (a household member, the elder), newest first. */
  public List<Benefit> ofPerson(String idNumber) {
    return jdbc.sql(SELECT + """
         where application_no in (select application_no from case_person where id_number = ?)
        order by start_month desc, application_no desc""")
        .param(idNumber).query(BenefitRecords::map).list();
  }

  public List<Change> changes(String applicationNo) {
    return jdbc.sql("""
        select change, monthly_amount, from_month, reason, changed_by, changed_at from benefit_change
        where application_no = ? order by changed_at, id""")
        .param(applicationNo)
        .query((rs, i) -> new Change(rs.getString(1), rs.getBigDecimal(2), localDate(rs.getDate(3)), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** A new class of the same benefit (e.g. turning 90), paid at the new amount, never back-dated. */
  public boolean changeCategory(String applicationNo, String category, BigDecimal monthlyAmount) {
    boolean changed = jdbc.sql(
            "update benefit_record set category = ?, monthly_amount = ? where application_no = ? and status = 'ACTIVE'")
        .params(category, monthlyAmount, applicationNo).update() > 0;
    if (changed) {
      record(applicationNo, "ADJUSTED", monthlyAmount, LocalDate.now(clock).withDayOfMonth(1), null, "类别变更:" + category);
    }
    return changed;
  }

  /** A new monthly amount from {@code fromMonth} on (a re-review's ADJUST). */
  public boolean adjust(String applicationNo, BigDecimal monthlyAmount, LocalDate fromMonth, String by, String reason) {
    boolean changed = jdbc.sql(
            "update benefit_record set monthly_amount = ? where application_no = ? and status = 'ACTIVE'")
        .params(monthlyAmount, applicationNo).update() > 0;
    if (changed) {
      record(applicationNo, "ADJUSTED", monthlyAmount, fromMonth, by, reason);
    }
    return changed;
  }

  /** A re-review found nothing to change: same amount, a new review date. */
  public boolean continued(String applicationNo, LocalDate nextReviewDate, String by, String reason) {
    boolean changed = jdbc.sql(
            "update benefit_record set next_review_date = ? where application_no = ? and status = 'ACTIVE'")
        .params(nextReviewDate, applicationNo).update() > 0;
    if (changed) {
      record(applicationNo, "CONTINUED", null, null, by, reason);
    }
    return changed;
  }

  /** 渐退期: still paid, at most until {@code endMonth} (the first month no longer paid); no further review. */
  public boolean startGradualExit(String applicationNo, LocalDate endMonth, String by, String reason) {
    boolean changed = jdbc.sql("""
            update benefit_record set status = 'GRADUAL_EXIT', end_month = ?, end_reason = ?, next_review_date = null
            where application_no = ? and status = 'ACTIVE'""")
        .params(endMonth, reason, applicationNo).update() > 0;
    if (changed) {
      record(applicationNo, "GRADUAL_EXIT", null, endMonth, by, reason);
    }
    return changed;
  }

  /** Moves the next review date (e.g. a death report: the household is re-reviewed now). */
  public void reviewDue(String applicationNo, LocalDate date, String by, String reason) {
    if (jdbc.sql("update benefit_record set next_review_date = ? where application_no = ? and status = 'ACTIVE'")
        .params(date, applicationNo).update() > 0) {
      record(applicationNo, "REVIEW_DUE", null, null, by, reason);
    }
  }

  /** The benefit was paid outside the payment runs (cash at the street office): no run pays it again. */
  public void paidOutsideRuns(String applicationNo) {
    jdbc.sql("update benefit_record set paid_outside_runs = true where application_no = ?").param(applicationNo).update();
  }

  /** Active home-care benefits per provider in a street, for spreading new cases evenly. */
  public int activeWithProvider(String streetCode, String provider) {
    return jdbc.sql("select count(*) from benefit_record where benefit = 'HOME_CARE' and status = 'ACTIVE' and street_code = ? and provider = ?")
        .params(streetCode, provider).query(Integer.class).single();
  }

  /** Ends a benefit from the given month on (e.g. revoked after a spot check, death). */
  public boolean end(String applicationNo, LocalDate endMonth, String reason) {
    return end(applicationNo, endMonth, null, reason);
  }

  /**
   * Ends a paid benefit (ACTIVE, or in its 渐退期) from {@code endMonth} on; a 渐退期 that would have ended
   * earlier keeps its earlier end.
   */
  public boolean end(String applicationNo, LocalDate endMonth, String by, String reason) {
    boolean changed = jdbc.sql("""
            update benefit_record set status = 'ENDED', end_reason = ?, next_review_date = null,
                   end_month = case when end_month is not null and end_month < ? then end_month else ? end
            where application_no = ? and status in ('ACTIVE', 'GRADUAL_EXIT')""")
        .params(reason, endMonth, endMonth, applicationNo).update() > 0;
    if (changed) {
      record(applicationNo, "ENDED", null, endMonth, by, reason);
    }
    return changed;
  }

  /**
   * 渐退期 over: every benefit whose exit has reached its end month by {@code month} ends by itself (the daily
   * job). Returns the cases ended.
   */
  public List<String> endFinishedExits(LocalDate month) {
    List<String> due = jdbc.sql("""
        select application_no from benefit_record where status = 'GRADUAL_EXIT' and end_month <= ?
        order by application_no""").param(month).query(String.class).list();
    for (String applicationNo : due) {
      if (jdbc.sql("update benefit_record set status = 'ENDED' where application_no = ? and status = 'GRADUAL_EXIT'")
          .param(applicationNo).update() > 0) {
        record(applicationNo, "ENDED", null, month, null, "渐退期满,自动停发");
      }
    }
    return due;
  }

  private Payee payeeOf(String applicationNo) {
    return jdbc.sql("""
        select c.applicant_name,
               coalesce((select d.applicant_id_number from dibao_application d where d.application_no = c.application_no),
                        (select e.id_number from eldercare_application e where e.application_no = c.application_no),
                        (select n.credit_code from nursing_home_application n where n.application_no = c.application_no))
        from app_case c where c.application_no = ?""")
        .param(applicationNo).query((rs, i) -> new Payee(rs.getString(1), rs.getString(2))).optional()
        .orElse(new Payee(null, null));
  }

  /** The change, unless the benefit already has one of that kind (a retried job): one statement either way. */
  private void recordOnce(String applicationNo, String change, BigDecimal amount, LocalDate fromMonth, String by,
      String reason) {
    jdbc.sql("""
        insert into benefit_change (application_no, changed_at, changed_by, change, monthly_amount, from_month, reason)
        select cast(? as varchar), cast(? as timestamp), cast(? as varchar), cast(? as varchar),
               cast(? as numeric(12,2)), cast(? as date), cast(? as varchar)
        from (values (1)) one where not exists (select 1 from benefit_change where application_no = ? and change = ?)""")
        .params(applicationNo, Timestamp.from(clock.instant()), by, change, amount,
            fromMonth == null ? null : Date.valueOf(fromMonth), reason == null ? "" : truncate(reason), applicationNo,
            change)
        .update();
  }

  private void record(String applicationNo, String change, BigDecimal amount, LocalDate fromMonth, String by,
      String reason) {
    jdbc.sql("""
        insert into benefit_change (application_no, changed_at, changed_by, change, monthly_amount, from_month, reason)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, Timestamp.from(clock.instant()), by, change, amount,
            fromMonth == null ? null : Date.valueOf(fromMonth), reason == null ? "" : truncate(reason))
        .update();
  }

  private static final String SELECT = """
      select application_no, benefit, category, monthly_amount, start_month, end_month, status, end_reason,
             next_review_date, street_code, payee_name, payee_id, one_off
      from benefit_record""";

  private static Benefit map(ResultSet rs, int i) throws SQLException {
    return new Benefit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
        localDate(rs.getDate(5)), localDate(rs.getDate(6)), rs.getString(7), rs.getString(8), localDate(rs.getDate(9)),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getBoolean(13));
  }

  private static LocalDate localDate(Date d) {
    return d == null ? null : d.toLocalDate();
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
