package org.minzhengflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * From an approved 低保 household with a bank account to its money, through the REST APIs only, on PostgreSQL with
 * the job executor running: approval, the month of approval without a line, the next month's run, its bank file,
 * a failed transfer, two bureaus making the following run at once (one run, one 409), the failed month paid again
 * once, and the street's 阳光低保 roster.
 */
class PaymentRestPostgresIT extends PostgresIntegrationTest {

  static final String ACCOUNT = "6217000010001234567";

  @Test
  void anApprovedHouseholdIsPaidFromTheNextMonthThroughTheBankFile() throws Exception {
    Http http = http();
    String self = TestIds.idNumber("230110", LocalDate.of(1968, 3, 3), 871, true);
    String wife = TestIds.idNumber("230110", LocalDate.of(1970, 6, 6), 872, false);
    Map<String, Object> body = Map.of("streetCode", "230110001", "areaType", "URBAN", "applicantIdNumber", self,
        "members", List.of(DibaoRestPostgresIT.member("付款一", self, "SELF", 400),
            DibaoRestPostgresIT.member("付款二", wife, "SPOUSE", 100)),
        "assets", Map.of("financialAssets", 2000, "vehicles", 0, "houses", 1, "nonResidentialProperties", 0,
            "businessRegistered", false),
        "payment", Map.of("bankName", "中国建设银行哈尔滨香坊支行", "accountNo", ACCOUNT));
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "住房简陋,无贵重家电"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    http.await("xf1-worker1", "/api/dibao/applications/" + no, r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText()));
    Http.Response timers = noticeTimers(http, pid);
    http.post("admin", "/engine-rest/job/" + timers.json().get(0).get("id").asText() + "/execute", Map.of());
    complete(http, "xf-approver", awaitTask(http, "xf-approver", pid, "districtApproval"), Map.of("decision", "approve"));
    http.await("xf1-worker1", "/api/dibao/applications/" + no, r -> "APPROVED".equals(r.json().path("status").asText()));

    // approved this month: nothing this month, 964 from next month
    YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
    JsonNode thisMonth = run(http, now);
    assertThat(lines(http, thisMonth, no)).isEmpty();
    JsonNode next = run(http, now.plusMonths(1));
    List<JsonNode> paid = lines(http, next, no);
    assertThat(paid).singleElement().satisfies(l -> {
      assertThat(l.get("amount").decimalValue()).isEqualByComparingTo("964");
      assertThat(l.get("payeeName").asText()).isEqualTo("付款一");
      assertThat(l.get("accountNo").asText()).isEqualTo("***************4567");
      assertThat(l.get("idNumber").asText()).isNotEqualTo(self).endsWith(self.substring(14));
      assertThat(l.get("status").asText()).isEqualTo("PENDING");
    });
    assertThat(http.get("city-approver", "/api/payments/runs/" + next.get("runId").asText()).body())
        .doesNotContain(ACCOUNT).doesNotContain(self);

    Http.Response file = http.get("xf-approver", "/api/payments/runs/" + next.get("runId").asText() + "/bank-file");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).contains(no + ",付款一," + self + ",中国建设银行哈尔滨香坊支行," + ACCOUNT + ",964.00," + now.plusMonths(1));
    assertThat(http.get("city-approver", "/api/payments/runs/" + next.get("runId").asText() + "/bank-file").status())
        .isEqualTo(403);

    Http.Response failed = http.post("xf-approver", "/api/payments/runs/" + next.get("runId").asText() + "/results",
        List.of(Map.of("applicationNo", no, "status", "FAILED", "reason", "户名与账号不符")));
    assertThat(failed.status()).as(failed.body()).isEqualTo(200);

    // two bureaus at once: the unique key lets one run through, the other is 409
    YearMonth later = now.plusMonths(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Http.Response>> both = new ArrayList<>();
    for (String user : List.of("xf-approver", "admin")) {
      both.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return http.post(user, "/api/payments/runs", Map.of("month", later.toString(), "districtCode", "230110"));
      }, pool));
    }
    start.countDown();
    List<Integer> statuses = both.stream().map(f -> f.join().status()).sorted().toList();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(statuses).containsExactly(201, 409);
    JsonNode afterFailure = both.stream().map(CompletableFuture::join).filter(r -> r.status() == 201).findFirst()
        .orElseThrow().json();
    assertThat(lines(http, afterFailure, no)).extracting(l -> l.get("forMonth").asText())
        .containsExactlyInAnyOrder(now.plusMonths(1).toString(), later.toString());
    assertThat(afterFailure.get("total").decimalValue()).isEqualByComparingTo(
        sum(http.get("admin", "/api/payments/runs/" + afterFailure.get("runId").asText()).json()));

    Http.Response settled = http.post("xf-approver", "/api/payments/runs/" + afterFailure.get("runId").asText() + "/results",
        List.of(Map.of("applicationNo", no, "status", "PAID")));
    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    assertThat(lines(http, afterFailure, no)).allSatisfy(l -> assertThat(l.get("status").asText()).isEqualTo("PAID"));
    JsonNode third = run(http, now.plusMonths(3));
    assertThat(lines(http, third, no)).extracting(l -> l.get("forMonth").asText())
        .containsExactly(now.plusMonths(3).toString());

    // 阳光低保: the street's roster for next month shows the household, never its ID numbers
    Http.Response roster = http.get("xf1-worker2", "/api/dibao/roster?streetCode=230110001&month=" + now.plusMonths(1));
    assertThat(roster.status()).as(roster.body()).isEqualTo(200);
    assertThat(roster.json()).filteredOn(r -> r.get("name").asText().equals("付款一")).singleElement().satisfies(r -> {
      assertThat(r.get("householdSize").asInt()).isEqualTo(2);
      assertThat(r.get("monthlyAmount").decimalValue()).isEqualByComparingTo("964");
    });
    assertThat(roster.body()).doesNotContain(self).doesNotContain(ACCOUNT);
    assertThat(roster.json().get(0).size()).isEqualTo(3);
    Http.Response thisMonthRoster = http.get("city-approver", "/api/dibao/roster?streetCode=230110001&month=" + now);
    assertThat(thisMonthRoster.json()).noneMatch(r -> r.get("name").asText().equals("付款一"));
    assertThat(http.get("dl1-worker1", "/api/dibao/roster?streetCode=230110001").status()).isEqualTo(403);
    Http.Response bad = http.get("xf1-worker1", "/api/dibao/roster?streetCode=2301&month=2027-1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("streetCode", "month");
  }

  private JsonNode run(Http http, YearMonth month) {
    Http.Response r = http.post("xf-approver", "/api/payments/runs", Map.of("month", month.toString(), "districtCode", "230110"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private List<JsonNode> lines(Http http, JsonNode run, String applicationNo) {
    List<JsonNode> found = new ArrayList<>();
    http.get("xf-approver", "/api/payments/runs/" + run.get("runId").asText()).json().get("items").forEach(i -> {
      if (i.get("applicationNo").asText().equals(applicationNo)) {
        found.add(i);
      }
    });
    return found;
  }

  private static java.math.BigDecimal sum(JsonNode run) {
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (JsonNode i : run.get("items")) {
      if (i.get("status").asText().equals("PENDING")) {
        total = total.add(i.get("amount").decimalValue());
      }
    }
    return total;
  }
}
