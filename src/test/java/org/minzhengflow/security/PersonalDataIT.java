package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13 item 8: a household's ID numbers, phone number and bank account, driven through a whole 低保 case with its
 * errors (a duplicate, invalid fields, a wrong task completion, a funeral call with a bad phone), never appear in full
 * in the log output (captured at INFO, as in production), in error messages, public notices, the 阳光低保 roster, the
 * case list, the payment run, or the Tasklist lists (each filter as Tasklist reads it, with its list columns). The bank
 * file is the one place with the full account number, and only the district bureau and the administrator get it.
 */
@TestPropertySource(properties = "hostile.context=true")
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataIT extends PostgresIntegrationTest {

  private static final String PHONE = "13912345678";
  private static final String ACCOUNT = "6217000010007654321";

  private final List<String> secrets = new ArrayList<>();
  private final List<String> leaks = new ArrayList<>();

  @Test
  void idPhoneAndAccountNumbersAppearOnlyMasked(CapturedOutput output) throws Exception {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    LogLevel before = logging.getLoggerConfiguration("ROOT").getConfiguredLevel();
    logging.setLogLevel("ROOT", LogLevel.INFO); // what production logs (the test profile keeps only warnings)
    try {
      drive(output);
    } finally {
      logging.setLogLevel("ROOT", before);
    }
  }

  private void drive(CapturedOutput output) throws Exception {
    Http http = http();
    String self = TestIds.idNumber("230110", LocalDate.of(1966, 6, 16), 761, true);
    String wife = TestIds.idNumber("230110", LocalDate.of(1968, 8, 18), 762, false);
    secrets.addAll(List.of(self, wife, PHONE, ACCOUNT));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("streetCode", "230110001");
    body.put("areaType", "URBAN");
    body.put("applicantIdNumber", self);
    body.put("phone", PHONE);
    body.put("members", List.of(DibaoRestPostgresIT.member("隐私一", self, "SELF", 400),
        DibaoRestPostgresIT.member("隐私二", wife, "SPOUSE", 100)));
    body.put("assets", Map.of("financialAssets", 2000, "vehicles", 0, "houses", 1, "nonResidentialProperties", 0,
        "businessRegistered", false));
    body.put("payment", Map.of("bankName", "中国建设银行哈尔滨香坊支行", "accountNo", ACCOUNT));
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();

    // errors that are about these very numbers
    scan("duplicate application", expect(http.post("xf1-worker1", "/api/dibao/applications", body), 409));
    Map<String, Object> invalid = new LinkedHashMap<>(body);
    String badCheck = self.substring(0, 17) + (self.charAt(17) == '0' ? '1' : '0');
    secrets.add(badCheck);
    invalid.put("applicantIdNumber", badCheck);
    invalid.put("phone", PHONE + "x");
    invalid.put("payment", Map.of("bankName", "中国建设银行", "accountNo", ACCOUNT + "x"));
    scan("invalid application", expect(http.post("xf1-worker1", "/api/dibao/applications", invalid), 400));
    scan("events of a wrong ID number", expect(http.post("admin", "/api/persons/" + badCheck + "/events",
        Map.of("type", "DEATH", "date", "2027-01-01")), 400));
    scan("benefits of a wrong ID number", expect(http.get("xf1-worker1", "/api/persons/" + badCheck + "/benefits"), 400));
    String investigation = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
    tasklistLists(http, no, "xf1-worker1", "xf1-worker2");
    scan("completion naming an ID number", expect(complete(http, "xf1-worker1", investigation,
        Map.of("secondInvestigator", wife, "findings", "核实")), 400));
    scan("transfer to an ID number", expect(http.post("xf1-worker1", "/api/tasks/" + investigation + "/transfer",
        Map.of("toUser", self, "reason", "休假")), 400));
    String funeralDead = TestIds.idNumber("230110", LocalDate.of(1931, 1, 1), 763, true);
    secrets.add(funeralDead);
    scan("funeral call with a bad phone", expect(http.post("hotline1", "/api/funeral/applications", Map.of(
        "streetCode", "230110001", "deceased", Map.of("name", "隐私三", "idNumber", funeralDead + "1",
            "dateOfDeath", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()),
        "caller", Map.of("name", "隐私四", "phone", PHONE + "0000000000", "relation", "儿子"),
        "services", List.of(Map.of("kind", "CREMATION")))), 400));

    // the case to its money
    assertThat(complete(http, "xf1-worker1", investigation, Map.of("secondInvestigator", "xf1-worker2",
        "findings", "住房简陋")).status()).isEqualTo(204);
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    http.await("xf1-worker1", "/api/dibao/applications/" + no, r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText()));
    scan("notices during the public notice", http.get("xf1-worker1", "/api/applications/" + no + "/notices"));
    Http.Response timers = noticeTimers(http, pid);
    http.post("admin", "/engine-rest/job/" + timers.json().get(0).get("id").asText() + "/execute", Map.of());
    String approval = awaitTask(http, "xf-approver", pid, "districtApproval");
    tasklistLists(http, no, "xf-approver");
    complete(http, "xf-approver", approval, Map.of("decision", "approve"));
    http.await("xf1-worker1", "/api/dibao/applications/" + no, r -> "APPROVED".equals(r.json().path("status").asText()));
    Http.Response notices = http.get("xf1-worker1", "/api/applications/" + no + "/notices");
    assertThat(notices.json()).isNotEmpty();
    scan("notices", notices);
    scan("case list", http.get("xf1-worker1", "/api/applications?kind=dibao&q=" + no));

    YearMonth next = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1);
    Http.Response run = http.post("xf-approver", "/api/payments/runs", Map.of("month", next.toString(), "districtCode", "230110"));
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    String runId = run.json().get("runId").asText();
    Http.Response lines = http.get("city-approver", "/api/payments/runs/" + runId);
    assertThat(lines.body()).contains(no);
    scan("payment run", lines);
    scan("roster", expect(http.get("xf1-worker2", "/api/dibao/roster?streetCode=230110001&month=" + next), 200));
    for (String reader : List.of("xf-approver", "admin")) {
      Http.Binary file = http.getBytes(reader, "/api/payments/runs/" + runId + "/bank-file");
      assertThat(file.status()).isEqualTo(200);
      assertThat(new String(file.body(), StandardCharsets.UTF_8)).as("the bank file, for " + reader).contains(ACCOUNT);
    }
    for (String other : List.of("city-approver", "xf1-worker1", "xf1-leader", "dl-approver", "hotline1")) {
      Http.Binary file = http.getBytes(other, "/api/payments/runs/" + runId + "/bank-file");
      assertThat(file.status()).as("bank file for " + other).isIn(403, 404);
      assertThat(new String(file.body(), StandardCharsets.UTF_8)).doesNotContain(ACCOUNT);
    }

    Thread.sleep(500); // the last asynchronous steps write their log lines
    for (String secret : secrets) {
      if (output.getAll().contains(secret)) {
        leaks.add("log output contains " + secret + ": " + around(output.getAll(), secret));
      }
    }
    assertThat(leaks).isEmpty();
    // the log was captured at all: the case's own lines are in it
    assertThat(output.getAll()).isNotBlank();
  }

  private static Http.Response expect(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    return response;
  }

  private void scan(String where, Http.Response response) {
    for (String secret : secrets) {
      if (response.body().contains(secret)) {
        leaks.add(where + " contains " + secret + ": " + around(response.body(), secret));
      }
    }
  }

  /**
   * Every Tasklist filter the users see, read as Tasklist reads it (HAL, with the filter's list columns embedded):
   * the case's task is listed, and no column shows a full number.
   */
  private void tasklistLists(Http http, String no, String... users) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String user : users) {
      boolean listed = false;
      JsonNode filters = http.get(user, "/engine-rest/filter?resourceType=Task&firstResult=0&maxResults=20").json();
      assertThat(filters).isNotEmpty();
      for (JsonNode filter : filters) {
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/engine-rest/filter/" + filter.get("id").asText() + "/list?firstResult=0&maxResults=50"))
            .header("Accept", "application/hal+json")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
            .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        listed |= list.body().contains(no);
        scan("Tasklist filter " + filter.get("name").asText() + " of " + user,
            new Http.Response(list.statusCode(), null, list.body()));
      }
      assertThat(listed).as("the case's task in a Tasklist list of " + user).isTrue();
    }
  }

  private static String around(String text, String secret) {
    int at = text.indexOf(secret);
    return text.substring(Math.max(0, at - 150), Math.min(text.length(), at + secret.length() + 50)).replace('\n', ' ');
  }
}
