package org.minzhengflow.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /api/statistics} on PostgreSQL against cases whose outcome the test sets itself: the case rows are
 * written directly with dates around the 2025 National Day holiday (国庆 10-01…10-08, 调休 working days 09-28 and
 * 10-11), a window no other test's cases fall into, so every figure is exact. The overdue task is a real engine
 * task of a case started through the API whose due date is moved into the past.
 */
class StatisticsRestPostgresIT extends PostgresIntegrationTest {

  static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");
  static final String RANGE = "from=2025-09-22&to=2025-10-17";

  @Autowired JdbcClient jdbc;
  @Autowired TaskService taskService;

  private static int serial;

  private void insertCase(String kind, String street, String district, String status, String submitted,
      String decided) {
    String no = "ST" + (kind.equals("dibao") ? "D" : "E") + String.format("%08d", ++serial);
    jdbc.sql("""
        insert into app_case (application_no, kind, status, street_code, district_code, applicant_name, submitted_by,
                              submitted_at, case_deadline, decided_at)
        values (?, ?, ?, ?, ?, '统计测试', 'test', ?, ?, ?)""")
        .params(no, kind, status, street, district, at(submitted), LocalDate.parse(submitted.substring(0, 10)).plusDays(40),
            decided == null ? null : at(decided))
        .update();
  }

  /** An office-local date and time as the application stores it (an instant through JDBC). */
  private static Timestamp at(String officeLocal) {
    return Timestamp.from(LocalDateTime.parse(officeLocal).atZone(OFFICE).toInstant());
  }

  private static boolean seeded;

  private synchronized void seed() {
    if (seeded) {
      return;
    }
    // 香坊区 dibao
    insertCase("dibao", "230110001", "230110", "APPROVED", "2025-09-26T10:00", "2025-10-10T15:00"); // 5 working days
    insertCase("dibao", "230110001", "230110", "REJECTED", "2025-09-29T09:00", "2025-09-30T11:00"); // 1
    insertCase("dibao", "230110001", "230110", "IN_REVIEW", "2025-10-09T09:00", null);
    insertCase("dibao", "230110001", "230110", "PUBLIC_NOTICE", "2025-10-10T09:00", null);
    insertCase("dibao", "230110001", "230110", "REFERRED", "2025-10-13T09:00", "2025-10-14T16:00"); // 1
    // received before the range, decided in it: an approval of the range, not a receipt
    insertCase("dibao", "230110001", "230110", "APPROVED", "2025-09-15T09:00", "2025-09-23T09:00"); // 6
    // received in the range, decided after it: a receipt, no decision of the range
    insertCase("dibao", "230110001", "230110", "APPROVED", "2025-10-15T09:00", "2025-10-20T09:00");
    // the range's last day ends at the office's midnight, whatever the server's zone
    insertCase("dibao", "230110001", "230110", "IN_REVIEW", "2025-10-17T23:30", null);
    insertCase("dibao", "230110001", "230110", "IN_REVIEW", "2025-10-18T00:10", null);
    insertCase("dibao", "230110001", "230110", "IN_REVIEW", "2025-09-21T23:50", null);
    // 香坊区 eldercare: decided on the 调休 Saturday 2025-10-11, a working day
    insertCase("eldercare", "230110001", "230110", "APPROVED", "2025-10-09T09:00", "2025-10-11T10:00"); // 2
    // 道里区 dibao
    insertCase("dibao", "230102001", "230102", "APPROVED", "2025-10-09T09:00", "2025-10-10T09:00"); // 1
    seeded = true;
  }

  private static JsonNode row(JsonNode body, String kind, String district) {
    for (JsonNode r : body.get("byKind")) {
      if (r.get("kind").asText().equals(kind) && r.get("districtCode").asText().equals(district)) {
        return r;
      }
    }
    throw new AssertionError("no row " + kind + "/" + district + " in " + body);
  }

  private static List<String> districts(JsonNode body) {
    List<String> codes = new ArrayList<>();
    body.get("byKind").forEach(r -> codes.add(r.get("districtCode").asText()));
    return codes;
  }

  @Test
  void figuresPerKindAndDistrictAreExactOnTheOfficialCalendar() {
    seed();
    Http http = http();
    // a real open task of a 香坊区 dibao case, past its due date
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String taskId = awaitTask(http, "xf1-worker1", created.json().get("processInstanceId").asText(), "householdInvestigation");
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    task.setDueDate(Date.from(LocalDateTime.parse("2025-10-01T17:30").atZone(OFFICE).toInstant()));
    taskService.saveTask(task);

    Http.Response city = http.get("city-approver", "/api/statistics?" + RANGE);
    assertThat(city.status()).as(city.body()).isEqualTo(200);
    JsonNode xfDibao = row(city.json(), "dibao", "230110");
    assertThat(xfDibao.get("received").asLong()).isEqualTo(7);
    assertThat(xfDibao.get("inReview").asLong()).isEqualTo(3);
    assertThat(xfDibao.get("approved").asLong()).isEqualTo(2);
    assertThat(xfDibao.get("rejected").asLong()).isEqualTo(1);
    assertThat(xfDibao.get("referred").asLong()).isEqualTo(1);
    assertThat(xfDibao.get("overdueTasks").asLong()).isEqualTo(1);
    // (5 + 1 + 1 + 6) / 4 = 3.25 working days; Monday to Friday alone would give (10 + 1 + 1 + 6) / 4
    assertThat(xfDibao.get("avgWorkingDaysToDecision").asDouble()).isEqualTo(3.3);
    assertThat(xfDibao.get("districtName").asText()).isEqualTo("香坊区");

    JsonNode xfElder = row(city.json(), "eldercare", "230110");
    assertThat(xfElder.get("received").asLong()).isEqualTo(1);
    assertThat(xfElder.get("inReview").asLong()).isZero();
    assertThat(xfElder.get("approved").asLong()).isEqualTo(1);
    assertThat(xfElder.get("avgWorkingDaysToDecision").asDouble()).isEqualTo(2.0);
    assertThat(xfElder.get("overdueTasks").asLong()).isZero();

    JsonNode dlDibao = row(city.json(), "dibao", "230102");
    assertThat(dlDibao.get("received").asLong()).isEqualTo(1);
    assertThat(dlDibao.get("approved").asLong()).isEqualTo(1);
    assertThat(dlDibao.get("rejected").asLong()).isZero();
    assertThat(dlDibao.get("avgWorkingDaysToDecision").asDouble()).isEqualTo(1.0);
    assertThat(dlDibao.get("overdueTasks").asLong()).isZero();

    // the district bureau sees its own district only, by default and when it names it
    JsonNode xf = http.get("xf-approver", "/api/statistics?" + RANGE).json();
    assertThat(districts(xf)).isNotEmpty().containsOnly("230110");
    assertThat(row(xf, "dibao", "230110").toString()).isEqualTo(xfDibao.toString());
    assertThat(districts(http.get("xf-approver", "/api/statistics?" + RANGE + "&districtCode=230110").json()))
        .containsOnly("230110");
    JsonNode dl = http.get("dl-approver", "/api/statistics?" + RANGE).json();
    assertThat(districts(dl)).containsOnly("230102");
    // the city and admins narrow to one district when asked
    assertThat(districts(http.get("city-approver", "/api/statistics?" + RANGE + "&districtCode=230102").json()))
        .containsOnly("230102");
    assertThat(districts(http.get("admin", "/api/statistics?" + RANGE).json())).contains("230110", "230102");

    // one day: only what happened that day
    JsonNode day = http.get("city-approver", "/api/statistics?from=2025-09-30&to=2025-09-30").json();
    JsonNode rejectedThatDay = row(day, "dibao", "230110");
    assertThat(rejectedThatDay.get("received").asLong()).isZero();
    assertThat(rejectedThatDay.get("rejected").asLong()).isEqualTo(1);
    assertThat(rejectedThatDay.get("approved").asLong()).isZero();
    assertThat(rejectedThatDay.get("avgWorkingDaysToDecision").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aRangeWithoutDecisionsHasNoAverage() {
    seed();
    JsonNode body = http().get("city-approver", "/api/statistics?from=2025-10-09&to=2025-10-09").json();
    JsonNode xfDibao = row(body, "dibao", "230110");
    assertThat(xfDibao.get("received").asLong()).isEqualTo(1);
    assertThat(xfDibao.get("inReview").asLong()).isEqualTo(1);
    assertThat(xfDibao.has("avgWorkingDaysToDecision")).as("field present: %s", xfDibao).isTrue();
    assertThat(xfDibao.get("avgWorkingDaysToDecision").isNull()).isTrue();
  }

  @Test
  void wrongInputsAreNamedInChineseAndOnlyBureausMayAsk() {
    Http http = http();
    Http.Response none = http.get("city-approver", "/api/statistics");
    assertThat(none.status()).isEqualTo(400);
    assertThat(fields(none)).containsExactlyInAnyOrder("from", "to");
    assertThat(none.json().get("errors").get(0).get("message").asText()).contains("开始日期");

    Http.Response badFormat = http.get("city-approver", "/api/statistics?from=2025/10/01&to=2025-02-30");
    assertThat(badFormat.status()).isEqualTo(400);
    assertThat(fields(badFormat)).containsExactlyInAnyOrder("from", "to");
    assertThat(badFormat.body()).contains("YYYY-MM-DD");

    Http.Response reversed = http.get("city-approver", "/api/statistics?from=2025-10-02&to=2025-10-01");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(fields(reversed)).containsExactly("to");
    assertThat(reversed.body()).contains("结束日期不能早于开始日期");

    Http.Response tooLong = http.get("city-approver", "/api/statistics?from=2022-01-01&to=2025-01-01");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(fields(tooLong)).containsExactly("to");
    assertThat(tooLong.body()).contains("3年");
    assertThat(http.get("city-approver", "/api/statistics?from=2022-01-01&to=2024-12-31").status()).isEqualTo(200);

    Http.Response badDistrict = http.get("city-approver", "/api/statistics?" + RANGE + "&districtCode=230110001");
    assertThat(badDistrict.status()).isEqualTo(400);
    assertThat(fields(badDistrict)).containsExactly("districtCode");
    assertThat(http.get("city-approver", "/api/statistics?" + RANGE + "&districtCode=999999").status()).isEqualTo(400);

    // another district: 403, also for the city's districts that are not the caller's
    Http.Response other = http.get("xf-approver", "/api/statistics?" + RANGE + "&districtCode=230102");
    assertThat(other.status()).as(other.body()).isEqualTo(403);
    assertThat(other.json().get("message").asText()).isEqualTo("无权查看其他区县的统计");
    assertThat(http.get("dl-approver", "/api/statistics?" + RANGE + "&districtCode=230103").status()).isEqualTo(403);
    // streets, agencies and departments: 403 before any validation
    for (String user : List.of("xf1-worker1", "xf1-leader", "dl1-worker1", "assessor1", "fire-reviewer")) {
      Http.Response r = http.get(user, "/api/statistics?" + RANGE);
      assertThat(r.status()).as(user + ": " + r.body()).isEqualTo(403);
      assertThat(http.get(user, "/api/statistics").status()).as(user).isEqualTo(403);
    }
    assertThat(http.get(null, "/api/statistics?" + RANGE).status()).isEqualTo(401);
  }

  @Test
  void monthlyPaymentTotalsComeFromThePaymentRunsWhenThereAreAny() {
    Http http = http();
    boolean tableExists = jdbc.sql("select count(*) from information_schema.tables where table_name = 'payment_run'")
        .query(Integer.class).single() > 0;
    if (!tableExists) {
      // without the payment migration: no months, no error
      Http.Response before = http.get("city-approver", "/api/statistics?" + RANGE);
      assertThat(before.status()).as(before.body()).isEqualTo(200);
      assertThat(before.json().get("payments")).isEmpty();
      // the payment runs' shape (V13 of the payments); with that migration present the real table is used
      jdbc.sql("""
          create table if not exists payment_run (
            run_id bigint generated by default as identity primary key,
            district_code varchar(12) not null references jurisdiction (code),
            run_month date not null,
            created_by varchar(64) not null,
            created_at timestamp not null,
            lines int not null default 0,
            total numeric(14,2) not null default 0,
            missing_account int not null default 0,
            unique (district_code, run_month))""").update();
    }
    String insert = "insert into payment_run (district_code, run_month, created_by, created_at, total)"
        + " values (?, ?, 'test', current_timestamp, ?)";
    jdbc.sql(insert).params("230110", LocalDate.of(2025, 9, 1), new java.math.BigDecimal("12345.60")).update();
    jdbc.sql(insert).params("230110", LocalDate.of(2025, 10, 1), new java.math.BigDecimal("13000.00")).update();
    jdbc.sql(insert).params("230102", LocalDate.of(2025, 10, 1), new java.math.BigDecimal("8000.50")).update();
    jdbc.sql(insert).params("230110", LocalDate.of(2025, 11, 1), new java.math.BigDecimal("99999.00")).update();

    JsonNode city = http.get("city-approver", "/api/statistics?" + RANGE).json();
    assertThat(payments(city)).containsExactly("2025-09 230110 12345.6", "2025-10 230102 8000.5", "2025-10 230110 13000");
    JsonNode xf = http.get("xf-approver", "/api/statistics?" + RANGE).json();
    assertThat(payments(xf)).containsExactly("2025-09 230110 12345.6", "2025-10 230110 13000");
  }

  /**
   * The Cockpit plugin's way in: the webapp login's session cookie and its CSRF token. Without the token the
   * session is refused (403), with it the same figures as over HTTP Basic; a street's session is refused as well.
   */
  @Test
  void theWebappSessionWithItsCsrfTokenReachesTheApplicationApi() throws Exception {
    String base = "http://localhost:" + port;
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String token = login(browser, cookies, base, "xf-approver");

    HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/statistics?" + RANGE))
        .header("X-XSRF-TOKEN", token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    assertThat(withToken.body()).contains("\"byKind\"");

    HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/statistics?" + RANGE))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).as(noToken.body()).isEqualTo(403);
    assertThat(noToken.body()).contains("CSRF");
    HttpResponse<String> wrongToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/statistics?" + RANGE))
        .header("X-XSRF-TOKEN", token + "x").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    // the webapp session opens the application API only: the engine REST API still wants HTTP Basic
    HttpResponse<String> engineRest = browser.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/task"))
        .header("X-XSRF-TOKEN", token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(engineRest.statusCode()).isEqualTo(401);
    // the API's own checks still apply to a session user
    HttpResponse<String> otherDistrict = browser.send(HttpRequest.newBuilder(
        URI.create(base + "/api/statistics?" + RANGE + "&districtCode=230102")).header("X-XSRF-TOKEN", token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(otherDistrict.statusCode()).isEqualTo(403);
  }

  /** Logs in to Cockpit as the webapp does; returns the session's CSRF token. */
  private static String login(HttpClient browser, CookieManager cookies, String base, String user) throws Exception {
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrf(cookies))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session with a new token: a GET of the webapp's API hands it out
    HttpResponse<String> auth = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
    return auth.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> csrf(cookies));
  }

  private static String csrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
  }

  private static List<String> payments(JsonNode body) {
    List<String> months = new ArrayList<>();
    body.get("payments").forEach(p -> months.add(p.get("month").asText() + " " + p.get("districtCode").asText() + " "
        + p.get("total").decimalValue().stripTrailingZeros().toPlainString()));
    return months;
  }

  private static List<String> fields(Http.Response r) {
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }
}
