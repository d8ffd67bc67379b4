package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.casework.ApplicationNumbers;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseDeadlines;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.organization.Jurisdiction;
import org.minzhengflow.organization.JurisdictionRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * What the re-reviews (动态管理) of 低保 and 定期定量救助 do: start one (a case of its own, on the case core), request
 * many (campaigns, due dates) and start them in batches, repeat verification for the members still in the household,
 * propose the outcome from {@code dibaoReviewOutcome}, apply it to the benefit registry with its notice, and end the
 * 渐退期 that are over. Every step may run again after a failure and leaves the same state.
 */
@Service
public class DibaoReviews {

  public static final String CONTINUE = "CONTINUE";
  public static final String ADJUST = "ADJUST";
  public static final String GRADUAL_EXIT = "GRADUAL_EXIT";
  public static final String STOP = "STOP";

  /** The benefits a re-review looks at. */
  static final Set<String> REVIEWED_BENEFITS = Set.of(DibaoApplications.BENEFIT, DibaoWorkflow.REGULAR_FIXED);

  private final DibaoReviewRecords reviews;
  private final DibaoReviewKind kind;
  private final DibaoCases cases;
  private final DibaoTables tables;
  private final DibaoWorkflow workflow;
  private final BenefitRecords benefits;
  private final BenefitClaims claims;
  private final CaseRecords records;
  private final CaseIntake intake;
  private final org.minzhengflow.casework.CasePeople people;
  private final ApplicationNumbers numbers;
  private final CaseDeadlines deadlines;
  private final CaseHistory history;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final JurisdictionRepository jurisdictions;
  private final Clock clock;
  private final DoubleSupplier random;

  @Autowired
  public DibaoReviews(DibaoReviewRecords reviews, DibaoReviewKind kind, DibaoCases cases, DibaoTables tables,
      DibaoWorkflow workflow, BenefitRecords benefits, BenefitClaims claims, CaseRecords records, CaseIntake intake,
      ApplicationNumbers numbers, CaseDeadlines deadlines, CaseHistory history, CaseNotices notices,
      NoticeTemplates texts, JurisdictionRepository jurisdictions, org.minzhengflow.casework.CasePeople people,
      Clock clock) {
    this(reviews, kind, cases, tables, workflow, benefits, claims, records, intake, numbers, deadlines, history,
        notices, texts, jurisdictions, people, clock, Math::random);
  }

  DibaoReviews(DibaoReviewRecords reviews, DibaoReviewKind kind, DibaoCases cases, DibaoTables tables,
      DibaoWorkflow workflow, BenefitRecords benefits, BenefitClaims claims, CaseRecords records, CaseIntake intake,
      ApplicationNumbers numbers, CaseDeadlines deadlines, CaseHistory history, CaseNotices notices,
      NoticeTemplates texts, JurisdictionRepository jurisdictions, org.minzhengflow.casework.CasePeople people,
      Clock clock, DoubleSupplier random) {
    this.people = people;
    this.reviews = reviews;
    this.kind = kind;
    this.cases = cases;
    this.tables = tables;
    this.workflow = workflow;
    this.benefits = benefits;
    this.claims = claims;
    this.records = records;
    this.intake = intake;
    this.numbers = numbers;
    this.deadlines = deadlines;
    this.history = history;
    this.notices = notices;
    this.texts = texts;
    this.jurisdictions = jurisdictions;
    this.clock = clock;
    this.random = random;
  }

  // ------------------------------------------------------------------ starting

  /**
   * Starts the re-review of a household's benefit now, in the caller's transaction: the review case (number FC…,
   * legal last day from the deadline table by trigger), its row (open), the household's readers and the process.
   * Empty when the benefit is not an ACTIVE 低保 / 定期定量救助 or already has an open review; a concurrent start of
   * the same benefit fails on the database's unique open review.
   */
  public Optional<String> start(String applicationNo, String trigger, String reason, String by) {
    BenefitRecords.Benefit benefit = benefits.find(applicationNo).orElse(null);
    if (benefit == null || !BenefitRecords.ACTIVE.equals(benefit.status())
        || !REVIEWED_BENEFITS.contains(benefit.benefit()) || reviews.openReviewOf(applicationNo).isPresent()) {
      return Optional.empty();
    }
    CaseRecord household = records.get(applicationNo);
    boolean pilot = jurisdictions.findDistrict(household.districtCode()).map(Jurisdiction::pilotOneLevel).orElse(false);
    String reviewNo = numbers.next(kind.numberPrefix());
    String starter = by == null ? "system" : by;
    records.insert(reviewNo, kind.kind(), household.streetCode(), household.districtCode(), household.applicantName(),
        starter, clock.instant(), deadlines.caseDeadline(kind.processKey(), pilot, false, trigger));
    reviews.insert(reviewNo, applicationNo, trigger, reason, by, clock.instant(), benefit.benefit(),
        benefit.monthlyAmount());
    DibaoCase c = cases.get(applicationNo);
    // the people of the review are the household's members still in it: conflict-of-interest checks see them
    people.add(reviewNo, remaining(c).stream().map(m -> Map.entry(m.idNumber(), m.name())).toList());
    Map<String, Object> variables = Variables.createVariables()
        .putValue("householdNo", applicationNo)
        .putValue("applicantName", c.applicantName())
        .putValue("streetCode", c.streetCode())
        .putValue("pilotDistrict", pilot)
        .putValue("trigger", trigger)
        .putValue("householdSize", remaining(c).size());
    String why = DibaoReviewKind.triggerName(trigger) + (reason == null || reason.isBlank() ? "" : ":" + reason);
    intake.start(kind, reviewNo, variables, records.readers(applicationNo), starter,
        "启动" + benefitName(benefit.benefit()) + "复核(" + why + ")");
    history.record(applicationNo, household.processInstanceId(), null, "reviewStarted", "启动复核", starter, null,
        "复核编号" + reviewNo + "," + why);
    return Optional.of(reviewNo);
  }

  /** Requests the review of every active benefit of a street or a district; the batch job starts them. */
  public int request(String streetCode, String districtCode, String reason, String by) {
    return reviews.requestInScope(streetCode, districtCode, "CAMPAIGN", reason, by, clock.instant());
  }

  /** Requests the review of every active benefit due on or before today (the daily job). */
  public int requestDue() {
    return reviews.requestDue(LocalDate.now(clock), "复核日期已到", clock.instant());
  }

  /**
   * Starts up to {@code limit} requested reviews (oldest first, skipping those another batch loop holds); true while
   * more are waiting. A loop that finds none free ends: the others hold the rest.
   */
  public boolean startRequested(int limit) {
    List<DibaoReviewRecords.Request> batch = reviews.nextRequests(limit);
    for (DibaoReviewRecords.Request request : batch) {
      start(request.applicationNo(), request.trigger(), request.reason(), request.requestedBy());
      reviews.removeRequest(request.applicationNo());
    }
    return !batch.isEmpty() && reviews.anyRequests();
  }

  /** 渐退期满: the benefits whose last month of 渐退 is over end by themselves, each with its notice. */
  public List<String> endFinishedExits() {
    LocalDate month = LocalDate.now(clock).withDayOfMonth(1);
    List<String> ended = benefits.endFinishedExits(month);
    for (String applicationNo : ended) {
      if (!records.get(applicationNo).kind().equals("dibao")) {
        continue;
      }
      DibaoCase c = cases.get(applicationNo);
      BenefitRecords.Benefit b = benefits.get(applicationNo);
      claims.release(applicationNo);
      LocalDate end = b.endMonth();
      history.record(applicationNo, c.processInstanceId(), null, "benefitEnded", "渐退期满停发", null, null,
          "渐退期满,自" + end.getYear() + "年" + end.getMonthValue() + "月起停发");
      notifyEnded(c, b, "渐退期满", end);
    }
    return ended;
  }

  // ------------------------------------------------------------------ the steps of dibaoReview

  /** 信息核对 again, for the members still in the household; true when the findings disqualify it. */
  public List<String> verify(String reviewNo, String processInstanceId) {
    DibaoReviewRecords.Review r = reviews.get(reviewNo);
    DibaoCase c = cases.get(r.applicationNo());
    List<Member> members = remaining(c);
    DibaoWorkflow.Verification found = workflow.verification(c, members, standardToday(c));
    reviews.setVerifiedIncomes(reviewNo, found.incomeById(), members.stream().map(Member::idNumber).toList());
    reviews.setFindings(reviewNo, !found.findings().isEmpty());
    records.setReasons(reviewNo, found.findings());
    history.record(reviewNo, processInstanceId, null, "verification", "家庭经济状况复核核对", null, null,
        found.findings().isEmpty() ? "核对完成,未发现不符合条件的财产或收入" : String.join(";", found.findings()));
    return found.findings();
  }

  /** The members still in the household, with the incomes this review found (home visit, verification). */
  List<Member> reviewedMembers(DibaoReviewRecords.Review r, DibaoCase c) {
    Map<String, DibaoReviewRecords.Income> incomes = reviews.incomes(r.reviewNo());
    return remaining(c).stream().map(m -> {
      DibaoReviewRecords.Income found = incomes.get(m.idNumber());
      BigDecimal monthly = found != null && found.monthlyIncome() != null ? found.monthlyIncome() : m.monthlyIncome();
      BigDecimal verified = found == null ? null : found.verifiedIncome();
      return new Member(m.seq(), m.name(), m.idNumber(), m.relation(), monthly, verified, m.laborCapacity(),
          m.assessedCapacity(), m.disabilityGrade(), m.seriousIllness(), m.disabilityType(), m.coveredAlone());
    }).toList();
  }

  /** The household's members who have not died or moved away. */
  List<Member> remaining(DibaoCase c) {
    Set<String> left = reviews.membersLeft(c.applicationNo());
    return c.members().stream().filter(m -> !left.contains(m.idNumber())).toList();
  }

  /**
   * The proposed outcome (dibaoReviewOutcome) on today's standard and the incomes found: the amount recomputed as
   * at approval, compared with the amount paid now. The reasons of the review are the verification findings and the
   * table's reason with the figures.
   */
  public String assess(String reviewNo, List<String> findings) {
    DibaoReviewRecords.Review r = reviews.get(reviewNo);
    DibaoCase c = cases.get(r.applicationNo());
    List<Member> members = reviewedMembers(r, c);
    LocalDate today = LocalDate.now(clock);
    DibaoTables.Standard standard = standardToday(c);
    BigDecimal ratio = DibaoCalculation.incomeRatio(members, standard);
    BigDecimal computed = DibaoWorkflow.REGULAR_FIXED.equals(r.benefit())
        ? DibaoCalculation.regularFixedAmount(members.size(), standard, tables.benefitLife(today).regularFixedRate())
        : DibaoCalculation.monthlyAmount(members, standard, tables.policy(c.areaType()).extraRate(),
            tables.extraEligibleOn(today));
    boolean changed = computed.compareTo(r.amountBefore()) != 0;
    DibaoTables.ReviewOutcome proposal = tables.reviewOutcome(r.benefit(), !findings.isEmpty(), ratio, changed);
    BigDecimal amount = switch (proposal.outcome()) {
      case ADJUST -> computed;
      case STOP -> BigDecimal.ZERO;
      default -> r.amountBefore();
    };
    BigDecimal perCapita = DibaoCalculation.perCapitaIncome(members);
    BigDecimal monthlyStandard = standard.monthly().setScale(2, RoundingMode.HALF_UP);
    reviews.setAssessment(reviewNo, monthlyStandard, perCapita, DibaoCalculation.householdIncome(members), ratio,
        proposal.outcome(), amount);
    List<String> reasons = new ArrayList<>(findings);
    reasons.add(proposal.reason() + "(复核家庭人口" + members.size() + "人,家庭人均月收入" + Yuan.format(perCapita)
        + "元,月低保标准" + Yuan.format(monthlyStandard) + "元)");
    records.setReasons(reviewNo, reasons);
    return proposal.outcome();
  }

  /**
   * Applies the decided outcome to the benefit from next month, with its notice and history on the review and on
   * the household's case: the proposal when the last reviewer approved it, STOP when the reviewer refused to
   * continue ({@code reject}, the opinion becoming a reason). Nothing happens a second time.
   */
  public String apply(String reviewNo, String processInstanceId, String decision, String opinion) {
    DibaoReviewRecords.Review r = reviews.get(reviewNo);
    if (!r.open()) {
      return r.outcome();
    }
    boolean refused = "reject".equals(decision);
    String outcome = refused ? STOP : r.proposedOutcome();
    List<String> reasons = new ArrayList<>(records.reasons(reviewNo));
    if (refused) {
      reasons.add("审核意见:" + opinion);
    }
    records.setReasons(reviewNo, reasons);
    String applicationNo = r.applicationNo();
    DibaoCase c = cases.get(applicationNo);
    LocalDate today = LocalDate.now(clock);
    LocalDate nextMonth = today.withDayOfMonth(1).plusMonths(1);
    String why = "复核" + reviewNo + ":" + String.join(";", reasons);
    BigDecimal amount = r.amountBefore();
    LocalDate lastMonth = null;
    switch (outcome) {
      case CONTINUE -> benefits.continued(applicationNo, workflow.nextReviewDate(c, r.benefit(), today), null, why);
      case ADJUST -> {
        amount = r.proposedAmount();
        benefits.adjust(applicationNo, amount, nextMonth, null, why);
        benefits.reviewDue(applicationNo, workflow.nextReviewDate(c, r.benefit(), today), null, "复核" + reviewNo
            + "后的下次复核日期");
      }
      case GRADUAL_EXIT -> {
        LocalDate endMonth = nextMonth.plusMonths(tables.benefitLife(today).gradualExitMonths());
        benefits.startGradualExit(applicationNo, endMonth, null, why);
        lastMonth = endMonth.minusMonths(1);
      }
      case STOP -> {
        amount = BigDecimal.ZERO;
        benefits.end(applicationNo, nextMonth, null, why);
        claims.release(applicationNo);
        lastMonth = nextMonth.minusMonths(1);
      }
      default -> throw new IllegalStateException("unknown review outcome " + outcome);
    }
    reviews.decide(reviewNo, outcome, amount, lastMonth, clock.instant());
    DibaoReviewRecords.Review decided = reviews.get(reviewNo);
    notifyOutcome(decided, c, reasons, nextMonth);
    String summary = DibaoReviewKind.outcomeName(outcome) + ":" + outcomeSummary(decided, nextMonth);
    history.record(reviewNo, processInstanceId, null, "reviewOutcome", "复核结论", null, outcome, summary);
    history.record(applicationNo, c.processInstanceId(), null, "reviewOutcome", "复核结论(" + reviewNo + ")", null,
        outcome, summary);
    return outcome;
  }

  /** Draws the district spot check of a pilot district's review once (close-relative households always). */
  public boolean sampleSpotCheck(String reviewNo) {
    DibaoCase c = cases.get(reviews.get(reviewNo).applicationNo());
    boolean sampled = SpotCheckSampler.sample(c.closeRelative(), tables.policy(c.areaType()).spotCheckRate(), random);
    return reviews.sampleOnce(reviewNo, sampled);
  }

  /** The district's spot check found the review's outcome wrong: the benefit ends from next month. */
  public void revoke(String reviewNo, String processInstanceId, String opinion) {
    DibaoReviewRecords.Review r = reviews.get(reviewNo);
    String applicationNo = r.applicationNo();
    DibaoCase c = cases.get(applicationNo);
    LocalDate nextMonth = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    List<String> reasons = new ArrayList<>(records.reasons(reviewNo));
    String reason = "区级抽查意见:" + opinion;
    if (!reasons.contains(reason)) {
      reasons.add(reason);
    }
    records.setReasons(reviewNo, reasons);
    if (benefits.end(applicationNo, nextMonth, null, "复核" + reviewNo + "经区级抽查撤销:" + opinion)) {
      claims.release(applicationNo);
    }
    reviews.decide(reviewNo, STOP, BigDecimal.ZERO, nextMonth.minusMonths(1), clock.instant());
    DibaoReviewRecords.Review decided = reviews.get(reviewNo);
    notifyOutcome(decided, c, reasons, nextMonth);
    history.record(applicationNo, c.processInstanceId(), null, "reviewRevoked", "区级抽查撤销复核结论(" + reviewNo + ")",
        null, STOP, opinion);
  }

  // ------------------------------------------------------------------ notices

  private void notifyOutcome(DibaoReviewRecords.Review r, DibaoCase c, List<String> reasons, LocalDate from) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("applicant", c.applicantName());
    values.put("benefitName", benefitName(r.benefit()));
    values.put("reviewNo", r.reviewNo());
    values.put("reasons", String.join(";", reasons));
    values.put("perCapitaIncome", Yuan.format(r.perCapitaIncome() == null ? BigDecimal.ZERO : r.perCapitaIncome()));
    values.put("standard", Yuan.format(r.standard() == null ? BigDecimal.ZERO : r.standard()));
    values.put("amountBefore", Yuan.format(r.amountBefore()));
    values.put("amount", Yuan.format(r.monthlyAmount()));
    values.put("year", from.getYear());
    values.put("month", from.getMonthValue());
    if (r.lastMonth() != null) {
      values.put("lastYear", r.lastMonth().getYear());
      values.put("lastMonth", r.lastMonth().getMonthValue());
    }
    String body = texts.render(switch (r.outcome()) {
      case CONTINUE -> "dibao.review.continue.body";
      case ADJUST -> r.monthlyAmount().compareTo(r.amountBefore()) < 0 ? "dibao.review.adjustDown.body"
          : "dibao.review.adjustUp.body";
      case GRADUAL_EXIT -> "dibao.review.gradualExit.body";
      default -> "dibao.review.stop.body";
    }, values);
    String title = texts.render("dibao.review.title", values);
    notices.issue(r.applicationNo(), CaseNotices.Kind.REVIEW_OUTCOME, title, body);
    notices.issue(r.reviewNo(), CaseNotices.Kind.REVIEW_OUTCOME, title, body);
  }

  /** BENEFIT_ENDED on the household's case: a one-person household's member died or moved, a 渐退期 is over. */
  void notifyEnded(DibaoCase c, BenefitRecords.Benefit b, String reason, LocalDate from) {
    Map<String, Object> values = Map.of(
        "applicant", c.applicantName(),
        "benefitName", benefitName(b.benefit()),
        "reason", reason,
        "amountBefore", Yuan.format(b.monthlyAmount()),
        "year", from.getYear(),
        "month", from.getMonthValue());
    notices.issue(c.applicationNo(), CaseNotices.Kind.BENEFIT_ENDED, texts.render("dibao.ended.title", values),
        texts.render("dibao.ended.body", values));
  }

  private static String outcomeSummary(DibaoReviewRecords.Review r, LocalDate from) {
    return switch (r.outcome()) {
      case CONTINUE -> "继续按每月" + Yuan.format(r.monthlyAmount()) + "元发放";
      case ADJUST -> "每月" + Yuan.format(r.amountBefore()) + "元调整为" + Yuan.format(r.monthlyAmount()) + "元,自"
          + from.getYear() + "年" + from.getMonthValue() + "月起";
      case GRADUAL_EXIT -> "渐退期,每月" + Yuan.format(r.monthlyAmount()) + "元发放至" + r.lastMonth().getYear() + "年"
          + r.lastMonth().getMonthValue() + "月";
      default -> "自" + from.getYear() + "年" + from.getMonthValue() + "月起停发";
    };
  }

  static String benefitName(String benefit) {
    return DibaoWorkflow.REGULAR_FIXED.equals(benefit) ? "定期定量救助" : "最低生活保障";
  }

  private DibaoTables.Standard standardToday(DibaoCase c) {
    LocalDate today = LocalDate.now(clock);
    DibaoTables.Standard standard = tables.standard(today, c.areaType());
    if (standard == null) {
      throw new IllegalStateException("no dibao standard for " + today + " / " + c.areaType());
    }
    return standard;
  }
}
