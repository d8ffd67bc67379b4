package org.minzhengflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole application on a random port, on real PostgreSQL, with the
 * job executor running. Subclasses share one application context (and one database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.generic-properties.properties.job-executor-activate=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=500"})
@ActiveProfiles("test")
public abstract class PostgresIntegrationTest {

  @LocalServerPort protected int port;
  @Autowired private ProcessEngine engine;

  /**
   * The engine REST API finds its engine by name in Camunda's JVM-wide registry, where every Spring
   * context registers its engine as "default"; another test context started since this one would
   * otherwise answer this context's /engine-rest calls.
   */
  @BeforeEach
  void engineRestUsesThisContextsEngine() {
    ProcessEngines.registerProcessEngine(engine);
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry);
  }

  /** Waits until the user sees exactly one open task of that key in the case, and returns its id. */
  protected String awaitTask(Http http, String user, String pid, String key) {
    Http.Response tasks = http.await(user, "/engine-rest/task?maxResults=5&processInstanceId=" + pid
        + "&taskDefinitionKey=" + key, r -> r.status() == 200 && r.json().size() == 1);
    return tasks.json().get(0).get("id").asText();
  }

  /** Claims and completes a task through the engine REST API, as Tasklist does. */
  protected Http.Response complete(Http http, String user, String taskId, Map<String, Object> values) {
    assertThat(http.post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return http.post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
  }

  /**
   * The notice timer of a case, as an operator finds it: the shared public-notice process the case called
   * ({@code superProcessInstance}), then its timer job. Waits for the notice to start (its publication is a job).
   */
  protected Http.Response noticeTimers(Http http, String pid) {
    Http.Response notice = http.await("admin", "/engine-rest/process-instance?maxResults=5&superProcessInstance=" + pid,
        r -> r.json().size() == 1);
    String noticeId = notice.json().get(0).get("id").asText();
    return http.await("admin", "/engine-rest/job?maxResults=5&processInstanceId=" + noticeId
        + "&activityId=Event_NoticePeriodEnded", r -> r.json().size() == 1);
  }

  protected Http http() {
    return new Http(port);
  }
}
