package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minzhengflow.reliability.DibaoOverHttp.Case;
import org.minzhengflow.support.Http;

/**
 * Issue 13 item 3: the application process killed with SIGKILL in the middle of a step — the verification job
 * (家庭经济状况核对), a district decision (the completion request), the grant that follows it (a job), a payment
 * run — and started again: every case goes on from its last committed step, and every step has happened exactly
 * once (counted in the database: case history, benefits, notices, payment lines). The node is its own JVM on the
 * test's PostgreSQL; {@link FaultHooks} holds a thread inside the step's open transaction so the kill lands there.
 * docs/reliability.md §3.
 */
class CrashReliability {

  static final int CASES = 6;
  /** Jobs a dead node had locked are taken again once their lock expires (Camunda's default: 5 minutes). */
  static final String LOCK_TIME = "--camunda.bpm.job-execution.lock-time-in-millis=15000";

  static StoppablePostgres db;
  static AppNode node;
  static final List<String> report = new ArrayList<>();

  @BeforeAll
  static void start() {
    db = new StoppablePostgres("crash");
    node = new AppNode("crash-node", db.url(), List.of(LOCK_TIME,
        "--faults.activities=Task_VerifyEconomicStatus,districtApproval,Task_GrantBenefit",
        "--faults.sql=update payment_run set"));
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
  void killedMidStepEveryCaseGoesOnFromItsLastCommittedStepExactlyOnce() {
    Http http = node.http();

    // 1. SIGKILL while verification jobs run (two job threads inside their transactions)
    node.arm("Task_VerifyEconomicStatus");
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      cases.add(DibaoOverHttp.submit(http));
    }
    List<String> held = node.awaitHeld("Task_VerifyEconomicStatus", 1, Duration.ofSeconds(60));
    restartAfterKill("verification job", held);
    for (Case c : cases) {
      DibaoOverHttp.awaitTask(http, "xf1-worker1", c.processInstanceId(), "householdInvestigation", 120);
    }
    for (Case c : cases) {
      assertThat(db.count("select count(*) from case_history where application_no = ? and step = 'verification'",
          c.applicationNo())).as("verification of %s recorded once", c.applicationNo()).isOne();
      assertThat(db.count("select count(*) from act_ru_task where proc_inst_id_ = ?", c.processInstanceId()))
          .as("one open task in %s", c.applicationNo()).isOne();
    }

    // drive every case to the district's approval
    for (Case c : cases) {
      DibaoOverHttp.completeStep(http, c, "householdInvestigation");
    }
    for (Case c : cases) {
      DibaoOverHttp.completeStep(http, c, "streetReview");
    }
    DibaoOverHttp.passNotices(http, db, cases, 180);

    // 2. SIGKILL in the middle of a decision: the approver's completion request, before it commits
    Case first = cases.get(0);
    String approval = DibaoOverHttp.task(http, "xf-approver", first.processInstanceId(), "districtApproval");
    node.arm("districtApproval");
    CompletableFuture<Integer> pending = CompletableFuture.supplyAsync(() -> {
      try {
        return DibaoOverHttp.complete(http, "xf-approver", approval, DibaoOverHttp.values("districtApproval"));
      } catch (IllegalStateException connectionLost) {
        return -1; // the node died under the request
      }
    });
    held = node.awaitHeld("districtApproval", 1, Duration.ofSeconds(60));
    restartAfterKill("district approval request", held);
    assertThat(pending.join()).as("the caller of the killed request got no answer").isEqualTo(-1);
    // nothing of the decision was committed: the same task waits, no decision, no benefit
    assertThat(DibaoOverHttp.task(http, "xf-approver", first.processInstanceId(), "districtApproval")).isEqualTo(approval);
    assertThat(db.count("select count(*) from case_history where application_no = ? and step = 'districtApproval'",
        first.applicationNo())).isZero();
    assertThat(db.count("select count(*) from benefit_record where application_no = ?", first.applicationNo())).isZero();
    assertThat(http.get("xf1-worker1", "/api/dibao/applications/" + first.applicationNo()).json().path("status")
        .asText()).isEqualTo("IN_REVIEW");
    // the approver, seeing the task still there, decides again
    assertThat(DibaoOverHttp.complete(http, "xf-approver", approval, DibaoOverHttp.values("districtApproval")))
        .isEqualTo(204);
    DibaoOverHttp.awaitStatus(db, List.of(first), "APPROVED", 120);

    // 3. SIGKILL while the grant jobs of committed decisions run (benefit and notice written, not committed)
    node.arm("Task_GrantBenefit");
    for (Case c : cases.subList(1, CASES)) {
      DibaoOverHttp.completeStep(http, c, "districtApproval");
    }
    held = node.awaitHeld("Task_GrantBenefit", 1, Duration.ofSeconds(60));
    restartAfterKill("grant job", held);
    DibaoOverHttp.awaitStatus(db, cases, "APPROVED", 180);

    // 4. SIGKILL in the middle of a payment run: its lines inserted, the run's figures not yet, nothing committed
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1);
    Map<String, Object> run = Map.of("month", month.toString(), "districtCode", DibaoOverHttp.DISTRICT);
    node.arm("sql");
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
      try {
        return http.post("xf-approver", "/api/payments/runs", run).status();
      } catch (IllegalStateException connectionLost) {
        return -1;
      }
    });
    held = node.awaitHeld("sql", 1, Duration.ofSeconds(60));
    restartAfterKill("payment run", held);
    assertThat(running.join()).isEqualTo(-1);
    assertThat(db.count("select count(*) from payment_run")).as("no half run").isZero();
    assertThat(db.count("select count(*) from payment_line")).isZero();
    Http.Response again = http.post("xf-approver", "/api/payments/runs", run);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().get("lines").asInt()).isEqualTo(CASES);
    assertThat(http.post("xf-approver", "/api/payments/runs", run).status()).isEqualTo(409);

    // exactly once, counted
    String in = "'" + String.join("','", cases.stream().map(Case::applicationNo).toList()) + "'";
    assertThat(db.count("select count(*) from app_case where application_no in (" + in + ")")).isEqualTo(CASES);
    assertThat(db.count("select count(*) from benefit_record where status = 'ACTIVE' and application_no in (" + in + ")"))
        .isEqualTo(CASES);
    assertThat(db.count("select count(*) from payment_line")).isEqualTo(CASES);
    assertThat(db.count("select count(distinct application_no) from payment_line")).isEqualTo(CASES);
    assertThat(db.rows("select application_no, step, count(*) from case_history where application_no in (" + in
        + ") group by application_no, step having count(*) > 1")).as("a step recorded twice").isEmpty();
    assertThat(db.rows("select application_no, kind, count(*) from case_notice where application_no in (" + in
        + ") group by application_no, kind having count(*) > 1")).as("a notice issued twice").isEmpty();
    assertThat(db.count("select count(*) from case_history where step = 'districtApproval' and application_no in ("
        + in + ")")).isEqualTo(CASES);
    assertThat(db.rows("select proc_inst_id_, act_id_, count(*) from act_hi_actinst where act_id_ in "
        + "('Task_VerifyEconomicStatus','Task_CheckCloseRelatives','Task_AssessEligibility','Task_GrantBenefit',"
        + "'districtApproval') group by proc_inst_id_, act_id_ having count(*) > 1")).as("an activity ran twice").isEmpty();
    assertThat(db.count("select count(*) from act_ru_incident")).isZero();
    assertThat(db.count("select count(*) from act_hi_procinst where proc_def_key_ = 'dibao' and end_time_ is not null"))
        .isEqualTo(CASES);
    report.add("CRASH cases=" + CASES + " kills=4 (verification job, decision request, grant job, payment run) "
        + "benefits=" + CASES + " paymentLines=" + CASES + " duplicates=0");
  }

  /** SIGKILL, then the same node started again; the held markers of the dead process are cleared. */
  private static void restartAfterKill(String where, List<String> held) {
    long t0 = System.nanoTime();
    node.kill();
    node.clearFaults();
    node.start();
    List<String> short_ = held.stream().map(h -> h.lines().findFirst().orElse(h)).toList();
    report.add("CRASH killed during " + where + " holding " + short_ + ", restarted in "
        + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s");
  }
}
