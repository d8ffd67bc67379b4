package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.verification.EconomicStatusSource;
import org.minzhengflow.verification.StaffRelatives;
import org.minzhengflow.verification.VerificationRecord;
import org.minzhengflow.verification.VerificationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The paths of processes/dibao.bpmn with the real beans, DMN tables and forms on an in-memory
 * database; jobs and timers are executed by the test as the job executor would.
 */
@SpringBootTest
@ActiveProfiles("test")
class DibaoProcessTest {

  static final String XF = "230110001"; // 香坊区: two-level review
  static final String DL = "230102001"; // 道里区: pilot one-level review

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired DibaoApplications applications;
  @Autowired org.minzhengflow.dibao.DibaoCases cases;
  @Autowired CaseNotices notices;
  @Autowired BenefitRecords benefits;
  @Autowired java.time.Clock clock;
  @Autowired VerificationRegistry registry;
  @Autowired StaffRelatives relatives;
  @Autowired org.minzhengflow.calendar.WorkingDays workingDays;
  @Autowired org.minzhengflow.casework.CaseViews views;
  @Autowired org.minzhengflow.casework.CaseRecords records;
  @MockitoSpyBean EconomicStatusSource source;

  DibaoScenario scenario;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    scenario = new DibaoScenario(applications, tasks, management, identity);
  }

  @AfterEach
  void tearDown() {
    AbstractAssertions.reset();
    reset(source);
  }

  private ProcessInstance start(DibaoApplicationRequest request, String user) {
    org.minzhengflow.casework.CaseIntake.Submitted submitted = scenario.submit(request, user);
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(submitted.processInstanceId()).singleResult();
    scenario.runJobs();
    return instance;
  }

  private DibaoCase stored(ProcessInstance pi) {
    return cases.get(pi.getBusinessKey());
  }

  @Test
  void twoLevelDistrictApprovesAfterNoticeAndPaysFromNextMonth() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    assertThat(pi).hasPassed("Task_VerifyEconomicStatus", "Task_CheckCloseRelatives").isWaitingAt("householdInvestigation");
    assertThat(scenario.task(pi.getId(), "householdInvestigation").getDueDate()).isNotNull();

    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    assertThat(pi).hasNotPassed("laborCapacityAssessment").isWaitingAt("streetReview");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(pi).isWaitingAt("Call_PublicNotice");
    assertThat(stored(pi).status()).isEqualTo("PUBLIC_NOTICE");
    String publicNotice = notices.of(pi.getBusinessKey()).get(0).body();
    assertThat(publicNotice).contains("张三", "3人", "1770").doesNotContain(stored(pi).applicantIdNumber());

    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(pi).isWaitingAt("districtApproval");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("district-230110-approver").count())
        .isEqualTo(1);
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", "同意");

    assertThat(pi).isEnded().hasPassed("Task_GrantBenefit", "End_Approved").hasNotPassed("Task_SampleSpotCheck");
    DibaoCase c = stored(pi);
    assertThat(c.status()).isEqualTo("APPROVED");
    assertThat(c.tier()).isEqualTo("DIBAO");
    // ceil(732 × 3 − 500 + 10 % × 732 for the child) = ceil(1769.2)
    assertThat(c.monthlyAmount()).isEqualByComparingTo("1770");
    assertThat(c.paymentFrom()).isEqualTo(LocalDate.now().withDayOfMonth(1).plusMonths(1));
    assertThat(notices.of(pi.getBusinessKey())).extracting(CaseNotices.Notice::kind)
        .containsExactly(CaseNotices.Kind.PUBLIC_NOTICE, CaseNotices.Kind.APPROVAL);
    Map<String, Object> status = views.status(applications, pi.getBusinessKey(), scenario.staff("xf-approver"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) status.get("history");
    assertThat(steps).extracting(s -> s.get("step"))
        .contains("submitted", "verification", "householdInvestigation", "streetReview", "districtApproval");
  }

  @Test
  void anotherApplicationForACoveredMemberIsAConflict() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    start(request, "xf1-worker1");
    assertThatThrownBy(() -> scenario.submit(request, "xf1-worker2"))
        .isInstanceOf(ApiException.class).hasMessageContaining("已有正在办理的低保申请");
    // the 409 names the covered members by their masked ID number only
    String applicant = request.applicantIdNumber();
    assertThatThrownBy(() -> scenario.submit(request, "xf1-worker2"))
        .hasMessageContaining(applicant.substring(0, 6) + "********" + applicant.substring(14))
        .hasMessageNotContaining(applicant);
  }

  @Test
  void anIdNumberTypedWithSpacesOrALowerCaseXClaimsTheSamePerson() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    List<DibaoApplicationRequest.Member> spaced = request.members().stream().map(m -> new DibaoApplicationRequest.Member(
        m.name(), "  " + m.idNumber().toLowerCase() + " ", m.relation(), m.monthlyIncome(), m.laborCapacity(),
        m.disabilityGrade(), m.seriousIllness())).toList();
    DibaoApplicationRequest typed = new DibaoApplicationRequest(XF, "URBAN", " " + request.applicantIdNumber() + " ",
        request.phone(), spaced, request.assets());
    ProcessInstance pi = start(typed, "xf1-worker1");
    assertThat(stored(pi).members()).extracting(Member::idNumber)
        .containsExactlyElementsOf(request.members().stream().map(DibaoApplicationRequest.Member::idNumber).toList());
    assertThat(stored(pi).applicantIdNumber()).isEqualTo(request.applicantIdNumber());
    // the same household typed cleanly is already covered
    assertThatThrownBy(() -> scenario.submit(request, "xf1-worker2")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
  }

  @Test
  void registeredRelativeOfAMemberMayNotHandleTheCase() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    relatives.register(List.of(new StaffRelatives.Entry(request.members().get(1).idNumber(), "xf1-worker2", "表妹")));
    ProcessInstance pi = start(request, "xf1-worker1");
    assertThat(stored(pi).closeRelative()).isTrue();

    assertThatThrownBy(() -> scenario.investigate(pi.getId(), "xf1-worker2", "xf1-worker1")).hasMessageContaining("回避");
    // nor even claim it
    assertThatThrownBy(() -> tasks.claim(scenario.task(pi.getId(), "householdInvestigation").getId(), "xf1-worker2"))
        .hasMessageContaining("回避");
    assertThatThrownBy(() -> scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2")).hasMessageContaining("回避");
    assertThat(pi).isWaitingAt("householdInvestigation");
  }

  @Test
  void pilotDistrictStreetDecidesAndCloseRelativeCaseIsAlwaysSpotCheckedThenRevoked() {
    DibaoApplicationRequest request = scenario.poorFamily(DL);
    relatives.register(List.of(new StaffRelatives.Entry(request.members().get(0).idNumber(), "city-approver", "兄弟")));
    ProcessInstance pi = start(request, "dl1-worker1");
    scenario.investigate(pi.getId(), "dl1-worker1", "dl1-worker2");
    scenario.review(pi.getId(), "streetReview", "dl1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");

    assertThat(pi).hasPassed("Task_GrantBenefit", "Task_SampleSpotCheck").hasNotPassed("districtApproval")
        .isWaitingAt("districtSpotCheck");
    assertThat(stored(pi).status()).isEqualTo("APPROVED");
    assertThat(stored(pi).spotChecked()).isTrue();

    // a spot check only confirms or revokes
    assertThatThrownBy(() -> scenario.review(pi.getId(), "districtSpotCheck", "dl-approver", "return", "再查"))
        .hasMessageContaining("approve / reject");
    scenario.review(pi.getId(), "districtSpotCheck", "dl-approver", "reject", "经抽查,家庭实际收入高于申报");
    assertThat(pi).isEnded().hasPassed("Task_RevokeBenefit", "End_Revoked");
    assertThat(stored(pi).status()).isEqualTo("REVOKED");
    assertThat(stored(pi).reasons()).anyMatch(r -> r.contains("家庭实际收入高于申报"));
    assertThat(notices.of(pi.getBusinessKey())).extracting(CaseNotices.Notice::kind).contains(CaseNotices.Kind.REVOCATION);
    // the household may apply again
    scenario.submit(request, "dl1-worker1");
  }

  @Test
  void pilotDistrictCasesAreSampledOrEndWithoutSpotCheck() {
    ProcessInstance pi = start(scenario.poorFamily(DL), "dl1-worker1");
    scenario.investigate(pi.getId(), "dl1-worker1", "dl1-worker2");
    scenario.review(pi.getId(), "streetReview", "dl1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    if (Boolean.TRUE.equals(stored(pi).spotChecked())) {
      assertThat(pi).isWaitingAt("districtSpotCheck");
      scenario.review(pi.getId(), "districtSpotCheck", "dl-approver", "approve", null);
      assertThat(pi).isEnded().hasPassed("End_Confirmed");
    } else {
      assertThat(pi).isEnded().hasPassed("End_NotSampled");
    }
    assertThat(stored(pi).status()).isEqualTo("APPROVED");
  }

  @Test
  void streetRejectionEndsTheCaseWithTheReasonAndReleasesTheHousehold() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    ProcessInstance pi = start(request, "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    assertThatThrownBy(() -> scenario.review(pi.getId(), "streetReview", "xf1-leader", "reject", " "))
        .hasMessageContaining("必须填写审核意见");
    assertThatThrownBy(() -> scenario.review(pi.getId(), "streetReview", "xf1-leader", "maybe", "x"))
        .hasMessageContaining("审核结论必须是");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "reject", "入户发现家庭有稳定经营收入");

    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit").hasNotPassed("Call_PublicNotice");
    assertThat(stored(pi).status()).isEqualTo("REJECTED");
    assertThat(stored(pi).reasons()).containsExactly("审核意见:入户发现家庭有稳定经营收入");
    assertThat(notices.of(pi.getBusinessKey()).get(0).body()).contains("入户发现家庭有稳定经营收入");
    scenario.submit(request, "xf1-worker1");
  }

  @Test
  void streetAndDistrictReturnsSendTheCaseBackToInvestigation() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "return", "请补充邻里访问情况");
    assertThat(pi).isWaitingAt("householdInvestigation");

    scenario.investigate(pi.getId(), "xf1-worker2", "xf1-worker1");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "return", "收入核算有误,请街道重新调查");
    assertThat(pi).isWaitingAt("householdInvestigation");
    assertThat(stored(pi).status()).isEqualTo("IN_REVIEW");
  }

  @Test
  void theDistrictsFormLinksThePrintableNoticeOfThePublicNotice() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(pi).isWaitingAt("districtApproval");

    CaseNotices.Notice notice = notices.of(pi.getBusinessKey()).get(0);
    String taskId = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("districtApproval")
        .singleResult().getId();
    assertThat((String) tasks.getVariable(taskId, "caseSummary")).contains("**公示**:" + notice.body(), "**打印告知书**",
        "[" + notice.title() + "(", ")](/api/applications/" + pi.getBusinessKey() + "/notices/" + notice.id() + ".pdf)");
  }

  @Test
  void theReadGrantsOfTheCaseAndOfItsNoticeBelongToTheCaseAndExpireWithItsHistory() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    String notice = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult().getId();
    List<String> readers = records.readers(pi.getBusinessKey());
    assertThat(readers).isNotEmpty();
    for (String instance : List.of(pi.getId(), notice)) {
      assertThat(grants(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE, instance))
          .extracting(org.camunda.bpm.engine.authorization.Authorization::getGroupId)
          .containsExactlyInAnyOrderElementsOf(readers);
      // a history grant names the case's root instance, so the history cleanup removes it with the case's history
      assertThat(grants(org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE, instance))
          .extracting(org.camunda.bpm.engine.authorization.Authorization::getGroupId,
              org.camunda.bpm.engine.authorization.Authorization::getRootProcessInstanceId)
          .containsExactlyInAnyOrderElementsOf(readers.stream().map(g -> org.assertj.core.groups.Tuple.tuple(g, pi.getId()))
              .toList());
    }

    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", "同意");
    assertThat(pi).isEnded();
    for (String instance : List.of(pi.getId(), notice)) {
      assertThat(grants(org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE, instance))
          .hasSize(readers.size())
          .allSatisfy(g -> assertThat(g.getRemovalTime()).isNotNull());
    }
  }

  private List<org.camunda.bpm.engine.authorization.Authorization> grants(
      org.camunda.bpm.engine.authorization.Resources resource, String instanceId) {
    return engine.getAuthorizationService().createAuthorizationQuery().resourceType(resource).resourceId(instanceId)
        .list();
  }

  @Test
  void theTaskSummariesAreShownAtTheTasksButNotKeptInTheEnginesHistory() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    String visit = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("householdInvestigation")
        .singleResult().getId();
    assertThat((String) tasks.getVariable(visit, "caseSummary")).contains("### 低保申请 " + pi.getBusinessKey(),
        "**办理经过**:\n- 受理申请(xf1-worker1)", "**全案办结期限**:" + records.get(pi.getBusinessKey()).caseDeadline());
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    String review = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("streetReview")
        .singleResult().getId();
    // the street review's summary shows the steps done so far, the home visit with its findings among them
    assertThat((String) tasks.getVariable(review, "caseSummary")).contains("- 受理申请(xf1-worker1)",
        "(xf1-worker1)", "家中无贵重物品,情况属实", "**办理期限**:", "**全案办结期限**:" + records.get(pi.getBusinessKey()).caseDeadline());
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);

    // the decisions and the case's variables keep full history; the rendered summaries (three so far) none
    List<String> kept = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list().stream()
        .map(org.camunda.bpm.engine.history.HistoricVariableInstance::getName).toList();
    assertThat(kept).contains("applicationNo", "secondInvestigator", "findings", "decision").doesNotContain("caseSummary");
    assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
        .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName())
        .contains("findings").doesNotContain("caseSummary");
    assertThat(engine.getProcessEngineConfiguration().getHistory()).isEqualTo("full");
  }

  @Test
  void objectionDuringNoticeReopensInvestigationAndANewNoticeFollows() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);

    runtime.createMessageCorrelation("Objection").processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable("objection", "邻居反映其有出租房屋收入").correlate();
    scenario.runJobs();
    assertThat(pi).hasPassed("Task_RecordObjection").isWaitingAt("householdInvestigation");
    assertThat(stored(pi).status()).isEqualTo("IN_REVIEW");
    assertThat(management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("Event_NoticePeriodEnded").count()).isZero();

    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(pi).isWaitingAt("Call_PublicNotice");
    assertThat(stored(pi).status()).isEqualTo("PUBLIC_NOTICE");
    assertThat(notices.of(pi.getBusinessKey())).filteredOn(n -> n.kind() == CaseNotices.Kind.PUBLIC_NOTICE).hasSize(2)
        .last().extracting(CaseNotices.Notice::body).asString().startsWith("(第2次公示)");
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    // a case with an objection: the district visits the household itself before deciding
    assertThat(pi).isWaitingAt("districtHomeVisit");
    scenario.complete(pi.getId(), "districtHomeVisit", "xf-approver", Map.of("findings", "区级入户核实,无出租房屋"));
    assertThat(pi).isWaitingAt("districtApproval");
  }

  @Test
  void verificationFindingsRejectWithEveryReasonWithoutBotheringStaff() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    String applicant = request.members().get(0).idNumber();
    registry.add(List.of(
        new VerificationRecord(applicant, VerificationRecord.Kind.VEHICLE, BigDecimal.ONE, "小型轿车"),
        new VerificationRecord(applicant, VerificationRecord.Kind.DEPOSIT, new BigDecimal("80000"), "银行存款"),
        new VerificationRecord(request.members().get(1).idNumber(), VerificationRecord.Kind.BUSINESS, BigDecimal.ONE, "个体工商户")));
    ProcessInstance pi = start(request, "xf1-worker1");

    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit").hasNotPassed("householdInvestigation");
    DibaoCase c = stored(pi);
    assertThat(c.status()).isEqualTo("REJECTED");
    assertThat(c.reasons()).hasSize(3);
    assertThat(String.join(";", c.reasons())).contains("机动车1辆", "工商登记", "80000");
    assertThat(notices.of(pi.getBusinessKey()).get(0).kind()).isEqualTo(CaseNotices.Kind.REJECTION);
  }

  @Test
  void verifiedWageReplacesALowerDeclaredIncome() {
    DibaoApplicationRequest request = scenario.poorFamily(XF);
    registry.add(List.of(new VerificationRecord(request.members().get(0).idNumber(), VerificationRecord.Kind.WAGE,
        new BigDecimal("1000"), "社保缴费基数")));
    ProcessInstance pi = start(request, "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    DibaoCase c = stored(pi);
    // 1000 + 200 + 0 = 1200 a month; ceil(732 × 3 − 1200 + 73.2)
    assertThat(c.householdIncome()).isEqualByComparingTo("1200");
    assertThat(c.perCapitaIncome()).isEqualByComparingTo("400.00");
    assertThat(c.monthlyAmount()).isEqualByComparingTo("1070");
  }

  @Test
  void aLowIncomeHardshipHouseholdIsGrantedRegularFixedAssistanceAfterNoticeAndApproval() {
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    members.add(scenario.member("王五", scenario.id(LocalDate.of(1975, 5, 5), true), "SELF", 800, "FULL"));
    members.add(scenario.member("王妻", scenario.id(LocalDate.of(1950, 6, 6), false), "SPOUSE", 800, "NONE"));
    ProcessInstance pi = start(scenario.request(XF, "URBAN", members), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    assertThat(stored(pi).tier()).isEqualTo("LOW_INCOME_HARDSHIP");
    // 定期定量救助: 30 % of the monthly standard per person, ceil(732 × 0.3 × 2) = ceil(439.2)
    assertThat(stored(pi).monthlyAmount()).isEqualByComparingTo("440");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(pi).isWaitingAt("Call_PublicNotice");
    assertThat(notices.of(pi.getBusinessKey()).get(0).body()).contains("定期定量救助每月440元", "2人");
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", "同意");

    assertThat(pi).isEnded().hasPassed("Task_GrantBenefit").hasNotPassed("Task_CloseWithoutBenefit");
    assertThat(stored(pi).status()).isEqualTo("APPROVED");
    BenefitRecords.Benefit benefit = benefits.get(pi.getBusinessKey());
    assertThat(benefit.benefit()).isEqualTo("REGULAR_FIXED");
    assertThat(benefit.monthlyAmount()).isEqualByComparingTo("440");
    assertThat(benefit.startMonth()).isEqualTo(LocalDate.now(clock).withDayOfMonth(1).plusMonths(1));
    // the husband is 51 and able to work: re-reviewed every six months
    assertThat(benefit.nextReviewDate()).isEqualTo(LocalDate.now(clock).plusMonths(6));
    assertThat(notices.of(pi.getBusinessKey()).get(1).body()).contains("定期定量救助每月440元", "每人每月220元");
    Map<String, Object> status = views.status(applications, pi.getBusinessKey(), scenario.staff("xf-approver"));
    assertThat(status).containsEntry("tier", "LOW_INCOME_HARDSHIP").containsEntry("status", "APPROVED")
        .containsEntry("benefit", "REGULAR_FIXED");
  }

  @Test
  void aLowIncomeHouseholdAboveTheHardshipLineIsReferred() {
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    members.add(scenario.member("王五", scenario.id(LocalDate.of(1975, 5, 5), true), "SELF", 1000, "FULL"));
    ProcessInstance pi = start(scenario.request(XF, "URBAN", members), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    assertThat(stored(pi).tier()).isEqualTo("LOW_INCOME");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(pi).isEnded().hasPassed("Task_CloseWithoutBenefit").hasNotPassed("Call_PublicNotice");
    assertThat(stored(pi).status()).isEqualTo("REFERRED");
    assertThat(notices.of(pi.getBusinessKey()).get(0).kind()).isEqualTo(CaseNotices.Kind.REFERRAL);
  }

  @Test
  void aHouseholdWithoutWorkingAgeMembersIsReviewedYearlyAndOneWithIrregularIncomeHalfYearly() {
    ProcessInstance yearly = approveInPilot(elderlyCouple(), false);
    assertThat(benefits.get(yearly.getBusinessKey()).nextReviewDate()).isEqualTo(LocalDate.now(clock).plusMonths(12));
    assertThat(benefits.changes(yearly.getBusinessKey())).extracting(BenefitRecords.Change::change)
        .containsExactly("GRANTED");
    ProcessInstance irregular = approveInPilot(elderlyCouple(), true);
    assertThat(benefits.get(irregular.getBusinessKey()).nextReviewDate()).isEqualTo(LocalDate.now(clock).plusMonths(6));
  }

  private ProcessInstance approveInPilot(DibaoApplicationRequest request, boolean irregularIncome) {
    DibaoApplicationRequest withIncome = new DibaoApplicationRequest(request.streetCode(), request.areaType(),
        request.applicantIdNumber(), request.phone(), request.members(), request.assets(), null, irregularIncome);
    ProcessInstance pi = start(withIncome, "dl1-worker1");
    scenario.investigate(pi.getId(), "dl1-worker1", "dl1-worker2");
    scenario.review(pi.getId(), "streetReview", "dl1-leader", "approve", null);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(stored(pi).status()).isEqualTo("APPROVED");
    return pi;
  }

  /** Two pensioners past working age on 500 yuan a month: 低保 in the pilot district. */
  private DibaoApplicationRequest elderlyCouple() {
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    members.add(scenario.member("赵老", scenario.id(LocalDate.of(1950, 4, 4), true), "SELF", 300, "NONE"));
    members.add(scenario.member("钱老", scenario.id(LocalDate.of(1952, 5, 5), false), "SPOUSE", 200, "NONE"));
    return scenario.request(DL, "URBAN", members);
  }

  @Test
  void severelyDisabledMemberOfAHouseholdJustAboveTheLineIsCoveredAlone() {
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    members.add(scenario.member("钱父", scenario.id(LocalDate.of(1972, 2, 2), true), "SELF", 1650, "FULL"));
    members.add(new DibaoApplicationRequest.Member("钱子", scenario.id(LocalDate.of(1998, 3, 3), true), "CHILD",
        BigDecimal.ZERO, "NONE", 1, false, "INTELLECTUAL"));
    ProcessInstance pi = start(scenario.request(XF, "URBAN", members), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.complete(pi.getId(), "laborCapacityAssessment", "xf1-worker2", Map.of("assessedLaborCapacity",
        "{\"" + members.get(1).idNumber() + "\":\"NONE\"}"));
    DibaoCase c = stored(pi);
    // per capita 825 = 1.13 × 732: a 低收入困难 household, but the son is covered alone
    assertThat(c.tier()).isEqualTo("DIBAO");
    assertThat(c.coveredAlone()).extracting(Member::name).containsExactly("钱子");
    assertThat(c.monthlyAmount()).isEqualByComparingTo("806");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(notices.of(pi.getBusinessKey()).get(0).body()).contains("单人户保障1人", "806");
    assertThat(views.status(applications, pi.getBusinessKey(), scenario.staff("xf1-leader")).get("coveredAlone"))
        .isEqualTo(List.of("钱子"));
  }

  @Test
  void workingAgeMemberDeclaringReducedCapacityIsAssessed() {
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    String adult = scenario.id(LocalDate.of(1978, 6, 6), true);
    members.add(scenario.member("赵六", adult, "SELF", 0, "PARTIAL"));
    members.add(scenario.member("赵母", scenario.id(LocalDate.of(1950, 1, 1), false), "PARENT", 300, "NONE"));
    ProcessInstance pi = start(scenario.request(XF, "URBAN", members), "xf1-worker1");
    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    assertThat(pi).isWaitingAt("laborCapacityAssessment");
    // pre-filled with both members who declared reduced capacity
    assertThat((String) runtime.getVariable(pi.getId(), "assessedLaborCapacity")).contains(adult);

    assertThatThrownBy(() -> scenario.complete(pi.getId(), "laborCapacityAssessment", "xf1-worker1",
        Map.of("assessedLaborCapacity", "{}"))).hasMessageContaining("评估结果")
        .hasMessageContaining("请为身份证号" + adult.substring(0, 6) + "********" + adult.substring(14) + "的成员")
        .hasMessageNotContaining(adult);
    scenario.complete(pi.getId(), "laborCapacityAssessment", "xf1-worker1", Map.of("assessedLaborCapacity",
        "{\"" + adult + "\":\"PARTIAL\",\"" + members.get(1).idNumber() + "\":\"NONE\"}"));
    assertThat(pi).isWaitingAt("streetReview");
    assertThat(stored(pi).members().get(0).assessedCapacity()).isEqualTo("PARTIAL");
  }

  @Test
  void secondInvestigatorMustBeAnotherCaseworkerOfTheStreet() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    assertThatThrownBy(() -> scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker1")).hasMessageContaining("不能是本人");
    assertThatThrownBy(() -> scenario.investigate(pi.getId(), "xf1-worker1", "dl1-worker1")).hasMessageContaining("不是本街道的经办人");
    assertThatThrownBy(() -> scenario.complete(pi.getId(), "householdInvestigation", "xf1-worker1",
        Map.of("secondInvestigator", "xf1-worker2"))).hasMessageContaining("入户调查情况");
    assertThat(pi).isWaitingAt("householdInvestigation");
  }

  @Test
  void unreachableVerificationSourceBecomesAnIncidentAndResumesOnRetry() {
    doThrow(new EconomicStatusSource.SourceUnavailableException("核对中心连接超时", null)).when(source).lookup(any());
    org.minzhengflow.casework.CaseIntake.Submitted submitted = scenario.submit(scenario.poorFamily(XF), "xf1-worker1");
    for (int i = 0; i < 3; i++) {
      Job job = management.createJobQuery().processInstanceId(submitted.processInstanceId())
          .activityId("Task_VerifyEconomicStatus").singleResult();
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("核对中心连接超时");
    }
    Incident incident = runtime.createIncidentQuery().processInstanceId(submitted.processInstanceId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("Task_VerifyEconomicStatus");

    reset(source);
    Job failed = management.createJobQuery().processInstanceId(submitted.processInstanceId())
        .activityId("Task_VerifyEconomicStatus").singleResult();
    // what an operator's "retry" in Cockpit does: new retries, due now
    management.setJobRetries(failed.getId(), 1);
    management.setJobDuedate(failed.getId(), null);
    scenario.runJobs();
    assertThat(runtime.createIncidentQuery().processInstanceId(submitted.processInstanceId()).count()).isZero();
    assertThat(scenario.task(submitted.processInstanceId(), "householdInvestigation")).isNotNull();
  }

  @Test
  void overdueInvestigationIsEscalatedToTheStreetLeader() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    scenario.fireTimer(pi.getId(), "Event_HouseholdInvestigationOverdue");
    List<IdentityLink> links = tasks.getIdentityLinksForTask(scenario.task(pi.getId(), "householdInvestigation").getId());
    assertThat(links).extracting(IdentityLink::getGroupId).contains("street-230110001-caseworker", "street-230110001-leader");
    assertThat(pi).hasPassed("Task_EscalateHouseholdInvestigation").isWaitingAt("householdInvestigation");
  }

  @Test
  void caseStillOpenThirtyWorkingDaysAfterAcceptanceIsEscalatedToTheDistrict() {
    ProcessInstance pi = start(scenario.poorFamily(XF), "xf1-worker1");
    var timer = management.createJobQuery().processInstanceId(pi.getId()).activityId("Event_CaseOverdue").singleResult();
    // 30 working days on the official calendar (two-level district), at the end of the working day
    LocalDate deadline = records.get(pi.getBusinessKey()).caseDeadline();
    assertThat(workingDays.workingDaysBetween(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), deadline)).isEqualTo(30);
    assertThat(timer.getDuedate().toInstant())
        .isEqualTo(java.time.OffsetDateTime.parse(workingDays.endOfBusinessIso(deadline)).toInstant())
        .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(40)));
    scenario.fireTimer(pi.getId(), "Event_CaseOverdue");
    assertThat(pi).hasPassed("Task_EscalateCase").isWaitingAt("householdInvestigation");
    List<IdentityLink> links = tasks.getIdentityLinksForTask(scenario.task(pi.getId(), "householdInvestigation").getId());
    assertThat(links).extracting(IdentityLink::getGroupId).contains("district-230110-approver");
  }

  @Test
  void invalidApplicationsAreRefusedWithEveryProblemAndNothingStarts() {
    long before = runtime.createProcessInstanceQuery().count();
    DibaoApplicationRequest good = scenario.poorFamily(XF);
    List<DibaoApplicationRequest.Member> members = new ArrayList<>(good.members());
    members.add(members.get(1));
    DibaoApplicationRequest bad = new DibaoApplicationRequest("230110999", "URBAN", good.applicantIdNumber(), null, members,
        new DibaoApplicationRequest.Assets(new BigDecimal("-1"), 0, 1, 0, false));
    assertThatThrownBy(() -> scenario.submit(bad, "xf1-worker1")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.problems()).extracting(p -> p.field())
            .contains("streetCode", "members[3].idNumber", "assets.financialAssets"));
    assertThatThrownBy(() -> scenario.submit(good, "dl1-worker1")).isInstanceOf(ApiException.class)
        .hasMessageContaining("本街道");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }
}
