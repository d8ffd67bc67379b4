package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13 item 10: security headers on the webapps and both APIs, Camunda's CSRF protection on the webapps' API, and
 * Camunda's login throttling on HTTP Basic (what the login page does, the APIs do). That no answer carries a stack
 * trace or SQL is asserted over the whole hostile-input corpus ({@link HostileInputIT}).
 */
@TestPropertySource(properties = "hostile.context=true")
class HttpHardeningIT extends PostgresIntegrationTest {

  private final HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    Map<String, String> apis = Map.of(
        "/api/applications?kind=dibao", "xf1-worker1",
        "/api/dibao/applications/DB1999000001", "xf1-worker1",
        "/api/applications", "",
        "/engine-rest/task?firstResult=0&maxResults=1", "xf1-worker1",
        "/engine-rest/task", "xf1-worker1",
        "/engine-rest/no-such-resource", "",
        "/", "");
    for (Map.Entry<String, String> e : apis.entrySet()) {
      HttpResponse<String> r = get(e.getKey(), e.getValue());
      assertCommonHeaders(e.getKey(), r);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(e.getKey()).hasValue("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(e.getKey())
          .hasValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
    // the webapps keep Camunda's policy, with the nonce their scripts need (the browser tests load them under it)
    for (String page : List.of("/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
        "/camunda/app/admin/default/", "/camunda/api/admin/auth/user/default")) {
      HttpResponse<String> r = get(page, "");
      assertCommonHeaders(page, r);
      assertThat(r.headers().allValues("X-Content-Type-Options")).as(page).contains("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(csp ->
          assertThat(csp).contains("default-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'"));
    }
    HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/", "");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.headers().firstValue("Content-Security-Policy").orElseThrow()).containsPattern("'nonce-[^']+'");
  }

  private static void assertCommonHeaders(String path, HttpResponse<String> r) {
    assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
    assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
  }

  /**
   * Camunda's CSRF filter as shipped: a logged-in webapp session (Cockpit, the district bureau) claiming a task without
   * the X-XSRF-TOKEN header is refused (403, {@code X-XSRF-TOKEN: Required}) and the task stays unclaimed; the session
   * itself works (the application API answers it with the token, refuses it without).
   */
  @Test
  void aWebappCallThatChangesStateNeedsTheCsrfToken() throws Exception {
    Http http = http();
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String task = awaitTask(http, "xf1-worker1", created.json().get("processInstanceId").asText(), "householdInvestigation");

    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String token = login(browser, cookies, "xf-approver");
    // the session works: the application API (the plugins' way) answers it with the token and refuses it without —
    // so the refusal below is the missing token, not a session that does not work
    String statistics = base() + "/api/statistics?from=2026-01-01&to=2026-12-31";
    HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(statistics))
        .header("X-XSRF-TOKEN", token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    HttpResponse<String> without = browser.send(HttpRequest.newBuilder(URI.create(statistics)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
    String claim = base() + "/camunda/api/engine/engine/default/task/" + task + "/claim";
    HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(claim))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"xf-approver\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).as(noToken.body()).isEqualTo(403);
    assertThat(noToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(noToken.body()).doesNotContain("Exception");
    assertThat(http.get("xf1-worker1", "/engine-rest/task/" + task).json().path("assignee").isNull()).isTrue();
  }

  /**
   * Camunda's login throttling on HTTP Basic: after a wrong password even the right one is refused until the engine's
   * delay has passed — 429 with Retry-After and a Chinese message, on both APIs — and then accepted again. A user of
   * its own, created here: the demo users of the other tests are never locked.
   */
  @Test
  void aWrongPasswordDelaysTheNextBasicLogin() throws Exception {
    Http http = http();
    Http.Response created = http.post("admin", "/engine-rest/user/create", Map.of(
        "profile", Map.of("id", "throttle-probe", "firstName", "限", "lastName", "流", "email", "probe@example.org"),
        "credentials", Map.of("password", "Geheim-2027")));
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    String path = "/engine-rest/task?firstResult=0&maxResults=1";
    assertThat(get(path, "throttle-probe:Geheim-2027").statusCode()).isEqualTo(200);

    HttpResponse<String> wrong = get(path, "throttle-probe:falsch");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("用户名或密码错误");

    for (String p : List.of(path, "/api/applications?kind=dibao")) {
      HttpResponse<String> tooSoon = get(p, "throttle-probe:Geheim-2027");
      assertThat(tooSoon.statusCode()).as(p + " " + tooSoon.body()).isEqualTo(429);
      assertThat(tooSoon.body()).contains("秒后重试");
      assertThat(Integer.parseInt(tooSoon.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 3);
    }
    long end = System.currentTimeMillis() + 10_000;
    int status = 0;
    while (System.currentTimeMillis() < end && status != 200) {
      Thread.sleep(500);
      status = get(path, "throttle-probe:Geheim-2027").statusCode();
    }
    assertThat(status).as("the right password once the delay has passed").isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (!user.isEmpty()) {
      String credentials = user.contains(":") ? user : user + ":demo";
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }

  /** Logs in to Cockpit as the webapp does; returns the session's CSRF token. */
  private String login(HttpClient browser, CookieManager cookies, String user) throws Exception {
    browser.send(HttpRequest.newBuilder(URI.create(base() + "/camunda/app/cockpit/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base() + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf(cookies))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> auth = browser.send(HttpRequest.newBuilder(URI.create(base() + "/camunda/api/admin/auth/user/default"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    return auth.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> csrf(cookies));
  }

  private static String csrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
  }
}
