package org.minzhengflow.funeral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.CaseViews;
import org.minzhengflow.dibao.DibaoApplicationRequest;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.minzhengflow.identification.TestIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** 惠民殡葬 on the real models: every path to a waiver or a refusal, the caps, the monthly call-back. */
@SpringBootTest
@ActiveProfiles("test")
class FuneralProcessTest {

  static final String XF = "230110001";
  static final String DL = "230102001";
  private static final AtomicInteger SERIAL = new AtomicInteger(600);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired FuneralApplications applications;
  @Autowired DibaoApplications dibao;
  @Autowired FuneralSatisfaction satisfaction;
  @Autowired CaseRecords records;
  @Autowired org.minzhengflow.casework.CaseHistory history;
  @Autowired CaseNotices notices;
  @Autowired CaseViews views;
  @Autowired BenefitRecords benefits;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

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

  static String id(LocalDate birth) {
    return TestIds.idNumber("230110", birth, SERIAL.getAndAdd(2) % 998 + 1, true);
  }

  static FuneralRequest report(String street, String name, String idNumber, LocalDate died, List<String> categories,
      List<FuneralRequest.Service> services) {
    return new FuneralRequest(street, new FuneralRequest.Deceased(name, idNumber, died.toString(), categories),
        new FuneralRequest.Caller("李家属", "13800000000", "子女"), services);
  }

  static List<FuneralRequest.Service> allFour(int days, int years) {
    return List.of(new FuneralRequest.Service("TRANSPORT", null, null), new FuneralRequest.Service("STORAGE", days, null),
        new FuneralRequest.Service("CREMATION", null, null), new FuneralRequest.Service("ASH_STORAGE", null, years));
  }

  private ProcessInstance start(FuneralRequest request, String user) {
    CaseIntake.Submitted s = applications.submit(request, scenario.staff(user));
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(s.processInstanceId()).singleResult();
    scenario.runJobs();
    return pi;
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  private Map<String, Object> rendered(int storageDays, int ashYears, Integer cremationFee) {
    Map<String, Object> v = new HashMap<>();
    v.put("transport", true);
    v.put("storageDays", storageDays);
    v.put("cremation", true);
    v.put("ashStorageYears", ashYears);
    if (cremationFee != null) {
      v.put("cremationFee", cremationFee);
    }
    return v;
  }

  @Test
  void aDibaoMemberIsWaivedByTheRegistryAndEachServiceIsCappedByTheTable() {
    DibaoApplicationRequest household = scenario.poorFamily(DL);
    ProcessInstance dibaoCase = runtime.createProcessInstanceQuery()
        .processInstanceId(scenario.submit(household, "dl1-worker1").processInstanceId()).singleResult();
    scenario.runJobs();
    scenario.investigate(dibaoCase.getId(), "dl1-worker1", "dl1-worker2");
    scenario.review(dibaoCase.getId(), "streetReview", "dl1-leader", "approve", null);
    scenario.fireTimer(dibaoCase.getId(), "Event_NoticePeriodEnded");
    assertThat(records.get(dibaoCase.getBusinessKey()).status().name()).isEqualTo("APPROVED");

    DibaoApplicationRequest.Member father = household.members().get(0);
    ProcessInstance pi = start(report(DL, father.name(), father.idNumber(), today(), List.of(), allFour(5, 2)), "hotline1");
    assertThat(pi).hasPassed("Task_CheckEligibility", "Task_RecordDeath").isWaitingAt("serviceConfirmation")
        .hasNotPassed("eligibilityConfirmation");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("funeral-home").count()).isOne();
    // 身后一件事: the same report started the re-review of the deceased's 低保 household, without a second report
    assertThat(jdbc.sql("select review_trigger from dibao_review where application_no = ?")
        .param(dibaoCase.getBusinessKey()).query(String.class).list()).containsExactly("DEATH");
    assertThat(history.of(pi.getBusinessKey())).extracting(e -> e.step()).contains("deathRecorded");

    // transport 200; storage 5 days but at most 3 × 110; cremation charged 150 (< 190); ash storage 2 × 72
    scenario.complete(pi.getId(), "serviceConfirmation", "funeral-home1", rendered(5, 2, 150));
    assertThat(pi).isEnded().hasPassed("Task_Settle", "End_Waived");
    assertThat(records.get(pi.getBusinessKey()).status().name()).isEqualTo("APPROVED");
    Map<String, Object> status = views.status(applications, pi.getBusinessKey(), scenario.staff("hotline1"));
    assertThat(new BigDecimal(status.get("waivedAmount").toString())).isEqualByComparingTo("824");
    assertThat(status.get("eligibleBy")).isEqualTo("REGISTRY");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines = (List<Map<String, Object>>) status.get("services");
    assertThat(lines).extracting(l -> l.get("kind") + "=" + new BigDecimal(l.get("waived").toString()).stripTrailingZeros().toPlainString())
        .containsExactly("TRANSPORT=200", "STORAGE=330", "CREMATION=150", "ASH_STORAGE=144");
    assertThat(status.get("deceasedIdNumber").toString()).doesNotContain(father.idNumber().substring(6, 14));

    BenefitRecords.Benefit settled = benefits.get(pi.getBusinessKey());
    assertThat(settled.benefit()).isEqualTo("FUNERAL_WAIVER");
    assertThat(settled.oneOff()).isTrue();
    assertThat(settled.monthlyAmount()).isEqualByComparingTo("824");
    assertThat(settled.payeeName()).isEqualTo("哈尔滨市殡仪馆");
    assertThat(notices.of(pi.getBusinessKey())).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(CaseNotices.Kind.APPROVAL);
      assertThat(n.body()).contains("低保对象", "遗体暂存5天减免330元", "合计减免824元", "哈尔滨市殡仪馆");
    });
  }

  @Test
  void aCentenarianIsWaivedFromTheIdNumber() {
    String idNumber = id(today().minusYears(100).minusDays(3));
    ProcessInstance pi = start(report(XF, "百岁老人", idNumber, today(), List.of(),
        List.of(new FuneralRequest.Service("CREMATION", null, null))), "xf1-worker1");
    assertThat(pi).isWaitingAt("serviceConfirmation");
    Map<String, Object> done = new HashMap<>();
    done.put("cremation", true);
    scenario.complete(pi.getId(), "serviceConfirmation", "funeral-home1", done);
    assertThat(pi).isEnded().hasPassed("End_Waived");
    assertThat(benefits.get(pi.getBusinessKey()).monthlyAmount()).isEqualByComparingTo("190");
  }

  @Test
  void aDeclaredCategoryConfirmedByTheStreetIsWaived() {
    ProcessInstance pi = start(report(XF, "优抚老兵", id(LocalDate.of(1940, 8, 1)), today().minusDays(1),
        List.of("PRIORITY_CARE"), List.of(new FuneralRequest.Service("STORAGE", 2, null))), "hotline1");
    assertThat(pi).isWaitingAt("eligibilityConfirmation");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId())
        .taskCandidateGroup("street-230110001-caseworker").count()).isOne();
    scenario.review(pi.getId(), "eligibilityConfirmation", "xf1-worker1", "approve", null);
    assertThat(pi).isWaitingAt("serviceConfirmation");
    assertThatThrownBy(() -> scenario.complete(pi.getId(), "serviceConfirmation", "funeral-home1", Map.of()))
        .hasMessageContaining("storageDays");
    scenario.complete(pi.getId(), "serviceConfirmation", "funeral-home1", Map.of("storageDays", 2));
    assertThat(pi).isEnded().hasPassed("End_Waived");
    assertThat(benefits.get(pi.getBusinessKey()).monthlyAmount()).isEqualByComparingTo("220");
  }

  @Test
  void aDeclaredCategoryTheStreetDoesNotConfirmIsRefusedWithItsReason() {
    ProcessInstance pi = start(report(XF, "某逝者", id(LocalDate.of(1950, 1, 1)), today(),
        List.of("SEVERE_DISABILITY"), List.of(new FuneralRequest.Service("TRANSPORT", null, null))), "xf1-worker2");
    scenario.review(pi.getId(), "eligibilityConfirmation", "xf1-worker1", "reject", "残疾证为三级,不属于重度残疾");
    assertThat(pi).isEnded().hasPassed("Task_Refuse", "End_Refused").hasNotPassed("serviceConfirmation");
    assertThat(records.get(pi.getBusinessKey()).status().name()).isEqualTo("REJECTED");
    assertThat(notices.of(pi.getBusinessKey()).get(0).body()).contains("残疾证为三级", "行政复议");
    assertThat(benefits.find(pi.getBusinessKey())).isEmpty();
  }

  @Test
  void someoneQualifyingForNothingIsRefusedAtOnceAndASecondReportIsAConflict() {
    String idNumber = id(LocalDate.of(1960, 3, 3));
    FuneralRequest request = report(XF, "普通市民", idNumber, today(), List.of(), allFour(1, 1));
    ProcessInstance pi = start(request, "hotline1");
    assertThat(pi).isEnded().hasPassed("Task_Refuse").hasNotPassed("eligibilityConfirmation", "serviceConfirmation");
    assertThat(records.reasons(pi.getBusinessKey())).singleElement().asString().contains("不属于惠民殡葬基本服务费减免对象");
    assertThat(notices.of(pi.getBusinessKey()).get(0).kind()).isEqualTo(CaseNotices.Kind.REJECTION);

    long cases = jdbc.sql("select count(*) from app_case").query(Long.class).single();
    assertThatThrownBy(() -> applications.submit(request, scenario.staff("hotline1")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
          assertThat(e.getMessage()).contains(pi.getBusinessKey());
        });
    assertThat(jdbc.sql("select count(*) from app_case").query(Long.class).single()).isEqualTo(cases);
  }

  @Test
  void badReportsNameEveryFieldAndStoreNothing() {
    long cases = jdbc.sql("select count(*) from app_case").query(Long.class).single();
    String badCheckDigit = id(LocalDate.of(1950, 1, 1));
    badCheckDigit = badCheckDigit.substring(0, 17) + (badCheckDigit.charAt(17) == '1' ? '2' : '1');
    FuneralRequest bad = new FuneralRequest(XF,
        new FuneralRequest.Deceased("", badCheckDigit, today().plusDays(1).toString(), List.of("MARTIAN")),
        new FuneralRequest.Caller("李家属", "abc", "子女"),
        List.of(new FuneralRequest.Service("EMBALMING", null, null), new FuneralRequest.Service("STORAGE", 0, null),
            new FuneralRequest.Service("ASH_STORAGE", null, 99)));
    assertThatThrownBy(() -> applications.submit(bad, scenario.staff("hotline1")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains(
            "deceased.name", "deceased.idNumber", "deceased.dateOfDeath", "deceased.categories[0]", "caller.phone",
            "services[0].kind", "services[1].days", "services[2].years"));
    assertThat(jdbc.sql("select count(*) from app_case").query(Long.class).single()).isEqualTo(cases);
  }

  @Test
  void onlyTheHotlineAndTheStreetsOwnCaseworkersMayReport() {
    FuneralRequest request = report(XF, "某逝者", id(LocalDate.of(1950, 2, 2)), today(), List.of(), allFour(1, 1));
    for (String user : List.of("dl1-worker1", "funeral-home1", "xf1-leader")) {
      assertThatThrownBy(() -> applications.submit(request, scenario.staff(user)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }
  }

  @Test
  void thirtyPercentOfAMonthsFinishedCasesAreCalledBackOnceAndTheRateCountsTheReachedFamilies() {
    for (int i = 0; i < 4; i++) {
      start(report(XF, "回访逝者" + i, id(LocalDate.of(1955, 1, 1 + i)), today(), List.of(), allFour(1, 1)), "hotline1");
    }
    YearMonth month = YearMonth.now(clock);
    int finished = jdbc.sql("select count(*) from funeral_application where finished_at is not null")
        .query(Integer.class).single();
    int sampled = satisfaction.sample(month);
    assertThat(sampled).isEqualTo((int) Math.ceil(finished * 0.3));
    assertThat(satisfaction.sample(month)).as("a month is sampled once").isZero();
    List<ProcessInstance> callbacks = runtime.createProcessInstanceQuery()
        .processDefinitionKey(FuneralSatisfaction.CALLBACK_PROCESS).list();
    assertThat(callbacks).hasSize(sampled);
    assertThat(tasks.createTaskQuery().taskDefinitionKey("satisfactionCallback").taskCandidateGroup("hotline").count())
        .isEqualTo(sampled);

    ProcessInstance satisfied = callbacks.get(0);
    assertThatThrownBy(() -> scenario.complete(satisfied.getId(), "satisfactionCallback", "hotline1",
        Map.of("reached", true))).hasMessageContaining("satisfied");
    scenario.complete(satisfied.getId(), "satisfactionCallback", "hotline1",
        Map.of("reached", true, "satisfied", true, "comment", "服务周到"));
    assertThat(satisfied).isEnded();

    ProcessInstance unreached = callbacks.get(1);
    for (int attempt = 1; attempt <= 3; attempt++) {
      scenario.complete(unreached.getId(), "satisfactionCallback", "hotline1", Map.of("reached", false));
      if (attempt < 3) {
        assertThat(unreached).isWaitingAt("Event_RetryNextDay");
        scenario.fireTimer(unreached.getId(), "Event_RetryNextDay");
      }
    }
    assertThat(unreached).isEnded();

    Map<String, Object> figures = satisfaction.figures(month);
    assertThat(figures).containsEntry("finished", finished).containsEntry("sampled", sampled)
        .containsEntry("reached", 1).containsEntry("satisfied", 1).containsEntry("unreached", 1)
        .containsEntry("pending", sampled - 2);
    assertThat(new BigDecimal(figures.get("rate").toString())).isEqualByComparingTo("1");
  }
}
