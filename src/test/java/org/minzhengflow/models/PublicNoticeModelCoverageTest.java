package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both outcomes of processes/public-notice.bpmn, the notice every case process calls, on its own so
 * that its coverage is asserted for it alone (the case tests measure it together with the caller).
 * Started directly with the business key and duration a caller hands over; the callers' mappings are
 * pinned in DibaoModelCoverageTest and NursingHomeModelCoverageTest. The real caseNoticeReaders bean
 * refuses a notice not called by a case; the mock only records that it was not.
 */
@Deployment(resources = "processes/public-notice.bpmn")
class PublicNoticeModelCoverageTest extends ModelCoverageTestSupport {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("camunda-coverage.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  @BeforeEach
  void mockBeans() {
    noOpDelegates("publicNoticeText");
  }

  /** A notice of 15 days: another duration than the callers' mock, so the timer is seen to take it. */
  private ProcessInstance start() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey("publicNotice", newBusinessKey("PN"),
        withVariables("noticeDuration", "P15D"));
    assertThat(pi).isWaitingAt("Task_PublishNotice");
    runJobs(pi);
    assertThat(pi).hasPassed("StartEvent_Notice", "Task_PublishNotice").isWaitingAt("Gateway_NoticePeriod");
    assertThat(noticeGrants(pi)).containsExactly(new Grant(pi.getBusinessKey(), false));
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE");
    Instant due = timer(pi, "Event_NoticePeriodEnded").getDuedate().toInstant();
    assertThat(Duration.between(due, Instant.now().plus(Duration.ofDays(15))).abs()).isLessThan(Duration.ofMinutes(5));
    return pi;
  }

  @Test
  void noticePeriodEndsWithoutObjection() {
    ProcessInstance pi = start();
    noticePeriodEnds(pi);
    assertThat(pi).isEnded().hasPassed("Event_NoticePeriodEnded", "End_NoObjection")
        .hasNotPassed("Event_ObjectionReceived", "End_Objection")
        .variables().containsEntry("objectionRaised", false).doesNotContainKey("objection");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW");
  }

  @Test
  void objectionEndsTheNoticeAtOnce() {
    ProcessInstance pi = start();
    objection(pi, "申请人有机动车");
    assertThat(pi).isEnded().hasPassed("Event_ObjectionReceived", "End_Objection")
        .hasNotPassed("Event_NoticePeriodEnded", "End_NoObjection")
        .variables().containsEntry("objectionRaised", true).containsEntry("objection", "申请人有机动车");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW");
  }
}
