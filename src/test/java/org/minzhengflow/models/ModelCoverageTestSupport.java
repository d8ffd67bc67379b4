package org.minzhengflow.models;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;

/**
 * What the model-coverage tests share: beans mocked by name (listeners and delegates that do
 * nothing, delegates that answer a gateway variable the test chooses), and driving a case through
 * its jobs and timers on the stand-alone engine of {@code camunda-coverage.cfg.xml}.
 */
abstract class ModelCoverageTestSupport {

  /** What the answering delegates set in the current test; tests change entries to steer a path. */
  protected final Map<String, Object> answers = new HashMap<>();

  protected void answer(String bean, String variable, Object value) {
    answers.put(variable, value);
    Mocks.register(bean, (JavaDelegate) ex -> ex.setVariable(variable, answers.get(variable)));
  }

  protected static void noOpListeners(String... beans) {
    TaskListener nothing = task -> { };
    for (String bean : beans) {
      Mocks.register(bean, nothing);
    }
  }

  protected static void noOpDelegates(String... beans) {
    JavaDelegate none = ex -> { };
    for (String bean : beans) {
      Mocks.register(bean, none);
    }
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  /** Runs the case's due jobs (not future timers) one by one until none is left. */
  protected static void runJobs(ProcessInstance pi) {
    for (Job job; (job = managementService().createJobQuery().processInstanceId(pi.getId()).executable().listPage(0, 1)
        .stream().findFirst().orElse(null)) != null; ) {
      managementService().executeJob(job.getId());
    }
  }

  protected static void fire(ProcessInstance pi, String timer) {
    managementService().executeJob(managementService().createJobQuery().processInstanceId(pi.getId())
        .activityId(timer).singleResult().getId());
    runJobs(pi);
  }
}
