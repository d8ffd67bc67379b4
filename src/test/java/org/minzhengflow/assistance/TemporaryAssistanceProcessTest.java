package org.minzhengflow.assistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
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
import org.minzhengflow.casework.PaymentAccounts;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.CaseDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * 临时救助 on the real model: an emergency granted first and verified afterwards (justified, unjustified, above the
 * street's limit), an expenditure verified first (within and above the limit, refused); caps; 节日补贴 once a year.
 */
@SpringBootTest
@ActiveProfiles("test")
class TemporaryAssistanceProcessTest {

  static final String XF = "230110001";
  private static final AtomicInteger SERIAL = new AtomicInteger(700);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TemporaryAssistanceApplications applications;
  @Autowired TemporaryAssistanceCases cases;
  @Autowired HolidaySubsidies holidays;
  @Autowired CaseRecords records;
  @Autowired CaseNotices notices;
  @Autowired BenefitRecords benefits;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  CaseDriver driver;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    driver = new CaseDriver(tasks, management, identity);
  }

  @AfterEach
  void tearDown() {
    AbstractAssertions.reset();
  }

  static TemporaryAssistanceRequest request(String type, int size, String amount) {
    String id = TestIds.idNumber("230110", LocalDate.of(1977, 7, 17), SERIAL.getAndAdd(2) % 998 + 1, true);
    return new TemporaryAssistanceRequest(XF, type, new TemporaryAssistanceRequest.Applicant("钱某", id), size,
        "EMERGENCY".equals(type) ? "家中失火,房屋损毁" : "子女重病住院,自付医疗费用高", new BigDecimal(amount), null,
        new PaymentAccounts.Payment("中国农业银行", "6228480000000000011"));
  }

  private ProcessInstance start(TemporaryAssistanceRequest request) {
    CaseIntake.Submitted s = applications.submit(request, driver.staff("xf1-worker1"));
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(s.processInstanceId()).singleResult();
    driver.runJobs();
    return pi;
  }

  private static Map<String, Object> approve(String amount) {
    Map<String, Object> v = new HashMap<>();
    v.put("decision", "approve");
    v.put("grantedAmount", Double.valueOf(amount));
    return v;
  }

  @Test
  void anEmergencyIsGrantedFirstInCashAndVerifiedAfterwards() {
    // two people on the 732 yuan standard: cap 3 × 1464 = 4392, street limit 1464
    ProcessInstance pi = start(request("EMERGENCY", 2, "1200"));
    assertThat(pi).isWaitingAt("streetEmergencyGrant");
    TemporaryAssistanceCases.Case c = cases.get(pi.getBusinessKey());
    assertThat(c.capAmount()).isEqualByComparingTo("4392");
    assertThat(c.streetLimit()).isEqualByComparingTo("1464");

    Map<String, Object> grant = approve("1200");
    grant.put("cash", true);
    driver.complete(pi.getId(), "streetEmergencyGrant", "xf1-leader", grant);
    assertThat(pi).hasPassed("Task_PayFirst").isWaitingAt("followUpVerification");
    assertThat(records.get(pi.getBusinessKey()).status().name()).isEqualTo("APPROVED");
    BenefitRecords.Benefit paid = benefits.get(pi.getBusinessKey());
    assertThat(paid.benefit()).isEqualTo("TEMPORARY_ASSISTANCE");
    assertThat(paid.oneOff()).isTrue();
    assertThat(paid.monthlyAmount()).isEqualByComparingTo("1200");
    assertThat(jdbc.sql("select paid_outside_runs from benefit_record where application_no = ?")
        .param(pi.getBusinessKey()).query(Boolean.class).single()).isTrue();
    assertThat(notices.of(pi.getBusinessKey()).get(0).body()).contains("1200", "现金", "补充核实");

    assertThatThrownBy(() -> driver.complete(pi.getId(), "followUpVerification", "xf1-worker2", Map.of("findings", "属实")))
        .hasMessageContaining("justified");
    driver.complete(pi.getId(), "followUpVerification", "xf1-worker2", Map.of("justified", true, "findings", "消防证明属实"));
    assertThat(pi).isEnded().hasPassed("Task_Close").hasNotPassed("districtApproval", "Task_RecordRecovery");
    assertThat(records.get(pi.getBusinessKey()).status().name()).isEqualTo("APPROVED");
  }

  @Test
  void anUnjustifiedEmergencyGrantIsRecovered() {
    ProcessInstance pi = start(request("EMERGENCY", 1, "500"));
    driver.complete(pi.getId(), "streetEmergencyGrant", "xf1-leader", approve("500"));
    driver.complete(pi.getId(), "followUpVerification", "xf1-worker2",
        Map.of("justified", false, "findings", "经查火灾系虚报"));
    assertThat(pi).isEnded().hasPassed("Task_RecordRecovery", "End_Recovered");
    assertThat(records.get(pi.getBusinessKey()).status().name()).isEqualTo("REVOKED");
    assertThat(cases.get(pi.getBusinessKey()).recoveryAmount()).isEqualByComparingTo("500");
    assertThat(benefits.get(pi.getBusinessKey()).status()).isEqualTo("ENDED");
    assertThat(notices.of(pi.getBusinessKey())).extracting(CaseNotices.Notice::kind)
        .containsExactly(CaseNotices.Kind.APPROVAL, CaseNotices.Kind.REVOCATION);
    assertThat(notices.of(pi.getBusinessKey()).get(1).body()).contains("追回", "虚报", "行政复议");
  }

  @Test
  void anEmergencyAboveTheStreetsLimitGoesToTheDistrictAfterVerification() {
    ProcessInstance pi = start(request("EMERGENCY", 1, "2000"));
    // one person: cap 2196, street limit 732
    assertThatThrownBy(() -> driver.complete(pi.getId(), "streetEmergencyGrant", "xf1-leader", approve("2500")))
        .hasMessageContaining("grantedAmount").hasMessageContaining("2196");
    driver.complete(pi.getId(), "streetEmergencyGrant", "xf1-leader", approve("2000"));
    driver.complete(pi.getId(), "followUpVerification", "xf1-worker2", Map.of("justified", true, "findings", "属实"));
    assertThat(pi).isWaitingAt("districtApproval");
    driver.complete(pi.getId(), "districtApproval", "xf-approver", Map.of("decision", "approve"));
    assertThat(pi).isEnded().hasPassed("Task_Close");
    assertThat(benefits.get(pi.getBusinessKey()).monthlyAmount()).isEqualByComparingTo("2000");
  }

  @Test
  void anExpenditureIsVerifiedFirstThenGrantedWithinTheStreetsLimit() {
    ProcessInstance pi = start(request("EXPENDITURE", 3, "2000"));
    assertThat(pi).isWaitingAt("expenditureVerification").hasNotPassed("streetEmergencyGrant");
    assertThat(benefits.find(pi.getBusinessKey())).isEmpty();
    driver.complete(pi.getId(), "expenditureVerification", "xf1-worker1", Map.of("findings", "住院发票合计自付3万元"));
    driver.complete(pi.getId(), "streetReview", "xf1-leader", approve("2000"));
    assertThat(pi).isEnded().hasPassed("Task_Grant", "Task_Close").hasNotPassed("districtApproval");
    BenefitRecords.Benefit granted = benefits.get(pi.getBusinessKey());
    assertThat(granted.monthlyAmount()).isEqualByComparingTo("2000");
    assertThat(granted.startMonth()).isEqualTo(LocalDate.now(clock).withDayOfMonth(1));
    assertThat(jdbc.sql("select paid_outside_runs from benefit_record where application_no = ?")
        .param(pi.getBusinessKey()).query(Boolean.class).single()).isFalse();
  }

  @Test
  void anExpenditureAboveTheStreetsLimitIsApprovedOrRefusedByTheDistrict() {
    ProcessInstance approved = start(request("EXPENDITURE", 1, "4000"));
    driver.complete(approved.getId(), "expenditureVerification", "xf1-worker1", Map.of("findings", "属实"));
    driver.complete(approved.getId(), "streetReview", "xf1-leader", approve("4000"));
    assertThat(approved).isWaitingAt("districtApproval");
    driver.complete(approved.getId(), "districtApproval", "xf-approver", approve("3500"));
    assertThat(approved).isEnded().hasPassed("Task_Grant");
    assertThat(benefits.get(approved.getBusinessKey()).monthlyAmount()).isEqualByComparingTo("3500");

    ProcessInstance refused = start(request("EXPENDITURE", 1, "4000"));
    driver.complete(refused.getId(), "expenditureVerification", "xf1-worker1", Map.of("findings", "已获医保二次报销"));
    driver.complete(refused.getId(), "streetReview", "xf1-leader", approve("4000"));
    driver.complete(refused.getId(), "districtApproval", "xf-approver",
        Map.of("decision", "reject", "opinion", "已获医保二次报销,不再救助"));
    assertThat(refused).isEnded().hasPassed("Task_Refuse").hasNotPassed("Task_Grant");
    assertThat(records.get(refused.getBusinessKey()).status().name()).isEqualTo("REJECTED");
    assertThat(benefits.find(refused.getBusinessKey())).isEmpty();
  }

  @Test
  void badApplicationsNameEveryFieldAndAnOpenCaseBlocksASecond() {
    TemporaryAssistanceRequest bad = new TemporaryAssistanceRequest("999", "FLOOD",
        new TemporaryAssistanceRequest.Applicant("", "123"), 0, "", new BigDecimal("-5"), "MARS",
        new PaymentAccounts.Payment("", "12"));
    assertThatThrownBy(() -> applications.submit(bad, driver.staff("xf1-worker1")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("streetCode", "type",
            "applicant.name", "applicant.idNumber", "householdSize", "reason", "requestedAmount", "areaType",
            "payment.bankName", "payment.accountNo"));

    TemporaryAssistanceRequest ok = request("EXPENDITURE", 2, "800");
    assertThatThrownBy(() -> applications.submit(ok, driver.staff("dl1-worker1")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    start(ok);
    assertThatThrownBy(() -> applications.submit(ok, driver.staff("xf1-worker2")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
  }

  @Test
  void aHolidaySubsidyReachesEveryPayableHouseholdOnceAYear() {
    YearMonth next = YearMonth.now(clock).plusMonths(1);
    int year = next.getYear();
    long dibao = payable("DIBAO", next);
    long regular = payable("REGULAR_FIXED", next);
    assertThatThrownBy(() -> holidays.call(new HolidaySubsidies.Call("MID_AUTUMN", year, next.toString()),
        driver.staff("xf-approver")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThatThrownBy(() -> holidays.call(new HolidaySubsidies.Call("QINGMING", year, "2027-13"),
        driver.staff("city-approver")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("holiday", "month"));

    HolidaySubsidies.Added added = holidays.call(new HolidaySubsidies.Call("MID_AUTUMN", year, next.toString()),
        driver.staff("city-approver"));
    assertThat(added.households()).isEqualTo(dibao + regular);
    assertThat(added.total()).isEqualByComparingTo(BigDecimal.valueOf(300 * dibao + 200 * regular));
    assertThatThrownBy(() -> holidays.call(new HolidaySubsidies.Call("MID_AUTUMN", year, next.toString()),
        driver.staff("city-approver")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    assertThat(jdbc.sql("select count(*) from holiday_subsidy where holiday = 'MID_AUTUMN' and holiday_year = ?").param(year)
        .query(Long.class).single()).isEqualTo(dibao + regular);
  }

  private long payable(String benefit, YearMonth month) {
    return jdbc.sql("""
        select count(*) from benefit_record where benefit = ? and status in ('ACTIVE', 'GRADUAL_EXIT')
          and start_month <= ? and (end_month is null or end_month > ?)""")
        .params(benefit, java.sql.Date.valueOf(month.atDay(1)), java.sql.Date.valueOf(month.atDay(1)))
        .query(Long.class).single();
  }
}
