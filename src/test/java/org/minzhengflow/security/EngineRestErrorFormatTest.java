package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Camunda's REST errors reach clients in the project's format: field errors for 400, Chinese
 * messages for people, Camunda's own {@code type} kept for Camunda clients.
 */
class EngineRestErrorFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HAN = "\\p{IsHan}";

  @Test
  void camundaBadRequestGainsFieldErrorsInChineseAndKeepsType() throws Exception {
    String camunda = "{\"type\":\"InvalidRequestException\","
        + "\"message\":\"Cannot set query parameter 'dueAfter' to value 'yesterday': Cannot convert value \\\"yesterday\\\" to java type java.util.Date\","
        + "\"code\":0}";

    JsonNode answer = rewrite(400, camunda);

    assertThat(answer.path("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(answer.path("errors").isArray()).as("errors in %s", answer).isTrue();
    assertThat(answer.path("errors")).hasSize(1);
    JsonNode error = answer.path("errors").get(0);
    assertThat(error.path("field").asText()).isNotBlank();
    assertThat(error.path("message").asText()).containsPattern(HAN);
    assertThat(answer.path("message").asText()).containsPattern(HAN);
    assertThat(answer.path("detail").asText()).startsWith("Cannot set query parameter 'dueAfter'");
  }

  @Test
  void unboundedQueryIsExplainedInChinese() throws Exception {
    String camunda = "{\"type\":\"BadUserRequestException\",\"message\":\"An unbound number of results is forbidden!\"}";

    JsonNode answer = rewrite(400, camunda);

    assertThat(answer.path("errors").get(0).path("message").asText()).contains("maxResults").containsPattern(HAN);
  }

  @Test
  void reviewValidationWrappedAsServerErrorBecomesFieldErrorOn400() throws Exception {
    String camunda = "{\"type\":\"ProcessEngineException\",\"message\":"
        + "\"Cannot complete task 4f9c2a: [opinion] 不同意时必须填写审核意见\",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/4f9c2a/complete"),
        response, answering(500, camunda));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("application/json");
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("errors")).hasSize(1);
    assertThat(answer.path("errors").get(0).path("field").asText()).isEqualTo("opinion");
    assertThat(answer.path("errors").get(0).path("message").asText()).isEqualTo("不同意时必须填写审核意见");
    assertThat(answer.path("type").asText()).isEqualTo("ProcessEngineException");
  }

  /** 回避 and one person, one role (review/CaseRoleRefusal), wrapped by the engine's listener invocation: 403, no internals. */
  @Test
  void aRuleAboutThePersonWrappedAsServerErrorIsForbiddenWithItsChineseReasonAlone() throws Exception {
    String camunda = "{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03051 There was an exception while invoking"
        + " the TaskListener. Message: '[forbidden] xf1-worker2是本案申请人或其家庭成员的备案近亲属,须回避,不能认领或办理此任务'\",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/1/claim"),
        response, answering(500, camunda));

    assertThat(response.getStatus()).isEqualTo(403);
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("message").asText()).isEqualTo("xf1-worker2是本案申请人或其家庭成员的备案近亲属,须回避,不能认领或办理此任务");
    assertThat(answer.has("detail")).isFalse();
    assertThat(answer.has("errors")).isFalse();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "RestException|Cannot complete task 1: Cannot find serializer for value 'Value 'null' of type 'xml''|序列化格式不受支持",
      "IllegalArgumentException|Cannot create file without valueInfo.|valueInfo",
      "RestException|Cannot complete task 1: ENGINE-17007 Cannot set variable with name x. Java serialization format is prohibited|Java 序列化",
      "IllegalArgumentException|Something else about a variable|请求中的变量无效"})
  void badVariablesTheEngineAnswersWith500AreAnsweredAs400(String type, String message, String expected)
      throws Exception {
    String camunda = "{\"type\":\"" + type + "\",\"message\":" + JSON.writeValueAsString(message) + ",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/1/complete"),
        response, answering(500, camunda));

    assertThat(response.getStatus()).isEqualTo(400);
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("errors").get(0).path("field").asText()).isEqualTo("variables");
    assertThat(answer.path("errors").get(0).path("message").asText()).contains(expected);
  }

  @Test
  void englishNotFoundBecomesChineseWithOriginalAsDetail() throws Exception {
    String camunda = "{\"type\":\"InvalidRequestException\",\"message\":\"No matching task with id 4f9c2a\",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("GET", "/engine-rest/task/4f9c2a"),
        response, answering(404, camunda));

    assertThat(response.getStatus()).isEqualTo(404);
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("message").asText()).containsPattern(HAN).doesNotContain("No matching task");
    assertThat(answer.path("detail").asText()).isEqualTo("No matching task with id 4f9c2a");
    assertThat(answer.path("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(answer.has("errors")).as("no field errors outside 400: %s", answer).isFalse();
  }

  @Test
  void bodyAlreadyInOurFormatIsLeftAlone() throws Exception {
    String ours = "{\"errors\":[{\"field\":\"query\",\"message\":\"查询条件中不允许使用表达式(${…} 或 #{…})\"}]}";

    assertThat(EngineRestErrorFormat.rewrite(400, ours.getBytes(StandardCharsets.UTF_8))).isNull();

    MockHttpServletResponse response = new MockHttpServletResponse();
    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), response,
        answering(400, ours));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(ours);
  }

  @Test
  void chineseMessageOfOurOwnFiltersIsKept() throws Exception {
    JsonNode answer = rewrite(401, "{\"message\":\"用户名或密码错误\"}");

    assertThat(answer.path("message").asText()).isEqualTo("用户名或密码错误");
    assertThat(answer.has("detail")).isFalse();
  }

  @Test
  void successfulAnswersPassUnchanged() throws Exception {
    String tasks = "[{\"id\":\"4f9c2a\",\"name\":\"Cannot complete task\"}]";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), response,
        answering(200, tasks));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(tasks);
  }

  @Test
  void aRefusedRightOnATaskThatWasJustCompletedIsA409AndOnAnOpenTaskStaysA403() throws Exception {
    String camunda = "{\"type\":\"AuthorizationException\",\"message\":\"The user with id 'xf1-worker1' does not have "
        + "one of the following permissions: 'TASK_WORK' permission on resource '77' of type 'Task'\",\"code\":0}";
    // 77 was completed by another a moment ago (history, not open); 78 is open in another street
    EngineRestErrorFormat format = new EngineRestErrorFormat(id -> true, "78"::equals);

    MockHttpServletResponse done = new MockHttpServletResponse();
    format.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/77/complete"), done, answering(403, camunda));
    assertThat(done.getStatus()).isEqualTo(409);
    assertThat(JSON.readTree(done.getContentAsByteArray()).path("message").asText()).isEqualTo("该任务已办结或已撤销,请刷新任务列表");

    MockHttpServletResponse refused = new MockHttpServletResponse();
    format.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/78/complete"), refused,
        answering(403, camunda.replace("77", "78")));
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(JSON.readTree(refused.getContentAsByteArray()).path("type").asText()).isEqualTo("AuthorizationException");
  }

  @Test
  void anEngineFailureOnATaskThatWasJustCompletedIsA409AndOnAnOpenTaskStaysA500() throws Exception {
    String camunda = "{\"type\":\"NullPointerException\",\"message\":\"Cannot invoke \\\"org.camunda.bpm.engine.impl.pvm."
        + "runtime.PvmExecutionImpl.getActivityInstanceId()\\\" because the return value of \\\"org.camunda.bpm.engine."
        + "impl.pvm.runtime.PvmExecutionImpl.getParent()\\\" is null\"}";
    // 77 was completed by another a moment ago (history, not open); 78 is still open: its failure is a real one
    EngineRestErrorFormat format = new EngineRestErrorFormat(id -> true, "78"::equals);

    MockHttpServletResponse done = new MockHttpServletResponse();
    format.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/77/complete"), done, answering(500, camunda));
    assertThat(done.getStatus()).isEqualTo(409);
    assertThat(JSON.readTree(done.getContentAsByteArray()).path("message").asText()).isEqualTo("该任务已办结或已撤销,请刷新任务列表");

    MockHttpServletResponse failed = new MockHttpServletResponse();
    format.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/78/complete"), failed, answering(500, camunda));
    assertThat(failed.getStatus()).isEqualTo(500);
  }

  @Test
  void aTaskTheEngineNoLongerHasIsA409WhenItsHistoryKnowsItElseA404() throws Exception {
    String camunda = "{\"type\":\"RestException\",\"message\":\"Cannot complete task 77: Cannot find task with id 77: "
        + "task is null\",\"code\":0}";
    EngineRestErrorFormat format = new EngineRestErrorFormat("77"::equals);

    MockHttpServletResponse done = new MockHttpServletResponse();
    format.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/77/complete"), done, answering(500, camunda));
    assertThat(done.getStatus()).isEqualTo(409);
    assertThat(JSON.readTree(done.getContentAsByteArray()).path("message").asText()).isEqualTo("该任务已办结或已撤销,请刷新任务列表");

    MockHttpServletResponse unknown = new MockHttpServletResponse();
    format.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/78/claim"), unknown,
        answering(500, camunda.replace("77", "78")));
    assertThat(unknown.getStatus()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.getContentAsByteArray()).path("message").asText()).isEqualTo("未找到该任务");
  }

  @Test
  void aCompletionThatLostTheRaceToAnotherIsA409WithTheReason() throws Exception {
    String camunda = "{\"type\":\"RestException\",\"message\":\"Cannot complete task 77: ENGINE-03051 There was an "
        + "exception while invoking the TaskListener. Message: '[taken] 该任务刚被他人办理,请刷新任务列表'\",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/77/complete"), response,
        answering(500, camunda));

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(JSON.readTree(response.getContentAsByteArray()).path("message").asText()).isEqualTo("该任务刚被他人办理,请刷新任务列表");
  }

  @Test
  void aMessageNobodyWaitsForIsTheWrongState409() throws Exception {
    String camunda = "{\"type\":\"RestException\",\"message\":\"org.camunda.bpm.engine.MismatchingMessageCorrelationException: "
        + "Cannot correlate message 'Objection': No process definition or execution matches the parameters\",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("POST", "/engine-rest/message"), response,
        answering(400, camunda));

    assertThat(response.getStatus()).isEqualTo(409);
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("message").asText()).contains("公示期").containsPattern(HAN);
    assertThat(answer.has("errors")).isFalse();
  }

  @Test
  void databaseOutageBecomes503InChineseWithoutEngineInternals() throws Exception {
    String camunda = "{\"type\":\"CannotCreateTransactionException\",\"message\":"
        + "\"Could not open JDBC Connection for transaction\",\"code\":0}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), response,
        answering(500, camunda));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("30");
    JsonNode answer = JSON.readTree(response.getContentAsByteArray());
    assertThat(answer.path("message").asText()).isEqualTo("数据库暂时不可用,请稍后重试");
    assertThat(answer.has("detail")).isFalse();
    assertThat(answer.toString()).doesNotContain("JDBC");
  }

  @Test
  void otherServerErrorsStay500() throws Exception {
    String camunda = "{\"type\":\"ProcessEngineException\",\"message\":\"Unknown property used in expression\"}";
    MockHttpServletResponse response = new MockHttpServletResponse();

    new EngineRestErrorFormat().doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), response,
        answering(500, camunda));

    assertThat(response.getStatus()).isEqualTo(500);
  }

  /** An outage met by a filter (the password check reads the identity tables) still answers 503, not the container's 500. */
  @Test
  void outageOutsideTheEngineRestApiIsAnswered503ByTheOutermostFilter() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain failing = new MockFilterChain(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) {
        throw new org.camunda.bpm.engine.ProcessEngineException("ENGINE-03004",
            new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("Connection is not available, request timed out")));
      }
    });

    new DatabaseUnavailableFilter().doFilter(new MockHttpServletRequest("GET", "/api/applications"), response, failing);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(JSON.readTree(response.getContentAsByteArray()).path("message").asText()).isEqualTo("数据库暂时不可用,请稍后重试");

    MockFilterChain bug = new MockFilterChain(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) {
        throw new IllegalStateException("a bug");
      }
    });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DatabaseUnavailableFilter()
        .doFilter(new MockHttpServletRequest("GET", "/api/applications"), new MockHttpServletResponse(), bug))
        .isInstanceOf(IllegalStateException.class);
  }

  private static JsonNode rewrite(int status, String body) throws IOException {
    byte[] rewritten = EngineRestErrorFormat.rewrite(status, body.getBytes(StandardCharsets.UTF_8));
    assertThat(rewritten).as("rewritten body").isNotNull();
    return JSON.readTree(rewritten);
  }

  /** The engine REST API answering with the given status and JSON body. */
  private static MockFilterChain answering(int status, String body) {
    return new MockFilterChain(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      }
    });
  }
}
