package org.minzhengflow.benchmark;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import org.minzhengflow.support.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Workload "payments" (issue 10: a run of 100,000 lines in under a minute on 2 cores with PostgreSQL). Puts
 * {@code benchmark.paymentLines} active 低保 benefits into one district with set-based SQL — cases, benefit
 * records with their GRANTED change (the run reads each month's amount from the changes) and, for all but one in
 * fifty, a bank account — then times {@code POST /api/payments/runs} over HTTP as the district would call it, and the
 * bank file after it. Fails when the run does not hold a line per benefit or its total is not the sum of its lines.
 */
final class PaymentsWorkload {

  static final int LINES = Integer.getInteger("benchmark.paymentLines", 100_000);
  /** 南岗区: a district of Harbin that no other workload files cases in directly. */
  static final String DISTRICT = "230103";

  record Result(int benefits, int lines, int missingAccount, BigDecimal total, double runSeconds, double fileSeconds,
      long fileBytes) {
    double linesPerSecond() {
      return lines / runSeconds;
    }
  }

  private PaymentsWorkload() {}

  static Result run(JdbcTemplate jdbc, int port, Clock clock) {
    YearMonth month = YearMonth.now(clock);
    java.sql.Date start = java.sql.Date.valueOf(month.minusMonths(1).atDay(1));
    jdbc.update("""
        insert into app_case (application_no, kind, status, street_code, district_code, applicant_name, submitted_by,
                              submitted_at, case_deadline)
        select 'PAYB-' || g, 'dibao', 'APPROVED', null, ?, '户主' || g, 'benchmark', now(), current_date
        from generate_series(1, ?) g""", DISTRICT, LINES);
    // amounts spread over 300–699 yuan, cents included, so the total is a real sum
    jdbc.update("""
        insert into benefit_record (application_no, benefit, category, street_code, monthly_amount, start_month, status,
                                    one_off, payee_name, payee_id)
        select 'PAYB-' || g, 'DIBAO', 'DIBAO', ?, 300 + (g % 400) + (g % 100) / 100.0, ?, 'ACTIVE', false, '户主' || g,
               '230103' || lpad(cast(g as varchar), 12, '0')
        from generate_series(1, ?) g""", DISTRICT, start, LINES);
    jdbc.update("""
        insert into benefit_change (application_no, changed_at, changed_by, change, monthly_amount, from_month, reason)
        select b.application_no, now(), 'benchmark', 'GRANTED', b.monthly_amount, b.start_month, '批准低保'
        from benefit_record b where b.application_no like 'PAYB-%'""");
    jdbc.update("""
        insert into case_payment_account (application_no, bank_name, account_no)
        select 'PAYB-' || g, '哈尔滨银行南岗支行', '6210' || lpad(cast(g as varchar), 15, '0')
        from generate_series(1, ?) g where g % 50 <> 0""", LINES);
    jdbc.execute("analyze");

    // the run is one request that answers when the run is written: its time is the figure, not a failure at 30 s
    Http http = new Http(port).timeout(java.time.Duration.ofMinutes(15));
    long t0 = System.nanoTime();
    Http.Response created = http.post("admin", "/api/payments/runs",
        Map.of("month", month.toString(), "districtCode", DISTRICT));
    double runSeconds = (System.nanoTime() - t0) / 1e9;
    if (created.status() != 201) {
      throw new AssertionError("payment run refused: " + created.status() + " " + created.body());
    }
    long runId = created.json().get("runId").asLong();
    int lines = created.json().get("lines").asInt();
    BigDecimal total = created.json().get("total").decimalValue();
    BigDecimal sum = jdbc.queryForObject(
        "select coalesce(sum(amount), 0) from payment_line where run_id = ? and status = 'PENDING'", BigDecimal.class, runId);
    Integer ours = jdbc.queryForObject(
        "select count(*) from payment_line where run_id = ? and application_no like 'PAYB-%'", Integer.class, runId);
    if (ours == null || ours != LINES || sum.compareTo(total) != 0) {
      throw new AssertionError("payment run of %d benefits holds %s of their lines, total %s, lines sum to %s"
          .formatted(LINES, ours, total, sum));
    }
    t0 = System.nanoTime();
    Http.Response file = http.get("admin", "/api/payments/runs/" + runId + "/bank-file");
    double fileSeconds = (System.nanoTime() - t0) / 1e9;
    if (file.status() != 200) {
      throw new AssertionError("bank file refused: " + file.status());
    }
    return new Result(LINES, lines, created.json().get("missingAccount").asInt(), total, runSeconds, fileSeconds,
        file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }
}
