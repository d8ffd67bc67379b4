package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.nursinghome.NursingHomeRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13 item 6 (and the answer checks of item 10): a generated, seeded corpus of hostile input against every write
 * endpoint of the application API and the engine's task, history and filter endpoints. Every answer must be a 4xx
 * (queries: a 4xx, or a 200 that found nothing) with a Chinese message, never a 5xx, never a stack trace, an SQL text or
 * a driver name; and afterwards no table holds one row more or less than before. Finally each template itself is
 * submitted and accepted, which shows that the corpus was refused for what it spoiled, not for a broken template.
 *
 * <p>Runs in a context (and database) of its own ({@code hostile.context}), so that jobs of other test classes cannot
 * change the row counts while the corpus runs.
 */
@TestPropertySource(properties = "hostile.context=true")
class HostileInputIT extends PostgresIntegrationTest {

  private static final long SEED = 13L;
  private static final int PER_FIELD = 6;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  /** What must never reach a caller: Java exceptions and stack frames, SQL, the driver. */
  private static final List<String> LEAKS = List.of("Exception", "at org.", "at java.", "SELECT", "select ",
      "org.postgresql", "PSQLException", "java.lang", "org.camunda", "org.springframework", "ERROR:");

  /** The endpoints that also get the 6 MB body and 100 000 levels of nesting (one per guard and reader). */
  private static final Set<String> HEAVY = Set.of("POST /api/dibao/applications", "POST /api/verification-records",
      "POST /api/tasks/{id}/transfer");

  @Autowired private JdbcTemplate jdbc;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final HostileCorpus corpus = new HostileCorpus(SEED);
  /** endpoint → inputs tried, in the order tried. */
  private final Map<String, int[]> tried = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();

  record Answer(int status, String body, JsonNode json) {}

  @Test
  void hostileInputIsRefusedWithChineseMessagesAndStoresNothing() throws Exception {
    Http http = http();
    // fixtures: one open 低保 case with its first task claimed, a payment run, a filter
    Map<String, Object> dibao = DibaoRestPostgresIT.application("230110001");
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", dibao);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    String task = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
    Http.Response run = http.post("xf-approver", "/api/payments/runs", Map.of("month", month.toString(), "districtCode", "230110"));
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    String runId = run.json().get("runId").asText();
    Http.Response filters = http.get("admin", "/engine-rest/filter?firstResult=0&maxResults=10");
    String filterId = filters.json().get(0).get("id").asText();
    // let the case's automatic steps finish before counting
    http.await("admin", "/engine-rest/job/count?executable=true", r -> r.status() == 200 && r.json().path("count").asInt() == 0);

    Map<String, Long> before = rowCounts();

    Map<String, Templates> templates = templates(no, task, runId, month);
    for (Templates t : templates.values()) {
      attack(t);
    }
    taskCompletion(task);
    pathVariables(no, task, runId);
    engineQueries(pid, filterId);

    Map<String, Long> after = rowCounts();
    Map<String, String> changed = new TreeMap<>();
    before.forEach((table, count) -> {
      if (!count.equals(after.get(table))) {
        changed.put(table, count + " → " + after.get(table));
      }
    });

    printTable();
    assertThat(violations).as("answers that broke the rules (%d), first ones", violations.size())
        .hasSizeLessThan(1).isEmpty();
    assertThat(changed).as("tables whose row count changed while the corpus ran").isEmpty();

    // the control: each application template as it stands is accepted
    for (Templates t : templates.values()) {
      if (t.control()) {
        Answer ok = send(t.method(), t.path(), HostileCorpus.bytes(t.template()), "application/json", t.user());
        assertThat(ok.status()).as(t.path() + " " + ok.body()).isBetween(200, 299);
      }
    }
  }

  /** One endpoint with its valid body, the user allowed to call it, and its free-text fields. */
  record Templates(String name, String method, String path, String user, JsonNode template, Set<String> freeText,
      boolean control) {}

  private Map<String, Templates> templates(String no, String task, String runId, YearMonth month) {
    Map<String, Templates> t = new LinkedHashMap<>();
    String self = TestIds.idNumber("230110", LocalDate.of(1961, 2, 3), 611, true);
    String wife = TestIds.idNumber("230110", LocalDate.of(1963, 4, 5), 612, false);
    Map<String, Object> dibao = new LinkedHashMap<>();
    dibao.put("streetCode", "230110001");
    dibao.put("areaType", "URBAN");
    dibao.put("applicantIdNumber", self);
    dibao.put("phone", "0451-88888888");
    dibao.put("members", List.of(DibaoRestPostgresIT.member("刘一", self, "SELF", 400),
        DibaoRestPostgresIT.member("陈二", wife, "SPOUSE", 100)));
    dibao.put("assets", Map.of("financialAssets", 2000, "vehicles", 0, "houses", 1, "nonResidentialProperties", 0,
        "businessRegistered", false));
    dibao.put("payment", Map.of("bankName", "中国建设银行哈尔滨香坊支行", "accountNo", "6217000010009876543"));
    add(t, "POST /api/dibao/applications", "/api/dibao/applications", "xf1-worker1", dibao, Set.of("payment.bankName"), true);

    String elder = TestIds.idNumber("230110", LocalDate.of(1940, 1, 1), 613, false);
    add(t, "POST /api/eldercare/applications", "/api/eldercare/applications", "xf1-worker1",
        Map.of("streetCode", "230110001", "subsidyType", "HIGH_AGE", "elder", Map.of("name", "孙奶奶", "idNumber", elder,
            "hukouType", "URBAN", "hasEmployeePension", false, "livingAlone", false, "lostOnlyChild", false)), Set.of(), true);

    add(t, "POST /api/nursing-home/applications", "/api/nursing-home/applications", "xf-approver",
        NursingHomeRestPostgresIT.application("CONSTRUCTION_SUBSIDY"), Set.of("institution.filingNo"), true);

    String deceased = TestIds.idNumber("230110", LocalDate.of(1930, 3, 3), 615, true);
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    add(t, "POST /api/funeral/applications", "/api/funeral/applications", "hotline1",
        Map.of("streetCode", "230110001", "deceased", Map.of("name", "赵老兵", "idNumber", deceased, "dateOfDeath", today,
            "categories", List.of("PRIORITY_CARE")),
            "caller", Map.of("name", "赵子", "phone", "13900000000", "relation", "儿子"),
            "services", List.of(Map.of("kind", "TRANSPORT"), Map.of("kind", "STORAGE", "days", 3))),
        Set.of("caller.relation"), true);

    String poor = TestIds.idNumber("230110", LocalDate.of(1975, 6, 7), 617, true);
    add(t, "POST /api/temporary-assistance/applications", "/api/temporary-assistance/applications", "xf1-worker1",
        Map.of("streetCode", "230110001", "type", "EMERGENCY", "applicant", Map.of("name", "孙某", "idNumber", poor),
            "householdSize", 3, "reason", "车祸致主要劳动力住院", "requestedAmount", 1500,
            "payment", Map.of("bankName", "中国建设银行", "accountNo", "6217000000000000123")),
        Set.of("reason", "payment.bankName"), true);

    add(t, "POST /api/verification-records", "/api/verification-records", "admin",
        List.of(Map.of("idNumber", self, "kind", "WAGE", "amount", 600, "note", "社保缴费基数")), Set.of("[0].note"), true);
    add(t, "POST /api/staff-relatives", "/api/staff-relatives", "admin",
        List.of(Map.of("idNumber", wife, "staffUserId", "xf1-worker2", "relation", "妹妹")), Set.of("[0].relation"), true);
    add(t, "POST /api/dibao/reviews", "/api/dibao/reviews", "xf-approver",
        Map.of("streetCode", "230110001", "reason", "专项清理"), Set.of("reason"), false);
    add(t, "POST /api/persons/{id}/events", "/api/persons/" + self + "/events", "admin",
        Map.of("type", "DEATH", "date", today, "note", "医院死亡证明"), Set.of("note"), false);
    add(t, "POST /api/dibao/applications/{no}/objections", "/api/dibao/applications/" + no + "/objections", "xf1-worker1",
        Map.of("objection", "邻居反映家中有车"), Set.of("objection"), false);
    add(t, "POST /api/dibao/applications/{no}/extension", "/api/dibao/applications/" + no + "/extension", "xf-approver",
        Map.of("reason", "人户分离,需异地核查"), Set.of("reason"), false);
    add(t, "POST /api/payments/runs", "/api/payments/runs", "xf-approver",
        Map.of("month", month.plusMonths(1).toString(), "districtCode", "230110"), Set.of(), false);
    add(t, "POST /api/payments/runs/{id}/results", "/api/payments/runs/" + runId + "/results", "xf-approver",
        List.of(Map.of("applicationNo", no, "status", "FAILED", "reason", "户名与账号不符")), Set.of("[0].reason"), false);
    add(t, "POST /api/funeral/satisfaction/samples", "/api/funeral/satisfaction/samples", "admin",
        Map.of("month", month.minusMonths(1).toString()), Set.of(), false);
    add(t, "POST /api/holiday-subsidies", "/api/holiday-subsidies", "city-approver",
        Map.of("holiday", "SPRING_FESTIVAL", "year", month.getYear() + 1, "month", month.plusMonths(1).toString()),
        Set.of(), false);
    String tasks = "/api/tasks/" + task;
    add(t, "POST /api/tasks/{id}/transfer", tasks + "/transfer", "xf1-worker1",
        Map.of("toUser", "xf1-worker2", "reason", "休假"), Set.of("reason"), false);
    add(t, "POST /api/tasks/{id}/delegate", tasks + "/delegate", "xf1-worker1",
        Map.of("toUser", "xf1-worker2", "reason", "请协助核实"), Set.of("reason"), false);
    add(t, "POST /api/tasks/{id}/resolve", tasks + "/resolve", "xf1-worker1", Map.of("opinion", "已核实"),
        Set.of("opinion"), false);
    add(t, "POST /api/tasks/{id}/countersign", tasks + "/countersign", "xf1-worker1",
        Map.of("users", List.of("xf1-worker2"), "reason", "请一并入户"), Set.of("reason"), false);
    add(t, "POST /api/tasks/{id}/return", tasks + "/return", "xf1-worker1",
        Map.of("toStep", "submitted", "reason", "材料不全"), Set.of("reason"), false);
    add(t, "POST /api/tasks/{id}/urge", tasks + "/urge", "xf1-leader", Map.of("message", "请尽快入户"),
        Set.of("message"), false);
    add(t, "POST /api/applications/{no}/withdraw", "/api/applications/" + no + "/withdraw", "xf1-worker1",
        Map.of("reason", "填写有误"), Set.of("reason"), false);
    add(t, "POST /api/applications/{no}/copies", "/api/applications/" + no + "/copies", "xf1-worker1",
        Map.of("users", List.of("xf1-worker2"), "reason", "知悉"), Set.of("reason"), false);
    return t;
  }

  private static void add(Map<String, Templates> t, String name, String path, String user, Object template,
      Set<String> freeText, boolean control) {
    t.put(name, new Templates(name, "POST", path, user, JSON.valueToTree(template), freeText, control));
  }

  /** Structural bodies and every field spoiled, against one endpoint of the application API. */
  private void attack(Templates t) {
    for (HostileCorpus.Input input : corpus.structural(t.template().isArray(), HEAVY.contains(t.name()))) {
      check(t.name(), t.method(), t.path(), input, t.user(), false);
    }
    for (HostileCorpus.Input input : corpus.fields(t.template(), PER_FIELD, t.freeText())) {
      check(t.name(), t.method(), t.path(), input, t.user(), false);
    }
  }

  /** Task completion with hostile variables: every one is refused and the task stays open. */
  private void taskCompletion(String task) {
    String path = "/engine-rest/task/" + task + "/complete";
    String name = "POST /engine-rest/task/{id}/complete";
    for (HostileCorpus.Input input : corpus.structural(false, true)) {
      check(name, "POST", path, input, "xf1-worker1", false);
    }
    List<String> variables = new ArrayList<>();
    String findings = "\"findings\":{\"value\":\"住房简陋\"}";
    for (String second : List.of("\"${7*7}\"", "\"#{7*7}\"", "\"xf1-worker1\"", "\"' OR '1'='1\"", "\"<script>alert(1)</script>\"",
        "123", "true", "{}", "[]", "null", "\"\\u0000\"", "\"\\uD800\"", "\"" + "x".repeat(70_000) + "\"")) {
      variables.add("{\"variables\":{\"secondInvestigator\":{\"value\":" + second + "}," + findings + "}}");
    }
    String second = "\"secondInvestigator\":{\"value\":\"xf1-worker2\"}";
    for (String bad : List.of("\"\\u0000\"", "\"甲\\u0000乙\"", "\"\\uD800\"", "\"甲\\uDFFF乙\"", "\"\\u202E甲乙\"",
        "\"\\u0007\"", "\"" + "长".repeat(100_001) + "\"")) {
      variables.add("{\"variables\":{" + second + ",\"findings\":{\"value\":" + bad + "}}}");
    }
    for (String typed : List.of(
        "{\"value\":\"rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}",
        "{\"value\":\"x\",\"type\":\"File\"}",
        "{\"value\":\"kein Datum\",\"type\":\"Date\"}",
        "{\"value\":\"abc\",\"type\":\"Integer\"}",
        "{\"value\":\"!!!\",\"type\":\"Bytes\"}",
        "{\"value\":\"x\",\"type\":\"NoSuchType\"}",
        "{\"value\":\"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>\",\"type\":\"Xml\"}",
        "{\"value\":\"{bad\",\"type\":\"Json\"}",
        "{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.lang.ProcessBuilder\",\"serializationDataFormat\":\"application/json\"}}")) {
      variables.add("{\"variables\":{" + second + "," + findings + ",\"extra\":" + typed + "}}");
    }
    variables.add("{\"variables\":[]}");
    variables.add("{\"variables\":\"x\"}");
    variables.add("{\"variables\":{\"secondInvestigator\":\"xf1-worker2\"}}");
    variables.add("{\"variables\":{" + second + "," + findings + ",\"\":{\"value\":1}}}");
    variables.add("{\"variables\":{" + second + "," + findings + ",\"" + "v".repeat(5000) + "\":{\"value\":1}}}");
    variables.add("{\"variables\":{" + second + "," + findings + ",\"\\u0000\":{\"value\":1}}}");
    for (String body : variables) {
      check(name, "POST", path, new HostileCorpus.Input("variables " + HostileCorpus.shorten(body),
          body.getBytes(StandardCharsets.UTF_8), "application/json", null), "xf1-worker1", false);
    }
  }

  /** Hostile identifiers in the path of every write endpoint that has one. */
  private void pathVariables(String no, String task, String runId) {
    List<String> ids = List.of("${7*7}", "#{7*7}", "' OR '1'='1", "1;DROP TABLE case_record", "<script>", "..",
        "%00", "\u0000", "\uD800", "\u202E1", "x".repeat(5000), "-1", "230110197004040119");
    String[][] endpoints = {
        {"POST /api/persons/{id}/events", "/api/persons/%s/events", "admin", "{\"type\":\"DEATH\",\"date\":\"2027-01-01\"}"},
        {"POST /api/dibao/applications/{no}/objections", "/api/dibao/applications/%s/objections", "xf1-worker1", "{\"objection\":\"有车\"}"},
        {"POST /api/dibao/applications/{no}/extension", "/api/dibao/applications/%s/extension", "xf-approver", "{\"reason\":\"异地\"}"},
        {"POST /api/payments/runs/{id}/results", "/api/payments/runs/%s/results", "xf-approver", "[{\"applicationNo\":\"" + no + "\",\"status\":\"PAID\"}]"},
        {"POST /api/tasks/{id}/transfer", "/api/tasks/%s/transfer", "xf1-worker1", "{\"toUser\":\"xf1-worker2\",\"reason\":\"休假\"}"},
        {"POST /api/tasks/{id}/urge", "/api/tasks/%s/urge", "xf1-leader", "{\"message\":\"请尽快\"}"},
        {"POST /api/applications/{no}/withdraw", "/api/applications/%s/withdraw", "xf1-worker1", "{}"},
        {"POST /api/applications/{no}/copies", "/api/applications/%s/copies", "xf1-worker1", "{\"users\":[\"xf1-worker2\"]}"},
        {"POST /engine-rest/task/{id}/complete", "/engine-rest/task/%s/complete", "xf1-worker1", "{\"variables\":{}}"},
        {"POST /api/{kind}/applications", "/api/%s/applications", "xf1-worker1", "{}"}};
    for (String[] e : endpoints) {
      for (String id : ids) {
        String path = String.format(e[1], encode(id));
        check(e[0], "POST", path, new HostileCorpus.Input("path " + HostileCorpus.shorten(id),
            e[3].getBytes(StandardCharsets.UTF_8), "application/json", null), e[2], false);
      }
    }
  }

  /**
   * The engine's task, history and filter endpoints: hostile values in every common query parameter, query bodies
   * with expressions (also in {@code orQueries}, also behind JSON escapes), wrong types and injection strings, and
   * stored filters created, updated and executed with expressions. A query may answer 200, but only with nothing
   * found: an injection that worked would return the tasks of the database.
   */
  private void engineQueries(String pid, String filterId) {
    List<String> values = List.of("${7*7}", "#{7*7}", "${currentUser()}", "' OR '1'='1", "%' OR 1=1 --",
        "1); DROP TABLE act_ru_task; --", "<script>alert(1)</script>", "\u0000", "\uD800", "\u202E", "x".repeat(20_000),
        "-1", "abc", "9999999999999999999", "2027-13-45T99:99:99", "\uD83D\uDE00");
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("/engine-rest/task", List.of("processInstanceId", "taskDefinitionKey", "assignee", "candidateGroup",
        "nameLike", "processVariables", "sortBy", "sortOrder", "firstResult", "maxResults", "dueAfter", "assigneeExpression",
        "candidateGroupsExpression", "processInstanceBusinessKeyLike", "taskVariables", "tenantIdIn"));
    params.put("/engine-rest/task/count", List.of("processInstanceId", "nameLike", "processVariables", "assigneeExpression",
        "candidateUserExpression", "dueAfter"));
    params.put("/engine-rest/history/process-instance", List.of("processInstanceId", "processInstanceBusinessKeyLike",
        "variables", "sortBy", "maxResults", "startedAfter", "superProcessInstanceId"));
    params.put("/engine-rest/history/task", List.of("processInstanceId", "taskNameLike", "processVariables",
        "taskVariables", "sortBy", "maxResults", "taskDueDateAfter"));
    params.put("/engine-rest/history/variable-instance", List.of("variableName", "variableNameLike", "variableValue",
        "processInstanceIdIn", "maxResults"));
    params.put("/engine-rest/history/activity-instance", List.of("processInstanceId", "activityName", "sortBy",
        "startedAfter", "maxResults"));
    params.put("/engine-rest/filter/" + filterId + "/list", List.of("assigneeExpression", "nameLike", "processVariables",
        "maxResults"));
    for (Map.Entry<String, List<String>> endpoint : params.entrySet()) {
      String name = "GET " + endpoint.getKey().replace(filterId, "{id}");
      for (String param : endpoint.getValue()) {
        for (String value : values) {
          String query = (param.equals("maxResults") || param.equals("firstResult") ? "" : "firstResult=0&maxResults=50&")
              + param + "=" + encode(param.contains("ariables") ? "x_eq_" + value : value);
          String path = endpoint.getKey() + "?" + query;
          check(name, "GET", path, new HostileCorpus.Input(param + "=" + HostileCorpus.shorten(value), null, null, null),
              "xf1-worker1", true);
        }
      }
    }
    // each query endpoint with fields of its own query (a field it does not know is ignored, and an empty query finds
    // everything the user may see)
    List<String> taskFields = List.of("assigneeExpression", "candidateGroupExpression", "nameLike", "processInstanceId",
        "dueAfter", "candidateGroups");
    String[][] queryEndpoints = {
        {"POST /engine-rest/task", "/engine-rest/task?firstResult=0&maxResults=50", "task"},
        {"POST /engine-rest/task/count", "/engine-rest/task/count", "task"},
        {"POST /engine-rest/history/process-instance", "/engine-rest/history/process-instance?firstResult=0&maxResults=50",
            "processInstanceBusinessKeyLike,processInstanceId,startedAfter,processInstanceIds"},
        {"POST /engine-rest/history/task", "/engine-rest/history/task?firstResult=0&maxResults=50",
            "taskNameLike,processInstanceId,taskDueDateAfter,taskAssigneeLike"},
        {"POST /engine-rest/filter/{id}/list", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=50", "task"},
        {"POST /engine-rest/filter/{id}/count", "/engine-rest/filter/" + filterId + "/count", "task"}};
    for (String[] e : queryEndpoints) {
      List<String> fields = e[2].equals("task") ? taskFields : List.of(e[2].split(","));
      String variables = e[0].contains("process-instance") ? "variables" : "processVariables";
      List<String> queryBodies = new ArrayList<>();
      for (String value : List.of("\"${7*7}\"", "\"#{7*7}\"", "\"\\u0024{7*7}\"", "\"\\u0023{7*7}\"", "\"' OR '1'='1\"",
          "123", "{}", "[]", "true", "\"\\u0000\"", "\"\\uD800\"")) {
        for (String field : fields) {
          queryBodies.add("{\"" + field + "\":" + value + "}");
          queryBodies.add("{\"orQueries\":[{\"" + field + "\":" + value + "}]}");
        }
        queryBodies.add("{\"" + variables + "\":[{\"name\":" + value + ",\"operator\":\"eq\",\"value\":" + value + "}]}");
        queryBodies.add("{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\",\"parameters\":{\"variable\":"
            + value + ",\"type\":\"String\"}}]}");
      }
      queryBodies.add("{\"orQueries\":\"x\"}");
      queryBodies.add("{\"orQueries\":[{\"orQueries\":[{\"" + fields.get(0) + "\":\"x\"}]}]}");
      queryBodies.add("{\"" + variables + "\":[{\"name\":\"x\",\"operator\":\"drop\",\"value\":1}]}");
      queryBodies.add("{\"sorting\":[{\"sortBy\":\"' OR 1=1\",\"sortOrder\":\"asc\"}]}");
      queryBodies.add("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"asc; DROP TABLE act_ru_task\"}]}");
      for (HostileCorpus.Input input : corpus.structural(false)) {
        check(e[0], "POST", e[1], input, "xf1-worker1", true);
      }
      for (String body : queryBodies) {
        check(e[0], "POST", e[1], new HostileCorpus.Input(HostileCorpus.shorten(body), body.getBytes(StandardCharsets.UTF_8),
            "application/json", null), "xf1-worker1", true);
      }
    }
    // stored filters: created or changed with an expression, by the administrator, who may create filters
    List<String> filterBodies = new ArrayList<>();
    for (String value : List.of("\"${7*7}\"", "\"#{''.getClass()}\"", "\"\\u0024{currentUser()}\"", "\"$\\u007b7*7}\"")) {
      filterBodies.add("{\"resourceType\":\"Task\",\"name\":\"恶意\",\"query\":{\"assigneeExpression\":" + value + "}}");
      filterBodies.add("{\"resourceType\":\"Task\",\"name\":\"恶意\",\"query\":{\"orQueries\":[{\"candidateGroupExpression\":" + value + "}]}}");
      filterBodies.add("{\"resourceType\":\"Task\",\"name\":" + value + ",\"query\":{}}");
      filterBodies.add("{\"resourceType\":\"Task\",\"name\":\"恶意\",\"query\":{},\"properties\":{\"description\":" + value + "}}");
    }
    filterBodies.add("{\"resourceType\":\"Task\",\"name\":\"恶意\",\"query\":\"x\"}");
    filterBodies.add("{\"resourceType\":\"' OR 1=1\",\"name\":\"恶意\",\"query\":{}}");
    filterBodies.add("{\"resourceType\":\"Task\",\"name\":\"恶意\",\"query\":{\"nameLike\":123,\"dueAfter\":\"x\"}}");
    filterBodies.add("{\"resourceType\":\"Task\",\"query\":{}}");
    for (HostileCorpus.Input input : corpus.structural(false, true)) {
      check("POST /engine-rest/filter/create", "POST", "/engine-rest/filter/create", input, "admin", false);
      check("PUT /engine-rest/filter/{id}", "PUT", "/engine-rest/filter/" + filterId, input, "admin", false);
    }
    for (String body : filterBodies) {
      HostileCorpus.Input input = new HostileCorpus.Input(HostileCorpus.shorten(body), body.getBytes(StandardCharsets.UTF_8),
          "application/json", null);
      check("POST /engine-rest/filter/create", "POST", "/engine-rest/filter/create", input, "admin", false);
      check("PUT /engine-rest/filter/{id}", "PUT", "/engine-rest/filter/" + filterId, input, "admin", false);
    }
  }

  /**
   * Sends one input and records every rule it breaks: a status outside 4xx (queries: a 200 that found something), a
   * body without a Chinese message, a stack trace or SQL in the body, a 400 that does not name the spoiled field.
   */
  private void check(String endpoint, String method, String path, HostileCorpus.Input input, String user, boolean query) {
    tried.computeIfAbsent(endpoint, k -> new int[2])[0]++;
    Answer answer = send(method, path, input.body(), input.contentType(), user);
    String what = endpoint + " [" + input.label() + "] → " + answer.status() + " "
        + answer.body().substring(0, Math.min(600, answer.body().length()));
    boolean found = query && answer.status() == 200 && foundSomething(answer);
    // GET /filter/{id}/list runs the stored filter and takes no query parameters: they are ignored (but still guarded)
    boolean anyAnswer = query && (input.body() == null ? path.contains("/filter/")
        : anyAnswerAllowed(new String(input.body(), StandardCharsets.UTF_8)));
    if (query && answer.status() >= 200 && answer.status() < 300 && (!found || anyAnswer) && leaks(answer).isEmpty()) {
      return; // a query that found nothing, or one of the lenient ones
    }
    List<String> problems = new ArrayList<>();
    if (answer.status() < 400 || answer.status() >= 500) {
      problems.add(found ? "query found something" : "status " + answer.status());
    }
    if (answer.json() == null || !HAN.matcher(messages(answer.json())).find()) {
      problems.add("no Chinese message");
    }
    problems.addAll(leaks(answer));
    if (answer.status() == 400 && input.field() != null && answer.json() != null && !namesField(answer.json(), input.field())) {
      problems.add("400 does not name " + input.field());
    }
    if (!problems.isEmpty()) {
      tried.get(endpoint)[1]++;
      violations.add(what + " " + problems);
    }
  }

  /**
   * Queries whose answer may list tasks: the empty query, a sorting (it orders, it does not filter: a sorting by an
   * unknown variable or with a nonsense direction still lists everything), a number where a date belongs (milliseconds
   * since 1970, a valid date) and an {@code orQueries} inside {@code orQueries} (ignored by Camunda). For them only the
   * leak and 5xx rules apply.
   */
  private static boolean anyAnswerAllowed(String body) {
    return body.isBlank() || body.contains("\"sorting\"") || body.contains("\"orQueries\":[{\"orQueries\"")
        || body.matches(".*(After|Before)\":123.*");
  }

  /**
   * Stack traces, SQL, class names in the body. Camunda's own error {@code type} ({@code "AuthorizationException"}) is
   * left out: Camunda's webapps read it (Tasklist and Cockpit test {@code type === 'AuthorizationException'}).
   */
  private static List<String> leaks(Answer answer) {
    String scrubbed = answer.body().replaceAll("\"type\":\"[A-Za-z]+\"", "");
    return LEAKS.stream().filter(scrubbed::contains).map(l -> "leaks '" + l + "'").toList();
  }

  private static boolean foundSomething(Answer answer) {
    JsonNode json = answer.json();
    return json != null && (json.isArray() && !json.isEmpty() || json.path("count").asLong(0) > 0);
  }

  private static String messages(JsonNode json) {
    StringBuilder s = new StringBuilder(json.path("message").asText(""));
    json.path("errors").forEach(e -> s.append(e.path("message").asText("")));
    return s.toString();
  }

  /** The error names the spoiled field, a field inside it or around it, or the body as a whole. */
  private static boolean namesField(JsonNode json, String field) {
    for (JsonNode e : json.path("errors")) {
      String f = e.path("field").asText("");
      if (f.equals("body") || f.equals(field) || field.startsWith(f + ".") || field.startsWith(f + "[")
          || f.startsWith(field + ".") || f.startsWith(field + "[") || field.isEmpty()) {
        return true;
      }
    }
    return !json.has("errors");
  }

  private Answer send(String method, String path, byte[] body, String contentType, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      request.GET();
    } else {
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json = null;
      try {
        json = response.body().isBlank() ? null : JSON.readTree(response.body());
      } catch (IOException notJson) {
        // reported as "no Chinese message"
      }
      return new Answer(response.statusCode(), response.body(), json);
    } catch (IOException e) {
      return new Answer(-1, "connection: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Rows of every table of the database (the application's and the engine's), by table. */
  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : jdbc.queryForList(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
        String.class)) {
      if (Set.of("act_ru_meter_log", "act_ru_task_meter_log", "act_hi_job_log").contains(table)) {
        // Camunda's usage metrics, flushed on a timer of their own, and the job executor's log of the jobs it ran for
        // the cases of the tests before (a retry, a timer falling due): bookkeeping of the engine, not input stored
        continue;
      }
      counts.put(table, jdbc.queryForObject("select count(*) from \"" + table + "\"", Long.class));
    }
    return counts;
  }

  private void printTable() {
    StringBuilder s = new StringBuilder("\nHOSTILE INPUT (seed " + SEED + ")\n| endpoint | inputs tried | refused as required |\n| --- | ---: | ---: |\n");
    int total = 0;
    for (Map.Entry<String, int[]> e : tried.entrySet()) {
      s.append("| `").append(e.getKey()).append("` | ").append(e.getValue()[0]).append(" | ")
          .append(e.getValue()[0] - e.getValue()[1]).append(" |\n");
      total += e.getValue()[0];
    }
    s.append("| **total** | ").append(total).append(" | ").append(total - violations.size()).append(" |\n");
    System.out.println(s);
    violations.stream().limit(50).forEach(v -> System.out.println("VIOLATION " + v));
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
      java.nio.file.Files.write(java.nio.file.Path.of("target/hostile-input-violations.txt"), violations, StandardCharsets.UTF_8);
      java.nio.file.Files.writeString(java.nio.file.Path.of("target/hostile-input-table.md"), s, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
