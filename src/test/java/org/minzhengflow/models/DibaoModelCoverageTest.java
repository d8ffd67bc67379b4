package org.minzhengflow.models;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of processes/dibao.bpmn on a stand-alone engine with the beans mocked, measured by
 * process-test-coverage (report under target/process-test-coverage). The behaviour behind each step
 * is tested with the real beans in DibaoProcessTest; this test pins the routing of the model itself,
 * so a designer's change in Modeler that breaks a path or leaves one unreachable fails here.
 */
@Deployment(resources = "processes/dibao.bpmn")
class DibaoModelCoverageTest extends ModelCoverageTestSupport {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("camunda-coverage.cfg.xml")
      .assertClassCoverageAtLeast(0.95).build();

  /** The BPMN reads its deadlines from this bean; any fixed future instant will do here. */
  public static class Deadlines {
    public Date due(String step) {
      return Date.from(OffsetDateTime.now().plusDays(10).toInstant());
    }

    public String dueIso(String step) {
      return OffsetDateTime.now().plusDays(10).toString();
    }

    public String caseDueIso() {
      return OffsetDateTime.now().plusDays(40).toString();
    }
  }

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
    noOpListeners("dibaoCaseSummary", "dibaoHomeVisit", "dibaoLaborAssessment", "reviewDecision");
    Mocks.register("dibaoDeadlines", new Deadlines());
    Mocks.register("candidateGroups", new Groups());
    answer("dibaoVerification", "disqualified", false);
    answer("dibaoCloseRelatives", "closeRelative", false);
    answer("dibaoAssessment", "tier", "DIBAO");
    answer("dibaoSpotCheckSampling", "spotCheck", false);
    answer("dibaoCloseWithout", "outcome", "REJECTED");
    Mocks.register("dibaoPublicNotice", (JavaDelegate) ex -> ex.setVariable("noticeDuration", "P7D"));
    noOpDelegates("dibaoObjection", "dibaoGrant", "dibaoRevocation", "overdueEscalation");
  }

  private ProcessInstance start(boolean pilot, boolean labor) {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey("dibao", "DB-TEST", withVariables(
        "streetCode", pilot ? "230102001" : "230110001", "pilotDistrict", pilot, "needsLaborAssessment", labor));
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
    assertThat(pi).isWaitingAt("Gateway_NoticePeriod");
    return pi;
  }

  @Test
  void twoLevelApproval() {
    ProcessInstance pi = toNotice(start(false, false));
    fire(pi, "Event_NoticePeriodEnded");
    assertThat(pi).isWaitingAt("districtApproval");
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("Task_GrantBenefit", "End_Approved");
  }

  @Test
  void disqualifiedByVerification() {
    answers.put("disqualified", true);
    ProcessInstance pi = start(false, false);
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit", "End_ClosedWithout").hasNotPassed("householdInvestigation");
  }

  @Test
  void laborAssessmentThenStreetRejection() {
    ProcessInstance pi = start(false, true);
    investigate(pi);
    assertThat(pi).isWaitingAt("laborCapacityAssessment");
    complete(task(pi), withVariables("assessedLaborCapacity", "{}"));
    runJobs(pi);
    decide(pi, "reject");
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit");
  }

  @Test
  void returnThenReferral() {
    ProcessInstance pi = start(false, false);
    investigate(pi);
    decide(pi, "return");
    assertThat(pi).isWaitingAt("householdInvestigation");
    answers.put("tier", "LOW_INCOME");
    investigate(pi);
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit").hasNotPassed("Task_PublishNotice");
  }

  @Test
  void objectionReopensInvestigation() {
    ProcessInstance pi = toNotice(start(false, false));
    runtimeService().createMessageCorrelation("Objection").processInstanceBusinessKey("DB-TEST").correlate();
    runJobs(pi);
    assertThat(pi).hasPassed("Task_RecordObjection").isWaitingAt("householdInvestigation");
  }

  @Test
  void districtRejectsOrReturns() {
    ProcessInstance rejected = toNotice(start(false, false));
    fire(rejected, "Event_NoticePeriodEnded");
    decide(rejected, "reject");
    assertThat(rejected).isEnded().hasPassed("Task_CloseWithoutBenefit");

    ProcessInstance returned = toNotice(start(false, false));
    fire(returned, "Event_NoticePeriodEnded");
    decide(returned, "return");
    assertThat(returned).isWaitingAt("householdInvestigation");
  }

  @Test
  void pilotNotSampledSampledConfirmedAndRevoked() {
    ProcessInstance notSampled = toNotice(start(true, false));
    fire(notSampled, "Event_NoticePeriodEnded");
    assertThat(notSampled).isEnded().hasPassed("End_NotSampled").hasNotPassed("districtApproval");

    answers.put("spotCheck", true);
    ProcessInstance confirmed = toNotice(start(true, false));
    fire(confirmed, "Event_NoticePeriodEnded");
    decide(confirmed, "approve");
    assertThat(confirmed).isEnded().hasPassed("End_Confirmed");

    ProcessInstance revoked = toNotice(start(true, false));
    fire(revoked, "Event_NoticePeriodEnded");
    decide(revoked, "reject");
    assertThat(revoked).isEnded().hasPassed("Task_RevokeBenefit", "End_Revoked");
  }

  @Test
  void overdueStepsAndTheWholeCaseAreEscalated() {
    ProcessInstance pi = start(false, false);
    fire(pi, "Event_HouseholdInvestigationOverdue");
    fire(pi, "Event_CaseOverdue");
    investigate(pi);
    fire(pi, "Event_StreetReviewOverdue");
    decide(pi, "approve");
    fire(pi, "Event_NoticePeriodEnded");
    fire(pi, "Event_DistrictApprovalOverdue");
    assertThat(pi).hasPassed("Task_EscalateHouseholdInvestigation", "Task_EscalateStreetReview",
        "Task_EscalateDistrictApproval", "Task_EscalateCase").isWaitingAt("districtApproval");
  }
}
