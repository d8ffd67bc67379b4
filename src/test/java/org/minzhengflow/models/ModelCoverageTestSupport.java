package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.minzhengflow.casework.CaseStatus;

/**
 * What the model-coverage tests share: beans mocked by name (listeners and delegates that do
 * nothing, delegates that answer a gateway variable the test chooses), the case-core beans every
 * model calls ({@code caseStatus}, {@code deadlines}, {@code caseNoticeReaders}), and driving a case
 * through its jobs and timers on the stand-alone engine of {@code camunda-coverage.cfg.xml} — including
 * those of the shared notice process {@code publicNotice} it calls.
 */
abstract class ModelCoverageTestSupport {

  /** The notice duration the mocked {@code deadlines} bean hands to the notice process. */
  protected static final String NOTICE_DURATION = "P7D";

  private static final AtomicInteger CASES = new AtomicInteger();

  /** What the answering delegates set in the current test; tests change entries to steer a path. */
  protected final Map<String, Object> answers = new HashMap<>();

  protected final CaseStatusRecorder caseStatus = new CaseStatusRecorder();
  protected final NoticeReaders noticeReaders = new NoticeReaders();

  /**
   * Stands in for {@code caseStatus}: refuses a code that is not a {@link CaseStatus} (as the real
   * bean does) and records the statuses per business key, i.e. per case, whichever instance set them.
   */
  public static class CaseStatusRecorder {
    private final Map<String, List<String>> byCase = new HashMap<>();

    public void enter(DelegateExecution execution, String status) {
      if (CaseStatus.parse(status) == null) {
        throw new IllegalArgumentException("unknown case status " + status + " at " + execution.getCurrentActivityId());
      }
      byCase.computeIfAbsent(execution.getProcessBusinessKey(), k -> new ArrayList<>()).add(status);
    }
  }

  /** One call of {@code caseNoticeReaders.grant}: for which case, and whether a case process called the notice. */
  public record Grant(String businessKey, boolean calledByCase) {}

  /** Stands in for {@code caseNoticeReaders}, recording each grant. */
  public static class NoticeReaders {
    private final List<Grant> grants = new ArrayList<>();

    public void grant(DelegateExecution execution) {
      grants.add(new Grant(execution.getProcessBusinessKey(), execution.getSuperExecution() != null));
    }
  }

  /** The models read every deadline from this bean; fixed future instants will do here. */
  public static class Deadlines {
    public Date due(DelegateExecution execution, String step) {
      return Date.from(OffsetDateTime.now().plusDays(10).toInstant());
    }

    public String dueIso(DelegateExecution execution, String step) {
      return OffsetDateTime.now().plusDays(10).toString();
    }

    public String caseDueIso(DelegateExecution execution) {
      return OffsetDateTime.now().plusDays(40).toString();
    }

    public String noticeDuration(DelegateExecution execution) {
      return NOTICE_DURATION;
    }
  }

  @BeforeEach
  void mockCaseCore() {
    Mocks.register("caseStatus", caseStatus);
    Mocks.register("caseNoticeReaders", noticeReaders);
    Mocks.register("deadlines", new Deadlines());
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  /** A business key (application number) no other case of the test run has. */
  protected static String newBusinessKey(String prefix) {
    return prefix + "-" + CASES.incrementAndGet();
  }

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

  /** The statuses the case's model set so far (its own and its notice instances'), in order. */
  protected List<String> statuses(ProcessInstance pi) {
    return caseStatus.byCase.getOrDefault(pi.getBusinessKey(), List.of());
  }

  /** The grants of read rights on notice instances of the case. */
  protected List<Grant> noticeGrants(ProcessInstance pi) {
    return noticeReaders.grants.stream().filter(g -> pi.getBusinessKey().equals(g.businessKey())).toList();
  }

  /**
   * Runs the case's due jobs (not future timers) one by one until none is left, those of the
   * instances it called (the public notice) included.
   */
  protected static void runJobs(ProcessInstance pi) {
    for (Job job; (job = managementService().createJobQuery().rootProcessInstanceId(pi.getId()).executable()
        .listPage(0, 1).stream().findFirst().orElse(null)) != null; ) {
      managementService().executeJob(job.getId());
    }
  }

  /** Fires the one timer of the case, or of an instance it called, at the given event. */
  protected static void fire(ProcessInstance pi, String timer) {
    managementService().executeJob(timer(pi, timer).getId());
    runJobs(pi);
  }

  protected static Job timer(ProcessInstance pi, String timer) {
    Job job = managementService().createJobQuery().rootProcessInstanceId(pi.getId()).activityId(timer).singleResult();
    assertThat(job).as("timer %s of %s", timer, pi.getBusinessKey()).isNotNull();
    return job;
  }

  /** The running notice instance the case called. */
  protected static ProcessInstance notice(ProcessInstance pi) {
    ProcessInstance notice = runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .singleResult();
    assertThat(notice).as("notice instance called by %s", pi.getBusinessKey()).isNotNull();
    return notice;
  }

  /**
   * Asserts the case is in its public notice: the called {@code publicNotice} instance, with the
   * case's business key, waits for the end of the notice period (the duration the case handed
   * over) or an objection.
   */
  protected static ProcessInstance assertInNotice(ProcessInstance pi) {
    ProcessInstance notice = notice(pi);
    assertThat(notice.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    BpmnAwareTests.assertThat(notice)
        .hasProcessDefinitionKey("publicNotice").isWaitingAt("Gateway_NoticePeriod");
    Instant due = timer(pi, "Event_NoticePeriodEnded").getDuedate().toInstant();
    Instant expected = Instant.now().plus(Duration.parse(NOTICE_DURATION));
    assertThat(Duration.between(due, expected).abs()).isLessThan(Duration.ofMinutes(5));
    return notice;
  }

  /** The notice period ends without an objection. */
  protected static void noticePeriodEnds(ProcessInstance pi) {
    fire(pi, "Event_NoticePeriodEnded");
  }

  /** Someone objects during the notice (message Objection, correlated by the application number). */
  protected static void objection(ProcessInstance pi, String text) {
    runtimeService().createMessageCorrelation("Objection").processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable("objection", text).correlate();
    runJobs(pi);
  }
}
