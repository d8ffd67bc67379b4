package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.CaseViews;
import org.minzhengflow.casework.PersonEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The re-review (processes/dibao-review.bpmn) with the real beans, tables and forms on an in-memory database, from
 * households approved by the real dibao process: every outcome, both district kinds, the 渐退期 ending by itself
 * through the daily job, deaths in one- and three-person households, and one open review per benefit.
 */
@SpringBootTest
@ActiveProfiles("test")
class DibaoReviewProcessTest {

  static final String XF = "230110001"; // 香坊区: two-level review
  static final String DL = "230102001"; // 道里区: pilot one-level review

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications applications;
  @Autowired DibaoReviewRequests requests;
  @Autowired DibaoReviewRecords reviews;
  @Autowired DibaoReviewKind reviewKind;
  @Autowired DibaoCases cases;
  @Autowired BenefitRecords benefits;
  @Autowired CaseNotices notices;
  @Autowired CaseRecords records;
  @Autowired CaseViews views;
  @Autowired PersonEvents personEvents;
  @Autowired JdbcClient jdbc;

  DibaoScenario scenario;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    scenario = new DibaoScenario(applications, tasks, management, identity);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    AbstractAssertions.reset();
  }

  // ------------------------------------------------------------------ households

  /** Approves a household through the real dibao process; returns its application number. */
  private String approved(DibaoApplicationRequest request, String street) {
    boolean pilot = DL.equals(street);
    String worker = pilot ? "dl1-worker1" : "xf1-worker1";
    CaseIntake.Submitted submitted = scenario.submit(request, worker);
    String pid = submitted.processInstanceId();
    scenario.runJobs();
    scenario.investigate(pid, worker, pilot ? "dl1-worker2" : "xf1-worker2");
    scenario.review(pid, "streetReview", pilot ? "dl1-leader" : "xf1-leader", "approve", null);
    scenario.fireTimer(pid, "Event_NoticePeriodEnded");
    if (!pilot) {
      scenario.review(pid, "districtApproval", "xf-approver", "approve", null);
    }
    assertThat(benefits.get(submitted.applicationNo()).status()).isEqualTo(BenefitRecords.ACTIVE);
    return submitted.applicationNo();
  }

  private String poorFamily(String street) {
    return approved(scenario.poorFamily(street), street);
  }

  private String startReview(String applicationNo, String user) {
    Map<String, Object> started = requests.start(
        new DibaoReviewRequests.Request(null, null, applicationNo, "专项清理"), scenario.staff(user));
    @SuppressWarnings("unchecked")
    List<String> numbers = (List<String>) started.get("reviews");
    scenario.runJobs();
    return numbers.get(0);
  }

  private ProcessInstance instance(String reviewNo) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reviewNo).singleResult();
  }

  /** The incomes of the household's members, in the order of the application (null: member not visited). */
  private String incomes(String applicationNo, Integer... monthly) {
    DibaoCase c = cases.get(applicationNo);
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < monthly.length; i++) {
      if (monthly[i] == null) {
        continue;
      }
      json.append(json.length() > 1 ? "," : "").append('"').append(c.members().get(i).idNumber()).append("\":")
          .append(monthly[i]);
    }
    return json.append('}').toString();
  }

  private void investigate(String pid, String street, String incomes) {
    boolean pilot = DL.equals(street);
    scenario.complete(pid, "reviewInvestigation", pilot ? "dl1-worker1" : "xf1-worker1", Map.of(
        "secondInvestigator", pilot ? "dl1-worker2" : "xf1-worker2", "findings", "复核入户,家庭情况如实记录",
        "updatedIncomes", incomes));
  }

  private void approveAll(ProcessInstance pi, String street) {
    if (DL.equals(street)) {
      scenario.review(pi.getId(), "streetReview", "dl1-leader", "approve", null);
      // a pilot district's outcome may be sampled for the district's spot check
      if (scenario.task(pi.getId(), "districtSpotCheck") != null) {
        scenario.review(pi.getId(), "districtSpotCheck", "dl-approver", "approve", null);
      }
    } else {
      scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
      assertThat(pi).isWaitingAt("districtApproval");
      scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", "同意复核结论");
    }
  }

  private static LocalDate nextMonth() {
    return LocalDate.now(ZoneId.of("Asia/Shanghai")).withDayOfMonth(1).plusMonths(1);
  }

  private Map<String, Object> status(String reviewNo, String user) {
    return views.status(reviewKind, reviewNo, scenario.staff(user));
  }

  // ------------------------------------------------------------------ outcomes

  @Test
  void continueInATwoLevelDistrictKeepsTheAmountAndSetsTheNextReviewDate() {
    String no = poorFamily(XF);
    String reviewNo = startReview(no, "xf-approver");
    assertThat(reviewNo).startsWith("FC");
    ProcessInstance pi = instance(reviewNo);
    assertThat(pi).hasProcessDefinitionKey("dibaoReview").hasPassed("Task_ReviewVerification")
        .isWaitingAt("reviewInvestigation");
    assertThat(records.get(reviewNo).status().name()).isEqualTo("IN_REVIEW");
    assertThat(scenario.task(pi.getId(), "reviewInvestigation").getDueDate()).isNotNull();
    // pre-filled with the figures before
    assertThat((String) runtime.getVariable(pi.getId(), "updatedIncomes")).contains("300", "200");

    investigate(pi.getId(), XF, incomes(no, 300, 200, 0));
    assertThat(pi).hasPassed("Task_ProposeOutcome").isWaitingAt("streetReview");
    assertThat(runtime.getVariable(pi.getId(), "proposedOutcome")).isEqualTo("CONTINUE");
    approveAll(pi, XF);

    assertThat(pi).isEnded().hasPassed("districtApproval", "Task_ApplyOutcome", "End_Reviewed")
        .hasNotPassed("Task_SampleSpotCheck");
    Map<String, Object> status = status(reviewNo, "xf1-worker1");
    assertThat(status).containsEntry("status", "REVIEWED").containsEntry("outcome", "CONTINUE")
        .containsEntry("applicationNo", no).containsEntry("reviewNo", reviewNo);
    assertThat((BigDecimal) status.get("monthlyAmount")).isEqualByComparingTo("1770");
    assertThat(status.get("lastMonth")).isNull();
    BenefitRecords.Benefit b = benefits.get(no);
    assertThat(b.status()).isEqualTo("ACTIVE");
    assertThat(b.monthlyAmount()).isEqualByComparingTo("1770");
    // two adults able to work: half-yearly
    assertThat(b.nextReviewDate()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(6));
    assertThat(notices.of(no)).extracting(CaseNotices.Notice::kind).contains(CaseNotices.Kind.REVIEW_OUTCOME);
    assertThat(notices.of(reviewNo)).singleElement().satisfies(n -> assertThat(n.body()).contains("继续按每月1770元发放"));
    assertThat(history(no)).contains("reviewStarted", "reviewOutcome");
    assertThat(history(reviewNo)).contains("submitted", "verification", "reviewInvestigation", "streetReview",
        "districtApproval", "reviewOutcome");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) views.status(applications, no,
        scenario.staff("xf1-worker1")).get("reviews");
    assertThat(listed).singleElement().satisfies(r -> assertThat(r).containsEntry("reviewNo", reviewNo)
        .containsEntry("status", "REVIEWED").containsEntry("outcome", "CONTINUE"));
  }

  @Test
  void irregularIncomeFoundAtTheVisitBringsTheNextReviewForwardToSixMonths() {
    List<DibaoApplicationRequest.Member> members = new java.util.ArrayList<>();
    members.add(scenario.member("孙老", scenario.id(LocalDate.of(1948, 6, 6), true), "SELF", 300, "NONE"));
    members.add(scenario.member("孙妻", scenario.id(LocalDate.of(1950, 7, 7), false), "SPOUSE", 200, "NONE"));
    String no = approved(scenario.request(DL, "URBAN", members), DL);
    // pensioners only: yearly
    assertThat(benefits.get(no).nextReviewDate()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(12));
    ProcessInstance pi = instance(startReview(no, "dl-approver"));
    assertThat(runtime.getVariable(pi.getId(), "irregularIncome")).isEqualTo(false);
    assertThatThrownBy(() -> scenario.complete(pi.getId(), "reviewInvestigation", "dl1-worker1", Map.of(
        "secondInvestigator", "dl1-worker2", "findings", "复核入户", "updatedIncomes", incomes(no, 300, 200),
        "irregularIncome", "sometimes"))).hasMessageContaining("irregularIncome");
    scenario.complete(pi.getId(), "reviewInvestigation", "dl1-worker1", Map.of("secondInvestigator", "dl1-worker2",
        "findings", "老人靠打零工补贴家用,收入不固定", "updatedIncomes", incomes(no, 300, 200), "irregularIncome", true));
    approveAll(pi, DL);
    assertThat(cases.irregularIncome(no)).isTrue();
    assertThat(benefits.get(no).nextReviewDate()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(6));
  }

  @Test
  void adjustInAPilotDistrictIsDecidedByTheStreetFromNextMonth() {
    String no = poorFamily(DL);
    String reviewNo = startReview(no, "dl-approver");
    ProcessInstance pi = instance(reviewNo);
    investigate(pi.getId(), DL, incomes(no, 500, 200, 0));
    assertThat(runtime.getVariable(pi.getId(), "proposedOutcome")).isEqualTo("ADJUST");
    scenario.review(pi.getId(), "streetReview", "dl1-leader", "approve", null);
    assertThat(pi).hasPassed("Task_ApplyOutcome", "Task_SampleSpotCheck").hasNotPassed("districtApproval");
    if (scenario.task(pi.getId(), "districtSpotCheck") != null) {
      scenario.review(pi.getId(), "districtSpotCheck", "dl-approver", "approve", null);
    }
    assertThat(pi).isEnded();
    // ceil(732 × 3 − 700 + 10 % × 732 for the child) = 1570
    BenefitRecords.Benefit b = benefits.get(no);
    assertThat(b.monthlyAmount()).isEqualByComparingTo("1570");
    assertThat(benefits.changes(no)).anySatisfy(c -> {
      assertThat(c.change()).isEqualTo("ADJUSTED");
      assertThat(c.fromMonth()).isEqualTo(nextMonth());
    });
    assertThat(status(reviewNo, "dl1-leader")).containsEntry("outcome", "ADJUST");
    assertThat(notices.of(no).stream().filter(n -> n.kind() == CaseNotices.Kind.REVIEW_OUTCOME))
        .singleElement().satisfies(n -> assertThat(n.body()).contains("1770", "1570", "减为", "行政复议"));
  }

  @Test
  void adjustInATwoLevelDistrictNeedsTheDistrict() {
    String no = poorFamily(XF);
    ProcessInstance pi = instance(startReview(no, "admin"));
    investigate(pi.getId(), XF, incomes(no, 100, 0, 0));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(pi).isWaitingAt("districtApproval");
    assertThat(benefits.get(no).monthlyAmount()).isEqualByComparingTo("1770");
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", null);
    assertThat(pi).isEnded();
    assertThat(benefits.get(no).monthlyAmount()).isEqualByComparingTo("2170");
    assertThat(notices.of(no).stream().filter(n -> n.kind() == CaseNotices.Kind.REVIEW_OUTCOME))
        .singleElement().satisfies(n -> assertThat(n.body()).contains("调整为每月2170元").doesNotContain("行政复议"));
  }

  @Test
  void gradualExitPaysForTheConfiguredMonthsThenTheDailyJobEndsIt() {
    String no = poorFamily(XF);
    String reviewNo = startReview(no, "xf-approver");
    ProcessInstance pi = instance(reviewNo);
    // 2400 / 3 = 800 a head: above the 732 line, below 1.5 ×
    investigate(pi.getId(), XF, incomes(no, 1200, 1200, 0));
    assertThat(runtime.getVariable(pi.getId(), "proposedOutcome")).isEqualTo("GRADUAL_EXIT");
    approveAll(pi, XF);
    BenefitRecords.Benefit b = benefits.get(no);
    LocalDate end = nextMonth().plusMonths(6);
    assertThat(b.status()).isEqualTo("GRADUAL_EXIT");
    assertThat(b.endMonth()).isEqualTo(end);
    assertThat(b.monthlyAmount()).isEqualByComparingTo("1770");
    Map<String, Object> status = status(reviewNo, "xf-approver");
    assertThat(status).containsEntry("outcome", "GRADUAL_EXIT").containsEntry("lastMonth",
        end.minusMonths(1).toString().substring(0, 7));
    assertThat(notices.of(reviewNo)).singleElement().satisfies(n -> assertThat(n.body()).contains("渐退期", "行政复议"));

    // the day before the end month nothing ends; on the first day of it the daily job ends the benefit by itself
    runDailyJobAt(end.minusDays(1));
    assertThat(benefits.get(no).status()).isEqualTo("GRADUAL_EXIT");
    runDailyJobAt(end);
    assertThat(benefits.get(no).status()).isEqualTo("ENDED");
    assertThat(benefits.get(no).endMonth()).isEqualTo(end);
    assertThat(notices.of(no)).extracting(CaseNotices.Notice::kind).contains(CaseNotices.Kind.BENEFIT_ENDED);
    assertThat(history(no)).contains("benefitEnded");
    // the household may apply again
    assertThat(jdbc.sql("select count(*) from benefit_claim where application_no = ?").param(no).query(Integer.class)
        .single()).isZero();
  }

  @Test
  void stopWhenIncomeIsFarAboveTheLineEndsNextMonthWithReasonsAndTheAppeal() {
    String no = poorFamily(DL);
    String reviewNo = startReview(no, "dl-approver");
    ProcessInstance pi = instance(reviewNo);
    investigate(pi.getId(), DL, incomes(no, 2000, 2000, 0));
    assertThat(runtime.getVariable(pi.getId(), "proposedOutcome")).isEqualTo("STOP");
    approveAll(pi, DL);
    assertThat(pi).isEnded();
    BenefitRecords.Benefit b = benefits.get(no);
    assertThat(b.status()).isEqualTo("ENDED");
    assertThat(b.endMonth()).isEqualTo(nextMonth());
    Map<String, Object> status = status(reviewNo, "dl1-worker1");
    assertThat(status).containsEntry("outcome", "STOP");
    assertThat((BigDecimal) status.get("monthlyAmount")).isZero();
    @SuppressWarnings("unchecked")
    List<String> reasons = (List<String>) status.get("reasons");
    assertThat(String.join(";", reasons)).contains("明显高于低保标准", "1333.33");
    assertThat(notices.of(no).stream().filter(n -> n.kind() == CaseNotices.Kind.REVIEW_OUTCOME)).singleElement()
        .satisfies(n -> assertThat(n.body()).contains("停止发放", "1770", "明显高于低保标准", "行政复议", "行政诉讼"));
  }

  @Test
  void stopInATwoLevelDistrictWhenTheDistrictRefusesToContinue() {
    String no = poorFamily(XF);
    ProcessInstance pi = instance(startReview(no, "xf-approver"));
    investigate(pi.getId(), XF, incomes(no, 300, 200, 0));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThatThrownBy(() -> scenario.review(pi.getId(), "districtApproval", "xf-approver", "reject", null))
        .hasMessageContaining("opinion");
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "reject", "入户发现家庭有经营性收入未申报");
    assertThat(pi).isEnded();
    assertThat(benefits.get(no).status()).isEqualTo("ENDED");
    assertThat(notices.of(pi.getBusinessKey())).singleElement()
        .satisfies(n -> assertThat(n.body()).contains("经营性收入未申报", "行政复议"));
  }

  @Test
  void returnSendsTheReviewBackToTheHomeVisitAndWrongIncomesAreRefusedNamingTheField() {
    String no = poorFamily(XF);
    ProcessInstance pi = instance(startReview(no, "xf-approver"));
    DibaoCase c = cases.get(no);
    assertThatThrownBy(() -> investigate(pi.getId(), XF, incomes(no, 300, 200)))
        .hasMessageContaining("[updatedIncomes]").hasMessageContaining("张小");
    assertThatThrownBy(() -> investigate(pi.getId(), XF, incomes(no, 300, -1, 0)))
        .hasMessageContaining("[updatedIncomes]").hasMessageContaining("李四");
    assertThatThrownBy(() -> investigate(pi.getId(), XF, "[1,2]")).hasMessageContaining("[updatedIncomes]");
    assertThatThrownBy(() -> investigate(pi.getId(), XF, "{\"" + c.members().get(0).idNumber() + "\":300,"
        + "\"230110198001011234\":5}")).hasMessageContaining("不是该家庭现有成员");
    assertThatThrownBy(() -> scenario.complete(pi.getId(), "reviewInvestigation", "xf1-worker1",
        Map.of("secondInvestigator", "xf1-worker1", "findings", "x", "updatedIncomes", incomes(no, 300, 200, 0))))
        .hasMessageContaining("[secondInvestigator]");
    assertThat(pi).isWaitingAt("reviewInvestigation");

    investigate(pi.getId(), XF, incomes(no, 300, 200, 0));
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "return", "请核实配偶就业情况");
    assertThat(pi).isWaitingAt("reviewInvestigation");
    investigate(pi.getId(), XF, incomes(no, 300, 600, 0));
    assertThat(runtime.getVariable(pi.getId(), "proposedOutcome")).isEqualTo("ADJUST");
  }

  // ------------------------------------------------------------------ one open review per benefit

  @Test
  void aSecondOpenReviewIsRefusedByTheApiAndByTheDatabase() {
    String no = poorFamily(XF);
    String reviewNo = startReview(no, "xf-approver");
    assertThatThrownBy(() -> startReview(no, "xf-approver")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT)).hasMessageContaining(reviewNo);
    // the constraint itself: another open row for the same benefit
    String other = jdbc.sql("select application_no from app_case where kind = 'dibao' and application_no <> ?")
        .param(no).query(String.class).list().get(0);
    assertThatThrownBy(() -> jdbc.sql("""
        insert into dibao_review (review_no, application_no, open_application_no, review_trigger, reason, started_at,
                                  benefit, amount_before)
        values (?, ?, ?, 'DUE', 'x', current_timestamp, 'DIBAO', 1)""").params(other, no, no).update())
        .isInstanceOf(DuplicateKeyException.class);
    // a campaign and the daily job skip it: still one review
    requests.start(new DibaoReviewRequests.Request(XF, null, null, "专项清理"), scenario.staff("xf-approver"));
    scenario.runJobs();
    assertThat(reviews.ofApplication(no)).hasSize(1);
  }

  @Test
  void aCampaignStartsEveryActiveBenefitOfTheStreetBehindTheRequestAndSkipsOpenOnes() {
    String first = poorFamily(XF);
    String second = poorFamily(XF);
    Map<String, Object> answer = requests.start(new DibaoReviewRequests.Request(XF, null, null, "2026年专项清理"),
        scenario.staff("xf-approver"));
    int started = (Integer) answer.get("started");
    assertThat(started).isGreaterThanOrEqualTo(2);
    // requested, not yet started: the batches run as jobs, in two batch loops side by side (app.reviews.parallel-loops)
    assertThat(reviews.ofApplication(first)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("benefitDaily").count()).isEqualTo(2);
    scenario.runJobs();
    assertThat(reviews.ofApplication(first)).singleElement()
        .satisfies(r -> assertThat(r.trigger()).isEqualTo("CAMPAIGN"));
    assertThat(reviews.ofApplication(second)).hasSize(1);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("benefitDaily").count()).isZero();
    // again: every benefit of the street has an open review now
    assertThat(requests.start(new DibaoReviewRequests.Request(XF, null, null, "再次清理"),
        scenario.staff("xf-approver"))).containsEntry("started", 0);
    // 道里区's campaign leaves 香坊区's benefits alone
    String pilot = poorFamily(DL);
    requests.start(new DibaoReviewRequests.Request(null, "230102", null, "道里区专项清理"), scenario.staff("dl-approver"));
    scenario.runJobs();
    assertThat(reviews.ofApplication(pilot)).hasSize(1);
    assertThat(reviews.ofApplication(first)).hasSize(1);
  }

  @Test
  void aCampaignOutsideOnesDistrictIsForbiddenAndBadInputNamesEveryField() {
    assertThatThrownBy(() -> requests.start(new DibaoReviewRequests.Request(XF, null, null, "专项清理"),
        scenario.staff("dl-approver"))).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThatThrownBy(() -> requests.start(new DibaoReviewRequests.Request(XF, null, null, "专项清理"),
        scenario.staff("xf1-leader"))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> requests.start(new DibaoReviewRequests.Request(null, null, null, " "),
        scenario.staff("xf-approver"))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems()).extracting(p -> p.field()).contains("streetCode", "districtCode", "reason"));
    assertThatThrownBy(() -> requests.start(new DibaoReviewRequests.Request("230110999", "230110", null, "x"),
        scenario.staff("xf-approver"))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems()).extracting(p -> p.field()).contains("streetCode", "districtCode"));
    assertThatThrownBy(() -> requests.start(new DibaoReviewRequests.Request("230110999", null, null, "x"),
        scenario.staff("xf-approver"))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("streetCode"));
  }

  @Test
  void theDailyJobStartsTheReviewsThatFallDue() {
    String no = poorFamily(XF);
    LocalDate due = benefits.get(no).nextReviewDate();
    runDailyJobAt(due.minusDays(1));
    assertThat(reviews.ofApplication(no)).isEmpty();
    runDailyJobAt(due);
    assertThat(reviews.ofApplication(no)).singleElement().satisfies(r -> {
      assertThat(r.trigger()).isEqualTo("DUE");
      assertThat(r.open()).isTrue();
    });
    // the next day: still one
    runDailyJobAt(due.plusDays(1));
    assertThat(reviews.ofApplication(no)).hasSize(1);
  }

  // ------------------------------------------------------------------ deaths and moves

  @Test
  void deathInAOnePersonHouseholdEndsTheBenefitNextMonthWithoutAReview() {
    String alone = scenario.id(LocalDate.of(1950, 5, 5), true);
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    members.add(scenario.member("孤老", alone, "SELF", 0, "NONE"));
    String no = approved(scenario.request(XF, "URBAN", members), XF);
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    assertThatThrownBy(() -> personEvents.record(alone, new PersonEvents.Event("DEATH", today, null),
        scenario.staff("dl1-worker1"))).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThat(benefits.get(no).status()).isEqualTo("ACTIVE");

    PersonEvents.Ended ended = personEvents.record(alone, new PersonEvents.Event("DEATH", today, "死亡证明"),
        scenario.staff("xf1-worker1"));
    assertThat(ended.endedApplications()).containsExactly(no);
    assertThat(ended.reviewsStarted()).isEmpty();
    BenefitRecords.Benefit b = benefits.get(no);
    assertThat(b.status()).isEqualTo("ENDED");
    assertThat(b.endMonth()).isEqualTo(nextMonth());
    assertThat(reviews.ofApplication(no)).isEmpty();
    assertThat(notices.of(no)).filteredOn(n -> n.kind() == CaseNotices.Kind.BENEFIT_ENDED).singleElement()
        .satisfies(n -> assertThat(n.body()).contains("死亡", "停止发放"));

    PersonEvents.Ended again = personEvents.record(alone, new PersonEvents.Event("DEATH", today, "死亡证明"),
        scenario.staff("xf1-worker1"));
    assertThat(again.endedApplications()).isEmpty();
    assertThat(notices.of(no)).filteredOn(n -> n.kind() == CaseNotices.Kind.BENEFIT_ENDED).hasSize(1);
  }

  @Test
  void deathInAThreePersonHouseholdStartsAReviewWithinThreeMonthsThatNoLongerCountsTheMember() {
    String no = poorFamily(XF);
    DibaoCase c = cases.get(no);
    String husband = c.members().get(0).idNumber();
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    PersonEvents.Ended ended = personEvents.record(husband, new PersonEvents.Event("DEATH", today, null),
        scenario.staff("xf1-worker1"));
    assertThat(ended.endedApplications()).isEmpty();
    assertThat(ended.reviewsStarted()).singleElement().satisfies(n -> assertThat(n).startsWith("FC"));
    String reviewNo = ended.reviewsStarted().get(0);
    scenario.runJobs();
    assertThat(reviews.get(reviewNo).trigger()).isEqualTo("DEATH");
    assertThat(records.get(reviewNo).caseDeadline()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(90));
    assertThat(benefits.get(no).status()).isEqualTo("ACTIVE");

    PersonEvents.Ended again = personEvents.record(husband, new PersonEvents.Event("DEATH", today, null),
        scenario.staff("xf1-worker1"));
    assertThat(again.reviewsStarted()).isEmpty();
    assertThat(reviews.ofApplication(no)).hasSize(1);

    ProcessInstance pi = instance(reviewNo);
    assertThatThrownBy(() -> investigate(pi.getId(), XF, incomes(no, 300, 200, 0)))
        .hasMessageContaining("[updatedIncomes]").hasMessageContaining("不是该家庭现有成员");
    investigate(pi.getId(), XF, incomes(no, null, 200, 0));
    // two left, 200 a month: ceil(732 × 2 − 200 + 73.2) = 1338
    assertThat(runtime.getVariable(pi.getId(), "proposedOutcome")).isEqualTo("ADJUST");
    approveAll(pi, XF);
    assertThat(benefits.get(no).monthlyAmount()).isEqualByComparingTo("1338");
  }

  // ------------------------------------------------------------------ helpers

  private List<Object> history(String caseNo) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) views.status(
        caseNo.startsWith("FC") ? reviewKind : applications, caseNo, scenario.staff("admin")).get("history");
    return entries.stream().map(e -> e.get("step")).toList();
  }

  /**
   * The daily job as its timer fires it on {@code day} at 02:00: the engine's clock is moved there, the timer
   * start job of benefitDaily and the jobs of the instances it starts run (no other case's timers).
   */
  private void runDailyJobAt(LocalDate day) {
    ClockUtil.setCurrentTime(java.util.Date.from(day.atTime(2, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
    try {
      Job timer = management.createJobQuery().processDefinitionKey("benefitDaily").timers().singleResult();
      assertThat(timer).as("daily timer of benefitDaily").isNotNull();
      management.executeJob(timer.getId());
      for (int round = 0; round < 100; round++) {
        List<Job> jobs = management.createJobQuery().processDefinitionKey("benefitDaily").messages().list();
        List<Job> reviewStarts = management.createJobQuery().processDefinitionKey("dibaoReview")
            .activityId("Task_ReviewVerification").list();
        if (jobs.isEmpty() && reviewStarts.isEmpty()) {
          return;
        }
        jobs.forEach(j -> management.executeJob(j.getId()));
        reviewStarts.forEach(j -> management.executeJob(j.getId()));
      }
    } finally {
      ClockUtil.reset();
    }
  }
}
