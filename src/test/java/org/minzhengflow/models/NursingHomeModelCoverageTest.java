package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of processes/nursing-home-support.bpmn, and of the public notice it calls
 * (processes/public-notice.bpmn), on a stand-alone engine with the beans mocked, measured by
 * process-test-coverage (report under target/process-test-coverage). The behaviour behind each step is
 * tested with the real beans in NursingHomeProcessTest; this test pins the routing of the model itself,
 * so a designer's change in Modeler that breaks a path or leaves one unreachable fails here.
 */
@Deployment(resources = {"processes/nursing-home-support.bpmn", "processes/public-notice.bpmn"})
class NursingHomeModelCoverageTest extends ModelCoverageTestSupport {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("camunda-coverage.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  /** Candidate groups as the real bean names them. */
  public static class Groups {
    public String districtApprovers(String district) {
      return "district-" + district + "-approver";
    }

    public String department(String department) {
      return department + "-reviewer";
    }

    public String cityApprovers() {
      return "city-230100-approver";
    }
  }

  /** The departments asked for an opinion (the multi-instance collection). */
  public static class Departments {
    public List<String> keys() {
      return List.of("fire", "market", "health");
    }
  }

  @BeforeEach
  void mockBeans() {
    noOpListeners("nursingHomeCaseSummary", "reviewDecision", "nursingHomeSiteInspection",
        "nursingHomeDepartmentOpinion");
    Mocks.register("nursingHomeNewRound", (ExecutionListener) ex -> { });
    Mocks.register("candidateGroups", new Groups());
    Mocks.register("nursingHomeDepartments", new Departments());
    answer("nursingHomePrecheck", "precheckPassed", true);
    answer("nursingHomeEvaluation", "departmentsAgree", true);
    noOpDelegates("publicNoticeText", "nursingHomeObjection", "nursingHomeGrant", "nursingHomeClose", "overdueEscalation");
  }

  private ProcessInstance start(boolean greenChannel) {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey("nursingHomeSupport", newBusinessKey("NH"), withVariables(
        "districtCode", "230102", "greenChannel", greenChannel));
    runJobs(pi);
    return pi;
  }

  private static void decide(ProcessInstance pi, String taskKey, String decision) {
    complete(task(taskKey, pi), withVariables("decision", decision, "opinion", "意见"));
    runJobs(pi);
  }

  /** The real nursingHomeSiteInspection listener keeps the decision as inspectionDecision; mocked, the test does. */
  private static void inspect(ProcessInstance pi, String decision) {
    complete(task("siteInspection", pi), withVariables("decision", decision, "inspectionDecision", decision,
        "opinion", "意见"));
    runJobs(pi);
  }

  /** One opinion per department (fire, market, health), in the order of the tasks. */
  private static void opinions(ProcessInstance pi, String... decisions) {
    List<Task> tasks = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("departmentOpinion").list();
    for (int i = 0; i < decisions.length; i++) {
      complete(tasks.get(i), withVariables("decision", decisions[i], "opinion", "意见"));
    }
    runJobs(pi);
  }

  private static ProcessInstance toCity(ProcessInstance pi) {
    decide(pi, "materialReview", "approve");
    inspect(pi, "approve");
    opinions(pi, "approve", "approve", "approve");
    assertThat(pi).isWaitingAt("cityApproval");
    return pi;
  }

  private static ProcessInstance toNotice(ProcessInstance pi) {
    toCity(pi);
    decide(pi, "cityApproval", "approve");
    assertThat(pi).isWaitingAt("Call_PublicNotice");
    assertInNotice(pi);
    return pi;
  }

  @Test
  void ordinaryChannel() {
    ProcessInstance pi = toNotice(start(false));
    noticePeriodEnds(pi);
    assertThat(pi).isEnded().hasPassed("End_OpinionsDone", "Task_Evaluate", "Task_Grant", "End_Approved")
        .hasNotPassed("Gateway_ParallelFork", "Gateway_ParallelJoin", "Task_RecordObjection");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");
    assertThat(noticeGrants(pi)).containsExactly(new Grant(pi.getBusinessKey(), true));
  }

  @Test
  void greenChannelWithADepartmentRejecting() {
    ProcessInstance pi = start(true);
    decide(pi, "materialReview", "approve");
    assertThat(pi).isWaitingAt("siteInspection", "departmentOpinion");
    // A department's rejection does not route: the evaluation step weighs the opinions.
    opinions(pi, "approve", "reject", "approve");
    assertThat(pi).isWaitingAt("siteInspection");
    inspect(pi, "approve");
    assertThat(pi).hasPassed("Gateway_ParallelJoin", "End_ReviewDone", "Task_Evaluate").hasNotPassed("End_OpinionsDone")
        .isWaitingAt("cityApproval");
    decide(pi, "cityApproval", "approve");
    assertInNotice(pi);
    noticePeriodEnds(pi);
    assertThat(pi).isEnded().hasPassed("End_Approved");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");
  }

  @Test
  void greenChannelInspectionRejectionEndsTheOpenOpinions() {
    ProcessInstance pi = start(true);
    decide(pi, "materialReview", "approve");
    assertThat(pi).isWaitingAt("siteInspection", "departmentOpinion");
    inspect(pi, "reject");
    assertThat(pi).isEnded().hasPassed("End_InspectionStopped", "Task_Close", "End_Rejected")
        .hasNotPassed("Gateway_AfterOpinions", "End_ReviewDone", "Task_Evaluate");
    assertThat(statuses(pi)).containsExactly("REJECTED");
  }

  @Test
  void precheckFailure() {
    answers.put("precheckPassed", false);
    ProcessInstance pi = start(false);
    assertThat(pi).isEnded().hasPassed("Task_Close", "End_Rejected").hasNotPassed("materialReview");
    assertThat(statuses(pi)).containsExactly("REJECTED");
  }

  @Test
  void materialReviewRejectsOrReturns() {
    for (String decision : new String[] {"reject", "return"}) {
      ProcessInstance pi = start(false);
      decide(pi, "materialReview", decision);
      assertThat(pi).isEnded().hasPassed("Task_Close", "End_Rejected").hasNotPassed("siteInspection");
      assertThat(statuses(pi)).containsExactly("REJECTED");
    }
  }

  @Test
  void inspectionRejectsOrReturns() {
    ProcessInstance rejected = start(false);
    decide(rejected, "materialReview", "approve");
    inspect(rejected, "reject");
    assertThat(rejected).isEnded().hasPassed("End_InspectionStopped", "Task_Close").hasNotPassed("departmentOpinion");

    ProcessInstance returned = start(false);
    decide(returned, "materialReview", "approve");
    inspect(returned, "return");
    assertThat(returned).hasPassed("End_InspectionStopped").isWaitingAt("materialReview");
  }

  @Test
  void cityRejectsOrReturns() {
    ProcessInstance rejected = toCity(start(false));
    decide(rejected, "cityApproval", "reject");
    assertThat(rejected).isEnded().hasPassed("Task_Close", "End_Rejected").hasNotPassed("Call_PublicNotice");
    assertThat(statuses(rejected)).containsExactly("REJECTED");
    assertThat(noticeGrants(rejected)).isEmpty();

    ProcessInstance returned = toCity(start(false));
    decide(returned, "cityApproval", "return");
    assertThat(returned).isWaitingAt("materialReview");
  }

  @Test
  void objectionReopensMaterialReview() {
    ProcessInstance pi = toNotice(start(false));
    ProcessInstance notice = notice(pi);
    objection(pi, "实际床位数与申报不符");
    assertThat(notice).isEnded().hasPassed("Event_ObjectionReceived", "End_Objection").hasNotPassed("Event_NoticePeriodEnded");
    assertThat(pi).hasPassed("Task_RecordObjection").hasNotPassed("Task_Grant").isWaitingAt("materialReview")
        .variables().containsEntry("objectionRaised", true).containsEntry("objection", "实际床位数与申报不符");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW");

    // Reviewed again, the case goes to a new notice; this one passes.
    toNotice(pi);
    noticePeriodEnds(pi);
    assertThat(pi).isEnded().hasPassed("Task_Grant", "End_Approved");
    assertThat(statuses(pi)).containsExactly("PUBLIC_NOTICE", "IN_REVIEW", "PUBLIC_NOTICE", "IN_REVIEW", "APPROVED");
    assertThat(noticeGrants(pi)).hasSize(2).allMatch(Grant::calledByCase);
  }

  @Test
  void overdueStepsAreEscalated() {
    ProcessInstance pi = start(false);
    fire(pi, "Event_MaterialReviewOverdue");
    decide(pi, "materialReview", "approve");
    fire(pi, "Event_SiteInspectionOverdue");
    inspect(pi, "approve");
    fire(pi, "Event_DepartmentOpinionOverdue");
    opinions(pi, "approve", "approve", "approve");
    fire(pi, "Event_CityApprovalOverdue");
    assertThat(pi).hasPassed("Task_EscalateMaterialReview", "End_MaterialReviewEscalated", "Task_EscalateSiteInspection",
        "End_SiteInspectionEscalated", "Task_EscalateDepartmentOpinion", "End_DepartmentOpinionEscalated",
        "Task_EscalateCityApproval", "End_CityApprovalEscalated").isWaitingAt("cityApproval");
  }
}
