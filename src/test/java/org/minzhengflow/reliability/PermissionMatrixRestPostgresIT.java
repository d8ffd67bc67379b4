package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.nursinghome.NursingHomeRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Item 7 of issue 13, the permission matrix: every demo user against a case of every kind in both demo streets (open
 * and decided) through every read there is — the application API (status, list, notices, PDFs, task operations), the
 * engine REST API (instances, executions, variables, jobs, comments, tasks and their variables, counts) and its
 * history (instances, tasks, variables, details, activities, operation log, job log) — and the reads of no single
 * case (payment runs, bank files, recoveries, statistics, rosters, funeral figures, a person's benefits, the Cockpit
 * statistics). The expected table is data, {@code reliability/permission-matrix.txt}; every cell is checked, and the
 * table is printed as markdown for docs/reliability.md.
 *
 * <p>What is asserted is behaviour — who sees what — never the authorization rows behind it, so the test holds however
 * the grants are stored. Lists are compared with the administrator's answer for the same case: a reader sees all of
 * it, anyone else nothing (other tests' cases in the shared database do not disturb this).
 */
class PermissionMatrixRestPostgresIT extends PostgresIntegrationTest {

  private static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");
  private static final String ACCOUNT = "6222020200112233445";

  @Autowired JdbcClient jdbc;

  /** A case of the matrix: its API kind, number, process instance and, once open, its task. */
  record Case(String name, String kind, String no, String pid) {}

  /** What a probe reads for a case, filled in once the case is at rest. */
  record Target(Case c, String taskId, String noticeId) {}

  enum Scope { CASE, TASK, TASK_OPERATIONS }

  enum Shape {
    /** the HTTP status decides */
    STATUS,
    /** a JSON array (or {"count"}): all of what the administrator gets, or nothing */
    LIST,
    /** the application list: the case is among the items or not */
    LISTED
  }

  /** One endpoint read for a case: what it answers to someone who may see that part of the case, and to others. */
  record Probe(String label, Scope scope, Shape shape, Function<Target, String> path, int seen, int unseen) {}

  private static final List<Probe> PROBES = List.of(
      new Probe("api 状态", Scope.CASE, Shape.STATUS, t -> "/api/" + t.c().kind() + "/applications/" + t.c().no(), 200, 403),
      new Probe("api 案件列表", Scope.CASE, Shape.LISTED, t -> "/api/applications?size=100&q=" + t.c().no(), 0, 0),
      new Probe("api 告知书", Scope.CASE, Shape.STATUS, t -> "/api/applications/" + t.c().no() + "/notices", 200, 403),
      new Probe("api 告知书PDF", Scope.CASE, Shape.STATUS,
          t -> t.noticeId() == null ? null : "/api/applications/" + t.c().no() + "/notices/" + t.noticeId() + ".pdf", 200, 403),
      new Probe("api 任务操作", Scope.TASK_OPERATIONS, Shape.STATUS, t -> "/api/tasks/" + t.taskId() + "/operations", 200, 403),
      new Probe("流程实例", Scope.CASE, Shape.STATUS, t -> "/engine-rest/process-instance/" + t.c().pid(), 200, 404),
      new Probe("流程实例计数", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/process-instance/count?businessKey=" + t.c().no(), 0, 0),
      new Probe("流程实例查询", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/process-instance?maxResults=50&processInstanceIds=" + t.c().pid(), 0, 0),
      new Probe("流程变量", Scope.CASE, Shape.STATUS, t -> "/engine-rest/process-instance/" + t.c().pid() + "/variables", 200, 403),
      new Probe("变量实例", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/variable-instance?maxResults=500&processInstanceIdIn=" + t.c().pid(), 0, 0),
      new Probe("执行", Scope.CASE, Shape.LIST, t -> "/engine-rest/execution?maxResults=50&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("作业", Scope.CASE, Shape.LIST, t -> "/engine-rest/job?maxResults=50&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("流程评论", Scope.CASE, Shape.LIST, t -> "/engine-rest/process-instance/" + t.c().pid() + "/comment", 0, 0),
      new Probe("活动实例树", Scope.CASE, Shape.STATUS,
          t -> "/engine-rest/process-instance/" + t.c().pid() + "/activity-instances", 200, 403),
      new Probe("任务", Scope.TASK, Shape.LIST, t -> "/engine-rest/task?maxResults=50&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("任务计数", Scope.TASK, Shape.LIST,
          t -> "/engine-rest/task/count?processInstanceBusinessKey=" + t.c().no(), 0, 0),
      new Probe("任务详情", Scope.TASK, Shape.STATUS, t -> "/engine-rest/task/" + t.taskId(), 200, 404),
      new Probe("任务变量", Scope.TASK, Shape.STATUS, t -> "/engine-rest/task/" + t.taskId() + "/variables", 200, 403),
      new Probe("任务表单变量", Scope.TASK, Shape.STATUS, t -> "/engine-rest/task/" + t.taskId() + "/form-variables", 200, 403),
      // the comments are the case's opinions, which every reader of the case reads in its history anyway
      new Probe("任务评论", Scope.CASE, Shape.STATUS,
          t -> t.taskId() == null ? null : "/engine-rest/task/" + t.taskId() + "/comment", 200, 404),
      new Probe("任务候选人", Scope.TASK, Shape.STATUS, t -> "/engine-rest/task/" + t.taskId() + "/identity-links", 200, 403),
      new Probe("历史流程实例", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/process-instance?maxResults=50&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("历史流程实例详情", Scope.CASE, Shape.STATUS, t -> "/engine-rest/history/process-instance/" + t.c().pid(), 200, 404),
      new Probe("历史流程实例计数", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + t.c().no(), 0, 0),
      new Probe("历史任务", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/task?maxResults=100&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("历史变量", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/variable-instance?maxResults=500&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("历史明细", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/detail?maxResults=500&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("历史活动", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/activity-instance?maxResults=200&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("操作日志", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/user-operation?maxResults=200&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("作业日志", Scope.CASE, Shape.LIST,
          t -> "/engine-rest/history/job-log?maxResults=200&processInstanceId=" + t.c().pid(), 0, 0),
      new Probe("历史候选人日志", Scope.CASE, Shape.LIST,
          t -> t.taskId() == null ? null : "/engine-rest/history/identity-link-log?maxResults=100&taskId=" + t.taskId(), 0, 0));

  private static int serial = 700;

  private static String id(String region, LocalDate birth, boolean male) {
    return TestIds.idNumber(region, birth, serial++, male);
  }

  @Test
  void everyDemoUserReadsExactlyWhatRoleAndJurisdictionAllow() throws IOException {
    Http http = http();
    Table table = Table.load("reliability/permission-matrix.txt");
    long started = System.currentTimeMillis();
    Map<String, Case> cases = createCases(http);
    System.out.println("permission matrix: cases ready after " + (System.currentTimeMillis() - started) / 1000 + " s");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    assertThat(cases.keySet()).containsExactlyInAnyOrderElementsOf(table.caseRows().keySet());
    Map<String, Target> targets = new LinkedHashMap<>();
    cases.forEach((name, c) -> targets.put(name, target(http, c)));
    Map<String, String> global = globalPaths(http, cases);
    assertThat(global.keySet()).containsExactlyInAnyOrderElementsOf(table.endpointRows().keySet());

    Report report = new Report(table.users());
    for (var row : table.caseRows().entrySet()) {
      Target target = targets.get(row.getKey());
      Map<Probe, Baseline> baselines = new LinkedHashMap<>();
      for (Probe probe : PROBES) {
        Baseline baseline = baseline(http, probe, target);
        if (baseline != null) {
          baselines.put(probe, baseline);
        }
      }
      // the users side by side (each reads what it reads; the report takes the cells in table order)
      List<java.util.concurrent.Future<List<String[]>>> perUser = new ArrayList<>();
      for (int u = 0; u < table.users().size(); u++) {
        String user = table.users().get(u);
        String code = row.getValue().get(u);
        perUser.add(pool.submit(() -> {
          List<String[]> cells = new ArrayList<>();
          for (var probe : baselines.entrySet()) {
            Expectation expected = expected(probe.getKey(), probe.getValue(), code);
            String actual = observe(http, user, probe.getKey(), probe.getValue(), target);
            cells.add(new String[] {code, user, probe.getKey().label(), expected.text(), actual});
          }
          return cells;
        }));
      }
      for (var cells : perUser) {
        for (String[] cell : join(cells)) {
          report.cell(row.getKey(), cell[0], cell[1], cell[2], cell[3], cell[4]);
        }
      }
    }
    pool.shutdown();
    System.out.println("permission matrix: probes done after " + (System.currentTimeMillis() - started) / 1000 + " s");
    for (var row : table.endpointRows().entrySet()) {
      for (int u = 0; u < table.users().size(); u++) {
        String user = table.users().get(u);
        String expected = row.getValue().get(u);
        String path = global.get(row.getKey());
        int status = path.endsWith("bank-file") || path.contains("/benefits")
            ? http.getBytes(user, path).status() : http.get(user, path).status();
        report.cell(row.getKey(), expected, user, row.getKey(), expected, String.valueOf(status));
      }
    }
    // Cockpit's dashboard and process views count instances per process definition: a user's count is what they
    // may see of that process, never the city's total
    for (String user : table.users()) {
      Cockpit cockpit = Cockpit.login(port, user);
      boolean bureau = user.equals("admin") || user.endsWith("-approver");
      report.cell("cockpit-login", bureau ? "200" : "403", user, "Cockpit 登录", bureau ? "可登录" : "无权登录",
          cockpit == null ? "无权登录" : "可登录");
      for (String key : KEYS) {
        report.cell("cockpit-statistics", "=", user, "流程定义统计 " + key, "可见实例数", statisticsAgree(http, user, key, null));
        report.cell("cockpit-statistics", "=", user, "活动统计 " + key, "可见实例数", activitiesAgree(http, user, key));
        if (cockpit != null) {
          report.cell("cockpit-statistics", "=", user, "Cockpit 流程列表 " + key, "可见实例数",
              statisticsAgree(http, user, key, cockpit));
        }
      }
    }

    String markdown = report.markdown(table, PROBES);
    System.out.println(markdown);
    assertThat(report.failures()).as("cells that differ from reliability/permission-matrix.txt").isEmpty();
    assertThat(report.checked()).isGreaterThan(3000);
  }

  private static <T> T join(java.util.concurrent.Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  // ------------------------------------------------------------------ the cases

  private Map<String, Case> createCases(Http http) {
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("dibao-xf-open", file(http, "dibao-xf-open", "dibao", "xf1-worker1", DibaoRestPostgresIT.application("230110001")));
    cases.put("dibao-dl-open", file(http, "dibao-dl-open", "dibao", "dl1-worker1", DibaoRestPostgresIT.application("230102001")));

    Map<String, Object> xfHousehold = new LinkedHashMap<>(DibaoRestPostgresIT.application("230110001"));
    xfHousehold.put("payment", Map.of("bankName", "中国工商银行哈尔滨香坊支行", "accountNo", ACCOUNT));
    Case xfApproved = file(http, "dibao-xf-approved", "dibao", "xf1-worker1", xfHousehold);
    Map<String, Object> dlHousehold = new LinkedHashMap<>(DibaoRestPostgresIT.application("230102001"));
    dlHousehold.put("payment", Map.of("bankName", "中国工商银行哈尔滨道里支行", "accountNo", ACCOUNT));
    Case dlApproved = file(http, "dibao-dl-approved", "dibao", "dl1-worker1", dlHousehold);
    cases.put(xfApproved.name(), xfApproved);
    cases.put(dlApproved.name(), dlApproved);

    LocalDate today = LocalDate.now(OFFICE);
    cases.put("eldercare-xf-homecare", file(http, "eldercare-xf-homecare", "eldercare", "xf1-worker1", Map.of(
        "streetCode", "230110001", "subsidyType", "HOME_CARE",
        "elder", Map.of("name", "钱独居", "idNumber", id("230110", today.minusYears(82).minusDays(30), false),
            "hukouType", "URBAN", "hasEmployeePension", false, "livingAlone", true, "lostOnlyChild", false))));
    cases.put("eldercare-dl-highage", file(http, "eldercare-dl-highage", "eldercare", "dl1-worker1", Map.of(
        "streetCode", "230102001", "subsidyType", "HIGH_AGE",
        "elder", Map.of("name", "孙高龄", "idNumber", id("230102", today.minusYears(86).minusDays(30), true),
            "hukouType", "URBAN", "hasEmployeePension", false, "livingAlone", false, "lostOnlyChild", false))));
    cases.put("nursinghome-xf", file(http, "nursinghome-xf", "nursing-home", "xf-approver",
        NursingHomeRestPostgresIT.application("OPERATING_SUBSIDY")));
    cases.put("funeral-xf", file(http, "funeral-xf", "funeral", "hotline1", Map.of("streetCode", "230110001",
        "deceased", Map.of("name", "李老兵", "idNumber", id("230110", LocalDate.of(1941, 3, 3), true),
            "dateOfDeath", today.toString(), "categories", List.of("PRIORITY_CARE")),
        "caller", Map.of("name", "李子", "phone", "13900000001", "relation", "儿子"),
        "services", List.of(Map.of("kind", "TRANSPORT"), Map.of("kind", "CREMATION")))));
    cases.put("temporary-dl", file(http, "temporary-dl", "temporary-assistance", "dl1-worker1", Map.of(
        "streetCode", "230102001", "type", "EXPENDITURE",
        "applicant", Map.of("name", "周支出", "idNumber", id("230102", LocalDate.of(1976, 6, 16), false)),
        "householdSize", 3, "reason", "子女大病住院自付费用高", "requestedAmount", 2000)));

    approveTwoLevel(http, xfApproved);
    approvePilot(http, dlApproved);
    // every open case waits at its first person's step, so that the matrix has a task to look at
    awaitOpen(http, cases.get("dibao-xf-open"), "householdInvestigation");
    awaitOpen(http, cases.get("dibao-dl-open"), "householdInvestigation");
    awaitOpen(http, cases.get("eldercare-xf-homecare"), "abilityAssessment");
    awaitOpen(http, cases.get("eldercare-dl-highage"), "streetReview");
    awaitOpen(http, cases.get("nursinghome-xf"), "materialReview");
    awaitOpen(http, cases.get("funeral-xf"), "eligibilityConfirmation");
    awaitOpen(http, cases.get("temporary-dl"), "expenditureVerification");
    return cases;
  }

  private Case file(Http http, String name, String kind, String user, Map<String, Object> body) {
    Http.Response created = http.post(user, "/api/" + kind + "/applications", body);
    assertThat(created.status()).as(name + ": " + created.body()).isEqualTo(201);
    return new Case(name, kind, created.json().get("applicationNo").asText(), created.json().get("processInstanceId").asText());
  }

  private void awaitOpen(Http http, Case c, String key) {
    http.await("admin", "/engine-rest/task?maxResults=5&processInstanceId=" + c.pid() + "&taskDefinitionKey=" + key,
        r -> r.status() == 200 && r.json().size() == 1);
  }

  private void step(Http http, String user, Case c, String key, Map<String, Object> values) {
    Http.Response done = complete(http, user, awaitTask(http, user, c.pid(), key), values);
    assertThat(done.status()).as(c.name() + " " + key + ": " + done.body()).isEqualTo(204);
  }

  private void endNotice(Http http, Case c) {
    Http.Response timer = noticeTimers(http, c.pid());
    assertThat(http.post("admin", "/engine-rest/job/" + timer.json().get(0).get("id").asText() + "/execute", Map.of())
        .status()).isEqualTo(204);
  }

  private void approveTwoLevel(Http http, Case c) {
    step(http, "xf1-worker1", c, "householdInvestigation", Map.of("secondInvestigator", "xf1-worker2", "findings", "入户核实,情况属实"));
    step(http, "xf1-leader", c, "streetReview", Map.of("decision", "approve"));
    endNotice(http, c);
    step(http, "xf-approver", c, "districtApproval", Map.of("decision", "approve", "opinion", "同意"));
    awaitFinished(http, c);
  }

  /** The street decides; a sampled spot check (30 %, at random) is confirmed by the district, so the case ends either way. */
  private void approvePilot(Http http, Case c) {
    step(http, "dl1-worker1", c, "householdInvestigation", Map.of("secondInvestigator", "dl1-worker2", "findings", "入户核实,情况属实"));
    step(http, "dl1-leader", c, "streetReview", Map.of("decision", "approve"));
    endNotice(http, c);
    Http.Response settled = http.await("admin", "/engine-rest/history/process-instance/" + c.pid(),
        r -> "COMPLETED".equals(r.json().path("state").asText())
            || http.get("admin", "/engine-rest/task/count?processInstanceId=" + c.pid() + "&taskDefinitionKey=districtSpotCheck")
                .json().path("count").asInt() > 0);
    if (!"COMPLETED".equals(settled.json().path("state").asText())) {
      step(http, "dl-approver", c, "districtSpotCheck", Map.of("decision", "approve", "opinion", "抽查属实"));
    }
    awaitFinished(http, c);
  }

  private void awaitFinished(Http http, Case c) {
    http.await("admin", "/engine-rest/history/process-instance/" + c.pid(),
        r -> "COMPLETED".equals(r.json().path("state").asText()));
    http.await("admin", "/api/" + c.kind() + "/applications/" + c.no(), r -> "APPROVED".equals(r.json().path("status").asText()));
  }

  private Target target(Http http, Case c) {
    Http.Response tasks = http.get("admin", "/engine-rest/task?maxResults=5&processInstanceId=" + c.pid());
    String taskId = tasks.json().isEmpty() ? null : tasks.json().get(0).get("id").asText();
    Http.Response notices = http.get("admin", "/api/applications/" + c.no() + "/notices");
    assertThat(notices.status()).isEqualTo(200);
    String noticeId = notices.json().isEmpty() ? null : notices.json().get(0).get("id").asText();
    return new Target(c, taskId, noticeId);
  }

  // ------------------------------------------------------------------ reads of no single case

  private Map<String, String> globalPaths(Http http, Map<String, Case> cases) {
    Map<String, String> paths = new LinkedHashMap<>();
    String xfRun = xfRun(cases.get("dibao-xf-approved"));
    String dlRun = dlRun(http);
    paths.put("payment-run-230110", "/api/payments/runs/" + xfRun);
    paths.put("bank-file-230110", "/api/payments/runs/" + xfRun + "/bank-file");
    paths.put("payment-run-230102", "/api/payments/runs/" + dlRun);
    paths.put("bank-file-230102", "/api/payments/runs/" + dlRun + "/bank-file");
    paths.put("recoveries-230110", "/api/payments/recoveries?districtCode=230110");
    paths.put("recoveries-230102", "/api/payments/recoveries?districtCode=230102");
    LocalDate today = LocalDate.now(OFFICE);
    String range = "from=" + today.minusDays(30) + "&to=" + today;
    paths.put("statistics", "/api/statistics?" + range);
    paths.put("statistics-230110", "/api/statistics?" + range + "&districtCode=230110");
    paths.put("statistics-230102", "/api/statistics?" + range + "&districtCode=230102");
    YearMonth next = YearMonth.from(today).plusMonths(1);
    paths.put("roster-230110001", "/api/dibao/roster?streetCode=230110001&month=" + next);
    paths.put("roster-230102001", "/api/dibao/roster?streetCode=230102001&month=" + next);
    paths.put("funeral-satisfaction", "/api/funeral/satisfaction?month=" + YearMonth.from(today));
    paths.put("benefits-xf-household", "/api/persons/" + applicant(http, cases.get("dibao-xf-approved")) + "/benefits");
    paths.put("benefits-dl-household", "/api/persons/" + applicant(http, cases.get("dibao-dl-approved")) + "/benefits");
    return paths;
  }

  private String applicant(Http http, Case c) {
    String id = jdbc.sql("select id_number from case_person where application_no = ? order by id_number")
        .param(c.no()).query(String.class).list().get(0);
    assertThat(http.get("admin", "/api/persons/" + id + "/benefits").json().size()).isPositive();
    return id;
  }

  /**
   * A run of 230110 as data: PaymentRestPostgresIT makes the runs of 230110 for this month and the next three through
   * the API in the same database, and a second run of a district's month is refused; the reads under test do not care
   * how the run came to be. Its month (2020-01) is one the API can no longer make.
   */
  private String xfRun(Case approved) {
    Long id = jdbc.sql("""
        insert into payment_run (district_code, run_month, created_by, created_at, lines, total, missing_account)
        values ('230110', date '2020-01-01', 'xf-approver', current_timestamp, 1, 964, 0) returning run_id""")
        .query(Long.class).single();
    jdbc.sql("""
        insert into payment_line (run_id, application_no, benefit, for_month, payee_name, payee_id, bank_name, account_no,
                                  amount, status)
        values (?, ?, 'DIBAO', date '2020-01-01', '刘一', '230102197004040000', '中国工商银行', ?, 964, 'PENDING')""")
        .params(id, approved.no(), ACCOUNT).update();
    return String.valueOf(id);
  }

  /** The 230102 run of next month through the API (no other test pays 道里区), with the approved household's line. */
  private String dlRun(Http http) {
    String month = YearMonth.now(OFFICE).plusMonths(1).toString();
    Http.Response run = http.post("dl-approver", "/api/payments/runs", Map.of("month", month, "districtCode", "230102"));
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    assertThat(run.json().get("lines").asInt()).isPositive();
    return run.json().get("runId").asText();
  }

  private static final List<String> KEYS =
      List.of("dibao", "eldercare", "nursingHomeSupport", "funeralWaiver", "temporaryAssistance");

  /**
   * The instance counts per process definition — the engine's statistics, or with a Cockpit session Cockpit's own
   * process list — against the instances the user can list: "可见实例数" when they agree.
   */
  private String statisticsAgree(Http http, String user, String key, Cockpit cockpit) {
    String last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Http.Response stats = cockpit != null
          ? cockpit.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics?firstResult=0&maxResults=50")
          : http.get(user, "/engine-rest/process-definition/statistics");
      Http.Response visible = http.get(user, "/engine-rest/process-instance/count?processDefinitionKey=" + key);
      if (stats.status() != 200 || visible.status() != 200) {
        return stats.status() + "/" + visible.status();
      }
      int counted = 0;
      for (JsonNode d : stats.json()) {
        if (key.equals(d.path("definition").path("key").asText()) || key.equals(d.path("key").asText())) {
          counted += d.path("instances").asInt();
        }
      }
      int listed = visible.json().get("count").asInt();
      if (counted == listed) {
        return "可见实例数";
      }
      last = "统计" + counted + "≠可见" + listed; // jobs of other tests' cases may be moving: ask again
    }
    return last;
  }

  /** The per-activity counts of the key's latest definition (Cockpit's diagram) against the user's executions there. */
  private String activitiesAgree(Http http, String user, String key) {
    String last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Http.Response stats = http.get(user, "/engine-rest/process-definition/key/" + key + "/statistics?failedJobs=true");
      if (stats.status() != 200) {
        return String.valueOf(stats.status());
      }
      String definition = http.get("admin", "/engine-rest/process-definition/key/" + key).json().get("id").asText();
      last = null;
      for (JsonNode a : stats.json()) {
        int visible = http.get(user, "/engine-rest/execution/count?processDefinitionId=" + definition + "&activityId="
            + a.get("id").asText()).json().get("count").asInt();
        if (a.get("instances").asInt() != visible) {
          last = a.get("id").asText() + " 统计" + a.get("instances").asInt() + "≠可见" + visible;
        }
      }
      if (last == null) {
        return "可见实例数";
      }
    }
    return last;
  }

  /** A Cockpit login of one user (its session and CSRF token), as the webapp makes it; null when refused. */
  record Cockpit(java.net.http.HttpClient browser, String base, String token) {

    static Cockpit login(int port, String user) {
      String base = "http://localhost:" + port;
      java.net.CookieManager cookies = new java.net.CookieManager();
      java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
      try {
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/camunda/app/cockpit/default/")).GET()
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        var login = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf(cookies))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
          return null;
        }
        var auth = browser.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(base + "/camunda/api/admin/auth/user/default")).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Cockpit(browser, base, auth.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> csrf(cookies)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    Http.Response get(String path) {
      try {
        var r = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
            .header("X-XSRF-TOKEN", token).header("Accept", "application/json").GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = null;
        try {
          json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        } catch (IOException notJson) {
          // left null
        }
        return new Http.Response(r.statusCode(), json, r.body());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String csrf(java.net.CookieManager cookies) {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(java.net.HttpCookie::getValue).reduce((a, b) -> b).orElse("");
    }
  }

  // ------------------------------------------------------------------ probes

  /** What the administrator gets for a probe of the case; null when the probe does not apply (no task, ended, none). */
  record Baseline(int status, int count) {}

  private Baseline baseline(Http http, Probe probe, Target t) {
    if (probe.scope() != Scope.CASE && t.taskId() == null) {
      return null;
    }
    String path = probe.path().apply(t);
    if (path == null) {
      return null;
    }
    // the task operations answer the administrator 403 (he works no task): their baseline is a candidate's
    String reference = probe.scope() == Scope.TASK_OPERATIONS ? candidate(http, t) : "admin";
    Http.Response r = get(http, reference, path);
    return switch (probe.shape()) {
      case STATUS -> r.status() == probe.seen() ? new Baseline(r.status(), 0) : null;
      case LIST -> {
        int n = count(r);
        yield r.status() == 200 && n > 0 ? new Baseline(200, n) : null;
      }
      case LISTED -> new Baseline(200, 1);
    };
  }

  private String candidate(Http http, Target t) {
    Http.Response links = http.get("admin", "/engine-rest/task/" + t.taskId() + "/identity-links?type=candidate");
    String group = links.json().get(0).get("groupId").asText();
    return http.get("admin", "/engine-rest/user?maxResults=1&memberOfGroup=" + group).json().get(0).get("id").asText();
  }

  record Expectation(String text) {}

  private static Expectation expected(Probe probe, Baseline baseline, String code) {
    boolean sees = switch (probe.scope()) {
      case CASE -> !code.equals("-");
      case TASK -> code.equals("T") || code.equals("A");
      case TASK_OPERATIONS -> code.equals("T") || code.equals("R");
    };
    return new Expectation(switch (probe.shape()) {
      case STATUS -> String.valueOf(sees ? probe.seen() : probe.unseen());
      case LIST -> sees ? "全部" + baseline.count() : "无";
      case LISTED -> sees ? "列出" : "未列出";
    });
  }

  private String observe(Http http, String user, Probe probe, Baseline baseline, Target t) {
    String path = probe.path().apply(t);
    Http.Response r = get(http, user, path);
    return switch (probe.shape()) {
      case STATUS -> String.valueOf(r.status());
      case LIST -> {
        if (r.status() == 403 || r.status() == 404) {
          yield "无"; // refused or "no such instance": nothing seen either way
        }
        if (r.status() != 200) {
          yield "HTTP " + r.status();
        }
        int n = count(r);
        yield n == 0 ? "无" : n == baseline.count() ? "全部" + n : "部分" + n;
      }
      case LISTED -> {
        if (r.status() != 200) {
          yield "HTTP " + r.status();
        }
        boolean listed = false;
        for (JsonNode item : r.json().get("items")) {
          listed |= t.c().no().equals(item.path("applicationNo").asText());
        }
        yield listed ? "列出" : "未列出";
      }
    };
  }

  private static Http.Response get(Http http, String user, String path) {
    if (path.endsWith(".pdf")) {
      Http.Binary b = http.getBytes(user, path);
      return new Http.Response(b.status(), null, "");
    }
    return http.get(user, path);
  }

  private static int count(Http.Response r) {
    if (r.json() == null) {
      return 0;
    }
    if (r.json().isArray()) {
      return r.json().size();
    }
    return r.json().path("count").asInt(0);
  }

  // ------------------------------------------------------------------ the expected table and the report

  /** The expected table: users in file order, each case row and endpoint row with one code per user. */
  record Table(List<String> users, Map<String, List<String>> caseRows, Map<String, List<String>> endpointRows) {

    static Table load(String resource) throws IOException {
      List<String> users = null;
      Map<String, List<String>> cases = new LinkedHashMap<>();
      Map<String, List<String>> endpoints = new LinkedHashMap<>();
      Map<String, List<String>> current = null;
      try (InputStream in = PermissionMatrixRestPostgresIT.class.getClassLoader().getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          List<String> cells = Arrays.asList(line.trim().split("\\s+"));
          if (cells.get(0).equals("case") || cells.get(0).equals("endpoint")) {
            List<String> header = cells.subList(1, cells.size());
            assertThat(users == null || users.equals(header)).as("the same users in every header").isTrue();
            users = List.copyOf(header);
            current = cells.get(0).equals("case") ? cases : endpoints;
            continue;
          }
          assertThat(current).as("a header before " + line).isNotNull();
          assertThat(cells).as(line).hasSize(users.size() + 1);
          current.put(cells.get(0), List.copyOf(cells.subList(1, cells.size())));
        }
      }
      return new Table(users, cases, endpoints);
    }
  }

  /** Every cell checked, the failures, and the printed table. */
  static final class Report {
    private final List<String> users;
    private final Map<String, Map<String, Boolean>> rowUserOk = new LinkedHashMap<>();
    private final Map<String, String> rowCodes = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Set<String> probesUsed = new LinkedHashSet<>();
    private int checked;

    Report(List<String> users) {
      this.users = users;
    }

    void cell(String row, String code, String user, String probe, String expected, String actual) {
      checked++;
      probesUsed.add(probe);
      rowCodes.merge(row + "|" + user, code, (a, b) -> a);
      boolean ok = expected.equals(actual);
      rowUserOk.computeIfAbsent(row, r -> new LinkedHashMap<>()).merge(user, ok, Boolean::logicalAnd);
      if (!ok) {
        failures.add(row + " · " + probe + " · " + user + ": 应为 " + expected + ",实际 " + actual);
      }
    }

    List<String> failures() {
      return failures;
    }

    int checked() {
      return checked;
    }

    String markdown(Table table, List<Probe> probes) {
      StringBuilder md = new StringBuilder("\n#### Permission matrix (PermissionMatrixRestPostgresIT)\n\n");
      md.append("| case / read | ").append(String.join(" | ", users)).append(" |\n");
      md.append("| --- |").append(" :-: |".repeat(users.size())).append("\n");
      for (String row : rowUserOk.keySet()) {
        md.append("| ").append(row).append(" |");
        for (String user : users) {
          Boolean ok = rowUserOk.get(row).get(user);
          md.append(' ').append(rowCodes.get(row + "|" + user)).append(Boolean.FALSE.equals(ok) ? " ✗" : "").append(" |");
        }
        md.append("\n");
      }
      md.append("\nT reads the case and sees its open task · R reads the case, not its task · A administrator (reads all,"
          + " works no task) · - nothing · numbers: HTTP status · = Cockpit statistics count only what the user may see"
          + " · ✗ a cell that differs.\n");
      md.append("\nEndpoints behind each case row: ");
      List<String> labels = new ArrayList<>();
      probes.forEach(p -> labels.add(p.label() + " (" + p.path().apply(new Target(new Case("c", "{kind}", "{no}", "{pid}"),
          "{task}", "{notice}")).replace("/engine-rest", "") + ")"));
      md.append(String.join("; ", labels)).append(".\n");
      md.append("\nCells checked: ").append(checked).append(" (").append(rowUserOk.size()).append(" rows × ")
          .append(users.size()).append(" users × their endpoints); differing: ").append(failures.size()).append(".\n");
      failures.forEach(f -> md.append("- ").append(f).append("\n"));
      return md.toString();
    }
  }
}
