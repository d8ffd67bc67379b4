package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13, item 4 — concurrency through the REST APIs on PostgreSQL: requests released at the same instant by a
 * latch. Two users claiming or completing one task, two task operations (委派, 撤回) at once on one task or case,
 * 200 intake requests for one household, several payment runs for one district and month: exactly one succeeds,
 * every other answers 409 with a Chinese message, and the database holds exactly one result.
 */
class ConcurrencyRestPostgresIT extends PostgresIntegrationTest {

  private static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
  private static final Map<String, String> FIGURES = new LinkedHashMap<>();

  @Autowired private JdbcTemplate jdbc;
  @Autowired private TaskService tasks;

  @Test
  void twoUsersClaimingOneTaskAtOnceOneWinsTheOtherGets409() throws Exception {
    Http http = http();
    int rounds = 5;
    int conflicts = 0;
    for (int round = 0; round < rounds; round++) {
      String pid = dibao(http);
      String task = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
      List<Http.Response> answers = atOnce(List.of(
          () -> http.post("xf1-worker1", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker1")),
          () -> http.post("xf1-worker2", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker2"))));
      conflicts += exactlyOneWins(answers, 204, "claim");
      String assignee = tasks.createTaskQuery().taskId(task).singleResult().getAssignee();
      assertThat(assignee).isIn("xf1-worker1", "xf1-worker2");
      assertThat(answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow().json().get("message").asText())
          .isEqualTo("该任务已被他人认领,请刷新任务列表");
    }
    FIGURES.put("claim one task, 2 users at once", rounds + " rounds: " + rounds + " × 204, " + conflicts + " × 409");
  }

  @Test
  void twoUsersCompletingOneTaskAtOnceOneWinsTheOtherGets409() throws Exception {
    Http http = http();
    int rounds = 5;
    int conflicts = 0;
    for (int round = 0; round < rounds; round++) {
      String pid = dibao(http);
      String task = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
      List<Http.Response> answers = atOnce(List.of(
          () -> http.post("xf1-worker1", "/engine-rest/task/" + task + "/complete", investigation("xf1-worker2")),
          () -> http.post("xf1-worker2", "/engine-rest/task/" + task + "/complete", investigation("xf1-worker1"))));
      conflicts += exactlyOneWins(answers, 204, "complete");
      // the case moved on once: one street review, one recorded investigation
      awaitTask(http, "xf1-leader", pid, "streetReview");
      assertThat(jdbc.queryForObject("select count(*) from case_history where process_instance_id = ? and step = ?",
          Integer.class, pid, "householdInvestigation")).isOne();
      assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isOne();
    }
    FIGURES.put("complete one task, 2 users at once", rounds + " rounds: " + rounds + " × 204, " + conflicts + " × 409");
  }

  @Test
  void twoDelegationsAndTwoWithdrawalsAtOnceOneWinsTheOtherGets409() throws Exception {
    Http http = http();
    String pid = dibao(http);
    String task = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);
    Map<String, Object> delegation = Map.of("toUser", "xf1-worker2", "reason", "请协助入户");
    List<Http.Response> delegations = atOnce(List.of(
        () -> http.post("xf1-worker1", "/api/tasks/" + task + "/delegate", delegation),
        () -> http.post("xf1-worker1", "/api/tasks/" + task + "/delegate", delegation)));
    exactlyOneWins(delegations, 200, "delegate");
    // recorded once in the case history (the operation is its decision column)
    assertThat(jdbc.queryForObject("select count(*) from case_history where process_instance_id = ? and decision = ?",
        Integer.class, pid, "delegate")).isOne();
    FIGURES.put("delegate one task twice at once (taskops)", "1 × 200, 1 × 409");

    // the delegate resolves it, the owner completes it; then the owner withdraws it twice at once
    assertThat(http.post("xf1-worker2", "/api/tasks/" + task + "/resolve", Map.of("opinion", "已入户")).status())
        .isEqualTo(200);
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + task + "/complete", investigation("xf1-worker2")).status())
        .isEqualTo(204);
    awaitTask(http, "xf1-leader", pid, "streetReview");
    String no = jdbc.queryForObject("select application_no from app_case where process_instance_id = ?", String.class, pid);
    List<Http.Response> withdrawals = atOnce(List.of(
        () -> http.post("xf1-worker1", "/api/applications/" + no + "/withdraw", Map.of("reason", "补充调查")),
        () -> http.post("xf1-worker1", "/api/applications/" + no + "/withdraw", Map.of("reason", "补充调查"))));
    exactlyOneWins(withdrawals, 200, "withdraw");
    assertThat(tasks.createTaskQuery().processInstanceId(pid).list()).extracting(t -> t.getTaskDefinitionKey())
        .containsExactly("householdInvestigation");
    FIGURES.put("withdraw one case twice at once (taskops)", "1 × 200, 1 × 409");
  }

  @Test
  void twoHundredIntakeRequestsForOneHouseholdMakeExactlyOneApplication() throws Exception {
    Http http = http();
    Map<String, Object> household = DibaoRestPostgresIT.application("230110001");
    String applicant = (String) household.get("applicantIdNumber");
    int requests = 200;
    List<Http.Response> answers = oneCreatedOfMany(http, requests, "xf1-worker1", "xf1-worker2", "/api/dibao/applications",
        household);
    Map<Integer, Integer> byStatus = byStatus(answers);
    answers.stream().filter(r -> r.status() == 409)
        .forEach(r -> assertThat(r.json().get("message").asText()).containsPattern(CHINESE));
    // one case, one claim, one process instance for the household: the claim's primary key decided the race
    assertThat(jdbc.queryForObject("select count(distinct application_no) from case_person where id_number = ?",
        Integer.class, applicant)).isOne();
    assertThat(jdbc.queryForObject("select count(*) from benefit_claim where id_number = ? and benefit = 'DIBAO'",
        Integer.class, applicant)).isOne();
    String no = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().get("applicationNo").asText();
    assertThat(jdbc.queryForObject("select count(*) from act_ru_execution where business_key_ = ? and parent_id_ is null",
        Integer.class, no)).isOne();
    FIGURES.put("POST /api/dibao/applications, one household, " + requests + " at once", byStatus.toString());
  }

  @Test
  void paymentRunsForOneDistrictAndMonthAtOnceMakeExactlyOneRun() throws Exception {
    Http http = http();
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(2);
    Map<String, Object> body = Map.of("month", month.toString(), "districtCode", "230102");
    int requests = 8;
    List<Http.Response> answers = oneCreatedOfMany(http, requests, "dl-approver", "admin", "/api/payments/runs", body);
    Map<Integer, Integer> byStatus = byStatus(answers);
    answers.stream().filter(r -> r.status() == 409)
        .forEach(r -> assertThat(r.json().get("message").asText()).contains("发放批次"));
    assertThat(jdbc.queryForObject("select count(*) from payment_run where district_code = ? and run_month = ?",
        Integer.class, "230102", month.atDay(1))).isOne();
    FIGURES.put("POST /api/payments/runs, 230102 " + month + ", " + requests + " at once", byStatus.toString());
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private String dibao(Http http) {
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("processInstanceId").asText();
  }

  private static Map<String, Object> investigation(String second) {
    return Map.of("variables", Map.of("secondInvestigator", Map.of("value", second),
        "findings", Map.of("value", "情况属实")));
  }

  /** Exactly one answer is the success, the others 409 with a Chinese message; returns the number of 409s. */
  private static int exactlyOneWins(List<Http.Response> answers, int success, String what) {
    List<Integer> statuses = answers.stream().map(Http.Response::status).toList();
    assertThat(statuses).as(what + ": " + answers).containsOnly(success, 409);
    assertThat(statuses.stream().filter(s -> s == success).count()).as(what + ": " + statuses).isOne();
    for (Http.Response r : answers) {
      if (r.status() == 409) {
        assertThat(r.json().get("message").asText()).as(r.body()).containsPattern(CHINESE);
        assertThat(r.body()).doesNotContain("at org.", "at java.");
      }
    }
    return (int) statuses.stream().filter(s -> s == 409).count();
  }

  /** Sends every request from its own thread, all released by one latch at the same instant. */
  private static List<Http.Response> atOnce(List<Callable<Http.Response>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CountDownLatch ready = new CountDownLatch(calls.size());
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Http.Response>> futures = new ArrayList<>();
      for (Callable<Http.Response> call : calls) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return call.call();
        }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Http.Response> answers = new ArrayList<>();
      for (Future<Http.Response> f : futures) {
        answers.add(f.get(120, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  @AfterAll
  static void printFigures() {
    StringBuilder out = new StringBuilder("\n| concurrent requests | answers |\n| --- | --- |\n");
    FIGURES.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    System.out.println(out);
  }

  /**
   * The same POST sent {@code requests} times at once, alternately by two users: exactly one is created (201), every
   * other answer is a 409. Returns the answers.
   */
  private List<Http.Response> oneCreatedOfMany(Http http, int requests, String oneUser, String otherUser, String path,
      Object body) throws Exception {
    List<Callable<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      String user = i % 2 == 0 ? oneUser : otherUser;
      calls.add(() -> http.post(user, path, body));
    }
    List<Http.Response> answers = atOnce(calls);
    Map<Integer, Integer> byStatus = byStatus(answers);
    assertThat(byStatus).as(byStatus.toString()).containsOnlyKeys(201, 409);
    assertThat(byStatus.get(201)).isOne();
    return answers;
  }

  private static Map<Integer, Integer> byStatus(List<Http.Response> answers) {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    answers.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
    return byStatus;
  }
}
