package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseDeadlines;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.stereotype.Service;

/**
 * What the automatic steps of a nursing-home case do. Each method can run again after a failure or
 * a retried job and leaves the same state (assignments, not increments; notices issued once).
 */
@Service
public class NursingHomeWorkflow {

  /** The reason given when the district bureau sends the application back for more materials. */
  static final String RETURNED = "退回补充材料";

  private final NursingHomeCases cases;
  private final NursingHomeTables tables;
  private final NursingHomeCalculation calculation;
  private final NursingHomeDepartments departments;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final CaseHistory history;
  private final BenefitClaims claims;
  private final BenefitRecords benefits;
  private final JurisdictionRepository jurisdictions;
  private final CaseDeadlines deadlines;
  private final Clock clock;

  public NursingHomeWorkflow(NursingHomeCases cases, NursingHomeTables tables, NursingHomeCalculation calculation,
      NursingHomeDepartments departments, CaseNotices notices, NoticeTemplates texts, CaseHistory history,
      BenefitClaims claims, BenefitRecords benefits, JurisdictionRepository jurisdictions, CaseDeadlines deadlines,
      Clock clock) {
    this.cases = cases;
    this.tables = tables;
    this.calculation = calculation;
    this.departments = departments;
    this.notices = notices;
    this.texts = texts;
    this.history = history;
    this.claims = claims;
    this.benefits = benefits;
    this.jurisdictions = jurisdictions;
    this.deadlines = deadlines;
    this.clock = clock;
  }

  /**
   * 自动预审: every condition of the policy that is not met (pre-check table, COLLECT), plus the
   * reason of a zero amount, listed at once. Also stores the proposed amount on the declared figures.
   * Returns true when the application may go to the district's material review.
   */
  public boolean precheck(String applicationNo) {
    NursingHomeCase c = cases.get(applicationNo);
    LocalDate applied = LocalDate.ofInstant(c.submittedAt(), clock.getZone());
    BigDecimal occupancy = BigDecimal.valueOf(c.occupiedBeds()).divide(BigDecimal.valueOf(c.beds()), 4, RoundingMode.FLOOR);
    BigDecimal newHire = c.newHireRatio() == null ? BigDecimal.ZERO : c.newHireRatio();
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("policy", c.policy().name());
    inputs.put("monthsInOperation", NursingHomeCalculation.monthsInOperation(c.operatingSince(), applied));
    inputs.put("newBeds", c.newBeds());
    inputs.put("siteRented", c.siteRented());
    inputs.put("leaseYears", c.lease());
    inputs.put("occupancyRate", occupancy.doubleValue());
    inputs.put("occupancyText", NursingHomeCalculation.percent(occupancy));
    inputs.put("fireSafetyApproved", c.fireSafetyApproved());
    inputs.put("starRating", c.star());
    inputs.put("localResidents", c.localResidents());
    inputs.put("newHireRatio", newHire.doubleValue());
    inputs.put("newHireText", NursingHomeCalculation.percent(newHire));
    inputs.put("loanAmount", c.loanAmount() == null ? 0d : c.loanAmount().doubleValue());
    List<String> reasons = new ArrayList<>(tables.prechecks(inputs));
    NursingHomeCalculation.Result result = calculation.calculate(c);
    if (result.zeroReason() != null && !reasons.contains(result.zeroReason())) {
      reasons.add(result.zeroReason());
    }
    cases.setPrecheck(applicationNo, reasons);
    cases.setCalculation(applicationNo, result.amount(), result.lines());
    history.record(applicationNo, c.processInstanceId(), null, "precheck", "自动预审", null, null,
        reasons.isEmpty()
            ? "预审通过,按申报数据测算" + c.policy().label() + Yuan.format(result.amount()) + "元" + period(c)
            : "预审未通过:" + String.join(";", reasons));
    return reasons.isEmpty();
  }

  /**
   * After the site inspection and the department opinions: the amount is recalculated on the
   * inspected figures, and the departments' opinions of this round are summed up for the city.
   * Returns true when every department agreed; either way the case goes to the city, which sees
   * every opinion.
   */
  public boolean evaluate(String applicationNo, String processInstanceId, int round) {
    NursingHomeCase c = cases.get(applicationNo);
    NursingHomeCalculation.Result result = calculation.calculate(c);
    cases.setCalculation(applicationNo, result.amount(), result.lines());
    List<NursingHomeCases.Opinion> opinions = cases.opinions(applicationNo, round);
    List<String> parts = new ArrayList<>();
    boolean agree = true;
    for (NursingHomeCases.Opinion o : opinions) {
      boolean approve = "approve".equals(o.decision());
      agree &= approve;
      parts.add(departments.label(o.department()) + (approve ? "同意" : "不同意") + (o.opinion() == null ? "" : "(" + o.opinion() + ")"));
    }
    history.record(applicationNo, processInstanceId, null, "departmentOpinions", "部门意见汇总", null, null,
        String.join(";", parts) + (agree ? "。各部门均同意,报市民政局审批" : "。有部门不同意,连同各部门意见报市民政局决定")
            + ";核定" + c.policy().label() + Yuan.format(result.amount()) + "元" + period(c));
    return agree;
  }

  /** 公示: institution, policy, proposed amount and how it was calculated. */
  public void publishNotice(String applicationNo) {
    NursingHomeCase c = cases.get(applicationNo);
    int days = deadlines.noticeDays(NursingHomeApplications.PROCESS_KEY, false, c.greenChannel());
    String district = jurisdictions.find(c.districtCode()).map(j -> j.name()).orElse(c.districtCode());
    Map<String, Object> values = Map.of(
        "policy", c.policy().label(),
        "institution", c.institutionName(),
        "creditCode", c.creditCode(),
        "filingNo", c.filingNo(),
        "amount", Yuan.format(c.amount()),
        "period", period(c),
        "breakdown", String.join(";", c.breakdown()),
        "days", days,
        "district", district);
    notices.issue(applicationNo, CaseNotices.Kind.PUBLIC_NOTICE, texts.render("nursingHome.publicNotice.title", values),
        texts.render("nursingHome.publicNotice.body", values));
  }

  /** An objection during the notice sends the case back to the district's material review. */
  public void reopenAfterObjection(String applicationNo, String processInstanceId, String objection) {
    history.record(applicationNo, processInstanceId, null, "objection", "公示期异议", null, null,
        "公示期间收到异议,退回区民政局重新审核:" + (objection == null ? "" : objection));
  }

  /**
   * Approval: a benefit record with the approved amount and the notice with the calculation. The
   * operating subsidy is paid monthly from next month and keeps the institution's claim; the one-off
   * subsidies are paid once (the record ends after that month) and release the claim, so the
   * institution may apply again later, e.g. for further new beds.
   */
  public void grant(String applicationNo) {
    NursingHomeCase c = cases.get(applicationNo);
    LocalDate from = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    cases.decide(applicationNo, List.of(), clock.instant());
    benefits.grant(applicationNo, c.policy().benefit(), c.policy().name(), c.districtCode(), c.amount(), from);
    if (!c.policy().monthly()) {
      benefits.end(applicationNo, from.plusMonths(1), "一次性补贴,已于" + from.getYear() + "年" + from.getMonthValue() + "月拨付");
      claims.release(applicationNo);
    }
    String payment = texts.render(c.policy().monthly() ? "nursingHome.approval.payment.monthly" : "nursingHome.approval.payment.once",
        Map.of("amount", Yuan.format(c.amount()), "year", from.getYear(), "month", from.getMonthValue()));
    Map<String, Object> values = Map.of(
        "policy", c.policy().label(),
        "institution", c.institutionName(),
        "payment", payment,
        "breakdown", String.join(";", c.breakdown()));
    notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, texts.render("nursingHome.approval.title", values),
        texts.render("nursingHome.approval.body", values));
  }

  /**
   * The case ends without support: pre-check failures, a reviewer's rejection (with its opinion),
   * or the district's return for more materials (退回补充材料: the institution files again once the
   * materials are complete). The claim is released and the notice lists every reason.
   */
  public void close(String applicationNo, String decision, String opinion, String stepName) {
    NursingHomeCase c = cases.get(applicationNo);
    List<String> reasons = new ArrayList<>(c.precheckReasons());
    boolean returned = "return".equals(decision);
    if (returned) {
      reasons.add(RETURNED + ":" + (opinion == null ? "" : opinion));
    } else if ("reject".equals(decision)) {
      reasons.add((stepName == null ? "审核" : stepName) + "意见:" + (opinion == null ? "" : opinion));
    }
    cases.decide(applicationNo, reasons, clock.instant());
    claims.release(applicationNo);
    String notice = returned ? "nursingHome.returned" : "nursingHome.rejection";
    Map<String, Object> values = Map.of(
        "policy", c.policy().label(),
        "institution", c.institutionName(),
        "reasons", String.join(";", reasons));
    notices.issue(applicationNo, CaseNotices.Kind.REJECTION, texts.render(notice + ".title", values),
        texts.render(notice + ".body", values));
  }

  private static String period(NursingHomeCase c) {
    return c.policy().monthly() ? "/月" : "";
  }
}
