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
import org.minzhengflow.casework.CaseDeadlines;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CasePeople;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.casework.CaseHistory;
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
  private final CasePeople people;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final CaseHistory history;
  private final BenefitClaims claims;
  private final BenefitRecords benefits;
  private final CaseDeadlines deadlines;
  private final Clock clock;
  private final DoubleSupplier random;

  @Autowired
  public DibaoWorkflow(DibaoCases cases, DibaoTables tables, EconomicStatusSource source, StaffRelatives relatives,
      CasePeople people, CaseNotices notices, NoticeTemplates texts, CaseHistory history, BenefitClaims claims,
      BenefitRecords benefits, CaseDeadlines deadlines, Clock clock) {
    this(cases, tables, source, relatives, people, notices, texts, history, claims, benefits, deadlines, clock,
        Math::random);
  }

  DibaoWorkflow(DibaoCases cases, DibaoTables tables, EconomicStatusSource source, StaffRelatives relatives,
      CasePeople people, CaseNotices notices, NoticeTemplates texts, CaseHistory history, BenefitClaims claims,
      BenefitRecords benefits, CaseDeadlines deadlines, Clock clock, DoubleSupplier random) {
    this.cases = cases;
    this.tables = tables;
    this.source = source;
    this.relatives = relatives;
    this.people = people;
    this.notices = notices;
    this.texts = texts;
    this.history = history;
    this.claims = claims;
    this.benefits = benefits;
    this.deadlines = deadlines;
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
    Verification found = verification(c, c.members(), standardOf(c));
    Map<String, BigDecimal> verified = new java.util.LinkedHashMap<>();
    c.members().forEach(m -> verified.put(m.idNumber(), found.incomeById().get(m.idNumber())));
    cases.setVerifiedIncomes(applicationNo, verified);
    List<String> findings = found.findings();
    if (!findings.isEmpty() || !c.reasons().isEmpty()) {
      // nothing to replace when the case had no reasons and verification found none (most cases): no statement
      cases.setReasons(applicationNo, findings);
    }
    history.record(applicationNo, c.processInstanceId(), null, "verification", "家庭经济状况核对", null, null,
        findings.isEmpty() ? "核对完成,未发现不符合条件的财产或收入" : String.join(";", findings));
    return !findings.isEmpty();
  }

  /** What verification found about these members of the household: verified wage and pension each, and the findings. */
  public record Verification(Map<String, BigDecimal> incomeById, List<String> findings) {}

  /**
   * 信息核对 of the given members (all of an application's, or those still in the household at a re-review) against
   * the verification source, with the household's declared property and the limit of {@code standard}; stores nothing.
   */
  Verification verification(DibaoCase c, List<Member> members, DibaoTables.Standard standard) {
    List<String> ids = members.stream().map(Member::idNumber).toList();
    List<VerificationRecord> records = source.lookup(ids);
    Map<String, BigDecimal> incomeById = records.stream()
        .filter(r -> r.kind() == VerificationRecord.Kind.WAGE || r.kind() == VerificationRecord.Kind.PENSION)
        .collect(Collectors.groupingBy(VerificationRecord::idNumber,
            Collectors.reducing(BigDecimal.ZERO, VerificationRecord::amount, BigDecimal::add)));
    DibaoPolicy policy = tables.policy(c.areaType());
    BigDecimal deposits = records.stream().filter(r -> r.kind() == VerificationRecord.Kind.DEPOSIT)
        .map(VerificationRecord::amount).reduce(BigDecimal.ZERO, BigDecimal::add).max(c.financialAssets());
    BigDecimal limit = standard.monthly().multiply(BigDecimal.valueOf(policy.assetMonths()))
        .multiply(BigDecimal.valueOf(members.size())).setScale(2, RoundingMode.HALF_UP);
    DibaoTables.Assets assets = new DibaoTables.Assets(
        Math.toIntExact(Math.max(c.vehicles(), count(records, VerificationRecord.Kind.VEHICLE))),
        Math.toIntExact(Math.max(c.houses(), count(records, VerificationRecord.Kind.REAL_ESTATE))),
        c.nonResidential(),
        c.businessRegistered() || count(records, VerificationRecord.Kind.BUSINESS) > 0,
        deposits, limit, policy.maxHouses(), policy.assetMonths());
    List<String> findings = tables.assetFindings(assets).stream().map(DibaoTables.Finding::reason).toList();
    return new Verification(incomeById, findings);
  }

  /** 近亲属备案: marks the case when anyone in the household is a registered staff relative. */
  public boolean checkCloseRelatives(String applicationNo, String processInstanceId) {
    // the household's ID numbers as the case core keeps them, not the whole case: the home visit's summary reads that
    List<StaffRelatives.Entry> entries = relatives.among(people.idNumbers(applicationNo));
    boolean flagged = !entries.isEmpty();
    cases.setCloseRelative(applicationNo, flagged);
    if (flagged) {
      history.record(applicationNo, processInstanceId, null, "closeRelative", "近亲属备案", null, null,
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
    } else if (DibaoTiers.LOW_INCOME_HARDSHIP.name().equals(code) && coveredAloneIn(c, code).isEmpty()) {
      // 低收入困难: 定期定量救助 for the whole household, reviewed like 低保 (DOMAIN.md §5)
      amount = DibaoCalculation.regularFixedAmount(c.members().size(), standard, tables.benefitLife(today).regularFixedRate());
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

  private List<Member> coveredAloneIn(DibaoCase c, String householdTier) {
    return c.members().stream().filter(m -> tables.coveredAlone(householdTier, m)).toList();
  }

  /** The benefit a household of this tier is granted: 低保, or 定期定量救助 for a 低收入困难 household. */
  static String benefitOf(String tier) {
    return DibaoTiers.LOW_INCOME_HARDSHIP.name().equals(tier) ? REGULAR_FIXED : DibaoApplications.BENEFIT;
  }

  public static final String REGULAR_FIXED = "REGULAR_FIXED";

  /**
   * The next re-review: 12 months after the decision, 6 for a household with irregular income or a member of
   * working age able to work (dibaoReviewInterval).
   */
  LocalDate nextReviewDate(DibaoCase c, String benefit, LocalDate from) {
    DibaoPolicy policy = tables.policy(c.areaType());
    boolean ableToWork = c.members().stream().anyMatch(m -> {
      String capacity = m.assessedCapacity() != null ? m.assessedCapacity() : m.laborCapacity();
      if (!"FULL".equals(capacity)) {
        return false;
      }
      int age = m.id().ageOn(from);
      int max = m.id().sex() == org.minzhengflow.identification.Sex.MALE ? policy.workingAgeMaxMale()
          : policy.workingAgeMaxFemale();
      return age >= policy.workingAgeMin() && age < max;
    });
    return from.plusMonths(tables.reviewIntervalMonths(benefit, c.irregularIncome(), ableToWork));
  }

  /** 公示: name, household size and proposed amount, never ID numbers. */
  public void publishNotice(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    int days = deadlines.noticeDays(DibaoApplications.PROCESS_KEY, false, false);
    // after an objection the case is noticed again: say so, and keep every round's notice
    long round = history.of(applicationNo).stream().filter(e -> "objection".equals(e.step())).count() + 1;
    String key = REGULAR_FIXED.equals(benefitOf(c.tier())) ? "dibao.publicNotice.regularFixed.body" : "dibao.publicNotice.body";
    Map<String, Object> values = Map.of(
        "roundNote", round > 1 ? texts.render("dibao.publicNotice.roundNote", Map.of("round", round)) : "",
        "applicant", c.applicantName(),
        "householdSize", c.members().size(),
        "coveredAloneNote", c.coveredAlone().isEmpty() ? ""
            : texts.render("dibao.publicNotice.coveredAloneNote", Map.of("coveredCount", c.coveredCount())),
        "amount", Yuan.format(c.monthlyAmount()),
        "days", days);
    notices.issue(applicationNo, CaseNotices.Kind.PUBLIC_NOTICE, texts.render("dibao.publicNotice.title", values),
        texts.render(key, values));
  }

  /** An objection during the notice reopens the investigation. */
  public void reopenAfterObjection(String applicationNo, String processInstanceId, String objection) {
    history.record(applicationNo, processInstanceId, null, "objection", "公示期异议", null, null,
        "公示期间收到异议,重新调查:" + (objection == null ? "" : objection));
  }

  /** Approval: benefit from the month after the decision, a benefit record and the notice. */
  public void grant(String applicationNo) {
    DibaoCase c = cases.get(applicationNo);
    LocalDate paymentFrom = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    cases.decide(applicationNo, paymentFrom, clock.instant());
    String benefit = benefitOf(c.tier());
    LocalDate today = LocalDate.now(clock);
    benefits.grantTo(new BenefitRecords.Payee(c.applicantName(), c.applicantIdNumber()), applicationNo, benefit,
        benefit, c.streetCode(), c.monthlyAmount(), paymentFrom, nextReviewDate(c, benefit, today), null,
        REGULAR_FIXED.equals(benefit) ? "批准定期定量救助" : "批准低保");
    if (REGULAR_FIXED.equals(benefit)) {
      Map<String, Object> values = Map.of(
          "applicant", c.applicantName(),
          "householdSize", c.members().size(),
          "amount", Yuan.format(c.monthlyAmount()),
          "perPerson", Yuan.format(c.monthlyAmount().divide(BigDecimal.valueOf(c.members().size()), 2, RoundingMode.HALF_UP)),
          "standard", Yuan.format(c.standard()),
          "perCapitaIncome", Yuan.format(c.perCapitaIncome()),
          "year", paymentFrom.getYear(),
          "month", paymentFrom.getMonthValue());
      notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, texts.render("dibao.regularFixed.title", values),
          texts.render("dibao.regularFixed.body", values));
      return;
    }
    Map<String, Object> values = Map.of(
        "applicant", c.applicantName(),
        "householdSize", c.members().size(),
        "scope", c.coveredAlone().isEmpty() ? texts.render("dibao.approval.scope.household", Map.of())
            : texts.render("dibao.approval.scope.coveredAlone",
                Map.of("names", c.coveredAlone().stream().map(Member::name).collect(Collectors.joining(", ")))),
        "amount", Yuan.format(c.monthlyAmount()),
        "standard", Yuan.format(c.standard()),
        "householdIncome", Yuan.format(c.householdIncome()),
        "year", paymentFrom.getYear(),
        "month", paymentFrom.getMonthValue());
    notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, texts.render("dibao.approval.title", values),
        texts.render("dibao.approval.body", values));
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
      reasons.add("家庭人均月收入" + Yuan.format(c.perCapitaIncome()) + "元,高于低保及低收入家庭认定标准");
    }
    cases.setReasons(applicationNo, reasons);
    cases.decide(applicationNo, null, clock.instant());
    claims.release(applicationNo);
    if ("REFERRED".equals(status)) {
      DibaoTables.Tier tier = tables.tier(c.areaType(), DibaoCalculation.incomeRatio(c.members(), standardOf(c)));
      benefits.grant(applicationNo, c.tier(), c.tier(), c.streetCode(), BigDecimal.ZERO,
          LocalDate.now(clock).withDayOfMonth(1).plusMonths(1));
      Map<String, Object> values = Map.of(
          "applicant", c.applicantName(),
          "perCapitaIncome", Yuan.format(c.perCapitaIncome()),
          "standard", Yuan.format(c.standard()),
          "tierName", tier.name(),
          "assistance", tier.assistance());
      notices.issue(applicationNo, CaseNotices.Kind.REFERRAL, texts.render("dibao.referral.title", values),
          texts.render("dibao.referral.body", values));
    } else {
      Map<String, Object> values = Map.of("applicant", c.applicantName(), "reasons", String.join(";", reasons));
      notices.issue(applicationNo, CaseNotices.Kind.REJECTION, texts.render("dibao.rejection.title", values),
          texts.render("dibao.rejection.body", values));
    }
    return status;
  }

  /** A spot check found the approval wrong: the benefit ends from next month. */
  public void revoke(String applicationNo, String opinion) {
    DibaoCase c = cases.get(applicationNo);
    List<String> reasons = new ArrayList<>(c.reasons());
    reasons.add("区级抽查意见:" + opinion);
    cases.setReasons(applicationNo, reasons);
    cases.decide(applicationNo, c.paymentFrom(), clock.instant());
    LocalDate end = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    benefits.end(applicationNo, end, "区级抽查撤销:" + opinion);
    claims.release(applicationNo);
    Map<String, Object> values = Map.of(
        "applicant", c.applicantName(),
        "year", end.getYear(),
        "month", end.getMonthValue(),
        "opinion", opinion);
    notices.issue(applicationNo, CaseNotices.Kind.REVOCATION, texts.render("dibao.revocation.title", values),
        texts.render("dibao.revocation.body", values));
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
}
