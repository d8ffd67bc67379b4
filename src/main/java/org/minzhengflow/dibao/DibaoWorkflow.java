package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.review.CaseHistory;
import org.minzhengflow.verification.EconomicStatusSource;
import org.minzhengflow.verification.StaffRelatives;
import org.minzhengflow.verification.VerificationRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * What the automatic steps of a dibao case do. Each method can run again after a failure or a
 * retried job and leaves the same state (assignments, not increments; notices issued once).
 */
@Service
public class DibaoWorkflow {

  private final DibaoCases cases;
  private final DibaoTables tables;
  private final EconomicStatusSource source;
  private final StaffRelatives relatives;
  private final CaseNotices notices;
  private final CaseHistory history;
  private final BenefitClaims claims;
  private final BenefitRecords benefits;
  private final Clock clock;
  private final DoubleSupplier random;

  @Autowired
  public DibaoWorkflow(DibaoCases cases, DibaoTables tables, EconomicStatusSource source, StaffRelatives relatives,
      CaseNotices notices, CaseHistory history, BenefitClaims claims, BenefitRecords benefits, Clock clock) {
    this(cases, tables, source, relatives, notices, history, claims, benefits, clock, Math::random);
  }

  DibaoWorkflow(DibaoCases cases, DibaoTables tables, EconomicStatusSource source, StaffRelatives relatives,
      CaseNotices notices, CaseHistory history, BenefitClaims claims, BenefitRecords benefits, Clock clock,
      DoubleSupplier random) {
    this.cases = cases;
    this.tables = tables;
    this.source = source;
    this.relatives = relatives;
    this.notices = notices;
    this.history = history;
    this.claims = claims;
    this.benefits = benefits;
    this.clock = clock;
    this.random = random;
  }

  /**
   * 信息核对: verified wage and pension income replace lower declared figures; vehicles, homes
   * beyond the limit, non-residential property, business registrations and deposits above the
   * limit are findings. Returns true when the household is disqualified by them.
   */
  public boolean verify(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    List<String> ids = c.members().stream().map(Member::idNumber).toList();
    List<VerificationRecord> records = source.lookup(ids);
    Map<String, BigDecimal> incomeById = records.stream()
        .filter(r -> r.kind() == VerificationRecord.Kind.WAGE || r.kind() == VerificationRecord.Kind.PENSION)
        .collect(Collectors.groupingBy(VerificationRecord::idNumber,
            Collectors.reducing(BigDecimal.ZERO, VerificationRecord::amount, BigDecimal::add)));
    for (Member m : c.members()) {
      cases.setVerifiedIncome(applicationNo, m.idNumber(), incomeById.get(m.idNumber()));
    }
    DibaoTables.Standard standard = standardOf(c);
    DibaoPolicy policy = tables.policy(c.areaType());
    BigDecimal deposits = records.stream().filter(r -> r.kind() == VerificationRecord.Kind.DEPOSIT)
        .map(VerificationRecord::amount).reduce(BigDecimal.ZERO, BigDecimal::add).max(c.financialAssets());
    BigDecimal limit = standard.monthly().multiply(BigDecimal.valueOf(policy.assetMonths()))
        .multiply(BigDecimal.valueOf(c.members().size())).setScale(2, RoundingMode.HALF_UP);
    DibaoTables.Assets assets = new DibaoTables.Assets(
        Math.toIntExact(Math.max(c.vehicles(), count(records, VerificationRecord.Kind.VEHICLE))),
        Math.toIntExact(Math.max(c.houses(), count(records, VerificationRecord.Kind.REAL_ESTATE))),
        c.nonResidential(),
        c.businessRegistered() || count(records, VerificationRecord.Kind.BUSINESS) > 0,
        deposits, limit, policy.maxHouses(), policy.assetMonths());
    List<String> findings = tables.assetFindings(assets).stream().map(DibaoTables.Finding::reason).toList();
    cases.setReasons(applicationNo, findings);
    history.record(applicationNo, c.processInstanceId(), null, "verification", "家庭经济状况核对", null, null,
        findings.isEmpty() ? "核对完成,未发现不符合条件的财产或收入" : String.join(";", findings));
    return !findings.isEmpty();
  }

  /** 近亲属备案: marks the case when anyone in the household is a registered staff relative. */
  public boolean checkCloseRelatives(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    List<StaffRelatives.Entry> entries = relatives.among(c.members().stream().map(Member::idNumber).toList());
    boolean flagged = !entries.isEmpty();
    cases.setCloseRelative(applicationNo, flagged);
    if (flagged) {
      history.record(applicationNo, c.processInstanceId(), null, "closeRelative", "近亲属备案", null, null,
          "申请家庭成员为民政或社会救助工作人员的近亲属,已单独登记备案,相关工作人员回避,区级必审/必查");
    }
    return flagged;
  }

  /** Outcome of the assessment: tier code and the monthly amount (0 unless 低保). */
  public record Assessment(String tier, BigDecimal monthlyAmount) {}

  public Assessment assess(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    DibaoTables.Standard standard = standardOf(c);
    DibaoPolicy policy = tables.policy(c.areaType());
    LocalDate today = LocalDate.now(clock);
    DibaoTables.Tier tier = tables.tier(c.areaType(), DibaoCalculation.incomeRatio(c.members(), standard));
    String code = tier.code();
    BigDecimal amount = BigDecimal.ZERO;
    List<Member> alone = List.of();
    if ("DIBAO".equals(code)) {
      amount = DibaoCalculation.monthlyAmount(c.members(), standard, policy.extraRate(), tables.extraEligibleOn(today));
    } else {
      // 单人户: just above the line, a severely disabled or seriously ill member may be covered alone
      String householdTier = code;
      alone = c.members().stream().filter(m -> tables.coveredAlone(householdTier, m)).toList();
      if (!alone.isEmpty()) {
        code = "DIBAO";
        amount = DibaoCalculation.singlePersonAmount(alone, standard, policy.extraRate(), tables.extraEligibleOn(today));
      }
    }
    cases.setCoveredAlone(applicationNo, alone.stream().map(Member::idNumber).toList());
    cases.setAssessment(applicationNo, code, standard.monthly().setScale(2, RoundingMode.HALF_UP),
        DibaoCalculation.perCapitaIncome(c.members()), DibaoCalculation.householdIncome(c.members()), amount);
    return new Assessment(code, amount);
  }

  /** 公示: name, household size and proposed amount, never ID numbers. */
  public void publishNotice(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    int days = tables.policy(c.areaType()).noticeDays();
    // after an objection the case is noticed again: say so, and keep every round's notice
    long round = history.of(applicationNo).stream().filter(e -> "objection".equals(e.step())).count() + 1;
    notices.issue(applicationNo, CaseNotices.Kind.PUBLIC_NOTICE, "最低生活保障公示",
        (round > 1 ? "(第" + round + "次公示)" : "") + "申请人:" + c.applicantName() + ";家庭人口:" + c.members().size()
            + "人;" + (c.coveredAlone().isEmpty() ? "" : "单人户保障" + c.coveredCount() + "人;") + "拟保障金额:每月"
            + yuan(c.monthlyAmount())
            + "元。公示期" + days + "天,如有异议,请向所在街道(乡镇)反映。");
    cases.setStatus(applicationNo, "PUBLIC_NOTICE");
  }

  /** An objection during the notice reopens the investigation. */
  public void reopenAfterObjection(String applicationNo, String processInstanceId, String objection) {
    cases.setStatus(applicationNo, "IN_REVIEW");
    history.record(applicationNo, processInstanceId, null, "objection", "公示期异议", null, null,
        "公示期间收到异议,重新调查:" + (objection == null ? "" : objection));
  }

  /** Approval: benefit from the month after the decision, a benefit record and the notice. */
  public void grant(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    LocalDate paymentFrom = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    cases.decide(applicationNo, "APPROVED", paymentFrom, clock.instant());
    benefits.grant(applicationNo, "DIBAO", "DIBAO", c.streetCode(), c.monthlyAmount(), paymentFrom);
    notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, "最低生活保障审批通知",
        c.applicantName() + "家庭(" + c.members().size() + "人):经审核,符合最低生活保障条件,批准"
            + (c.coveredAlone().isEmpty() ? "纳入最低生活保障,"
                : "按单人户将" + c.coveredAlone().stream().map(Member::name).toList() + "纳入最低生活保障,")
            + "每月保障金" + yuan(c.monthlyAmount()) + "元(保障标准每人每月" + yuan(c.standard()) + "元,家庭月收入"
            + yuan(c.householdIncome()) + "元),自" + paymentFrom.getYear() + "年" + paymentFrom.getMonthValue()
            + "月起发放。");
  }

  /** Draws the district spot check once: always for close-relative cases, else at the policy rate. */
  public boolean sampleSpotCheck(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    boolean sampled = SpotCheckSampler.sample(c.closeRelative(), tables.policy(c.areaType()).spotCheckRate(), random);
    return cases.sampleOnce(applicationNo, sampled);
  }

  /**
   * The case ends without 低保: rejected (by a reviewer, or by verification findings, or income
   * far above the line), or referred to the assistance its tier qualifies for.
   */
  public String closeWithout(String applicationNo, String reviewerOpinion) {
    DibaoCase c = cases.get(applicationNo);
    List<String> reasons = new ArrayList<>(c.reasons());
    String status;
    if (reviewerOpinion != null) {
      status = "REJECTED";
      reasons.add("审核意见:" + reviewerOpinion);
    } else if (!reasons.isEmpty()) {
      status = "REJECTED";
    } else if ("LOW_INCOME_HARDSHIP".equals(c.tier()) || "LOW_INCOME".equals(c.tier())) {
      status = "REFERRED";
    } else {
      status = "REJECTED";
      reasons.add("家庭人均月收入" + yuan(c.perCapitaIncome()) + "元,高于低保及低收入家庭认定标准");
    }
    cases.setReasons(applicationNo, reasons);
    cases.decide(applicationNo, status, null, clock.instant());
    claims.release(applicationNo);
    if ("REFERRED".equals(status)) {
      DibaoTables.Tier tier = tables.tier(c.areaType(), DibaoCalculation.incomeRatio(c.members(), standardOf(c)));
      benefits.grant(applicationNo, c.tier(), c.tier(), c.streetCode(), BigDecimal.ZERO,
          LocalDate.now(clock).withDayOfMonth(1).plusMonths(1));
      notices.issue(applicationNo, CaseNotices.Kind.REFERRAL, "低收入家庭认定通知",
          c.applicantName() + "家庭:家庭人均月收入" + yuan(c.perCapitaIncome()) + "元,高于低保标准" + yuan(c.standard())
              + "元,不纳入最低生活保障;经认定为" + tier.name() + "家庭,可享受:" + tier.assistance() + "。");
    } else {
      notices.issue(applicationNo, CaseNotices.Kind.REJECTION, "不予纳入最低生活保障通知",
          c.applicantName() + "家庭:经审核,不符合最低生活保障条件,理由如下:" + String.join(";", reasons)
              + "。如有异议,可依法申请行政复议或提起行政诉讼。");
    }
    return status;
  }

  /** A spot check found the approval wrong: the benefit ends from next month. */
  public void revoke(String applicationNo, String opinion) {
    DibaoCase c = cases.get(applicationNo);
    List<String> reasons = new ArrayList<>(c.reasons());
    reasons.add("区级抽查意见:" + opinion);
    cases.setReasons(applicationNo, reasons);
    cases.decide(applicationNo, "REVOKED", c.paymentFrom(), clock.instant());
    LocalDate end = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    benefits.end(applicationNo, end, "区级抽查撤销:" + opinion);
    claims.release(applicationNo);
    notices.issue(applicationNo, CaseNotices.Kind.REVOCATION, "撤销最低生活保障通知",
        c.applicantName() + "家庭:经区民政部门抽查,撤销最低生活保障,自" + end.getYear() + "年" + end.getMonthValue()
            + "月起停发。理由:" + opinion + "。如有异议,可依法申请行政复议或提起行政诉讼。");
  }

  private DibaoTables.Standard standardOf(DibaoCase c) {
    LocalDate applied = LocalDate.ofInstant(c.submittedAt(), clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone());
    DibaoTables.Standard standard = tables.standard(applied, c.areaType());
    if (standard == null) {
      throw new IllegalStateException("no dibao standard for " + applied + " / " + c.areaType());
    }
    return standard;
  }

  private static long count(List<VerificationRecord> records, VerificationRecord.Kind kind) {
    return records.stream().filter(r -> r.kind() == kind).count();
  }

  static String yuan(BigDecimal amount) {
    return amount == null ? "0" : amount.stripTrailingZeros().toPlainString();
  }
}
