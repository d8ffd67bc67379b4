package org.minzhengflow.nursinghome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.FieldProblem;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.calendar.WorkingDays;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseNotices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The paths of processes/nursing-home-support.bpmn with the real beans, DMN tables and forms on an
 * in-memory database; jobs and timers are executed by the test as the job executor would.
 */
@SpringBootTest
@ActiveProfiles("test")
class NursingHomeProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired NursingHomeApplications applications;
  @Autowired NursingHomeCases cases;
  @Autowired org.minzhengflow.casework.CaseObjections objections;
  @Autowired org.minzhengflow.casework.CaseViews views;
  @Autowired WorkingDays workingDays;
  @Autowired CaseNotices notices;
  @Autowired JdbcClient jdbc;

  NursingHomeScenario scenario;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    scenario = new NursingHomeScenario(applications, tasks, management, identity);
  }

  @AfterEach
  void tearDown() {
    AbstractAssertions.reset();
  }

  private ProcessInstance start(NursingHomeApplicationRequest request) {
    CaseIntake.Submitted submitted = scenario.submit(request, "xf-approver");
    assertThat(submitted.status()).isEqualTo("IN_REVIEW");
    assertThat(submitted.applicationNo()).startsWith("NH");
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(submitted.processInstanceId())
        .singleResult();
    scenario.runJobs();
    return instance;
  }

  private NursingHomeCase stored(ProcessInstance pi) {
    return cases.get(pi.getBusinessKey());
  }

  private Map<String, Object> status(ProcessInstance pi, String user) {
    return views.status(applications, pi.getBusinessKey(), scenario.staff(user));
  }

  private List<String> noticeBodies(ProcessInstance pi) {
    return notices.of(pi.getBusinessKey()).stream().map(CaseNotices.Notice::body).toList();
  }

  private String summary(Task task) {
    return (String) tasks.getVariable(task.getId(), "caseSummary");
  }

  private void approveMaterials(ProcessInstance pi) {
    scenario.review(pi.getId(), "materialReview", "xf-approver", "approve", "材料齐全");
  }

  @Test
  void constructionSubsidyPassesEveryStepAndIsPaidOnceAfterTheNotice() {
    ProcessInstance pi = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false));
    assertThat(pi).hasPassed("Task_Precheck").isWaitingAt("materialReview");
    Task material = scenario.task(pi.getId(), "materialReview");
    assertThat(tasks.getIdentityLinksForTask(material.getId())).extracting(IdentityLink::getGroupId)
        .contains("district-230110-approver");
    assertThat(material.getDueDate()).isEqualTo(workingDays.due(5));
    assertThat(summary(material)).contains("香坊区康乐养老院", "预审**:通过", "80000", "新增床位40张 × 2000元");

    approveMaterials(pi);
    assertThat(pi).isWaitingAt("siteInspection");
    // ordinary procedure: the departments are asked only after the inspection
    assertThat(scenario.tasks(pi.getId(), "departmentOpinion")).isEmpty();
    assertThat(scenario.task(pi.getId(), "siteInspection").getDueDate()).isEqualTo(workingDays.due(10));

    scenario.inspect(pi.getId(), "approve", 78, "床位与申报一致");
    List<Task> departments = scenario.tasks(pi.getId(), "departmentOpinion");
    assertThat(departments).extracting(Task::getName)
        .containsExactlyInAnyOrder("部门意见(消防部门)", "部门意见(市场监管部门)", "部门意见(卫生健康部门)");
    scenario.allDepartmentsApprove(pi.getId());

    assertThat(pi).hasPassed("Task_Evaluate").isWaitingAt("cityApproval");
    assertThat(tasks.getIdentityLinksForTask(scenario.task(pi.getId(), "cityApproval").getId()))
        .extracting(IdentityLink::getGroupId).contains("city-230100-approver");
    scenario.review(pi.getId(), "cityApproval", "city-approver", "approve", null);

    assertThat(pi).isWaitingAt("Call_PublicNotice");
    assertThat(stored(pi).status()).isEqualTo("PUBLIC_NOTICE");
    assertThat(noticeBodies(pi).get(0)).contains("香坊区康乐养老院", "建设补贴", "80000元", "新增床位40张 × 2000元", "公示期7天");

    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(pi).isEnded().hasPassed("Task_Grant", "End_Approved");
    Map<String, Object> status = status(pi, "city-approver");
    assertThat(status.get("status")).isEqualTo("APPROVED");
    assertThat((BigDecimal) status.get("approvedAmount")).isEqualByComparingTo("80000");
    assertThat(status.get("breakdown").toString()).contains("总床位120张(50至299张)每张新增床位2000元");
    assertThat(notices.of(pi.getBusinessKey())).extracting(CaseNotices.Notice::kind)
        .containsExactly(CaseNotices.Kind.PUBLIC_NOTICE, CaseNotices.Kind.APPROVAL);
    assertThat(noticeBodies(pi).get(1)).contains("80000元", "一次性拨付", "新增床位40张 × 2000元");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) status.get("history");
    assertThat(history).extracting(h -> h.get("step")).contains("submitted", "precheck", "materialReview",
        "siteInspection", "departmentOpinion", "departmentOpinions", "cityApproval");
    Map<String, Object> record = jdbc.sql("select benefit, monthly_amount, status from benefit_record where application_no = ?")
        .param(pi.getBusinessKey()).query().singleRow();
    assertThat(record.get("benefit")).isEqualTo("NH_CONSTRUCTION_SUBSIDY");
    assertThat((BigDecimal) record.get("monthly_amount")).isEqualByComparingTo("80000");
    assertThat(record.get("status")).isEqualTo("ENDED");
  }

  @Test
  void operatingSubsidyIsCalculatedOnTheInspectedOccupiedBedsAndKeepsTheInstitutionCovered() {
    NursingHomeApplicationRequest request = NursingHomeScenario.request("OPERATING_SUBSIDY", false);
    ProcessInstance pi = start(request);
    // declared: min(80 occupied, 70 local) × (30×200 + 20×300 + 15×400 + 10×600 + 5×600) ÷ 80 = 70 × 337.5
    assertThat(stored(pi).amount()).isEqualByComparingTo("23625");
    approveMaterials(pi);

    assertThatThrownBy(() -> scenario.inspect(pi.getId(), "approve", null, null)).hasMessageContaining("inspectedOccupiedBeds");
    assertThatThrownBy(() -> scenario.inspect(pi.getId(), "approve", 121, null)).hasMessageContaining("0至120");
    assertThatThrownBy(() -> scenario.inspect(pi.getId(), "approve", "60.5", null)).hasMessageContaining("整数");
    assertThat(pi).isWaitingAt("siteInspection");
    scenario.inspect(pi.getId(), "approve", 60, "实地入住60张,少于申报");

    scenario.allDepartmentsApprove(pi.getId());
    // inspected: min(60, 70) × 337.5 = 20250 a month
    assertThat(stored(pi).inspectedOccupiedBeds()).isEqualTo(60);
    assertThat(stored(pi).amount()).isEqualByComparingTo("20250");
    assertThat(summary(scenario.task(pi.getId(), "cityApproval")))
        .contains("实地核查", "| 入住床位 | 80 | 60 |", "20250", "min(实地核查入住床位60张, 申报本地户籍入住老人70人) = 60张");
    scenario.review(pi.getId(), "cityApproval", "city-approver", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");

    Map<String, Object> status = status(pi, "xf-approver");
    assertThat(status.get("status")).isEqualTo("APPROVED");
    assertThat((BigDecimal) status.get("approvedAmount")).isEqualByComparingTo("20250");
    assertThat(status.get("inspectedOccupiedBeds")).isEqualTo(60);
    assertThat(noticeBodies(pi).get(1)).contains("每月20250元", "60张 × 337.5元 = 20250元/月");
    // the operating subsidy is now being paid: another application for it is a conflict
    assertThatThrownBy(() -> scenario.submit(request, "xf-approver"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
        .hasMessageContaining("运营补贴").hasMessageContaining(pi.getBusinessKey());
  }

  @Test
  void greenChannelAsksTheDepartmentsWhileTheSiteInspectionIsStillOpen() {
    NursingHomeScenario.Institution institution = new NursingHomeScenario.Institution();
    ProcessInstance pi = start(NursingHomeScenario.request("INTEREST_SUBSIDY", true, institution));
    assertThat(scenario.task(pi.getId(), "materialReview").getDueDate()).isEqualTo(workingDays.due(3));
    approveMaterials(pi);

    assertThat(scenario.task(pi.getId(), "siteInspection")).isNotNull();
    assertThat(scenario.tasks(pi.getId(), "departmentOpinion")).hasSize(3)
        .allSatisfy(t -> assertThat(t.getDueDate()).isEqualTo(workingDays.due(5)));
    assertThat(scenario.task(pi.getId(), "siteInspection").getDueDate()).isEqualTo(workingDays.due(5));
    assertThat(summary(scenario.departmentTask(pi.getId(), "fire"))).contains("绿色通道");

    scenario.allDepartmentsApprove(pi.getId());
    assertThat(pi).isWaitingAt("siteInspection").hasNotPassed("cityApproval");
    scenario.inspect(pi.getId(), "approve", 80, null);
    assertThat(pi).isWaitingAt("cityApproval");
    assertThat(scenario.task(pi.getId(), "cityApproval").getDueDate()).isEqualTo(workingDays.due(5));
    // 1 500 000 × 4 %
    assertThat(stored(pi).amount()).isEqualByComparingTo("60000");
    scenario.review(pi.getId(), "cityApproval", "city-approver", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(stored(pi).status()).isEqualTo("APPROVED");
    assertThat(noticeBodies(pi).get(1)).contains("贷款金额1500000元 × 年贴息率4% = 60000元");
  }

  @Test
  void greenChannelInspectionRejectionWithdrawsTheOpenDepartmentTasks() {
    NursingHomeApplicationRequest request = NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", true);
    ProcessInstance pi = start(request);
    approveMaterials(pi);
    scenario.departmentOpinion(pi.getId(), "fire", "approve", null);
    scenario.inspect(pi.getId(), "reject", 0, "现场未见新增床位");

    assertThat(pi).isEnded().hasPassed("End_InspectionStopped", "Task_Close").hasNotPassed("cityApproval");
    assertThat(scenario.tasks(pi.getId(), "departmentOpinion")).isEmpty();
    assertThat(stored(pi).status()).isEqualTo("REJECTED");
    assertThat(stored(pi).reasons()).containsExactly("现场核查意见:现场未见新增床位");
    // released: the institution may apply again
    scenario.submit(request, "xf-approver");
  }

  @Test
  void aDepartmentRejectionReachesTheCityWithEveryOpinion() {
    ProcessInstance pi = start(NursingHomeScenario.request("OPERATING_SUBSIDY", false));
    approveMaterials(pi);
    scenario.inspect(pi.getId(), "approve", 80, null);
    assertThatThrownBy(() -> scenario.departmentOpinion(pi.getId(), "fire", "return", "补充"))
        .hasMessageContaining("approve / reject");
    assertThatThrownBy(() -> scenario.departmentOpinion(pi.getId(), "fire", "reject", null))
        .hasMessageContaining("必须填写审核意见");
    scenario.departmentOpinion(pi.getId(), "fire", "reject", "二层消防通道堵塞,需整改");
    scenario.departmentOpinion(pi.getId(), "market", "approve", "无违法经营记录");
    scenario.departmentOpinion(pi.getId(), "health", "approve", null);

    // each department's decision survived the others'
    assertThat(pi).hasPassed("Task_Evaluate").isWaitingAt("cityApproval");
    assertThat(runtime.getVariable(pi.getId(), "departmentsAgree")).isEqualTo(false);
    String summary = summary(scenario.task(pi.getId(), "cityApproval"));
    assertThat(summary).contains("⚠ 消防部门", "不同意", "二层消防通道堵塞,需整改", "市场监管部门:同意", "无违法经营记录",
        "卫生健康部门:同意", "有部门不同意");
    Map<String, Object> status = status(pi, "city-approver");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> opinions = (List<Map<String, Object>>) status.get("departmentOpinions");
    assertThat(opinions).extracting(o -> o.get("department") + ":" + o.get("decision"))
        .containsExactlyInAnyOrder("fire:reject", "market:approve", "health:approve");

    scenario.review(pi.getId(), "cityApproval", "city-approver", "reject", "消防安全不达标,不予运营补贴");
    assertThat(pi).isEnded().hasPassed("Task_Close");
    assertThat(stored(pi).status()).isEqualTo("REJECTED");
    assertThat(stored(pi).reasons()).containsExactly("市民政局审批意见:消防安全不达标,不予运营补贴");
    assertThat(notices.of(pi.getBusinessKey()).get(0).kind()).isEqualTo(CaseNotices.Kind.REJECTION);
    assertThat(status(pi, "xf-approver").get("approvedAmount")).isNull();
  }

  @Test
  void cityReturnSendsTheCaseBackToMaterialReviewForANewRound() {
    ProcessInstance pi = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false));
    approveMaterials(pi);
    scenario.inspect(pi.getId(), "approve", 80, null);
    scenario.departmentOpinion(pi.getId(), "fire", "reject", "疏散指示不全");
    scenario.departmentOpinion(pi.getId(), "market", "approve", null);
    scenario.departmentOpinion(pi.getId(), "health", "approve", null);
    scenario.review(pi.getId(), "cityApproval", "city-approver", "return", "请区民政局督促整改消防问题后重新报送");

    assertThat(pi).isWaitingAt("materialReview");
    assertThat(summary(scenario.task(pi.getId(), "materialReview"))).contains("请区民政局督促整改消防问题后重新报送");
    approveMaterials(pi);
    scenario.inspect(pi.getId(), "approve", 80, null);
    scenario.allDepartmentsApprove(pi.getId());
    assertThat(pi).isWaitingAt("cityApproval");
    assertThat(runtime.getVariable(pi.getId(), "departmentsAgree")).isEqualTo(true);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> opinions = (List<Map<String, Object>>) status(pi, "xf-approver").get("departmentOpinions");
    assertThat(opinions).extracting(o -> o.get("decision")).containsOnly("approve");
    assertThat(opinions).extracting(o -> o.get("round")).containsOnly(2);
  }

  @Test
  void siteInspectionReturnGoesBackToMaterialReview() {
    ProcessInstance pi = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false));
    approveMaterials(pi);
    scenario.inspect(pi.getId(), "return", 80, "备案材料与现场不符,请重新审核");
    assertThat(pi).hasPassed("End_InspectionStopped").isWaitingAt("materialReview");
    assertThat(stored(pi).status()).isEqualTo("IN_REVIEW");
  }

  @Test
  void materialReturnEndsTheApplicationAskingForMoreMaterials() {
    NursingHomeApplicationRequest request = NursingHomeScenario.request("OPERATING_SUBSIDY", false);
    ProcessInstance pi = start(request);
    scenario.review(pi.getId(), "materialReview", "xf-approver", "return", "缺少消防验收意见书");
    assertThat(pi).isEnded().hasPassed("Task_Close").hasNotPassed("siteInspection");
    assertThat(stored(pi).status()).isEqualTo("REJECTED");
    assertThat(stored(pi).reasons()).containsExactly("退回补充材料:缺少消防验收意见书");
    assertThat(notices.of(pi.getBusinessKey()).get(0).title()).contains("退回补充材料");
    scenario.submit(request, "xf-approver");
  }

  @Test
  void precheckFailureListsEveryUnmetConditionWithoutATaskForAnyone() {
    NursingHomeScenario.Institution operating = new NursingHomeScenario.Institution();
    operating.beds = 100;
    operating.occupiedBeds = 29;
    operating.localResidents = 20;
    operating.residentsByAbility = Map.of("INTACT", 29, "MILD", 0, "MODERATE", 0, "SEVERE", 0, "COMPLETE", 0);
    operating.fireSafetyApproved = false;
    operating.starRating = 0;
    ProcessInstance pi = start(NursingHomeScenario.request("OPERATING_SUBSIDY", false, operating));
    assertThat(pi).isEnded().hasPassed("Task_Precheck", "Task_Close").hasNotPassed("materialReview");
    assertThat(stored(pi).status()).isEqualTo("REJECTED");
    assertThat(stored(pi).reasons()).containsExactlyInAnyOrder("入住率29%,低于运营补贴要求的30%",
        "未取得消防安全合格意见(消防验收或检查合格),不享受运营补贴", "未评定星级,运营补贴须达到一星级及以上(GB/T 37276)");
    assertThat(noticeBodies(pi).get(0)).contains("入住率29%", "消防安全", "星级");

    NursingHomeScenario.Institution construction = new NursingHomeScenario.Institution();
    construction.operatingSince = LocalDate.now().minusMonths(11).toString();
    construction.beds = 40;
    construction.newBeds = 40;
    construction.occupiedBeds = 20;
    construction.localResidents = 20;
    construction.residentsByAbility = Map.of("INTACT", 20, "MILD", 0, "MODERATE", 0, "SEVERE", 0, "COMPLETE", 0);
    construction.siteRented = true;
    construction.leaseYears = 4;
    ProcessInstance second = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false, construction));
    assertThat(second).isEnded().hasNotPassed("materialReview");
    assertThat(stored(second).reasons()).containsExactlyInAnyOrder("开业运营仅11个月,建设补贴须开业运营满12个月后申请",
        "租赁场地租期4年,不足5年,不享受建设补贴", "总床位40张,不足50张,不享受建设补贴");
    assertThat(status(second, "xf-approver").get("reasons")).isEqualTo(stored(second).reasons());
  }

  @Test
  void objectionDuringTheNoticeReopensTheMaterialReview() {
    ProcessInstance pi = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false));
    approveMaterials(pi);
    scenario.inspect(pi.getId(), "approve", 80, null);
    scenario.allDepartmentsApprove(pi.getId());
    scenario.review(pi.getId(), "cityApproval", "city-approver", "approve", null);
    assertThat(stored(pi).status()).isEqualTo("PUBLIC_NOTICE");

    assertThatThrownBy(() -> objections.raise("nursing-home", pi.getBusinessKey(), " ", scenario.staff("xf-approver")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> objections.raise("nursing-home", pi.getBusinessKey(), "异议", scenario.staff("dl-approver")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    objections.raise("nursing-home", pi.getBusinessKey(), "有群众反映新增床位尚未投入使用", scenario.staff("xf-approver"));
    scenario.runJobs();
    assertThat(pi).hasPassed("Task_RecordObjection").isWaitingAt("materialReview");
    assertThat(stored(pi).status()).isEqualTo("IN_REVIEW");
    assertThat(management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("Event_NoticePeriodEnded").count()).isZero();
    assertThat(summary(scenario.task(pi.getId(), "materialReview"))).contains("新增床位尚未投入使用");
    // not in the notice period any more
    assertThatThrownBy(() -> objections.raise("nursing-home", pi.getBusinessKey(), "再次异议", scenario.staff("xf-approver")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
  }

  @Test
  void overdueCityApprovalIsEscalatedAndRecorded() {
    ProcessInstance pi = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false));
    approveMaterials(pi);
    scenario.inspect(pi.getId(), "approve", 80, null);
    scenario.fireTimer(pi.getId(), "Event_DepartmentOpinionOverdue");
    assertThat(tasks.getIdentityLinksForTask(scenario.departmentTask(pi.getId(), "fire").getId()))
        .extracting(IdentityLink::getGroupId).contains("dept-fire", "city-230100-approver");
    scenario.allDepartmentsApprove(pi.getId());
    java.util.Date due = (java.util.Date) management.createJobQuery().processInstanceId(pi.getId())
        .activityId("Event_CityApprovalOverdue").singleResult().getDuedate();
    assertThat(due).isEqualTo(workingDays.due(10));
    scenario.fireTimer(pi.getId(), "Event_CityApprovalOverdue");
    assertThat(pi).hasPassed("Task_EscalateCityApproval").isWaitingAt("cityApproval");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) status(pi, "xf-approver").get("history");
    assertThat(history).extracting(h -> h.get("stepName")).contains("超期督办:部门意见(消防部门)", "超期督办:市民政局审批");
  }

  @Test
  void invalidApplicationsAreRefusedWithEveryProblemAndNothingStarts() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey("nursingHomeSupport").count();
    NursingHomeScenario.Institution bad = new NursingHomeScenario.Institution();
    String good = bad.creditCode;
    bad.creditCode = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
    bad.filingNo = " ";
    bad.beds = 50;
    bad.occupiedBeds = 60;
    bad.localResidents = -1;
    bad.operatingSince = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString();
    NursingHomeApplicationRequest request = new NursingHomeApplicationRequest("230199", "OPERATING_SUBSIDY", false,
        bad.build(), null);
    assertThatThrownBy(() -> scenario.submit(request, "xf-approver")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.problems()).extracting(FieldProblem::field).contains("districtCode", "institution.creditCode",
            "institution.filingNo", "institution.operatingSince", "institution.occupiedBeds",
            "institution.localResidents", "institution.residentsByAbility"));
    assertThatThrownBy(() -> scenario.submit(request, "xf-approver")).hasMessageContaining("校验位错误")
        .hasMessageContaining("备案").hasMessageContaining("不能晚于今天").hasMessageContaining("不能为负数")
        .hasMessageContaining("各能力等级人数之和(80)应等于入住床位(60)");

    NursingHomeScenario.Institution unparsable = new NursingHomeScenario.Institution();
    unparsable.operatingSince = "2024-13-45";
    unparsable.newBeds = -3;
    assertThatThrownBy(() -> scenario.submit(new NursingHomeApplicationRequest(NursingHomeScenario.XF, "SOMETHING", null,
        unparsable.build(), null), "xf-approver")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.problems()).extracting(FieldProblem::field)
            .containsExactlyInAnyOrder("policy", "institution.operatingSince", "institution.newBeds"));

    NursingHomeApplicationRequest valid = NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false);
    assertThatThrownBy(() -> scenario.submit(valid, "dl-approver")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThatThrownBy(() -> scenario.submit(valid, "xf1-worker1")).isInstanceOf(ApiException.class);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("nursingHomeSupport").count()).isEqualTo(before);
    assertThat(jdbc.sql("select count(*) from nursing_home_institution where credit_code = ?")
        .param(valid.institution().creditCode()).query(Integer.class).single()).isZero();

    // a second open application of the institution for the same policy is a conflict; another policy is not
    scenario.submit(valid, "admin");
    assertThatThrownBy(() -> scenario.submit(valid, "xf-approver"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    scenario.submit(new NursingHomeApplicationRequest(valid.districtCode(), "OPERATING_SUBSIDY", false,
        valid.institution(), null), "xf-approver");
    assertThat(jdbc.sql("select count(*) from nursing_home_application where credit_code = ?")
        .param(valid.institution().creditCode()).query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void departmentStaffAndTheCityMaySeeTheCaseButNotAnotherDistrict() {
    ProcessInstance pi = start(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false));
    assertThat(status(pi, "fire-reviewer").get("applicationNo")).isEqualTo(pi.getBusinessKey());
    assertThat(status(pi, "city-approver").get("status")).isEqualTo("IN_REVIEW");
    assertThatThrownBy(() -> status(pi, "dl-approver")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThatThrownBy(() -> views.status(applications, "NH1999000001", scenario.staff("xf-approver")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
  }
}
