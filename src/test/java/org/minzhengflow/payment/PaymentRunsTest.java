package org.minzhengflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.PaymentAccounts;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Payment runs through the REST API on H2, with benefits granted through the registry as the processes grant
 * them and the engine clock at 10 January 2027. Each test works in a district of its own, since a district has
 * one run per month.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PaymentRunsTest {

  static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");
  static final LocalDate JAN = LocalDate.of(2027, 1, 1);
  static final AtomicInteger SERIAL = new AtomicInteger(100);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired BenefitRecords benefits;
  @Autowired PaymentAccounts accounts;

  Http http;

  @BeforeEach
  void now() {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 1, 10, 9, 0, 0, 0, OFFICE).toInstant()));
    http = new Http(port);
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  /** An approved case of the district with a benefit from {@code start}, paid to {@code account} (or none). */
  String benefit(String district, String benefit, String amount, LocalDate start, String account) {
    int n = SERIAL.incrementAndGet();
    String no = "PAYT-" + n;
    String street = "230110".equals(district) ? "230110001" : "230102".equals(district) ? "230102001" : null;
    jdbc.sql("""
        insert into app_case (application_no, kind, status, street_code, district_code, applicant_name, submitted_by,
                              submitted_at, case_deadline)
        values (?, 'dibao', 'APPROVED', ?, ?, ?, 'test', ?, ?)""")
        .params(no, street, district, "户主" + n, Timestamp.from(Instant.now()), JAN).update();
    benefits.grant(no, benefit, benefit, street == null ? district : street, new BigDecimal(amount), start);
    jdbc.sql("update benefit_record set payee_id = ? where application_no = ?")
        .params(TestIds.idNumber("230110", LocalDate.of(1960, 1, 1), n % 1000, true), no).update();
    if (account != null) {
      accounts.save(no, new PaymentAccounts.Payment("中国工商银行哈尔滨香坊支行", account));
    }
    return no;
  }

  Http.Response run(String user, String district, String month) {
    return http.post(user, "/api/payments/runs", Map.of("month", month, "districtCode", district));
  }

  JsonNode created(String district, String month) {
    Http.Response r = run("admin", district, month);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  List<JsonNode> items(JsonNode run, String applicationNo) {
    JsonNode body = http.get("admin", "/api/payments/runs/" + run.get("runId").asText()).json();
    List<JsonNode> found = new ArrayList<>();
    body.get("items").forEach(i -> {
      if (i.get("applicationNo").asText().equals(applicationNo)) {
        found.add(i);
      }
    });
    return found;
  }

  Http.Response results(String user, JsonNode run, Object body) {
    return http.post(user, "/api/payments/runs/" + run.get("runId").asText() + "/results", body);
  }

  @Test
  void aBenefitApprovedInAMonthIsPaidFromTheNextMonth() {
    // approved in January: the registry's first month is February
    String no = benefit("230103", "DIBAO", "964", JAN.plusMonths(1), "6222020000000000001");
    assertThat(items(created("230103", "2027-01"), no)).isEmpty();
    List<JsonNode> feb = items(created("230103", "2027-02"), no);
    assertThat(feb).hasSize(1);
    assertThat(feb.get(0).get("amount").decimalValue()).isEqualByComparingTo("964");
    assertThat(feb.get(0).get("status").asText()).isEqualTo("PENDING");
    assertThat(feb.get(0).get("forMonth").asText()).isEqualTo("2027-02");
  }

  @Test
  void theLastMonthOfAGradualExitIsPaidAndTheNextIsNot() {
    String no = benefit("230104", "DIBAO", "500", JAN.minusMonths(6), "6222020000000000002");
    // 渐退期 until March: February is the last month paid
    assertThat(benefits.startGradualExit(no, JAN.plusMonths(2), "test", "收入超过低保标准")).isTrue();
    assertThat(items(created("230104", "2027-01"), no)).hasSize(1);
    assertThat(items(created("230104", "2027-02"), no)).hasSize(1);
    assertThat(items(created("230104", "2027-03"), no)).isEmpty();
  }

  @Test
  void eachMonthIsPaidAtItsOwnAmountAndAOneOffSubsidyOnce() {
    String adjusted = benefit("230108", "DIBAO", "600", JAN.minusMonths(3), "6222020000000000003");
    // a re-review adjusts the amount from February: January keeps the old amount
    assertThat(benefits.adjust(adjusted, new BigDecimal("450"), JAN.plusMonths(1), "test", "收入增加")).isTrue();
    // a construction subsidy granted for December (before any run) is paid once, by the first run
    String once = benefit("230108", "NH_CONSTRUCTION_SUBSIDY", "120000", JAN.minusMonths(1), "6222020000000000004");
    jdbc.sql("update benefit_record set one_off = true where application_no = ?").param(once).update();
    benefits.end(once, JAN, "一次性补贴");
    // referred households (低收入) carry no money: no line
    String none = benefit("230108", "LOW_INCOME", "0", JAN.minusMonths(2), "6222020000000000005");

    JsonNode jan = created("230108", "2027-01");
    assertThat(items(jan, adjusted)).singleElement().satisfies(i -> assertThat(i.get("amount").decimalValue()).isEqualByComparingTo("600"));
    assertThat(items(jan, once)).singleElement().satisfies(i -> {
      assertThat(i.get("amount").decimalValue()).isEqualByComparingTo("120000");
      assertThat(i.get("forMonth").asText()).isEqualTo("2026-12");
    });
    assertThat(items(jan, none)).isEmpty();
    JsonNode feb = created("230108", "2027-02");
    assertThat(items(feb, adjusted)).singleElement().satisfies(i -> assertThat(i.get("amount").decimalValue()).isEqualByComparingTo("450"));
    assertThat(items(feb, once)).isEmpty();
  }

  @Test
  void aFailedLineIsPaidAgainByTheNextRunAndOnlyOnce() {
    String no = benefit("230109", "DIBAO", "800", JAN.minusMonths(1), "6222020000000000006");
    String other = benefit("230109", "DIBAO", "300", JAN.minusMonths(1), "6222020000000000007");
    JsonNode jan = created("230109", "2027-01");

    // a result for a case the run does not hold: 409, and the good result beside it is not applied either
    Http.Response foreign = results("admin", jan, List.of(Map.of("applicationNo", no, "status", "FAILED", "reason", "账户已冻结"),
        Map.of("applicationNo", "NOT-IN-RUN", "status", "PAID")));
    assertThat(foreign.status()).as(foreign.body()).isEqualTo(409);
    assertThat(items(jan, no).get(0).get("status").asText()).isEqualTo("PENDING");

    Http.Response bad = results("admin", jan, List.of(Map.of("applicationNo", no, "status", "LOST"),
        Map.of("status", "FAILED")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("[0].status", "[1].applicationNo", "[1].reason");

    List<Map<String, String>> answer = List.of(Map.of("applicationNo", no, "status", "FAILED", "reason", "账户已冻结"),
        Map.of("applicationNo", other, "status", "PAID"));
    assertThat(results("admin", jan, answer).status()).isEqualTo(200);
    // the bank sends the same file again: nothing changes; a contradicting result is refused
    assertThat(results("admin", jan, answer).status()).isEqualTo(200);
    assertThat(results("admin", jan, List.of(Map.of("applicationNo", other, "status", "FAILED", "reason", "x"))).status())
        .isEqualTo(409);
    assertThat(items(jan, no).get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(items(jan, no).get(0).get("reason").asText()).isEqualTo("账户已冻结");

    JsonNode feb = created("230109", "2027-02");
    List<JsonNode> paidAgain = items(feb, no);
    assertThat(paidAgain).extracting(i -> i.get("forMonth").asText()).containsExactlyInAnyOrder("2027-01", "2027-02");
    assertThat(paidAgain).allSatisfy(i -> assertThat(i.get("status").asText()).isEqualTo("PENDING"));
    assertThat(items(feb, other)).extracting(i -> i.get("forMonth").asText()).containsExactly("2027-02");
    // two lines of one case in the run: the month tells them apart
    assertThat(results("admin", feb, List.of(Map.of("applicationNo", no, "month", "2027-01", "status", "PAID"))).status())
        .isEqualTo(200);
    assertThat(items(feb, no)).filteredOn(i -> i.get("forMonth").asText().equals("2027-02"))
        .singleElement().satisfies(i -> assertThat(i.get("status").asText()).isEqualTo("PENDING"));

    JsonNode mar = created("230109", "2027-03");
    assertThat(items(mar, no)).extracting(i -> i.get("forMonth").asText()).containsExactly("2027-03");
    assertThat(jdbc.sql("select count(*) from payment_line where application_no = ? and for_month = ?")
        .params(no, JAN).query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void aLateDeathReportRecoversTheMonthsPaidAfterTheEnd() {
    String no = benefit("230111", "DIBAO", "700", JAN.minusMonths(2), "6222020000000000008");
    JsonNode jan = created("230111", "2027-01");
    assertThat(results("admin", jan, List.of(Map.of("applicationNo", no, "status", "PAID"))).status()).isEqualTo(200);
    created("230111", "2027-02");
    assertThat(http.get("admin", "/api/payments/recoveries?districtCode=230111").json()).isEmpty();

    // the death in December is reported in January: nothing is owed from January on
    assertThat(benefits.end(no, JAN, "test", "户主于2026年12月去世")).isTrue();
    for (int call = 0; call < 2; call++) {
      Http.Response recoveries = http.get("city-approver", "/api/payments/recoveries?districtCode=230111");
      assertThat(recoveries.status()).as(recoveries.body()).isEqualTo(200);
      assertThat(recoveries.json()).hasSize(1);
      JsonNode r = recoveries.json().get(0);
      assertThat(r.get("applicationNo").asText()).isEqualTo(no);
      assertThat(r.get("months")).extracting(JsonNode::asText).containsExactly("2027-01", "2027-02");
      assertThat(r.get("amount").decimalValue()).isEqualByComparingTo("1400");
    }
    assertThat(jdbc.sql("select count(*) from payment_recovery where application_no = ?").param(no)
        .query(Integer.class).single()).isEqualTo(2);
    assertThat(items(created("230111", "2027-03"), no)).isEmpty();

    assertThat(http.get("admin", "/api/payments/recoveries").status()).isEqualTo(400);
    assertThat(http.get("xf-approver", "/api/payments/recoveries?districtCode=230111").status()).isEqualTo(403);
  }

  @Test
  void oneRunPerDistrictAndMonthForTheCurrentMonthOrUpToThreeAhead() {
    benefit("230113", "DIBAO", "400", JAN.minusMonths(1), "6222020000000000009");
    created("230113", "2027-01");
    Http.Response again = run("admin", "230113", "2027-01");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("message").asText()).contains("已经生成");
    assertThat(jdbc.sql("select count(*) from payment_run where district_code = '230113'").query(Integer.class).single())
        .isEqualTo(1);

    assertThat(run("admin", "230113", "2026-12").status()).isEqualTo(409);
    assertThat(run("admin", "230113", "2027-05").status()).isEqualTo(409);
    assertThat(run("admin", "230113", "2027-04").status()).isEqualTo(201);

    Http.Response invalid = http.post("admin", "/api/payments/runs", Map.of("month", "2027-13", "districtCode", "230110001"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("month", "districtCode");
    assertThat(http.post("admin", "/api/payments/runs", Map.of()).json().get("errors"))
        .extracting(e -> e.get("message").asText()).containsOnly("必须填写");

    // another district's bureau, a street, the city: 403
    assertThat(run("xf-approver", "230102", "2027-02").status()).isEqualTo(403);
    assertThat(run("dl1-worker1", "230102", "2027-02").status()).isEqualTo(403);
    assertThat(run("city-approver", "230102", "2027-02").status()).isEqualTo(403);
    assertThat(run(null, "230102", "2027-02").status()).isEqualTo(401);
  }

  @Test
  void totalsReconcileMissingAccountsAreReportedAndOnlyTheBureauSeesFullNumbers() {
    String a = benefit("230110", "DIBAO", "964.50", JAN.minusMonths(1), "6222020000001111222");
    String b = benefit("230110", "REGULAR_FIXED", "219.60", JAN.minusMonths(1), "6222020000003333444");
    String none = benefit("230110", "DIBAO", "500", JAN.minusMonths(1), null);
    Http.Response created = run("xf-approver", "230110", "2027-01");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode run = created.json();
    long runId = run.get("runId").asLong();
    BigDecimal sumOfLines = jdbc.sql("select sum(amount) from payment_line where run_id = ? and status = 'PENDING'")
        .param(runId).query(BigDecimal.class).single();
    assertThat(run.get("total").decimalValue()).isEqualByComparingTo(sumOfLines);
    assertThat(run.get("lines").asInt()).isEqualTo(jdbc.sql("select count(*) from payment_line where run_id = ?")
        .param(runId).query(Integer.class).single());
    assertThat(run.get("missingAccount").asInt()).isEqualTo(1);
    assertThat(run.get("total").decimalValue()).isEqualByComparingTo("1184.10");

    JsonNode view = http.get("city-approver", "/api/payments/runs/" + runId).json();
    assertThat(view.get("items")).hasSize(3);
    JsonNode line = items(run, a).get(0);
    assertThat(line.get("accountNo").asText()).isEqualTo("***************1222");
    assertThat(line.get("idNumber").asText()).contains("********");
    assertThat(items(run, none).get(0).get("status").asText()).isEqualTo("MISSING_ACCOUNT");

    Http.Response file = http.get("xf-approver", "/api/payments/runs/" + runId + "/bank-file");
    assertThat(file.status()).isEqualTo(200);
    String[] rows = file.body().split("\r\n");
    assertThat(rows).hasSize(3);
    assertThat(rows[0]).startsWith("序号,申请编号,收款人姓名");
    assertThat(file.body()).contains("6222020000001111222", "6222020000003333444", a, b).doesNotContain(none);
    BigDecimal fileTotal = BigDecimal.ZERO;
    for (int i = 1; i < rows.length; i++) {
      fileTotal = fileTotal.add(new BigDecimal(rows[i].split(",")[6]));
    }
    assertThat(fileTotal).isEqualByComparingTo(run.get("total").decimalValue());
    assertThat(http.get("admin", "/api/payments/runs/" + runId + "/bank-file").status()).isEqualTo(200);
    assertThat(http.get("city-approver", "/api/payments/runs/" + runId + "/bank-file").status()).isEqualTo(403);
    assertThat(http.get("xf1-worker1", "/api/payments/runs/" + runId + "/bank-file").status()).isEqualTo(403);
    assertThat(http.get("dl-approver", "/api/payments/runs/" + runId).status()).isEqualTo(403);
    assertThat(http.get("xf1-leader", "/api/payments/runs/" + runId).status()).isEqualTo(403);
    assertThat(http.get("admin", "/api/payments/runs/999999").status()).isEqualTo(404);
    assertThat(results("dl-approver", run, List.of(Map.of("applicationNo", a, "status", "PAID"))).status()).isEqualTo(403);
  }

  @Test
  void aRunThatWouldPayAMonthTwiceIsRefusedWholeAndLeavesNothing() {
    String no = benefit("230112", "DIBAO", "650", JAN.minusMonths(1), "6222020000000000010");
    String other = benefit("230112", "DIBAO", "350", JAN.minusMonths(1), "6222020000000000011");
    JsonNode jan = created("230112", "2027-01");
    long janRun = jan.get("runId").asLong();
    assertThat(results("admin", jan, List.of(Map.of("applicationNo", no, "status", "FAILED", "reason", "账户已销户"))).status())
        .isEqualTo(200);
    // January already paid again by some other way (a line written by hand): paying it again would pay it twice
    jdbc.sql("""
        insert into payment_line (run_id, application_no, benefit, for_month, attempt, account_no, amount, status)
        values (?, ?, 'DIBAO', ?, 0, '6222020000000000010', 650, 'PAID')""").params(janRun, no, JAN.minusMonths(1)).update();
    long z = jdbc.sql("select id from payment_line where application_no = ? and for_month = ?")
        .params(no, JAN.minusMonths(1)).query(Long.class).single();
    jdbc.sql("""
        insert into payment_line (run_id, application_no, benefit, for_month, attempt, retry_of, account_no, amount, status)
        values (?, ?, 'DIBAO', ?, 1, ?, '6222020000000000010', 650, 'PAID')""").params(janRun, no, JAN, z).update();

    Http.Response feb = run("admin", "230112", "2027-02");
    assertThat(feb.status()).as(feb.body()).isEqualTo(409);
    assertThat(feb.json().get("message").asText()).contains("明细");
    // complete or absent: neither the run nor any of its lines (also not the other case's February line)
    assertThat(jdbc.sql("select count(*) from payment_run where district_code = '230112'").query(Integer.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from payment_line where application_no in (?, ?) and for_month = ?")
        .params(no, other, JAN.plusMonths(1)).query(Integer.class).single()).isZero();
  }

  @Test
  void monthsWithoutAnAccountArePaidOnceOneIsGivenAndAFailedMonthAfterTheEndIsNot() {
    String late = benefit("230102", "DIBAO", "420", JAN.minusMonths(1), null);
    String ended = benefit("230102", "DIBAO", "380", JAN.minusMonths(1), "6222020000000000012");
    JsonNode jan = created("230102", "2027-01");
    assertThat(jan.get("missingAccount").asInt()).isEqualTo(1);
    assertThat(items(jan, late)).singleElement().satisfies(i -> assertThat(i.get("status").asText()).isEqualTo("MISSING_ACCOUNT"));
    assertThat(results("admin", jan, List.of(Map.of("applicationNo", late, "status", "PAID"))).status())
        .as("a line that never went to the bank has no result").isEqualTo(409);
    assertThat(results("admin", jan, List.of(Map.of("applicationNo", ended, "status", "FAILED", "reason", "账户异常"))).status())
        .isEqualTo(200);
    // the benefit is then ended from January (a death in December): its failed January is not owed, nor recovered
    assertThat(benefits.end(ended, JAN, "test", "户主于2026年12月去世")).isTrue();

    JsonNode feb = created("230102", "2027-02");
    assertThat(items(feb, late)).extracting(i -> i.get("forMonth").asText() + " " + i.get("status").asText())
        .containsExactly("2027-02 MISSING_ACCOUNT");
    assertThat(items(feb, ended)).isEmpty();

    accounts.save(late, new PaymentAccounts.Payment("哈尔滨银行道里支行", "6210000000000000777"));
    JsonNode mar = created("230102", "2027-03");
    assertThat(items(mar, late)).extracting(i -> i.get("forMonth").asText() + " " + i.get("status").asText())
        .containsExactlyInAnyOrder("2027-01 PENDING", "2027-02 PENDING", "2027-03 PENDING");
    assertThat(mar.get("total").decimalValue()).isEqualByComparingTo("1260");
    assertThat(http.get("admin", "/api/payments/recoveries?districtCode=230102").json())
        .noneMatch(r -> r.get("applicationNo").asText().equals(ended));
  }

  @Test
  void holidaySubsidiesArePaidWithTheMonthsRunAndCashOrRecoveredOneOffsAreNot() {
    String household = benefit("230111", "DIBAO", "700", JAN.minusMonths(1), "6222020000000000031");
    String regular = benefit("230111", "REGULAR_FIXED", "220", JAN.minusMonths(1), "6222020000000000032");
    // 临时救助 paid in cash at the street office, and one recovered before any run paid it
    String cash = benefit("230111", "TEMPORARY_ASSISTANCE", "1200", JAN.plusMonths(3), "6222020000000000033");
    jdbc.sql("update benefit_record set one_off = true where application_no = ?").param(cash).update();
    benefits.paidOutsideRuns(cash);
    String recovered = benefit("230111", "TEMPORARY_ASSISTANCE", "800", JAN.plusMonths(3), "6222020000000000034");
    jdbc.sql("update benefit_record set one_off = true where application_no = ?").param(recovered).update();
    benefits.end(recovered, JAN.plusMonths(3), "先行救助核实不当");

    Http.Response call = http.post("city-approver", "/api/holiday-subsidies",
        Map.of("holiday", "SPRING_FESTIVAL", "year", 2027, "month", "2027-04"));
    assertThat(call.status()).as(call.body()).isEqualTo(201);
    assertThat(http.post("city-approver", "/api/holiday-subsidies",
        Map.of("holiday", "SPRING_FESTIVAL", "year", 2027, "month", "2027-04")).status()).isEqualTo(409);

    JsonNode april = created("230111", "2027-04");
    assertThat(items(april, household)).extracting(i -> i.get("benefit").asText() + "=" + i.get("amount").decimalValue().intValue())
        .containsExactlyInAnyOrder("DIBAO=700", "HOLIDAY_SPRING_FESTIVAL=300");
    assertThat(items(april, regular)).extracting(i -> i.get("benefit").asText() + "=" + i.get("amount").decimalValue().intValue())
        .containsExactlyInAnyOrder("REGULAR_FIXED=220", "HOLIDAY_SPRING_FESTIVAL=200");
    assertThat(items(april, cash)).isEmpty();
    assertThat(items(april, recovered)).isEmpty();
  }
}
