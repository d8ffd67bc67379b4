package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The guard in front of the engine REST API: an expression in a query (URL or JSON body, however
 * hidden) is refused before Camunda sees it, while data that merely contains such characters, such
 * as a review opinion, still goes through unchanged.
 */
class ExpressionQueryGuardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExpressionQueryGuard guard = new ExpressionQueryGuard();
  private final MockHttpServletResponse response = new MockHttpServletResponse();
  /** What the REST API behind the guard received as body, or null when it was not called. */
  private final AtomicReference<byte[]> downstreamBody = new AtomicReference<>();
  private final MockFilterChain chain = new MockFilterChain(new HttpServlet() {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      downstreamBody.set(req.getInputStream().readAllBytes());
      resp.setStatus(200);
    }
  });

  @ParameterizedTest
  @ValueSource(strings = {
      "assigneeExpression=${currentUser()}",
      "assigneeExpression=%24%7BcurrentUser()%7D",
      "candidateGroupsExpression=%23%7BcurrentUserGroups()%7D",
      "maxResults=5&dueBeforeExpression=%24%7BdateTime().toDate()%7D"})
  void expressionInQueryStringIsRejected(String query) throws Exception {
    MockHttpServletRequest request = request("GET", "/engine-rest/task");
    request.setQueryString(query);

    guard.doFilter(request, response, chain);

    assertRejected("query");
  }

  /**
   * A badly encoded neighbour must not hide the expression: Tomcat and the REST API skip the bad
   * parameter and still hand the decoded expression to the engine.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "x=%ZZ&assigneeExpression=%24%7BcurrentUser()%7D",
      "nameLike=100%&assigneeExpression=%24%7BcurrentUser()%7D"})
  void expressionNextToABadlyEncodedParameterIsRejected(String query) throws Exception {
    MockHttpServletRequest request = request("GET", "/engine-rest/task");
    request.setQueryString(query);

    guard.doFilter(request, response, chain);

    assertRejected("query");
  }

  @Test
  void expressionInJsonBodyOfTaskQueryIsRejected() throws Exception {
    guard.doFilter(jsonRequest("POST", "/engine-rest/task", "{\"assigneeExpression\":\"${currentUser()}\"}"),
        response, chain);

    assertRejected("body");
  }

  @Test
  void hashExpressionInJsonBodyIsRejected() throws Exception {
    guard.doFilter(jsonRequest("POST", "/engine-rest/task/count", "{\"nameLike\":\"#{1+1}\"}"), response, chain);

    assertRejected("body");
  }

  @Test
  void expressionNestedInOrQueriesIsRejected() throws Exception {
    String body = """
        {"sorting":[{"sortBy":"created","sortOrder":"desc"}],
         "orQueries":[{"assignee":"xf1-worker1"},
                      {"candidateGroupsExpression":"${currentUserGroups()}"}]}""";

    guard.doFilter(jsonRequest("POST", "/engine-rest/task", body), response, chain);

    assertRejected("body");
  }

  @Test
  void expressionHiddenAsJsonUnicodeEscapeIsRejected() throws Exception {
    // \u0024 is '$': Jackson (and so Camunda) reads this as ${currentUser()}.
    String body = "{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{currentUser()}\"}]}";
    assertThat(body).doesNotContain("${");

    guard.doFilter(jsonRequest("POST", "/engine-rest/task", body), response, chain);

    assertRejected("body");
  }

  @Test
  void hashExpressionHiddenInAVariableConditionIsRejected() throws Exception {
    guard.doFilter(jsonRequest("POST", "/engine-rest/task",
        "{\"processVariables\":[{\"name\":\"\\u0023{x}\",\"operator\":\"eq\",\"value\":1}]}"), response, chain);

    assertRejected("body");
  }

  @Test
  void expressionInNewFilterIsRejected() throws Exception {
    String body = """
        {"resourceType":"Task","name":"恶意过滤器","owner":"xf1-worker1",
         "query":{"candidateGroupsExpression":"${currentUserGroups()}"},"properties":{}}""";

    guard.doFilter(jsonRequest("POST", "/engine-rest/filter/create", body), response, chain);

    assertRejected("body");
  }

  @Test
  void expressionInUpdatedFilterIsRejected() throws Exception {
    String body = """
        {"resourceType":"Task","name":"我的待办",
         "query":{"assigneeExpression":"${execution.getProcessEngineServices()}"}}""";

    guard.doFilter(jsonRequest("PUT", "/engine-rest/filter/a1b2c3", body), response, chain);

    assertRejected("body");
  }

  @Test
  void expressionInEngineSpecificPathIsRejectedToo() throws Exception {
    guard.doFilter(jsonRequest("POST", "/engine-rest/engine/default/task",
        "{\"assigneeExpression\":\"${currentUser()}\"}"), response, chain);

    assertRejected("body");
  }

  @Test
  void harmlessQueryPassesWithTheSameBody() throws Exception {
    String body = "{\"candidateGroup\":\"street-230110001-caseworker\",\"nameLike\":\"%入户调查%\","
        + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    MockHttpServletRequest request = jsonRequest("POST", "/engine-rest/task", body);
    request.setQueryString("firstResult=0&maxResults=15");

    guard.doFilter(request, response, chain);

    assertThat(chain.getRequest()).as("REST API called").isNotNull();
    assertThat(downstreamBody.get()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(chain.getRequest().getContentLength()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void harmlessGetQueryPasses() throws Exception {
    MockHttpServletRequest request = request("GET", "/engine-rest/task");
    request.setQueryString("maxResults=5&nameLike=%25%E8%B0%83%E6%9F%A5%25&sortBy=created&sortOrder=desc");

    guard.doFilter(request, response, chain);

    assertThat(chain.getRequest()).isNotNull();
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void opinionContainingAnExpressionIsDataAndPasses() throws Exception {
    String body = """
        {"variables":{"decision":{"value":"reject","type":"String"},
                      "opinion":{"value":"申请人称收入为${x},与核对结果不符","type":"String"}}}""";

    guard.doFilter(jsonRequest("POST", "/engine-rest/task/4f9c2a/complete", body), response, chain);

    assertThat(chain.getRequest()).as("REST API called").isNotNull();
    assertThat(downstreamBody.get()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"/engine-rest/task", "/engine-rest/message",
      "/engine-rest/task/4f9c2a/complete"})
  void jsonNullBodyIsRefusedInsteadOfCrashingTheEngineApi(String uri) throws Exception {
    guard.doFilter(jsonRequest("POST", uri, " null "), response, chain);

    assertRejected("body");
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413() throws Exception {
    byte[] body = new byte[ExpressionQueryGuard.MAX_BODY_BYTES + 1];
    Arrays.fill(body, (byte) ' ');
    MockHttpServletRequest request = request("POST", "/engine-rest/task");
    request.setContentType("application/json");
    request.setContent(body);

    guard.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(chain.getRequest()).as("REST API called").isNull();
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("message").asText()).containsPattern("\\p{IsHan}");
  }

  private void assertRejected(String field) throws IOException {
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(chain.getRequest()).as("REST API must not be called").isNull();
    assertThat(response.getContentType()).startsWith("application/json");
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("errors").isArray()).as("errors in %s", answer).isTrue();
    assertThat(answer.path("errors")).hasSize(1);
    JsonNode error = answer.path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(error.path("message").asText()).containsPattern("\\p{IsHan}");
  }

  private static MockHttpServletRequest request(String method, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    request.setServletPath(uri);
    return request;
  }

  private static MockHttpServletRequest jsonRequest(String method, String uri, String body) {
    MockHttpServletRequest request = request(method, uri);
    request.setContentType("application/json");
    request.setCharacterEncoding("UTF-8");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
