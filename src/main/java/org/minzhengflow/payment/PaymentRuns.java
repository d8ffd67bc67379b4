package org.minzhengflow.payment;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.BenefitMonths;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monthly payment runs (社会化发放) of a district. A run is built by three set-based statements in one transaction
 * — the run row (whose unique key lets only one run per district and month exist), the lines of the month, the
 * lines paid again — and its figures are summed by the database from the lines it holds, so they reconcile by
 * construction. A failure anywhere leaves no run at all.
 */
@Service
public class PaymentRuns {

  public static final String PENDING = "PENDING";
  public static final String PAID = "PAID";
  public static final String FAILED = "FAILED";
  public static final String MISSING_ACCOUNT = "MISSING_ACCOUNT";

  /** The columns of {@code uq_payment_line_month}: a benefit's month is paid once per attempt. */
  private static final String LINE_KEY = "application_no, benefit, for_month, attempt";

  public record Run(long runId, YearMonth month, String districtCode, String createdBy, Timestamp createdAt, int lines,
      BigDecimal total, int missingAccount) {}

  public record Line(long id, String applicationNo, String benefit, YearMonth forMonth, String payeeName, String payeeId,
      String bankName, String accountNo, BigDecimal amount, String status, String reason, Long retryOf) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int monthsAhead;
  private final boolean postgres;

  public PaymentRuns(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
      @Value("${app.payments.months-ahead:3}") int monthsAhead,
      org.springframework.boot.autoconfigure.jdbc.DataSourceProperties database) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.monthsAhead = monthsAhead;
    this.postgres = database.determineUrl() != null && database.determineUrl().startsWith("jdbc:postgresql:");
  }

  /**
   * "Not paid yet" of a line statement: on PostgreSQL the line's unique key itself ({@code on conflict … do nothing}),
   * elsewhere (H2) a {@code not exists} on the lines. The anti join is quadratic on PostgreSQL when the planner
   * believes the lines table empty (the first run of a month, fresh statistics): it chose a nested loop that scanned
   * {@code payment_line} once per new line, its heap filling with the statement's own rows — 125 s for 100,000
   * lines (docs/benchmarks.md, change 22). The key probe is one index look-up per line whatever the statistics.
   * {@code where} goes into the statement's conditions, {@code onConflict} after its select.
   */
  private record Once(String where, String onConflict) {}

  /** {@code condition}: the anti join's condition on the lines {@code l}; {@code key}: the unique key's columns. */
  private Once once(String condition, String key) {
    return postgres
        ? new Once("true", "on conflict (" + key + ") do nothing")
        : new Once("not exists (select 1 from payment_line l where " + condition + ")", "");
  }

  /**
   * Creates the run of a district for a month: 409 for a month that is neither the current one nor at most
   * {@code app.payments.months-ahead} ahead, and for a second run of the same district and month — decided by the
   * unique key, so also when two requests race (the second waits for the first and then fails on the key).
   */
  public Run create(String districtCode, YearMonth month, String by) {
    YearMonth now = YearMonth.now(clock);
    if (month.isBefore(now)) {
      throw ApiException.conflict("不能为已过去的月份(" + month + ")生成发放批次,当前为" + now);
    }
    if (month.isAfter(now.plusMonths(monthsAhead))) {
      throw ApiException.conflict("发放批次最多可提前" + monthsAhead + "个月生成,不能为" + month + "生成");
    }
    long runId;
    try {
      runId = tx.execute(status -> build(districtCode, month, by));
    } catch (DuplicateKeyException e) {
      // the run's own key is the expected one; a line's key would mean a month already paid elsewhere
      String cause = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (cause.contains("payment run exists") || cause.contains("uq_payment_run_month")) {
        throw ApiException.conflict("该区县" + month + "的发放批次已经生成,不能重复生成");
      }
      throw ApiException.conflict("发放明细与已生成的明细冲突(同一月份不能重复发放),批次未生成");
    }
    return find(runId).orElseThrow();
  }

  private long build(String districtCode, YearMonth month, String by) {
    if (jdbc.sql("select count(*) from payment_run where district_code = ? and run_month = ?")
        .params(districtCode, Date.valueOf(month.atDay(1))).query(Integer.class).single() > 0) {
      // the common case answered without provoking the key; the key still decides a race
      throw new DuplicateKeyException("payment run exists");
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("insert into payment_run (district_code, run_month, created_by, created_at) values (?, ?, ?, ?)")
        .params(districtCode, Date.valueOf(month.atDay(1)), by, Timestamp.from(clock.instant()))
        .update(key, "run_id");
    long runId = key.getKey().longValue();
    Date m = Date.valueOf(month.atDay(1));
    Once month1 = once("l.application_no = p.application_no and l.benefit = p.benefit and l.for_month = p.for_month"
        + " and l.attempt = 0", LINE_KEY);
    // 1. every benefit payable in the month, and every one-off subsidy due and not yet paid; a one-off is for its
    //    start month, so the line's key pays it once whichever run it falls in
    jdbc.sql("""
        insert into payment_line (run_id, application_no, benefit, for_month, attempt, payee_name, payee_id, bank_name,
                                  account_no, amount, status)
        select :run, d.application_no, d.benefit, d.for_month, 0, d.payee_name, d.payee_id, a.bank_name, a.account_no,
               d.amount, case when a.account_no is null then 'MISSING_ACCOUNT' else 'PENDING' end
        from (select p.*, %s as amount
              from (select b.application_no, b.benefit, b.payee_name, b.payee_id, b.monthly_amount, b.one_off,
                           case when b.one_off then b.start_month else cast(:month as date) end as for_month
                    from benefit_record b join app_case c on c.application_no = b.application_no
                    where c.district_code = :district and not b.paid_outside_runs
                      and (%s or (b.one_off and b.start_month <= :month
                                  and not (b.status = 'ENDED' and b.end_month <= b.start_month)))) p
              where %s) d
        left join case_payment_account a on a.application_no = d.application_no
        where d.amount > 0
        %s""".formatted(BenefitMonths.amount("p", "p.for_month"), BenefitMonths.payable("b", ":month"), month1.where(), month1.onConflict()))
        .param("run", runId).param("month", m).param("district", districtCode).update();
    Once holiday = once("l.application_no = h.application_no and l.benefit = 'HOLIDAY_' || h.holiday"
        + " and l.for_month = h.pay_month and l.attempt = 0", LINE_KEY);
    // 1b. the holiday subsidies (节日补贴) the city added for this month, one line per household and holiday,
    //     paid like the household's benefit (same payee and account); their key keeps each paid once
    jdbc.sql("""
        insert into payment_line (run_id, application_no, benefit, for_month, attempt, payee_name, payee_id, bank_name,
                                  account_no, amount, status)
        select :run, h.application_no, 'HOLIDAY_' || h.holiday, h.pay_month, 0, b.payee_name, b.payee_id, a.bank_name,
               a.account_no, h.amount, case when a.account_no is null then 'MISSING_ACCOUNT' else 'PENDING' end
        from holiday_subsidy h
        join app_case c on c.application_no = h.application_no
        join benefit_record b on b.application_no = h.application_no
        left join case_payment_account a on a.application_no = h.application_no
        where c.district_code = :district and h.pay_month = :month
          and %s
        %s""".formatted(holiday.where(), holiday.onConflict()))
        .param("run", runId).param("month", m).param("district", districtCode).update();
    Once retry = once("l.retry_of = f.id", "retry_of");
    // 2. lines that failed in earlier runs (and those that lacked an account that now has one), once each, for
    //    their own month, to the account the case has now — unless the benefit has since ended before that month
    jdbc.sql("""
        insert into payment_line (run_id, application_no, benefit, for_month, attempt, retry_of, payee_name, payee_id,
                                  bank_name, account_no, amount, status)
        select :run, f.application_no, f.benefit, f.for_month, f.attempt + 1, f.id, b.payee_name, b.payee_id,
               a.bank_name, a.account_no, f.amount,
               case when a.account_no is null then 'MISSING_ACCOUNT' else 'PENDING' end
        from payment_line f
        join app_case c on c.application_no = f.application_no
        join benefit_record b on b.application_no = f.application_no
        left join case_payment_account a on a.application_no = f.application_no
        where c.district_code = :district and f.run_id <> :run
          and (f.status = 'FAILED' or (f.status = 'MISSING_ACCOUNT' and a.account_no is not null))
          and %s
          and (b.one_off or b.end_month is null or f.for_month < b.end_month)
        %s""".formatted(retry.where(), retry.onConflict()))
        .param("run", runId).param("district", districtCode).update();
    // 3. the figures, from the lines themselves: the total is what the bank is asked to pay
    jdbc.sql("""
        update payment_run set
          lines = (select count(*) from payment_line l where l.run_id = :run),
          total = (select coalesce(sum(l.amount), 0) from payment_line l where l.run_id = :run and l.status = 'PENDING'),
          missing_account = (select count(*) from payment_line l where l.run_id = :run and l.status = 'MISSING_ACCOUNT')
        where run_id = :run""").param("run", runId).update();
    return runId;
  }

  public Optional<Run> find(long runId) {
    return jdbc.sql("""
        select run_id, run_month, district_code, created_by, created_at, lines, total, missing_account
        from payment_run where run_id = ?""").param(runId)
        .query((rs, i) -> new Run(rs.getLong(1), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getString(3),
            rs.getString(4), rs.getTimestamp(5), rs.getInt(6), rs.getBigDecimal(7), rs.getInt(8)))
        .optional();
  }

  /** The run's lines in order, a page of them ({@code offset}, at most {@code limit}). */
  public List<Line> lines(long runId, int offset, int limit) {
    return jdbc.sql("""
        select id, application_no, benefit, for_month, payee_name, payee_id, bank_name, account_no, amount, status,
               reason, retry_of
        from payment_line where run_id = ? order by id offset ? rows fetch next ? rows only""")
        .params(runId, offset, limit)
        .query((rs, i) -> new Line(rs.getLong(1), rs.getString(2), rs.getString(3),
            YearMonth.from(rs.getDate(4).toLocalDate()), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getBigDecimal(9), rs.getString(10), rs.getString(11),
            (Long) rs.getObject(12, Long.class)))
        .list();
  }
}
