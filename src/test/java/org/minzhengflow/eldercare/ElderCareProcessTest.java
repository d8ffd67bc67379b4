package org.minzhengflow.eldercare;

import org.minzhengflow.casework.PersonEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.dibao.DibaoApplicationRequest;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.minzhengflow.identification.TestIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The paths of processes/eldercare.bpmn with the real beans and tables. */
@SpringBootTest
@ActiveProfiles("test")
class ElderCareProcessTest {

  static final String XF = "230110001";
  private static final AtomicInteger SERIAL = new AtomicInteger(300);

  @Autowired ProcessEngine engine;
  @Autowired org.minzhengflow.casework.CaseViews views;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ElderCareApplications applications;
  @Autowired ElderCareCases cases;
  @Autowired BenefitRecords benefits;
  @Autowired PersonEvents events;
  @Autowired DibaoApplications dibao;

  DibaoScenario scenario;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    scenario = new DibaoScenario(dibao, tasks, management, identity);
  }

  @AfterEach
  void tearDown() {
    AbstractAssertions.reset();
  }

  static String idBornOn(LocalDate birth) {
    return TestIds.idNumber("230110", birth, SERIAL.getAndAdd(2) % 998 + 1, false);
  }

  static ElderCareRequest request(String type, String id, String hukou, boolean pension, boolean alone) {
    return new ElderCareRequest(XF, type, new ElderCareRequest.Elder("周奶奶", id, hukou, pension, alone, false));
  }

  private ProcessInstance start(ElderCareRequest request) {
    org.minzhengflow.casework.CaseIntake.Submitted s = applications.submit(request, scenario.staff("xf1-worker1"));
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(s.processInstanceId()).singleResult();
    scenario.runJobs();
    return pi;
  }

  private ElderCareCase stored(ProcessInstance pi) {
    return cases.get(pi.getBusinessKey());
  }

  @Test
  void highAgeAllowanceIsGrantedByTheStreetAndSwitchesClassAtNinety() {
    LocalDate today = LocalDate.now();
    String id = idBornOn(today.minusYears(89).minusMonths(3));
    ProcessInstance pi = start(request("HIGH_AGE", id, "URBAN", false, false));
    assertThat(pi).hasPassed("Task_DetermineBenefit").hasNotPassed("abilityAssessment").isWaitingAt("streetReview");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);

    assertThat(pi).hasPassed("Task_GrantSubsidy").hasNotPassed("districtApproval").isWaitingAt("Event_TurnNinety");
    ElderCareCase c = stored(pi);
    assertThat(c.status()).isEqualTo("APPROVED");
    assertThat(c.monthlyAmount()).isEqualByComparingTo("50");
    assertThat(c.paymentFrom()).isEqualTo(today.withDayOfMonth(1).plusMonths(1));
    // the switch is scheduled for the first day of the month after the 90th birthday
    var timer = management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    LocalDate switchMonth = today.minusMonths(3).plusYears(1).withDayOfMonth(1).plusMonths(1);
    assertThat(timer.getDuedate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate())
        .isEqualTo(switchMonth);

    scenario.fireTimer(pi.getId(), "Event_TurnNinety");
    assertThat(pi).isEnded().hasPassed("Task_SwitchToNinetyClass");
    assertThat(stored(pi).category()).isEqualTo("AGE_90_99");
    assertThat(benefits.find(pi.getBusinessKey()).orElseThrow().monthlyAmount()).isEqualByComparingTo("150");
    // no back-pay: the benefit still starts when it started
    assertThat(benefits.find(pi.getBusinessKey()).orElseThrow().startMonth()).isEqualTo(c.paymentFrom());
  }

  @Test
  void applicationsWithinTwoMonthsBeforeTheEightiethBirthdayAreAcceptedEarlierOnesAreNot() {
    LocalDate today = LocalDate.now();
    LocalDate almostEighty = today.minusYears(80).plusMonths(1); // 79 years and 11 months
    ProcessInstance pi = start(request("HIGH_AGE", idBornOn(almostEighty), "URBAN", false, false));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(stored(pi).paymentFrom()).isEqualTo(almostEighty.plusYears(80).withDayOfMonth(1).plusMonths(1));

    LocalDate tooYoung = today.minusYears(80).plusMonths(3);
    assertThatThrownBy(() -> start(request("HIGH_AGE", idBornOn(tooYoung), "URBAN", false, false)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status().value()).isEqualTo(422);
          assertThat(e.getMessage()).contains("未满80周岁,可于满80周岁前2个月内申请",
              tooYoung.plusYears(80).minusMonths(2).toString());
        });
  }

  @Test
  void ruralEightyFiveWithPensionAndNoStatusIsNotEligible() {
    String id = idBornOn(LocalDate.now().minusYears(85));
    assertThatThrownBy(() -> start(request("HIGH_AGE", id, "RURAL", true, false)))
        .isInstanceOf(ApiException.class).hasMessageContaining("城市户籍且未领取职工养老金");
  }

  @Test
  void nursingSubsidyNeedsAStatusOnRecordNotOneClaimed() {
    String id = idBornOn(LocalDate.now().minusYears(75));
    assertThatThrownBy(() -> start(request("NURSING", id, "URBAN", false, false)))
        .isInstanceOf(ApiException.class).hasMessageContaining("本系统未查到该老人在册的低保或低收入救助记录");
  }

  /** The dibao outcome is what gives the elder the status: approve a dibao household first. */
  private String elderOfApprovedDibaoHousehold() {
    String elder = idBornOn(LocalDate.now().minusYears(78));
    DibaoApplicationRequest household = scenario.request(XF, "URBAN", List.of(
        scenario.member("周大", scenario.id(LocalDate.of(1975, 7, 7), true), "SELF", 300, "FULL"),
        scenario.member("周奶奶", elder, "PARENT", 0, "FULL")));
    String pid = scenario.submit(household, "xf1-worker1").processInstanceId();
    scenario.runJobs();
    scenario.investigate(pid, "xf1-worker1", "xf1-worker2");
    scenario.review(pid, "streetReview", "xf1-leader", "approve", null);
    scenario.fireTimer(pid, "Event_NoticePeriodEnded");
    scenario.review(pid, "districtApproval", "xf-approver", "approve", null);
    return elder;
  }

  @Test
  void nursingSubsidyForADisabledElderOfADibaoHousehold() {
    String elder = elderOfApprovedDibaoHousehold();
    ProcessInstance pi = start(request("NURSING", elder, "URBAN", false, false));
    assertThat(stored(pi).assistanceStatus()).isEqualTo("DIBAO");
    assertThat(pi).isWaitingAt("abilityAssessment");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("assessment-agency").count()).isOne();

    assertThatThrownBy(() -> scenario.complete(pi.getId(), "abilityAssessment", "assessor1", Map.of("abilityGrade", "BAD")))
        .hasMessageContaining("能力评估等级必须是");
    scenario.complete(pi.getId(), "abilityAssessment", "assessor1", Map.of("abilityGrade", "SEVERE"));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "return", "请补充评估报告");
    assertThat(pi).isWaitingAt("streetReview");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", null);

    assertThat(pi).isEnded().hasPassed("Task_GrantSubsidy", "End_Granted");
    assertThat(stored(pi).categoryName()).isEqualTo("失能老年人护理补贴");
    assertThat(stored(pi).monthlyAmount()).isEqualByComparingTo("100");

    // a second application for the same subsidy while it is paid is a conflict
    assertThatThrownBy(() -> start(request("NURSING", elder, "URBAN", false, false)))
        .isInstanceOf(ApiException.class).hasMessageContaining("已有正在办理");
  }

  @Test
  void intactElderIsRefusedAfterTheAssessmentWithTheReason() {
    String elder = elderOfApprovedDibaoHousehold();
    ProcessInstance pi = start(request("NURSING", elder, "URBAN", false, false));
    scenario.complete(pi.getId(), "abilityAssessment", "assessor1", Map.of("abilityGrade", "INTACT"));
    assertThat(pi).isEnded().hasPassed("Task_Reject").hasNotPassed("streetReview");
    assertThat(stored(pi).status()).isEqualTo("REJECTED");
    assertThat(stored(pi).reasons()).anyMatch(r -> r.contains("能力完好"));
  }

  @Test
  void homeCareForAnElderLivingAloneGetsHoursAndAProvider() {
    String id = idBornOn(LocalDate.now().minusYears(83));
    ProcessInstance pi = start(request("HOME_CARE", id, "URBAN", true, true));
    scenario.complete(pi.getId(), "abilityAssessment", "assessor1", Map.of("abilityGrade", "MODERATE"));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", null);
    ElderCareCase c = stored(pi);
    assertThat(c.status()).isEqualTo("APPROVED");
    assertThat(c.serviceHours()).isEqualTo(20);
    assertThat(c.provider()).isNotBlank();
  }

  @Test
  void deathEndsEveryActiveSubsidyFromTheNextMonth() {
    String id = idBornOn(LocalDate.now().minusYears(95));
    ProcessInstance pi = start(request("HIGH_AGE", id, "RURAL", true, false));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(stored(pi).monthlyAmount()).isEqualByComparingTo("150");

    LocalDate died = LocalDate.now().minusDays(1);
    PersonEvents.Ended ended = events.record(id, new PersonEvents.Event("DEATH", died.toString(), "医院死亡证明"),
        scenario.staff("xf1-worker1"));
    assertThat(ended.endedApplications()).containsExactly(pi.getBusinessKey());
    var benefit = benefits.find(pi.getBusinessKey()).orElseThrow();
    assertThat(benefit.status()).isEqualTo("ENDED");
    assertThat(benefit.endMonth()).isEqualTo(died.withDayOfMonth(1).plusMonths(1));
    assertThat(views.status(applications, pi.getBusinessKey(), scenario.staff("xf1-leader")).get("history").toString())
        .contains("停发补贴");
    // recording it again changes nothing
    assertThat(events.record(id, new PersonEvents.Event("DEATH", died.toString(), null), scenario.staff("xf1-worker1"))
        .endedApplications()).isEmpty();
    assertThatThrownBy(() -> events.record(id, new PersonEvents.Event("MARRIED", "2030-01-01", null),
        scenario.staff("xf1-worker1"))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("type", "date"));
  }

  @Test
  void invalidInputIsListedCompletely() {
    assertThatThrownBy(() -> applications.submit(new ElderCareRequest("999", "PENSION",
        new ElderCareRequest.Elder("", "110101190001011234", "CITY", null, null, null)), scenario.staff("xf1-worker1")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
            .containsExactly("streetCode", "subsidyType", "elder.name", "elder.idNumber", "elder.hukouType"));
  }
}
