package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minzhengflow.identification.TestIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The REST APIs as a client sees them over HTTP: closed without valid credentials, Camunda's
 * authorizations and the expression guard in force, errors in the contract's JSON format, staff
 * sent to Tasklist with their Chinese filters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestSecurityTest {

  @org.springframework.beans.factory.annotation.Autowired
  private org.camunda.bpm.engine.ProcessEngine thisContextsEngine;

  /** /engine-rest looks its engine up in Camunda's JVM-wide registry: make it this context's one. */
  @org.junit.jupiter.api.BeforeEach
  void engineRestUsesThisContextsEngine() {
    org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(thisContextsEngine);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HAN = "\\p{IsHan}";

  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  @Value("${local.server.port}")
  int port;

  /**
   * The Tasklist plugin calls the application API with the webapp's login session and, on every request (reads
   * too: a page of another site must not read a case through the user's session), the session's CSRF token.
   */
  @Test
  void theApplicationApiAcceptsTheWebappSessionOnlyWithItsCsrfToken() throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    String base = "http://localhost:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrfCookie(cookies))
        .POST(HttpRequest.BodyPublishers.ofString("username=xf1-worker1&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session; its token reaches the page with the next webapp request, as in Tasklist
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> readWithoutToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/copies")).GET()
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(readWithoutToken.statusCode()).as(readWithoutToken.body()).isEqualTo(403);
    HttpResponse<String> copies = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/copies")).GET()
        .header("X-XSRF-TOKEN", csrfCookie(cookies)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(copies.statusCode()).as(copies.body()).isEqualTo(200);
    HttpRequest.Builder urge = HttpRequest.newBuilder(URI.create(base + "/api/tasks/no-such-task/urge"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"请尽快办理\"}"));
    HttpResponse<String> withoutToken = browser.send(urge.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("CSRF");
    HttpResponse<String> withToken = browser.send(urge.header("X-XSRF-TOKEN", csrfCookie(cookies)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(404);
    // without the session it is a stranger again
    HttpResponse<String> stranger = send(HttpRequest.newBuilder(URI.create(base + "/api/copies")).GET());
    assertThat(stranger.statusCode()).isEqualTo(401);
  }

  private static String csrfCookie(java.net.CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(java.net.HttpCookie::getValue).reduce((first, last) -> last).orElse("");
  }

  @Test
  void engineRestWithoutCredentialsIsUnauthorized() throws Exception {
    HttpResponse<String> response = send(get("/engine-rest/task?maxResults=5"));

    assertUnauthorized(response);
  }

  @Test
  void applicationApiWithoutCredentialsIsUnauthorized() throws Exception {
    HttpResponse<String> response = send(get("/api/dibao/applications/X"));

    assertUnauthorized(response);
  }

  @Test
  void wrongPasswordIsUnauthorized() throws Exception {
    // A user no other test here logs in as: Camunda delays the next login after a wrong password.
    HttpResponse<String> response = send(as(get("/engine-rest/task?maxResults=5"), "market-reviewer", "wrong"));

    assertUnauthorized(response);
  }

  @Test
  void caseworkerListsTasks() throws Exception {
    HttpResponse<String> response = send(as(get("/engine-rest/task?maxResults=5"), "xf1-worker1", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).isArray()).isTrue();
  }

  @Test
  void expressionInTaskQueryIsRejected() throws Exception {
    HttpResponse<String> response = send(as(
        get("/engine-rest/task?maxResults=5&assigneeExpression=%24%7BcurrentUser()%7D"), "xf1-worker1", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response).path("errors").path(0);
    assertThat(error.path("field").asText()).isEqualTo("query");
    assertThat(error.path("message").asText()).containsPattern(HAN);
  }

  @Test
  void expressionHiddenInTaskQueryBodyIsRejected() throws Exception {
    HttpResponse<String> response = send(as(post("/engine-rest/task?maxResults=5",
        "{\"orQueries\":[{\"candidateGroupsExpression\":\"\\u0024{currentUserGroups()}\"}]}"), "xf1-worker1", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("errors").path(0).path("field").asText()).isEqualTo("body");
  }

  @Test
  void unknownApplicationIsNotFound() throws Exception {
    HttpResponse<String> response = send(as(get("/api/dibao/applications/NOPE"), "xf1-worker1", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(json(response).path("message").asText()).containsPattern(HAN);
  }

  @Test
  void pathTheServerRefusesIsAnsweredInJsonNotHtml() throws Exception {
    HttpResponse<String> response = send(as(get("/api/dibao/applications/%00%ff"), "xf1-worker1", "demo"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat");
    assertThat(json(response).path("message").asText()).isEqualTo("请求无效");
  }

  @Test
  void evenAnAdministratorCannotStartACaseAroundTheApplicationApi() throws Exception {
    HttpResponse<String> response = send(as(post("/engine-rest/process-definition/key/dibao/start",
        "{\"businessKey\":\"FAKE1\"}"), "admin", "demo"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("processDefinitionKey");
    HttpResponse<String> instances = send(as(get("/engine-rest/process-instance?businessKey=FAKE1&maxResults=5"),
        "admin", "demo"));
    assertThat(json(instances).size()).isZero();
  }

  @Test
  void caseworkerMayNotLoadVerificationRecords() throws Exception {
    HttpResponse<String> response = send(as(post("/api/verification-records",
        "[{\"idNumber\":\"" + validId() + "\",\"kind\":\"WAGE\",\"amount\":3000}]"), "xf1-worker1", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(json(response).path("message").asText()).containsPattern(HAN);
  }

  @Test
  void invalidVerificationRecordListsEveryInvalidField() throws Exception {
    String valid = validId();
    char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
    String badCheckDigit = valid.substring(0, 17) + wrongCheck;

    HttpResponse<String> response = send(as(post("/api/verification-records",
        "[{\"idNumber\":\"" + badCheckDigit + "\",\"kind\":\"CAR\",\"amount\":-1}]"), "admin", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode errors = json(response).path("errors");
    List<String> fields = new ArrayList<>();
    errors.forEach(e -> {
      fields.add(e.path("field").asText());
      assertThat(e.path("message").asText()).containsPattern(HAN);
    });
    assertThat(fields).containsExactlyInAnyOrder("[0].idNumber", "[0].kind", "[0].amount");
  }

  /** Broken JSON is one problem of the whole body, not of some field: nothing in it could be read. */
  @ParameterizedTest
  @ValueSource(strings = {"{not json", "[{\"idNumber\":", "[{\"idNumber\":\"x\",}]"})
  void malformedJsonIsRejectedAsBody(String body) throws Exception {
    HttpResponse<String> response = send(as(post("/api/verification-records", body), "admin", "demo"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode errors = json(response).path("errors");
    assertThat(errors).as(response.body()).hasSize(1);
    assertThat(errors.path(0).path("field").asText()).as(response.body()).isEqualTo("body");
    assertThat(errors.path(0).path("message").asText()).containsPattern(HAN);
  }

  @Test
  void rootRedirectsToTasklist() throws Exception {
    HttpResponse<String> response = send(get("/"));

    assertRedirectToTasklist(response);
  }

  @Test
  void camundaWelcomePageRedirectsToTasklist() throws Exception {
    HttpResponse<String> response = send(get("/camunda/app/welcome/default/"));

    assertRedirectToTasklist(response);
  }

  @Test
  void streetCaseworkerSeesStreetFilters() throws Exception {
    List<String> names = filterNames("xf1-worker1");

    assertThat(names).contains("我的待办", "本街道待认领", "即将超期").doesNotContain("本单位待认领");
  }

  @Test
  void districtApproverSeesBureauFilters() throws Exception {
    List<String> names = filterNames("dl-approver");

    assertThat(names).contains("我的待办", "本单位待认领", "即将超期").doesNotContain("本街道待认领");
  }

  private List<String> filterNames(String user) throws IOException, InterruptedException {
    HttpResponse<String> response = send(as(get("/engine-rest/filter?maxResults=50"), user, "demo"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    json(response).forEach(filter -> names.add(filter.path("name").asText()));
    return names;
  }

  private static String validId() {
    return TestIds.idNumber("230110", LocalDate.of(1962, 3, 14), 21, true);
  }

  private static void assertUnauthorized(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        header -> assertThat(header).startsWith("Basic"));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).path("message").asText()).containsPattern(HAN);
  }

  private static void assertRedirectToTasklist(HttpResponse<String> response) {
    assertThat(response.statusCode()).isIn(301, 302, 303, 307, 308);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(URI.create(location).getPath()).isEqualTo("/camunda/app/tasklist/"));
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json");
  }

  private HttpRequest.Builder post(String path, String json) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
  }

  private static HttpRequest.Builder as(HttpRequest.Builder request, String user, String password) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request.header("Authorization", "Basic " + credentials);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
