package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.calendar.WorkingDays;
import org.minzhengflow.casework.CaseExtensions;
import org.minzhengflow.casework.CaseObjections;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.CaseStatus;
import org.minzhengflow.casework.CaseViews;
import org.minzhengflow.verification.StaffRelatives;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * The case core on real 低保 cases: the status at every step is where the engine is (a notice waits ⇔
 * PUBLIC_NOTICE; the open steps are the engine's tasks), an objection outside a notice is a 409, the whole-case
 * limit is 30 / 20 working days and extended once to 45, and the district visits close relatives itself.
 */
@SpringBootTest
@ActiveProfiles("test")
class DibaoCaseCoreTest {

  static final String XF = "230110001"; // 香坊区: two-level review
  static final String DL = "230102001"; // 道里区: pilot one-level review
  static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications applications;
  @Autowired CaseRecords records;
  @Autowired CaseViews views;
  @Autowired CaseObjections objections;
  @Autowired CaseExtensions extensions;
  @Autowired StaffRelatives relatives;
  @Autowired WorkingDays workingDays;

  DibaoScenario scenario;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    scenario = new DibaoScenario(applications, tasks, management, identity);
  }

  @AfterEach
  void tearDown() {
    AbstractAssertions.reset();
  }

  private ProcessInstance start(DibaoApplicationRequest request) {
    var submitted = scenario.submit(request, request.streetCode().equals(XF) ? "xf1-worker1" : "dl1-worker1");
    scenario.runJobs();
    return runtime.createProcessInstanceQuery().processInstanceId(submitted.processInstanceId()).singleResult();
  }

  /**
   * The status document agrees with the engine: this status, these open steps (the engine's tasks of the
   * case), and PUBLIC_NOTICE exactly while a notice waits for objections.
   */
  @SuppressWarnings("unchecked")
  private void assertState(ProcessInstance pi, CaseStatus status, String... openSteps) {
    String no = pi.getBusinessKey();
    Map<String, Object> body = views.status(applications, no, scenario.staff("city-approver"));
    assertThat(body.get("status")).as("status of %s", no).isEqualTo(status.name());
    assertThat((List<String>) body.get("openSteps")).containsExactly(openSteps);
    List<String> engineTasks = tasks.createTaskQuery().processInstanceBusinessKey(no).list().stream()
        .map(Task::getTaskDefinitionKey).distinct().toList();
    assertThat(engineTasks).containsExactlyInAnyOrder(openSteps);
    boolean waitingForObjections = runtime.createExecutionQuery().processInstanceBusinessKey(no)
        .messageEventSubscriptionName("Objection").count() > 0;
    assertThat(waitingForObjections).as("notice waiting ⇔ PUBLIC_NOTICE").isEqualTo(status == CaseStatus.PUBLIC_NOTICE);
  }

  private void assertConflict(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
  }

  private void object(ProcessInstance pi, String user) {
    objections.raise("dibao", pi.getBusinessKey(), "邻居反映有出租收入", scenario.staff(user));
  }

  @Test
  void twoLevelCaseStatusAtEveryStepIsTheEngines() {
    ProcessInstance pi = start(scenario.poorFamily(XF));
    assertState(pi, CaseStatus.IN_REVIEW, "householdInvestigation");
    assertConflict(() -> object(pi, "xf1-worker1"));

    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    assertState(pi, CaseStatus.IN_REVIEW, "streetReview");

    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertState(pi, CaseStatus.PUBLIC_NOTICE);

    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    // the notice is over: district approval is a review step, and an objection now is a 409, not a 500
    assertState(pi, CaseStatus.IN_REVIEW, "districtApproval");
    assertConflict(() -> object(pi, "xf1-worker1"));

    scenario.review(pi.getId(), "districtApproval", "xf-approver", "return", "请补充邻里访问");
    assertState(pi, CaseStatus.IN_REVIEW, "householdInvestigation");
    scenario.investigate(pi.getId(), "xf1-worker2", "xf1-worker1");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertState(pi, CaseStatus.PUBLIC_NOTICE);
    object(pi, "xf1-worker2");
    scenario.runJobs();
    assertState(pi, CaseStatus.IN_REVIEW, "householdInvestigation");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertState(pi, CaseStatus.PUBLIC_NOTICE);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    // after an objection the district visits the household itself before it decides
    assertState(pi, CaseStatus.IN_REVIEW, "districtHomeVisit");
    scenario.complete(pi.getId(), "districtHomeVisit", "xf-approver", Map.of("findings", "区级入户核实,无出租收入"));
    assertState(pi, CaseStatus.IN_REVIEW, "districtApproval");

    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", null);
    assertState(pi, CaseStatus.APPROVED);
    assertThat(pi).isEnded();
    assertConflict(() -> object(pi, "xf1-worker1"));
    assertThat(records.get(pi.getBusinessKey()).decidedAt()).isNotNull();
  }

  @Test
  void pilotCaseStatusAtEveryStepIsTheEngines() {
    DibaoApplicationRequest request = scenario.poorFamily(DL);
    // a registered close relative: always spot-checked in a pilot district
    relatives.register(List.of(new StaffRelatives.Entry(request.members().get(2).idNumber(), "xf1-worker2", "外甥")));
    ProcessInstance pi = start(request);
    assertState(pi, CaseStatus.IN_REVIEW, "householdInvestigation");
    scenario.investigate(pi.getId(), "dl1-worker1", "dl1-worker2");
    assertState(pi, CaseStatus.IN_REVIEW, "streetReview");
    scenario.review(pi.getId(), "streetReview", "dl1-leader", "approve", null);
    assertState(pi, CaseStatus.PUBLIC_NOTICE);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    // the street's approval is the decision; the district's spot check follows it
    assertState(pi, CaseStatus.APPROVED, "districtSpotCheck");
    assertConflict(() -> object(pi, "dl1-worker1"));
    scenario.review(pi.getId(), "districtSpotCheck", "dl-approver", "reject", "抽查发现隐瞒收入");
    assertState(pi, CaseStatus.REVOKED);
    assertThat(pi).isEnded();
  }

  @Test
  void streetRejectionIsAFinalStatusWithItsReason() {
    ProcessInstance rejected = start(scenario.poorFamily(XF));
    scenario.investigate(rejected.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(rejected.getId(), "streetReview", "xf1-leader", "reject", "有稳定经营收入");
    assertState(rejected, CaseStatus.REJECTED);
    assertThat(records.reasons(rejected.getBusinessKey())).containsExactly("审核意见:有稳定经营收入");
  }

  @Test
  void wholeCaseLimitIsThirtyWorkingDaysInTwoLevelAndTwentyInPilotDistricts() {
    LocalDate today = LocalDate.now(OFFICE);
    ProcessInstance twoLevel = start(scenario.poorFamily(XF));
    ProcessInstance pilot = start(scenario.poorFamily(DL));
    LocalDate twoLevelDeadline = records.get(twoLevel.getBusinessKey()).caseDeadline();
    LocalDate pilotDeadline = records.get(pilot.getBusinessKey()).caseDeadline();
    assertThat(workingDays.workingDaysBetween(today, twoLevelDeadline)).isEqualTo(30);
    assertThat(workingDays.workingDaysBetween(today, pilotDeadline)).isEqualTo(20);
    assertThat(views.status(applications, pilot.getBusinessKey(), scenario.staff("dl-approver")).get("caseDeadline"))
        .isEqualTo(pilotDeadline);
    // the whole-case timer watches the pilot's 20 days
    var timer = management.createJobQuery().processInstanceId(pilot.getId()).activityId("Event_CaseOverdue").singleResult();
    assertThat(timer.getDuedate().toInstant())
        .isEqualTo(OffsetDateTime.parse(workingDays.endOfBusinessIso(pilotDeadline)).toInstant());
  }

  @Test
  void theDistrictExtendsTheLimitOnceWithAReason() {
    ProcessInstance pi = start(scenario.poorFamily(DL));
    String no = pi.getBusinessKey();
    LocalDate accepted = LocalDate.now(OFFICE);

    assertThatThrownBy(() -> extensions.extend(applications, no, " ", scenario.staff("dl-approver")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> extensions.extend(applications, no, "人户分离", scenario.staff("dl1-leader")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThatThrownBy(() -> extensions.extend(applications, no, "人户分离", scenario.staff("xf-approver")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));

    Map<String, Object> extended = extensions.extend(applications, no, "申请人人户分离,需异地核查", scenario.staff("dl-approver"));
    LocalDate deadline = (LocalDate) extended.get("caseDeadline");
    assertThat(workingDays.workingDaysBetween(accepted, deadline)).isEqualTo(45);
    assertThat(records.get(no).caseDeadline()).isEqualTo(deadline);
    var timer = management.createJobQuery().processInstanceId(pi.getId()).activityId("Event_CaseOverdue").singleResult();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(OffsetDateTime.parse(workingDays.endOfBusinessIso(deadline)).toInstant());
    assertThat(views.status(applications, no, scenario.staff("dl1-worker1")).get("extensionReason"))
        .isEqualTo("申请人人户分离,需异地核查");
    assertThat(views.status(applications, no, scenario.staff("dl1-worker1")).get("history").toString())
        .contains("延长办理期限", "申请人人户分离,需异地核查");

    assertConflict(() -> extensions.extend(applications, no, "再次延长", scenario.staff("dl-approver")));
    assertThat(records.get(no).caseDeadline()).isEqualTo(deadline);
  }

  @Test
  void aDecidedCaseIsNotExtended() {
    ProcessInstance pi = start(scenario.poorFamily(XF));
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "reject", "不符合条件");
    assertConflict(() -> extensions.extend(applications, pi.getBusinessKey(), "特殊情况", scenario.staff("xf-approver")));
  }

  @Test
  void theDistrictVisitsACloseRelativesHouseholdItselfBeforeDeciding() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    relatives.register(List.of(new StaffRelatives.Entry(request.members().get(0).idNumber(), "dl1-worker1", "表兄")));
    ProcessInstance pi = start(request);
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(pi).isWaitingAt("districtHomeVisit");
    Task visit = scenario.task(pi.getId(), "districtHomeVisit");
    assertThat(tasks.getIdentityLinksForTask(visit.getId())).extracting(l -> l.getGroupId()).contains("district-230110-approver");
    // findings are required
    assertThatThrownBy(() -> scenario.complete(visit, "xf-approver", Map.of("findings", " ")))
        .hasMessageContaining("请填写区级入户调查情况");
    scenario.complete(pi.getId(), "districtHomeVisit", "xf-approver", Map.of("findings", "区级入户:家庭情况与申报一致"));
    assertThat(pi).isWaitingAt("districtApproval");
    assertThat(views.status(applications, pi.getBusinessKey(), scenario.staff("xf-approver")).get("history").toString())
        .contains("区级入户调查", "区级入户:家庭情况与申报一致");
  }

  @Test
  void withoutCloseRelativeOrObjectionTheDistrictDecidesOnTheStreetsFile() {
    ProcessInstance pi = start(scenario.poorFamily(XF));
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(pi).isWaitingAt("districtApproval").hasNotPassed("districtHomeVisit");
  }
}
