package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.nursinghome.NursingHomeRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13, item 1 — every action in every state: each kind of case is driven through its states through the
 * REST APIs, and in every state every application-API call and every task claim and completion is sent. Reads
 * answer 200; what the state does not allow answers 4xx (409 for the wrong state) with a Chinese message, never
 * 5xx, and leaves the case exactly as it was (case row, history, notices, benefits, the engine's tasks, executions
 * and activity history). The state-changing actions a state allows are the transitions that drive the case on.
 * The table (states × actions) is printed at the end; the figures go to docs/reliability.md.
 */
class EveryActionInEveryStateRestPostgresIT extends PostgresIntegrationTest {

  private static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
  /** state → (action → answer), in the order tried; printed at the end. */
  private static final Map<String, Map<String, String>> TABLE = new LinkedHashMap<>();
  private static int tried;
  private static int serial = 900;

  @Autowired private JdbcTemplate jdbc;
  @Autowired private TaskService tasks;
  @Autowired private HistoryService history;
  @Autowired private ManagementService management;

  /** What an answer must be. */
  enum Expect {
    OK(200, 299), ACCEPTED_FOR_TRANSITION(200, 299), CONFLICT(409, 409), INVALID(400, 400), DENIED(403, 404),
    NOT_FOUND(404, 404), REFUSED(400, 499);

    final int low;
    final int high;

    Expect(int low, int high) {
      this.low = low;
      this.high = high;
    }
  }

  /** A case under test: its kind (URL segment), number, process instance and who does what in it. */
  record Case(String kind, String no, String pid, String viewer, String outsider, Map<String, String> taskUsers) {}

  // ---------------------------------------------------------------------------------------------- the drives

  @Test
  void dibaoTwoLevelEveryState() {
    Http http = http();
    Map<String, Object> household = DibaoRestPostgresIT.application("230110001");
    Case c = file(http, "dibao", "xf1-worker1", household, "xf1-worker1",
        "dl1-worker1", Map.of("householdInvestigation", "xf1-worker1", "streetReview", "xf1-leader",
            "districtHomeVisit", "xf-approver", "districtApproval", "xf-approver", "laborCapacityAssessment",
            "xf1-worker1"));
    awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    probe(http, "dibao: 入户调查待认领", c, Set.of("extension"));
    transition(http, "dibao: 入户调查待认领", "extension (xf-approver)", 200,
        () -> http.post("xf-approver", "/api/dibao/applications/" + c.no() + "/extension", Map.of("reason", "人户分离,需异地核查")));

    String investigation = awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    transition(http, "dibao: 入户调查待认领", "claim householdInvestigation (xf1-worker1)", 204,
        () -> http.post("xf1-worker1", "/engine-rest/task/" + investigation + "/claim", Map.of("userId", "xf1-worker1")));
    probe(http, "dibao: 入户调查已认领", c, Set.of());
    transition(http, "dibao: 入户调查已认领", "complete householdInvestigation", 204, () -> completeOnly(http, "xf1-worker1",
        investigation, Map.of("secondInvestigator", "xf1-worker2", "findings", "情况属实")));

    awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    probe(http, "dibao: 街道审核待认领(可撤回)", c, Set.of("withdraw"));
    transition(http, "dibao: 街道审核待认领(可撤回)", "withdraw (xf1-worker1)", 200,
        () -> http.post("xf1-worker1", "/api/applications/" + c.no() + "/withdraw", Map.of("reason", "补充调查内容")));
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "补充:情况属实"));
    approve(http, "xf1-leader", awaitTask(http, "xf1-leader", c.pid(), "streetReview"));

    awaitStatus(http, c, "PUBLIC_NOTICE");
    probe(http, "dibao: 公示中", c, Set.of("objection"));
    transition(http, "dibao: 公示中", "objection", 202, () -> http.post("xf1-worker1",
        "/api/dibao/applications/" + c.no() + "/objections", Map.of("objection", "邻居反映有出租收入")));

    String again = awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    probe(http, "dibao: 异议后重新入户调查", c, Set.of());
    complete(http, "xf1-worker2", again, Map.of("secondInvestigator", "xf1-worker1", "findings", "核实无出租收入"));
    approve(http, "xf1-leader", awaitTask(http, "xf1-leader", c.pid(), "streetReview"));
    awaitStatus(http, c, "PUBLIC_NOTICE");
    probe(http, "dibao: 第二次公示中", c, Set.of("objection"));
    endNotice(http, c);

    String visit = awaitTask(http, "xf-approver", c.pid(), "districtHomeVisit");
    probe(http, "dibao: 区级入户调查(异议后)", c, Set.of());
    complete(http, "xf-approver", visit, Map.of("decision", "approve", "findings", "区级入户核实无误"));

    String approval = awaitTask(http, "xf-approver", c.pid(), "districtApproval");
    probe(http, "dibao: 区级审批", c, Set.of("withdraw"));
    approve(http, "xf-approver", approval);

    awaitStatus(http, c, "APPROVED");
    probe(http, "dibao: 已批准", c, Set.of());

    // the same household's benefit is re-reviewed (dibao-review): every state of the review
    Http.Response started = http.post("xf-approver", "/api/dibao/reviews", Map.of("applicationNo", c.no(), "reason", "专项清理"));
    record(http, "dibao: 已批准", "start re-review (xf-approver)", 202, started);
    JsonNode withReview = http.await("xf1-worker1", "/api/dibao/applications/" + c.no(),
        r -> r.json().path("reviews").size() == 1).json();
    String reviewNo = withReview.get("reviews").get(0).get("reviewNo").asText();
    JsonNode review = http.await("xf1-worker1", "/api/dibao/reviews/" + reviewNo,
        r -> r.status() == 200 && r.json().path("openSteps").toString().contains("reviewInvestigation")).json();
    Case r = new Case("dibao-review", reviewNo, review.get("processInstanceId").asText(), "xf1-worker1", "dl1-worker1",
        Map.of("reviewInvestigation", "xf1-worker1", "streetReview", "xf1-leader", "districtApproval", "xf-approver",
            "districtSpotCheck", "xf-approver"));
    probe(http, "dibao-review: 复核入户调查", r, Set.of());
    probe(http, "dibao: 复核中(原案)", c, Set.of());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> members = (List<Map<String, Object>>) household.get("members");
    Map<String, Object> incomes = new LinkedHashMap<>();
    members.forEach(m -> incomes.put((String) m.get("idNumber"), m.get("monthlyIncome")));
    assertThat(complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", r.pid(), "reviewInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "复核入户,情况未变", "updatedIncomes", Http.write(incomes)))
        .status()).isEqualTo(204);
    String reviewStreet = awaitTask(http, "xf1-leader", r.pid(), "streetReview");
    probe(http, "dibao-review: 街道审核(可撤回)", r, Set.of("withdraw"));
    approve(http, "xf1-leader", reviewStreet);
    String reviewDistrict = awaitTask(http, "xf-approver", r.pid(), "districtApproval");
    probe(http, "dibao-review: 区级审批(可撤回)", r, Set.of("withdraw"));
    approve(http, "xf-approver", reviewDistrict);
    awaitStatus(http, r, "REVIEWED");
    probe(http, "dibao-review: 已复核", r, Set.of());
  }

  @Test
  void dibaoRefusedAndPilotStates() {
    Http http = http();
    Case c = file(http, "dibao", "xf1-worker1", DibaoRestPostgresIT.application("230110001"), "xf1-worker1",
        "dl1-worker1", Map.of("householdInvestigation", "xf1-worker1", "streetReview", "xf1-leader",
            "districtApproval", "xf-approver"));
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "有隐瞒收入"));
    String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    transition(http, "dibao: 街道审核待认领(可撤回)", "claim streetReview (xf1-leader)", 204,
        () -> http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")));
    probe(http, "dibao: 街道审核已认领(不可撤回)", c, Set.of("extension"));
    transition(http, "dibao: 街道审核已认领(不可撤回)", "complete streetReview reject", 204, () -> completeOnly(http,
        "xf1-leader", review, Map.of("decision", "reject", "opinion", "隐瞒收入,不符合条件")));
    awaitStatus(http, c, "REJECTED");
    probe(http, "dibao: 不予批准", c, Set.of());

    // pilot district: the street's approval is the decision
    Case p = file(http, "dibao", "dl1-worker1", DibaoRestPostgresIT.application("230102001"), "dl1-worker1",
        "xf1-worker1", Map.of("householdInvestigation", "dl1-worker1", "streetReview", "dl1-leader",
            "districtSpotCheck", "dl-approver"));
    complete(http, "dl1-worker1", awaitTask(http, "dl1-worker1", p.pid(), "householdInvestigation"),
        Map.of("secondInvestigator", "dl1-worker2", "findings", "情况属实"));
    approve(http, "dl1-leader", awaitTask(http, "dl1-leader", p.pid(), "streetReview"));
    awaitStatus(http, p, "PUBLIC_NOTICE");
    probe(http, "dibao(试点): 公示中", p, Set.of("objection", "extension"));
    endNotice(http, p);
    awaitStatus(http, p, "APPROVED");
    probe(http, "dibao(试点): 已批准", p, Set.of());
  }

  @Test
  void elderCareEveryState() {
    Http http = http();
    Map<String, String> users = Map.of("abilityAssessment", "assessor1", "streetReview", "xf1-leader",
        "districtApproval", "xf-approver");
    Case c = file(http, "eldercare", "xf1-worker1", elder(), "xf1-worker1", "dl1-worker1", users);
    String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    probe(http, "eldercare: 街道审核", c, Set.of());
    approve(http, "xf1-leader", review);
    awaitStatus(http, c, "APPROVED");
    probe(http, "eldercare: 已批准", c, Set.of());

    Case refused = file(http, "eldercare", "xf1-worker1", elder(), "xf1-worker1", "dl1-worker1", users);
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", refused.pid(), "streetReview"),
        Map.of("decision", "reject", "opinion", "户籍不在本街道"));
    awaitStatus(http, refused, "REJECTED");
    probe(http, "eldercare: 不予批准", refused, Set.of());
  }

  @Test
  void nursingHomeEveryState() {
    Http http = http();
    Map<String, String> users = Map.of("materialReview", "xf-approver", "siteInspection", "xf-approver",
        "departmentOpinion", "fire-reviewer", "cityApproval", "city-approver");
    Case c = file(http, "nursing-home", "xf-approver", NursingHomeRestPostgresIT.application("OPERATING_SUBSIDY"),
        "xf-approver", "dl-approver", users);
    String material = awaitTask(http, "xf-approver", c.pid(), "materialReview");
    probe(http, "nursing-home: 材料审核", c, Set.of());
    approve(http, "xf-approver", material);
    String inspection = awaitTask(http, "xf-approver", c.pid(), "siteInspection");
    probe(http, "nursing-home: 现场核查", c, Set.of("withdraw"));
    complete(http, "xf-approver", inspection, Map.of("decision", "approve", "opinion", "实地入住60张", "inspectedOccupiedBeds", 60));
    awaitTask(http, "fire-reviewer", c.pid(), "departmentOpinion");
    probe(http, "nursing-home: 部门意见(三方并行)", c, Set.of());
    for (String department : List.of("fire-reviewer", "market-reviewer", "health-reviewer")) {
      approve(http, department, awaitTask(http, department, c.pid(), "departmentOpinion"));
    }
    String city = awaitTask(http, "city-approver", c.pid(), "cityApproval");
    probe(http, "nursing-home: 市级审批", c, Set.of());
    approve(http, "city-approver", city);
    awaitStatus(http, c, "PUBLIC_NOTICE");
    probe(http, "nursing-home: 公示中", c, Set.of("objection"));
    endNotice(http, c);
    awaitStatus(http, c, "APPROVED");
    probe(http, "nursing-home: 已批准", c, Set.of());

    Map<String, Object> young = NursingHomeRestPostgresIT.application("CONSTRUCTION_SUBSIDY");
    @SuppressWarnings("unchecked")
    Map<String, Object> institution = (Map<String, Object>) young.get("institution");
    institution.put("operatingSince", LocalDate.now().minusMonths(6).toString());
    Case refused = file(http, "nursing-home", "xf-approver", young, "xf-approver", "dl-approver", users);
    awaitStatus(http, refused, "REJECTED");
    probe(http, "nursing-home: 预审不予扶持", refused, Set.of());
  }

  @Test
  void funeralEveryState() {
    Http http = http();
    String deceased = TestIds.idNumber("230110", LocalDate.of(1940, 3, 3), serial++, true);
    Map<String, Object> report = Map.of("streetCode", "230110001",
        "deceased", Map.of("name", "钱老", "idNumber", deceased, "dateOfDeath", LocalDate.now().toString(),
            "categories", List.of("PRIORITY_CARE")),
        "caller", Map.of("name", "钱子", "phone", "13900000001", "relation", "儿子"),
        "services", List.of(Map.of("kind", "TRANSPORT"), Map.of("kind", "CREMATION")));
    Case c = file(http, "funeral", "hotline1", report, "xf1-worker1", "dl1-worker1",
        Map.of("eligibilityConfirmation", "xf1-worker1", "serviceConfirmation", "funeral-home1"));
    String eligibility = awaitTask(http, "xf1-worker1", c.pid(), "eligibilityConfirmation");
    probe(http, "funeral: 街道确认类别", c, Set.of());
    approve(http, "xf1-worker1", eligibility);
    String services = awaitTask(http, "funeral-home1", c.pid(), "serviceConfirmation");
    probe(http, "funeral: 殡仪馆确认服务", c, Set.of("withdraw"));
    complete(http, "funeral-home1", services, Map.of("transport", true, "storageDays", 0, "cremation", true, "cremationFee", 190));
    awaitStatus(http, c, "APPROVED");
    probe(http, "funeral: 已减免", c, Set.of());
  }

  @Test
  void temporaryAssistanceEveryState() {
    Http http = http();
    String id = TestIds.idNumber("230110", LocalDate.of(1981, 1, 1), serial++, true);
    Map<String, Object> application = Map.of("streetCode", "230110001", "type", "EMERGENCY",
        "applicant", Map.of("name", "李某", "idNumber", id), "householdSize", 2, "reason", "火灾致房屋受损",
        "requestedAmount", 1000, "payment", Map.of("bankName", "中国建设银行", "accountNo", "6217000000000000456"));
    Case c = file(http, "temporary-assistance", "xf1-worker1", application, "xf1-worker1", "dl1-worker1",
        Map.of("streetEmergencyGrant", "xf1-leader", "followUpVerification", "xf1-worker1", "streetReview", "xf1-leader",
            "districtApproval", "xf-approver"));
    String grant = awaitTask(http, "xf1-leader", c.pid(), "streetEmergencyGrant");
    probe(http, "temporary-assistance: 先行救助", c, Set.of());
    complete(http, "xf1-leader", grant, Map.of("decision", "approve", "grantedAmount", 1000));
    String follow = awaitTask(http, "xf1-worker1", c.pid(), "followUpVerification");
    probe(http, "temporary-assistance: 已救助待事后核实", c, Set.of());
    complete(http, "xf1-worker1", follow, Map.of("justified", true, "findings", "属实"));
    http.await("admin", "/engine-rest/history/process-instance/" + c.pid(),
        rr -> "COMPLETED".equals(rr.json().path("state").asText()));
    probe(http, "temporary-assistance: 已办结", c, Set.of());
  }

  // ---------------------------------------------------------------------------------------------- the probes

  /**
   * Sends every action to the case in its present state. {@code allowed} names the state-changing actions this
   * state allows (driven as transitions by the caller, so not sent here); every other state-changing action
   * must be refused with a 4xx and a Chinese message, and the case must be exactly as before.
   */
  private void probe(Http http, String state, Case c, Set<String> allowed) {
    String before = snapshot(c);
    JsonNode status = read(http, c);
    boolean onNotice = "PUBLIC_NOTICE".equals(status.path("status").asText());
    assertThat(onNotice).as(state + ": on notice exactly where the table says").isEqualTo(allowed.contains("objection"));
    String base = "/api/" + c.kind() + "/applications/" + c.no();
    boolean review = c.kind().equals("dibao-review");

    send(state, "GET status", Expect.OK, () -> review ? http.get(c.viewer(), "/api/dibao/reviews/" + c.no())
        : http.get(c.viewer(), base));
    send(state, "GET status (other jurisdiction)", Expect.DENIED, () -> review
        ? http.get(c.outsider(), "/api/dibao/reviews/" + c.no()) : http.get(c.outsider(), base));
    send(state, "GET list", Expect.OK, () -> http.get(c.viewer(), "/api/applications?q=" + c.no()));
    Http.Response notices = send(state, "GET notices", Expect.OK,
        () -> http.get(c.viewer(), "/api/applications/" + c.no() + "/notices"));
    if (notices.json().size() > 0) {
      String id = notices.json().get(0).get("id").asText();
      sendBinary(http, state, "GET notice PDF", c, "/api/applications/" + c.no() + "/notices/" + id + ".pdf");
    }
    send(state, "GET notice PDF (no such notice)", Expect.NOT_FOUND,
        () -> http.get(c.viewer(), "/api/applications/" + c.no() + "/notices/999999999.pdf"));
    for (String person : people(c)) {
      send(state, "GET person benefits", Expect.OK, () -> http.get(c.viewer(), "/api/persons/" + person + "/benefits"));
    }
    if (!allowed.contains("objection")) {
      send(state, "POST objection", Expect.CONFLICT,
          () -> http.post(c.viewer(), base + "/objections", Map.of("objection", "群众反映情况不实")));
      send(state, "POST engine-rest message Objection", Expect.CONFLICT, () -> http.post("admin", "/engine-rest/message",
          Map.of("messageName", "Objection", "businessKey", c.no(),
              "processVariables", Map.of("objection", Map.of("value", "不在公示期的异议"))))); 
    }
    send(state, "POST objection (empty)", Expect.INVALID, () -> http.post(c.viewer(), base + "/objections", Map.of()));
    if (!allowed.contains("extension")) {
      String district = c.kind().equals("nursing-home") || c.taskUsers().containsValue("xf-approver")
          || c.viewer().startsWith("xf") ? "xf-approver" : "dl-approver";
      send(state, "POST extension", Expect.CONFLICT,
          () -> http.post(district, base + "/extension", Map.of("reason", "特殊情况")));
    }
    if (!allowed.contains("withdraw")) {
      String last = lastCompleter(c);
      send(state, "POST withdraw (" + (last == null ? "no step done" : "last completer") + ")", Expect.CONFLICT,
          () -> http.post(last == null ? c.viewer() : last, "/api/applications/" + c.no() + "/withdraw", Map.of()));
    }
    send(state, "POST withdraw (not the completer)", Expect.REFUSED,
        () -> http.post(c.outsider(), "/api/applications/" + c.no() + "/withdraw", Map.of()));

    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(c.no()).list();
    for (Map.Entry<String, String> step : new TreeMap<>(c.taskUsers()).entrySet()) {
      String key = step.getKey();
      String user = step.getValue();
      List<Task> openOfKey = open.stream().filter(t -> key.equals(t.getTaskDefinitionKey())).toList();
      if (!openOfKey.isEmpty()) {
        Task t = openOfKey.get(0);
        send(state, "claim " + key + " (other jurisdiction)", Expect.DENIED,
            () -> http.post(c.outsider(), "/engine-rest/task/" + t.getId() + "/claim", Map.of("userId", c.outsider())));
        send(state, "complete " + key + " (other jurisdiction)", Expect.DENIED,
            () -> http.post(c.outsider(), "/engine-rest/task/" + t.getId() + "/complete", Map.of("variables", Map.of())));
        send(state, "complete " + key + " (no decision)", Expect.INVALID,
            () -> http.post(user, "/engine-rest/task/" + t.getId() + "/complete", Map.of("variables", Map.of())));
        if (t.getAssignee() != null) {
          String colleague = colleague(t.getAssignee());
          if (colleague != null) {
            send(state, "claim " + key + " (claimed by a colleague)", Expect.CONFLICT,
                () -> http.post(colleague, "/engine-rest/task/" + t.getId() + "/claim", Map.of("userId", colleague)));
          }
        }
        send(state, "urge " + key + " (caseworker)", Expect.REFUSED,
            () -> http.post(c.outsider(), "/api/tasks/" + t.getId() + "/urge", Map.of("message", "请尽快办理")));
      } else {
        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(c.no())
            .taskDefinitionKey(key).finished().orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1)
            .stream().findFirst().orElse(null);
        if (done == null) {
          continue; // the case has never had this step: there is no task to send anything to
        }
        send(state, "claim " + key + " (step done)", Expect.CONFLICT,
            () -> http.post(user, "/engine-rest/task/" + done.getId() + "/claim", Map.of("userId", user)));
        send(state, "complete " + key + " (step done)", Expect.CONFLICT,
            () -> http.post(user, "/engine-rest/task/" + done.getId() + "/complete",
                Map.of("variables", Map.of("decision", Map.of("value", "approve")))));
        send(state, "transfer " + key + " (step done)", Expect.CONFLICT,
            () -> http.post(user, "/api/tasks/" + done.getId() + "/transfer", Map.of("toUser", user, "reason", "x")));
        send(state, "return " + key + " (step done)", Expect.CONFLICT,
            () -> http.post(user, "/api/tasks/" + done.getId() + "/return", Map.of("toStep", key, "reason", "x")));
      }
    }
    settle(c);
    assertThat(snapshot(c)).as(state + ": nothing changed by the refused actions").isEqualTo(before);
  }

  /** A state-changing action the state allows: it must succeed (and is counted). */
  private void transition(Http http, String state, String action, int expected, Supplier<Http.Response> request) {
    record(http, state, action, expected, request.get());
  }

  private void record(Http http, String state, String action, int expected, Http.Response r) {
    tried++;
    TABLE.computeIfAbsent(state, s -> new LinkedHashMap<>()).put(action + " [allowed]", String.valueOf(r.status()));
    assertThat(r.status()).as(state + " / " + action + ": " + r.body()).isEqualTo(expected);
  }

  private Http.Response send(String state, String action, Expect expect, Supplier<Http.Response> request) {
    Http.Response r = request.get();
    tried++;
    TABLE.computeIfAbsent(state, s -> new LinkedHashMap<>()).merge(action, String.valueOf(r.status()),
        (a, b) -> a.equals(b) ? a : a + "/" + b);
    assertThat(r.status()).as(state + " / " + action + ": " + r.body()).isBetween(expect.low, expect.high);
    if (r.status() >= 400) {
      assertThat(r.json()).as(state + " / " + action + ": JSON error body").isNotNull();
      // the contract's two error shapes: 400 names the field, every other status gives a message
      JsonNode reason = r.status() == 400 ? r.json().path("errors").path(0) : r.json();
      if (r.status() == 400) {
        assertThat(reason.path("field").asText()).as(state + " / " + action + ": field named " + r.body()).isNotBlank();
      }
      assertThat(reason.path("message").asText()).as(state + " / " + action + ": Chinese reason " + r.body())
          .containsPattern(CHINESE);
      assertThat(r.body()).as(state + " / " + action + ": no stack trace").doesNotContain("at org.", "at java.");
    }
    return r;
  }

  private void sendBinary(Http http, String state, String action, Case c, String path) {
    Http.Binary pdf = http.getBytes(c.viewer(), path);
    tried++;
    TABLE.computeIfAbsent(state, s -> new LinkedHashMap<>()).put(action, String.valueOf(pdf.status()));
    assertThat(pdf.status()).as(state + " / " + action).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private Case file(Http http, String kind, String user, Map<String, Object> body, String viewer, String outsider,
      Map<String, String> taskUsers) {
    Http.Response created = http.post(user, "/api/" + kind + "/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Case(kind, created.json().get("applicationNo").asText(), created.json().get("processInstanceId").asText(),
        viewer, outsider, taskUsers);
  }

  private Map<String, Object> elder() {
    String id = TestIds.idNumber("230110", LocalDate.now().minusYears(85).minusDays(serial), serial++, false);
    return Map.of("streetCode", "230110001", "subsidyType", "HIGH_AGE",
        "elder", Map.of("name", "吴奶奶", "idNumber", id, "hukouType", "URBAN", "hasEmployeePension", false,
            "livingAlone", false, "lostOnlyChild", false));
  }

  private JsonNode read(Http http, Case c) {
    Http.Response r = c.kind().equals("dibao-review") ? http.get(c.viewer(), "/api/dibao/reviews/" + c.no())
        : http.get(c.viewer(), "/api/" + c.kind() + "/applications/" + c.no());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private void awaitStatus(Http http, Case c, String status) {
    String path = c.kind().equals("dibao-review") ? "/api/dibao/reviews/" + c.no()
        : "/api/" + c.kind() + "/applications/" + c.no();
    http.await(c.viewer(), path, r -> status.equals(r.json().path("status").asText()));
  }

  private void approve(Http http, String user, String taskId) {
    assertThat(complete(http, user, taskId, Map.of("decision", "approve", "opinion", "同意")).status()).isEqualTo(204);
  }

  private Http.Response completeOnly(Http http, String user, String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return http.post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
  }

  private void endNotice(Http http, Case c) {
    String timer = noticeTimers(http, c.pid()).json().get(0).get("id").asText();
    assertThat(http.post("admin", "/engine-rest/job/" + timer + "/execute", Map.of()).status()).isEqualTo(204);
  }

  private List<String> people(Case c) {
    return jdbc.queryForList("select id_number from case_person where application_no = ? order by id_number limit 1",
        String.class, c.kind().equals("dibao-review") ? jdbc.queryForObject(
            "select application_no from dibao_review where review_no = ?", String.class, c.no()) : c.no());
  }

  private String lastCompleter(Case c) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(c.pid()).finished().taskDeleteReason("completed")
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream().map(HistoricTaskInstance::getAssignee)
        .findFirst().orElse(null);
  }

  private static String colleague(String user) {
    return switch (user) {
      case "xf1-worker1" -> "xf1-worker2";
      case "xf1-worker2" -> "xf1-worker1";
      case "dl1-worker1" -> "dl1-worker2";
      case "dl1-worker2" -> "dl1-worker1";
      default -> null;
    };
  }

  /** Waits until the case has no due job left (the job executor finishes what a request started). */
  private void settle(Case c) {
    long end = System.currentTimeMillis() + 30_000;
    while (management.createJobQuery().rootProcessInstanceId(c.pid()).executable().list().stream()
        .anyMatch(j -> j.getRetries() > 0)) {
      assertThat(System.currentTimeMillis()).as("jobs of " + c.no() + " settle").isLessThan(end);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Everything an action could change about the case, as one comparable text. */
  private String snapshot(Case c) {
    settle(c);
    StringBuilder s = new StringBuilder();
    s.append(jdbc.queryForList("select * from app_case where application_no = ?", c.no()));
    s.append(jdbc.queryForList("select step, user_id, decision, opinion from case_history where application_no = ? order by id",
        c.no()));
    s.append(jdbc.queryForList("select id, kind from case_notice where application_no = ? order by id", c.no()));
    s.append(jdbc.queryForList("select * from case_reason where application_no = ? order by seq", c.no()));
    s.append(jdbc.queryForList("select * from benefit_record where application_no = ?", c.no()));
    s.append(jdbc.queryForList("select * from benefit_claim where application_no = ? order by id_number, benefit", c.no()));
    s.append(jdbc.queryForList("select * from case_copy where application_no = ? order by user_id", c.no()));
    tasks.createTaskQuery().processInstanceBusinessKey(c.no()).orderByTaskId().asc().list().forEach(t -> s.append(
        "|task ").append(t.getId()).append(' ').append(t.getTaskDefinitionKey()).append(' ').append(t.getAssignee())
        .append(' ').append(t.getOwner()).append(' ').append(t.getPriority()));
    s.append("|activities ").append(history.createHistoricActivityInstanceQuery().processInstanceId(c.pid()).count());
    s.append("|variables ").append(history.createHistoricVariableInstanceQuery().processInstanceId(c.pid()).list()
        .stream().map(v -> v.getName() + "=" + v.getValue()).sorted().toList());
    s.append("|jobs ").append(management.createJobQuery().rootProcessInstanceId(c.pid()).count());
    return s.toString();
  }

  @AfterAll
  static void printTable() {
    StringBuilder out = new StringBuilder("\n| state | actions tried | answers |\n| --- | --- | --- |\n");
    int cells = 0;
    for (var row : TABLE.entrySet()) {
      cells += row.getValue().size();
      List<String> answers = new ArrayList<>();
      row.getValue().forEach((action, status) -> answers.add(action + " → " + status));
      out.append("| ").append(row.getKey()).append(" | ").append(row.getValue().size()).append(" | ")
          .append(String.join("; ", answers)).append(" |\n");
    }
    out.append("\nSTATES-ACTIONS states=").append(TABLE.size()).append(" distinct state×action cells=").append(cells)
        .append(" requests sent=").append(tried).append('\n');
    System.out.println(out);
  }
}
