package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of processes/dibao-review.bpmn (the re-review) and processes/benefit-daily.bpmn (the daily timer and
 * the campaign's batch loop) on a stand-alone engine with the beans mocked, measured by process-test-coverage. The
 * behaviour behind each step is tested with the real beans in DibaoReviewProcessTest; this pins the routing.
 */
@Deployment(resources = {"processes/dibao-review.bpmn", "processes/benefit-daily.bpmn"})
class DibaoReviewModelCoverageTest extends ModelCoverageTestSupport {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("camunda-coverage.cfg.xml")
      .assertClassCoverageAtLeast(0.95).build();

  private final AtomicInteger batchesLeft = new AtomicInteger();

  @BeforeEach
  void mockBeans() {
    noOpListeners("dibaoReviewSummary", "dibaoReviewInvestigation", "reviewDecision");
    Mocks.register("candidateGroups", new DibaoModelCoverageTest.Groups());
    answer("dibaoReviewSpotCheckSampling", "spotCheck", false);
    noOpDelegates("dibaoReviewVerification", "dibaoReviewAssessment", "dibaoReviewApplyOutcome",
        "dibaoReviewRevocation", "overdueEscalation", "benefitDueReviews", "benefitFinishedExits");
    Mocks.register("benefitReviewBatch", (JavaDelegate) ex -> ex.setVariable("moreReviews",
        batchesLeft.getAndDecrement() > 1));
  }

  private ProcessInstance start(boolean pilot) {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey("dibaoReview", newBusinessKey("FC"), withVariables(
        "streetCode", pilot ? "230102001" : "230110001", "pilotDistrict", pilot, "trigger", "CAMPAIGN"));
    runJobs(pi);
    return pi;
  }

  private static void investigate(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("reviewInvestigation");
    complete(task("reviewInvestigation", pi), withVariables("secondInvestigator", "w2", "findings", "属实",
        "updatedIncomes", "{}"));
    runJobs(pi);
  }

  private static void decide(ProcessInstance pi, String decision) {
    complete(task(pi), withVariables("decision", decision, "opinion", "意见"));
    runJobs(pi);
  }

  @Test
  void twoLevelDistrictApprovesTheProposal() {
    ProcessInstance pi = start(false);
    assertThat(pi).hasPassed("Task_ReviewVerification");
    investigate(pi);
    assertThat(pi).hasPassed("Task_ProposeOutcome").isWaitingAt("streetReview");
    decide(pi, "approve");
    assertThat(pi).isWaitingAt("districtApproval");
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("Task_ApplyOutcome", "End_Reviewed").hasNotPassed("Task_SampleSpotCheck");
    assertThat(statuses(pi)).containsExactly("IN_REVIEW", "REVIEWED");
  }

  @Test
  void returnsGoBackToTheHomeVisitAndAStreetRefusalStopsAtOnce() {
    ProcessInstance pi = start(false);
    investigate(pi);
    decide(pi, "return");
    investigate(pi);
    decide(pi, "approve");
    decide(pi, "return");
    assertThat(pi).isWaitingAt("reviewInvestigation");
    investigate(pi);
    // the street refuses to continue: the outcome is applied at once, the district is not asked again
    decide(pi, "reject");
    assertThat(pi).isEnded().hasPassed("Task_ApplyOutcome");
    assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
        .createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).activityId("districtApproval").count())
        .isOne();
    assertThat(statuses(pi)).containsExactly("IN_REVIEW", "REVIEWED");

    ProcessInstance refused = start(false);
    investigate(refused);
    decide(refused, "approve");
    decide(refused, "reject");
    assertThat(refused).isEnded().hasPassed("districtApproval", "Task_ApplyOutcome", "End_Reviewed");
  }

  @Test
  void pilotStreetDecidesThenNotSampledSampledConfirmedAndRevoked() {
    ProcessInstance notSampled = start(true);
    investigate(notSampled);
    decide(notSampled, "approve");
    assertThat(notSampled).isEnded().hasPassed("Task_SampleSpotCheck", "End_NotSampled").hasNotPassed("districtApproval");
    assertThat(statuses(notSampled)).containsExactly("IN_REVIEW", "REVIEWED");

    answers.put("spotCheck", true);
    ProcessInstance confirmed = start(true);
    investigate(confirmed);
    decide(confirmed, "approve");
    assertThat(confirmed).isWaitingAt("districtSpotCheck");
    decide(confirmed, "approve");
    assertThat(confirmed).isEnded().hasPassed("End_Confirmed");

    ProcessInstance revoked = start(true);
    investigate(revoked);
    decide(revoked, "approve");
    decide(revoked, "reject");
    assertThat(revoked).isEnded().hasPassed("Task_RevokeOutcome", "End_Revoked");
  }

  @Test
  void aReviewStillOpenAtItsLegalLastDayIsEscalated() {
    ProcessInstance pi = start(false);
    fire(pi, "Event_CaseOverdue");
    assertThat(pi).hasPassed("Task_EscalateCase", "End_CaseEscalated").isWaitingAt("reviewInvestigation");
  }

  @Test
  void theDailyTimerRequestsDueReviewsStartsThemInBatchesAndEndsFinishedExits() {
    batchesLeft.set(3);
    Job timer = managementService().createJobQuery().processDefinitionKey("benefitDaily").timers().singleResult();
    assertThat(timer).isNotNull();
    managementService().executeJob(timer.getId());
    drainBenefitDaily();
    assertThat(batchesLeft.get()).isLessThanOrEqualTo(0);
    List<org.camunda.bpm.engine.history.HistoricActivityInstance> passed = org.camunda.bpm.engine.test.assertions.bpmn
        .BpmnAwareTests.historyService().createHistoricActivityInstanceQuery().activityId("Task_StartReviewBatch").list();
    assertThat(passed).hasSizeGreaterThanOrEqualTo(3);
    assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey("benefitDaily").count()).isZero();
    // the next day's timer is waiting
    assertThat(managementService().createJobQuery().processDefinitionKey("benefitDaily").timers().count()).isOne();
  }

  @Test
  void aCampaignEntersTheBatchLoopByItsMessage() {
    batchesLeft.set(1);
    ProcessInstance pi = runtimeService().startProcessInstanceByMessage("DibaoReviewCampaign");
    runJobs(pi);
    assertThat(pi).isEnded().hasPassed("StartEvent_Campaign", "Task_StartReviewBatch", "Task_EndFinishedExits", "End_Done")
        .hasNotPassed("Task_RequestDueReviews");
  }

  private static void drainBenefitDaily() {
    for (int i = 0; i < 20; i++) {
      List<Job> jobs = managementService().createJobQuery().processDefinitionKey("benefitDaily").messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(j -> managementService().executeJob(j.getId()));
    }
  }
}
