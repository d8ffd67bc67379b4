package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minzhengflow.reliability.DibaoOverHttp.Case;
import org.minzhengflow.support.Http;

/**
 * Issue 13 item 2: PostgreSQL stopped while cases are in flight. During the outage every API answers 503
 * {@code 数据库暂时不可用,请稍后重试}; verification jobs caught inside their transaction fail, are retried (three tries)
 * and end as incidents an operator sees in Cockpit ({@code /engine-rest/incident}); once the database is back and the
 * operator has given the jobs new retries, every case completes, and no case, decision, benefit or payment line is
 * lost or doubled (rows counted). docs/reliability.md §2.
 */
class DatabaseOutageReliability {

  /** Cases waiting at a person's step during the outages, and cases whose verification job the outages hit. */
  static final int WAITING = 6;
  static final int THREADS = 3;
  static final String MESSAGE = "数据库暂时不可用,请稍后重试";

  static StoppablePostgres db;
  static AppNode node;
  static final List<String> report = new ArrayList<>();
  static int answered503;
  static long slowest503;
  /** Failed tries of the verification jobs in the job log so far. */
  static long failuresWritten;

  @BeforeAll
  static void start() {
    db = new StoppablePostgres("outage");
    node = new AppNode("outage-node", db.url(), List.of(
        "--JOB_EXECUTOR_THREADS=" + THREADS,
        // three tries one second apart instead of five minutes, so the test sees the incident within seconds
        "--camunda.bpm.generic-properties.properties.failed-job-retry-time-cycle=R3/PT1S",
        // The product's lock time (5 minutes) stays: the lock must outlast a job held across an outage, or the job
        // executor acquires the job again once the database is back and runs it, and the engine drops the held
        // try's failure (FailedJobListener: "job re-acquired") — no retry is spent and no incident comes. With
        // 20 s here, shorter than the first outage (four 503 answers, 10 s each), that is what happened.
        "--faults.activities=Task_VerifyEconomicStatus"));
    node.start();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (db != null) {
      db.close();
    }
    report.forEach(System.out::println);
  }

  @Test
  void outageAnswers503JobsEndAsIncidentsAndAfterRetriesEveryCaseCompletesExactlyOnce() {
    Http http = node.http();
    List<Case> waiting = new ArrayList<>();
    for (int i = 0; i < WAITING; i++) {
      waiting.add(DibaoOverHttp.submit(http));
    }
    for (Case c : waiting) {
      DibaoOverHttp.completeStep(http, c, "householdInvestigation");
    }
    // half of them wait for the street's decision, half have it and wait for the district's approval
    for (Case c : waiting.subList(0, WAITING / 2)) {
      DibaoOverHttp.awaitTask(http, "xf1-leader", c.processInstanceId(), "streetReview", 120);
    }
    List<Case> atDistrict = waiting.subList(WAITING / 2, WAITING);
    for (Case c : atDistrict) {
      DibaoOverHttp.completeStep(http, c, "streetReview");
    }
    DibaoOverHttp.passNotices(http, db, atDistrict, 180);

    // verification jobs inside their transactions when the database goes away: one per job thread
    node.arm("Task_VerifyEconomicStatus");
    List<Case> hit = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      hit.add(DibaoOverHttp.submit(http));
    }
    Case decidedDuringOutage = waiting.get(0);
    String streetReview = DibaoOverHttp.task(http, "xf1-leader", decidedDuringOutage.processInstanceId(), "streetReview");
    // Outages until each of those jobs has failed its three tries. PostgreSQL is started again before the held jobs
    // go on, so each fails on its broken connection while the failure can be written (retries − 1, the exception);
    // the retry is due one second later and is held again for the next outage.
    int rounds = 0;
    while (incidents(http).size() < THREADS) {
      assertThat(rounds).as("outages needed for %d incidents", THREADS).isLessThan(10);
      List<String> held;
      try {
        node.awaitHeld("Task_VerifyEconomicStatus", 1, Duration.ofSeconds(60));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; jobs: " + verificationJobs() + "; now " + java.time.Instant.now());
      }
      AppNode.sleep(1000); // let the other job threads reach the point too
      held = node.held("Task_VerifyEconomicStatus");
      assertThat(hit.stream().map(Case::applicationNo).toList()).containsAll(held);
      db.stop();
      if (rounds == 0) {
        duringOutage(http, decidedDuringOutage, streetReview);
      } else {
        AppNode.sleep(2000);
      }
      db.start();
      // the held jobs go on on connections the database closed: they fail
      node.release("Task_VerifyEconomicStatus");
      awaitNoneHeld();
      // armed again at once: the retries are due a second after their failures are written
      node.arm("Task_VerifyEconomicStatus");
      rounds++;
      report.add("OUTAGE " + rounds + ": PostgreSQL stopped under " + held.size() + " verification jobs " + held);
      awaitFailuresRecorded(rounds, held.size());
    }
    node.release("Task_VerifyEconomicStatus");
    // every try of every hit job failed and was written: three failures each in the job log, none succeeded yet
    assertThat(db.rows("select j.job_id_, count(*) from act_hi_job_log j where j.act_id_ = 'Task_VerifyEconomicStatus' "
        + "and j.job_state_ = 1 group by j.job_id_")).as("failed tries per job").hasSize(THREADS)
        .allSatisfy(row -> assertThat(row).endsWith("|3"));

    // three failed tries each: incidents, visible to the operator in Cockpit
    List<JsonNode> incidents = incidents(http);
    assertThat(incidents).hasSize(THREADS);
    for (JsonNode incident : incidents) {
      assertThat(incident.path("incidentType").asText()).isEqualTo("failedJob");
      assertThat(incident.path("activityId").asText()).isEqualTo("Task_VerifyEconomicStatus");
    }
    Http.Response failed = http.get("admin", "/engine-rest/job?noRetriesLeft=true&withException=true&maxResults=50");
    assertThat(failed.json()).hasSize(THREADS);
    report.add("OUTAGE incidents: " + incidents.size() + " (failedJob at Task_VerifyEconomicStatus, 3 tries each)");

    // the operator retries them (Cockpit's "retry" sets the job's retries through the REST API)
    for (JsonNode incident : incidents) {
      Http.Response retried = http.put("admin", "/engine-rest/job/" + incident.path("configuration").asText()
          + "/retries", Map.of("retries", 1));
      assertThat(retried.status()).as(retried.body()).isEqualTo(204);
    }
    for (Case c : hit) {
      DibaoOverHttp.completeStep(http, c, "householdInvestigation");
    }
    assertThat(http.get("admin", "/engine-rest/incident?maxResults=50").json()).isEmpty();

    // the decision refused during the outage is taken again, once
    DibaoOverHttp.completeStep(http, decidedDuringOutage, "streetReview");
    for (Case c : waiting.subList(1, WAITING / 2)) {
      DibaoOverHttp.completeStep(http, c, "streetReview");
    }
    for (Case c : hit) {
      DibaoOverHttp.completeStep(http, c, "streetReview");
    }
    List<Case> all = new ArrayList<>(waiting);
    all.addAll(hit);
    List<Case> rest = all.stream().filter(c -> !atDistrict.contains(c)).toList();
    DibaoOverHttp.passNotices(http, db, rest, 180);
    for (Case c : all) {
      DibaoOverHttp.completeStep(http, c, "districtApproval");
    }
    DibaoOverHttp.awaitStatus(db, all, "APPROVED", 180);

    // a payment run asked for during an outage is refused with 503 and leaves nothing; asked again, it is made once
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1);
    Map<String, Object> run = Map.of("month", month.toString(), "districtCode", DibaoOverHttp.DISTRICT);
    db.stop();
    expect503(timed(() -> http.post("xf-approver", "/api/payments/runs", run)), "payment run");
    db.start();
    assertThat(db.count("select count(*) from payment_run")).isZero();
    Http.Response made = awaitAnswer(() -> http.post("xf-approver", "/api/payments/runs", run));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.json().get("lines").asInt()).isEqualTo(all.size());
    assertThat(http.post("xf-approver", "/api/payments/runs", run).status()).isEqualTo(409);

    // nothing lost, nothing doubled
    int n = all.size();
    String in = "'" + String.join("','", all.stream().map(Case::applicationNo).toList()) + "'";
    assertThat(db.count("select count(*) from app_case")).as("cases").isEqualTo(n);
    assertThat(db.count("select count(*) from app_case where status = 'APPROVED'")).isEqualTo(n);
    assertThat(db.count("select count(*) from benefit_record where status = 'ACTIVE'")).as("benefits").isEqualTo(n);
    assertThat(db.count("select count(*) from payment_line")).as("payment lines").isEqualTo(n);
    assertThat(db.count("select count(distinct application_no) from payment_line")).isEqualTo(n);
    assertThat(db.count("select count(*) from case_history where step = 'streetReview'")).as("street decisions").isEqualTo(n);
    assertThat(db.count("select count(*) from case_history where step = 'districtApproval'")).as("district decisions")
        .isEqualTo(n);
    assertThat(db.rows("select application_no, step, count(*) from case_history where application_no in (" + in
        + ") group by application_no, step having count(*) > 1")).as("a step recorded twice").isEmpty();
    assertThat(db.rows("select application_no, kind, count(*) from case_notice group by application_no, kind "
        + "having count(*) > 1")).as("a notice issued twice").isEmpty();
    assertThat(db.count("select count(*) from act_hi_procinst where proc_def_key_ = 'dibao' and end_time_ is not null"))
        .isEqualTo(n);
    assertThat(db.count("select count(*) from act_ru_incident")).isZero();
    // jobs of cases only: the history cleanup is one job that the engine reschedules after every run
    assertThat(db.rows("select job_id_, count(*) from act_hi_job_log where job_state_ = 2 and process_instance_id_ is not null "
        + "group by job_id_ having count(*) > 1")).as("a job that succeeded twice").isEmpty();
    assertThat(db.count("select count(distinct job_id_) from act_hi_job_log where act_id_ = 'Task_VerifyEconomicStatus' "
        + "and job_state_ = 2")).as("verification jobs that succeeded").isEqualTo(n);
    report.add("OUTAGE cases=" + n + " outages=" + (rounds + 1) + " answered503=" + answered503 + " (slowest " + slowest503
        + " ms) failedTries=" + failuresWritten + " incidents=" + THREADS + " retried, all approved, benefits=" + n + " paymentLines=" + n + " duplicates=0");
  }

  /** While PostgreSQL is stopped: reads, writes and a decision, on both APIs, answer 503 in Chinese. */
  private void duringOutage(Http http, Case c, String taskId) {
    expect503(timed(() -> http.get("xf1-worker1", "/api/dibao/applications/" + c.applicationNo())), "case status");
    expect503(timed(() -> http.post("xf1-worker1", "/api/dibao/applications", DibaoOverHttp.application())),
        "application");
    expect503(timed(() -> http.get("xf1-leader", "/engine-rest/task?maxResults=10")), "task list");
    expect503(timed(() -> http.post("xf1-leader", "/engine-rest/task/" + taskId + "/complete", Map.of("variables",
        Map.of("decision", Map.of("value", "approve"), "opinion", Map.of("value", "情况属实"))))), "street decision");
  }

  private static void expect503(Http.Response answer, String what) {
    assertThat(answer.status()).as("%s during the outage: %s", what, answer.body()).isEqualTo(503);
    assertThat(answer.json().path("message").asText()).as(what).isEqualTo(MESSAGE);
    assertThat(answer.body()).doesNotContain("JDBC", "SQL", "Exception");
    answered503++;
  }

  /** A request during the outage, timed: it must answer (503) well before a client or proxy gives up. */
  private static Http.Response timed(java.util.function.Supplier<Http.Response> call) {
    long t0 = System.nanoTime();
    Http.Response r = call.get();
    slowest503 = Math.max(slowest503, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    return r;
  }

  /** The first answer that is not 503: the pool reconnects to the restarted server on its own. */
  private static Http.Response awaitAnswer(java.util.function.Supplier<Http.Response> call) {
    long end = System.currentTimeMillis() + 60_000;
    Http.Response r = call.get();
    while (r.status() == 503 && System.currentTimeMillis() < end) {
      AppNode.sleep(500);
      r = call.get();
    }
    return r;
  }

  /** The verification jobs with their retries, due dates and locks, for a failure message. */
  private static List<String> verificationJobs() {
    return db.rows("select j.id_, j.retries_, j.duedate_, j.lock_owner_, j.lock_exp_time_, left(j.exception_msg_, 100) "
        + "from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ where d.act_id_ = 'Task_VerifyEconomicStatus'");
  }

  /**
   * Waits until the failures of the tries just held are in the job log ({@code job_state_ = 1}): the outage may only
   * be repeated once they are written, or a try would be counted twice or not at all.
   */
  private static void awaitFailuresRecorded(int rounds, int heldThisRound) {
    long end = System.currentTimeMillis() + 30_000;
    long before = failuresWritten;
    while (System.currentTimeMillis() < end) {
      long now = db.count("select count(*) from act_hi_job_log where act_id_ = 'Task_VerifyEconomicStatus' "
          + "and job_state_ = 1");
      if (now - before >= heldThisRound) {
        failuresWritten = now;
        return;
      }
      AppNode.sleep(200);
    }
    throw new AssertionError("outage " + rounds + ": the failures of " + heldThisRound + " held jobs were not written "
        + "within 30 s; jobs: " + verificationJobs());
  }

  private static void awaitNoneHeld() {
    long end = System.currentTimeMillis() + 30_000;
    while (!node.held("Task_VerifyEconomicStatus").isEmpty()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("held jobs did not go on: " + node.held("Task_VerifyEconomicStatus"));
      }
      AppNode.sleep(100);
    }
  }

  private static List<JsonNode> incidents(Http http) {
    Http.Response r = http.get("admin", "/engine-rest/incident?maxResults=50");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> incidents = new ArrayList<>();
    r.json().forEach(incidents::add);
    return incidents;
  }
}
