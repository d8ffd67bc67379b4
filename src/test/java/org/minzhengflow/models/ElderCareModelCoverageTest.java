package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.OffsetDateTime;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of processes/eldercare.bpmn on a stand-alone engine with the beans mocked, measured by
 * process-test-coverage (report under target/process-test-coverage). The behaviour behind each step
 * is tested with the real beans in ElderCareProcessTest; this test pins the routing of the model itself,
 * so a designer's change in Modeler that breaks a path or leaves one unreachable fails here.
 */
@Deployment(resources = "processes/eldercare.bpmn")
class ElderCareModelCoverageTest extends ModelCoverageTestSupport {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("camunda-coverage.cfg.xml")
      .assertClassCoverageAtLeast(0.95).build();

  /** Candidate groups as the real bean names them. */
  public static class Groups {
    public String streetLeaders(String street) {
      return "street-" + street + "-leader";
    }

    public String districtApproversOfStreet(String street) {
      return "district-" + street.substring(0, 6) + "-approver";
    }

    public String cityApprovers() {
      return "city-230100-approver";
    }

    public String assessmentAgency() {
      return "assessment-agency";
    }
  }

  @BeforeEach
  void mockBeans() {
    noOpListeners("eldercareCaseSummary", "eldercareAbility", "reviewDecision");
    Mocks.register("candidateGroups", new Groups());
    answer("eldercareBenefit", "eligible", true);
    answer("eldercareGrant", "turnNinetyDate", null);
    noOpDelegates("eldercareNinetySwitch", "eldercareRejection", "overdueEscalation");
  }

  private ProcessInstance start(String subsidyType) {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey("eldercare", newBusinessKey("YL"), withVariables(
        "streetCode", "230102001", "subsidyType", subsidyType));
    runJobs(pi);
    return pi;
  }

  private static void decide(ProcessInstance pi, String decision) {
    complete(task(pi), withVariables("decision", decision, "opinion", "意见"));
    runJobs(pi);
  }

  private static void assess(ProcessInstance pi) {
    complete(task("abilityAssessment", pi), withVariables("abilityGrade", "MODERATE"));
    runJobs(pi);
  }

  /** A nursing or home-care case assessed and approved by the street, waiting for the district. */
  private static ProcessInstance toDistrict(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("abilityAssessment");
    assess(pi);
    decide(pi, "approve");
    assertThat(pi).isWaitingAt("districtApproval");
    return pi;
  }

  @Test
  void highAgeApprovedByTheStreetAlone() {
    ProcessInstance pi = start("HIGH_AGE");
    assertThat(pi).isWaitingAt("streetReview");
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("Task_GrantSubsidy", "End_Granted")
        .hasNotPassed("abilityAssessment", "districtApproval", "Event_TurnNinety");
    assertThat(statuses(pi)).containsExactly("APPROVED");
  }

  @Test
  void highAgeSwitchesToTheNinetyClass() {
    answers.put("turnNinetyDate", OffsetDateTime.now().plusMonths(3).toString());
    ProcessInstance pi = start("HIGH_AGE");
    decide(pi, "approve");
    assertThat(pi).hasPassed("Task_GrantSubsidy").isWaitingAt("Event_TurnNinety");
    fire(pi, "Event_TurnNinety");
    assertThat(pi).isEnded().hasPassed("Task_SwitchToNinetyClass", "End_Switched").hasNotPassed("End_Granted");
    assertThat(statuses(pi)).containsExactly("APPROVED");
  }

  @Test
  void nursingAssessedThenApprovedByTheDistrict() {
    ProcessInstance pi = toDistrict(start("NURSING"));
    decide(pi, "approve");
    assertThat(pi).isEnded().hasPassed("abilityAssessment", "districtApproval", "Task_GrantSubsidy", "End_Granted");
    assertThat(statuses(pi)).containsExactly("APPROVED");
  }

  @Test
  void notEligibleAfterDetermination() {
    answers.put("eligible", false);
    ProcessInstance pi = start("HOME_CARE");
    assess(pi);
    assertThat(pi).isEnded().hasPassed("Task_DetermineBenefit", "Task_Reject", "End_Rejected")
        .hasNotPassed("streetReview");
    assertThat(statuses(pi)).containsExactly("REJECTED");
  }

  @Test
  void streetRejectsOrReturns() {
    ProcessInstance rejected = start("HIGH_AGE");
    decide(rejected, "reject");
    assertThat(rejected).isEnded().hasPassed("Task_Reject", "End_Rejected").hasNotPassed("Task_GrantSubsidy");
    assertThat(statuses(rejected)).containsExactly("REJECTED");

    ProcessInstance returned = start("HOME_CARE");
    assess(returned);
    decide(returned, "return");
    assertThat(returned).isWaitingAt("abilityAssessment");
    assertThat(statuses(returned)).isEmpty();
  }

  @Test
  void districtRejectsOrReturns() {
    ProcessInstance rejected = toDistrict(start("NURSING"));
    decide(rejected, "reject");
    assertThat(rejected).isEnded().hasPassed("Task_Reject", "End_Rejected").hasNotPassed("Task_GrantSubsidy");
    assertThat(statuses(rejected)).containsExactly("REJECTED");

    ProcessInstance returned = toDistrict(start("HOME_CARE"));
    decide(returned, "return");
    assertThat(returned).isWaitingAt("streetReview");
    assertThat(statuses(returned)).isEmpty();
  }

  @Test
  void overdueStreetReviewIsEscalated() {
    ProcessInstance pi = start("HIGH_AGE");
    fire(pi, "Event_StreetReviewOverdue");
    assertThat(pi).hasPassed("Task_EscalateStreetReview", "End_StreetReviewEscalated").isWaitingAt("streetReview");
  }
}
