package org.minzhengflow.funeral;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.minzhengflow.casework.AssistanceStatuses;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.PaymentAccounts;
import org.minzhengflow.casework.PersonEvents;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;

/** What the automatic steps of a funeral case do; every method may run again after a retried job. */
@Service
public class FuneralWorkflow {

  /** How the deceased qualifies: found in the records, declared (the street confirms), or not at all. */
  public static final String REGISTRY = "REGISTRY";
  public static final String DECLARED = "DECLARED";
  public static final String NONE = "NONE";

  private final FuneralCases cases;
  private final FuneralTables tables;
  private final AssistanceStatuses statuses;
  private final PersonEvents personEvents;
  private final BenefitRecords benefits;
  private final PaymentAccounts accounts;
  private final CaseRecords records;
  private final CaseHistory history;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final FuneralHome home;
  private final Clock clock;

  public FuneralWorkflow(FuneralCases cases, FuneralTables tables, AssistanceStatuses statuses,
      PersonEvents personEvents, BenefitRecords benefits, PaymentAccounts accounts, CaseRecords records,
      CaseHistory history, CaseNotices notices, NoticeTemplates texts, FuneralHome home, Clock clock) {
    this.cases = cases;
    this.tables = tables;
    this.statuses = statuses;
    this.personEvents = personEvents;
    this.benefits = benefits;
    this.accounts = accounts;
    this.records = records;
    this.history = history;
    this.notices = notices;
    this.texts = texts;
    this.home = home;
    this.clock = clock;
  }

  /**
   * 身份核查: the categories the records prove on the day of death (低保; 定期定量救助 and 低收入 as LOW_INCOME;
   * 100+ from the ID number) are stored as REGISTRY; the declared ones stay for the street to confirm. Returns
   * REGISTRY, DECLARED or NONE.
   */
  public String checkEligibility(String applicationNo) {
    FuneralCase c = cases.get(applicationNo);
    List<String> found = new ArrayList<>();
    List<String> onRecord = statuses.benefitsOn(c.deceasedIdNumber(), c.dateOfDeath(), clock.getZone());
    if (onRecord.contains("DIBAO")) {
      found.add("DIBAO");
    }
    if (onRecord.stream().anyMatch(b -> !"DIBAO".equals(b))) {
      found.add("LOW_INCOME");
    }
    if (IdNumber.parse(c.deceasedIdNumber()).ageOn(c.dateOfDeath()) >= tables.policy(c.dateOfDeath()).centenarianAge()) {
      found.add("CENTENARIAN");
    }
    found.forEach(code -> cases.setCategory(applicationNo, code, REGISTRY));
    boolean declared = c.categories().stream()
        .anyMatch(cat -> !found.contains(cat.code()) && tables.category(cat.code()).map(FuneralTables.Category::declared).orElse(false));
    String eligibleBy = !found.isEmpty() ? REGISTRY : declared ? DECLARED : NONE;
    cases.setEligibleBy(applicationNo, eligibleBy);
    history.record(applicationNo, c.processInstanceId(), null, "eligibility", "减免对象身份核查", null, null,
        switch (eligibleBy) {
          case REGISTRY -> "救助档案认定:" + found.stream().map(this::categoryName).collect(Collectors.joining("、"));
          case DECLARED -> "档案中无救助记录,申报类别待街道确认:" + declaredNames(c, found);
          default -> "档案中无救助记录,也未申报减免对象类别";
        });
    return eligibleBy;
  }

  /**
   * 身后一件事: the same report records the death for every benefit of the person — they end from the next month
   * and a 低保 household's re-review starts — without a second report. Recording it again changes nothing.
   */
  public void recordDeath(String applicationNo, String acceptedBy) {
    FuneralCase c = cases.get(applicationNo);
    PersonEvents.Ended ended = personEvents.record(c.deceasedIdNumber(),
        new PersonEvents.Event("DEATH", c.dateOfDeath().toString(), "惠民殡葬受理(" + applicationNo + ")"),
        StaffUser.actingOnReportOf(acceptedBy));
    if (!ended.endedApplications().isEmpty() || !ended.reviewsStarted().isEmpty()) {
      history.record(applicationNo, c.processInstanceId(), null, "deathRecorded", "登记死亡(身后一件事)", acceptedBy, null,
          "停发待遇:" + (ended.endedApplications().isEmpty() ? "无" : String.join("、", ended.endedApplications()))
              + ";启动复核:" + (ended.reviewsStarted().isEmpty() ? "无" : String.join("、", ended.reviewsStarted())));
    }
  }

  /**
   * 核算与结算: each rendered service is waived up to the table's cap (per trip, day or year, at most the table's
   * units), never above the fee charged; the total is paid to the funeral home as a one-off line of the district's
   * payment run; the family receives the notice.
   */
  public BigDecimal settle(String applicationNo) {
    FuneralCase c = cases.get(applicationNo);
    BigDecimal total = BigDecimal.ZERO;
    List<String> lines = new ArrayList<>();
    for (FuneralCase.Service s : c.services()) {
      int units = s.renderedUnits() == null ? 0 : s.renderedUnits();
      FuneralTables.Cap cap = tables.cap(c.dateOfDeath(), s.kind());
      BigDecimal capped = cap.unitCap().multiply(BigDecimal.valueOf(Math.min(units, cap.maxUnits())));
      BigDecimal fee = s.fee() == null ? capped : s.fee();
      BigDecimal waived = capped.min(fee).max(BigDecimal.ZERO).setScale(2, java.math.RoundingMode.HALF_UP);
      cases.setRendered(applicationNo, s.kind(), units, fee, cap.unitCap(), waived);
      total = total.add(waived);
      if (units > 0) {
        lines.add(cap.name() + units + cap.unit() + "减免" + Yuan.format(waived) + "元");
      }
    }
    cases.finish(applicationNo, total, clock.instant());
    LocalDate month = LocalDate.now(clock).withDayOfMonth(1);
    if (total.signum() > 0) {
      accounts.save(applicationNo, new PaymentAccounts.Payment(home.bankName(), home.accountNo()));
      benefits.grantOneOffTo(new BenefitRecords.Payee(home.name(), home.creditCode()), applicationNo,
          FuneralApplications.BENEFIT, c.streetCode(), total, month, null, "惠民殡葬减免,与殡仪馆结算");
    }
    Map<String, Object> values = Map.of(
        "deceased", c.deceasedName(),
        "categories", c.categories().stream().map(cat -> categoryName(cat.code())).collect(Collectors.joining("、")),
        "lines", lines.isEmpty() ? "无" : String.join(";", lines),
        "total", Yuan.format(total),
        "home", home.name());
    notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, texts.render("funeral.approval.title", values),
        texts.render("funeral.approval.body", values));
    return total;
  }

  /** 不予减免: the deceased qualifies for nothing (or the street did not confirm the declared category). */
  public void refuse(String applicationNo, String streetOpinion) {
    FuneralCase c = cases.get(applicationNo);
    String reason = streetOpinion != null
        ? "街道确认未通过:" + streetOpinion
        : "经核查,逝者不属于惠民殡葬基本服务费减免对象(未在救助档案中查到低保、低收入记录,未满"
            + tables.policy(c.dateOfDeath()).centenarianAge() + "周岁,也未申报其他减免类别)";
    records.setReasons(applicationNo, List.of(reason));
    cases.finish(applicationNo, BigDecimal.ZERO, clock.instant());
    Map<String, Object> values = Map.of("deceased", c.deceasedName(), "reason", reason);
    notices.issue(applicationNo, CaseNotices.Kind.REJECTION, texts.render("funeral.rejection.title", values),
        texts.render("funeral.rejection.body", values));
  }

  private String declaredNames(FuneralCase c, List<String> found) {
    return c.categories().stream().filter(cat -> !found.contains(cat.code())).map(cat -> categoryName(cat.code()))
        .collect(Collectors.joining("、"));
  }

  private String categoryName(String code) {
    return tables.category(code).map(FuneralTables.Category::name).orElse(code);
  }
}
