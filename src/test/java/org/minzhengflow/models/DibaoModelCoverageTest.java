package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of processes/dibao.bpmn, and of the public notice it calls (processes/public-notice.bpmn),
 * on a stand-alone engine with the beans mocked, measured by process-test-coverage (report under
 * target/process-test-coverage). The behaviour behind each step is tested with the real beans in
 * DibaoProcessTest; this test pins the routing of the model itself, so a designer's change in Modeler
 * that breaks a path or leaves one unreachable fails here.
 */
@Deployment(resources = {"processes/dibao.bpmn", "processes/public-notice.bpmn"})
class DibaoModelCoverageTest extends ModelCoverageTestSupport {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("camunda-coverage.cfg.xml")
      .assertClassCoverageAtLeast(0.95).build();

  /** Candidate groups as the real bean names them. */
  public static class Groups {
    public String streetCaseworkers(String street) {
      return "street-" + street + "-caseworker";
    }

    public String streetLeaders(String street) {
      return "street-" + street + "-leader";
    }

    public String districtApproversOfStreet(String street) {
      return "district-" + street.substring(0, 6) + "-approver";
    }

    public String cityApprovers() {
      return "city-230100-approver";
    }
  }

  @BeforeEach
  void mockBeans() {
    noOpListeners("dibaoCaseSummary", "dibaoHomeVisit", "dibaoLaborAssessment", "dibaoDistrictHomeVisit",
        "reviewDecision");
    Mocks.register("candidateGroups", new Groups());
    answer("dibaoVerification", "disqualified", false);
    answer("dibaoCloseRelatives", "closeRelative", false);
    answer("dibaoAssessment", "tier", "DIBAO");
    answer("dibaoSpotCheckSampling", "spotCheck", false);
    answer("dibaoCloseWithout", "outcome", "REJECTED");
    noOpDelegates("publicNoticeText", "dibaoObjection", "dibaoGrant", "dibaoRevocation", "overdueEscalation");
  }

  private ProcessInstance start(boolean pilot, boolean labor) {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey("dibao", newBusinessKey("DB"), withVariables(
        "streetCode", pilot ? "230102001" : "230110001", "pilotDistrict", pilot, "needsLaborAssessment", labor,
        "hadObjection", false));
    runJobs(pi);
    return pi;
  }

  private static void decide(ProcessInstance pi, String decision) {
    complete(task(pi), withVariables("decision", decision, "opinion", "意见"));
    runJobs(pi);
  }

  private static void investigate(ProcessInstance pi) {
    complete(task("householdInvestigation", pi), withVariables("secondInvestigator", "w2", "findings", "属实"));
    runJobs(pi);
  }

  private static ProcessInstance toNotice(ProcessInstance pi) {
    investigate(pi);
    decide(pi, "approve");
    assertThat(pi).isWaitingAt("Call_PublicNotice");
    assertInNotice(pi);
    return pi;
  }

  @Test
  void twoLevelApproval() {
    ProcessInstance pi = toNotice(start(false, false));
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE");
    ProcessInstance notice = notice(pi);
    noticePeriodEnds(pi);
    assertThat(notice).isEnded().hasPassed("End_NoObjection").hasNotPassed("Event_ObjectionReceived");
    assertThat(pi).hasPassed("Gateway_NoticeResult").hasNotPassed("Task_RecordObjection", "districtHomeVisit")
        .isWaitingAt("districtApproval").variables().containsEntry("objectionRaised", false);
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("Task_GrantBenefit", "End_Approved");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");
    assertThat(noticeGrants(pi)).containsExactly(new Grant(pi.getBusinessKey(), true));
  }

  @Test
  void closeRelativeGetsADistrictHomeVisit() {
    answers.put("closeRelative", true);
    ProcessInstance pi = toNotice(start(false, false));
    noticePeriodEnds(pi);
    assertThat(pi).isWaitingAt("districtHomeVisit").hasNotPassed("Task_RecordObjection");
    complete(task("districtHomeVisit", pi), withVariables("findings", "属实"));
    runJobs(pi);
    assertThat(pi).isWaitingAt("districtApproval");
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("districtHomeVisit", "Task_GrantBenefit", "End_Approved");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");
  }

  @Test
  void disqualifiedByVerification() {
    answers.put("disqualified", true);
    ProcessInstance pi = start(false, false);
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit", "End_ClosedWithout").hasNotPassed("householdInvestigation");
    assertThat(statuses(pi)).containsExactly("REJECTED");
  }

  @Test
  void laborAssessmentThenStreetRejection() {
    ProcessInstance pi = start(false, true);
    investigate(pi);
    assertThat(pi).isWaitingAt("laborCapacityAssessment");
    complete(task(pi), withVariables("assessedLaborCapacity", "{}"));
    runJobs(pi);
    decide(pi, "reject");
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit").hasNotPassed("Call_PublicNotice");
    assertThat(statuses(pi)).containsExactly("REJECTED");
  }

  @Test
  void returnThenReferral() {
    answers.put("outcome", "REFERRED");
    ProcessInstance pi = start(false, false);
    investigate(pi);
    decide(pi, "return");
    assertThat(pi).isWaitingAt("householdInvestigation");
    answers.put("tier", "LOW_INCOME");
    investigate(pi);
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit").hasNotPassed("Call_PublicNotice");
    assertThat(statuses(pi)).containsExactly("REFERRED");
    assertThat(noticeGrants(pi)).isEmpty();
  }

  @Test
  void objectionReopensInvestigationAndBringsTheDistrictHome() {
    ProcessInstance pi = toNotice(start(false, false));
    ProcessInstance firstNotice = notice(pi);
    objection(pi, "邻居反映有经营收入");
    assertThat(firstNotice).isEnded().hasPassed("Event_ObjectionReceived", "End_Objection")
        .hasNotPassed("Event_NoticePeriodEnded");
    assertThat(pi).hasPassed("Task_RecordObjection").isWaitingAt("householdInvestigation").variables()
        .containsEntry("objectionRaised", true).containsEntry("objection", "邻居反映有经营收入")
        .containsEntry("hadObjection", true);

    // The second notice passes without objection; the objection of the first still sends the district home.
    toNotice(pi);
    noticePeriodEnds(pi);
    assertThat(pi).isWaitingAt("districtHomeVisit").variables().containsEntry("objectionRaised", false);
    complete(task("districtHomeVisit", pi), withVariables("findings", "属实"));
    runJobs(pi);
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("districtHomeVisit", "End_Approved");
    assertThat(statuses(pi))
        .containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");
    assertThat(noticeGrants(pi)).hasSize(2).allMatch(Grant::calledByCase);
  }

  @Test
  void districtRejectsOrReturns() {
    ProcessInstance rejected = toNotice(start(false, false));
    noticePeriodEnds(rejected);
    decide(rejected, "reject");
    assertThat(rejected).isEnded().hasPassed("Task_CloseWithoutBenefit");
    assertThat(statuses(rejected)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "REJECTED");

    ProcessInstance returned = toNotice(start(false, false));
    noticePeriodEnds(returned);
    decide(returned, "return");
    assertThat(returned).isWaitingAt("householdInvestigation");
    assertThat(statuses(returned)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW");
  }

  @Test
  void pilotNotSampledSampledConfirmedAndRevoked() {
    ProcessInstance notSampled = toNotice(start(true, false));
    noticePeriodEnds(notSampled);
    assertThat(notSampled).isEnded().hasPassed("End_NotSampled").hasNotPassed("districtApproval", "districtHomeVisit");
    assertThat(statuses(notSampled)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");

    answers.put("spotCheck", true);
    ProcessInstance confirmed = toNotice(start(true, false));
    noticePeriodEnds(confirmed);
    decide(confirmed, "approve");
    assertThat(confirmed).isEnded().hasPassed("End_Confirmed");
    assertThat(statuses(confirmed)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");

    ProcessInstance revoked = toNotice(start(true, false));
    noticePeriodEnds(revoked);
    decide(revoked, "reject");
    assertThat(revoked).isEnded().hasPassed("Task_RevokeBenefit", "End_Revoked");
    assertThat(statuses(revoked))
        .containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED", "REVOKED");
  }

  @Test
  void overdueStepsAndTheWholeCaseAreEscalated() {
    ProcessInstance pi = start(false, false);
    fire(pi, "Event_HouseholdInvestigationOverdue");
    fire(pi, "Event_CaseOverdue");
    investigate(pi);
    fire(pi, "Event_StreetReviewOverdue");
    decide(pi, "approve");
    noticePeriodEnds(pi);
    fire(pi, "Event_DistrictApprovalOverdue");
    assertThat(pi).hasPassed("Task_EscalateHouseholdInvestigation", "End_HouseholdInvestigationEscalated",
        "Task_EscalateStreetReview", "End_StreetReviewEscalated", "Task_EscalateDistrictApproval",
        "End_DistrictApprovalEscalated", "Task_EscalateCase", "End_CaseEscalated").isWaitingAt("districtApproval");
  }
}
