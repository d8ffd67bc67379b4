package org.minzhengflow.eldercare;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.stereotype.Service;

/** What the automatic steps of an elder-care case do; every method may safely run again. */
@Service
public class ElderCareWorkflow {

  private final ElderCareCases cases;
  private final ElderCareTables tables;
  private final BenefitRecords benefits;
  private final BenefitClaims claims;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final CaseHistory history;
  private final HomeCareProviders providers;
  private final Clock clock;

  public ElderCareWorkflow(ElderCareCases cases, ElderCareTables tables, BenefitRecords benefits, BenefitClaims claims,
      CaseNotices notices, NoticeTemplates texts, CaseHistory history, HomeCareProviders providers, Clock clock) {
    this.cases = cases;
    this.tables = tables;
    this.benefits = benefits;
    this.claims = claims;
    this.notices = notices;
    this.texts = texts;
    this.history = history;
    this.providers = providers;
    this.clock = clock;
  }

  /** Amount or hours from the table; false (with the reason stored) when the assessment rules it out. */
  public boolean determineBenefit(String applicationNo) {
    ElderCareCase c = cases.get(applicationNo);
    String abilityClass = c.abilityGrade() == null ? null : tables.abilityClass(c.abilityGrade()).code();
    ElderCareTables.Benefit benefit = tables.benefit(c.subsidyType(), c.category(), abilityClass);
    if (!benefit.eligible()) {
      cases.setReasons(applicationNo, List.of(benefit.reason()));
      return false;
    }
    cases.setBenefit(applicationNo, benefit.categoryName(), benefit.monthlyAmount(), benefit.serviceHours());
    return true;
  }

  /**
   * Grants the subsidy from the month after approval (high-age allowance: not before the month
   * after the birthday of {@code highAgeMinAge}, 80 by default, for those who applied in the months
   * before it); home care gets a provider. Returns the date of the switch to the 90–99 class (the
   * month after {@code classSwitchAge}, 90 by default), or null when none is due.
   */
  public String grant(String applicationNo) {
    ElderCareCase c = cases.get(applicationNo);
    ElderCareTables.Policy policy = tables.policy(c.subsidyType());
    LocalDate from = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
    if ("HIGH_AGE".equals(c.subsidyType())) {
      LocalDate firstMonth = c.id().dateTurning(policy.highAgeMinAge()).withDayOfMonth(1).plusMonths(1);
      from = from.isBefore(firstMonth) ? firstMonth : from;
    }
    String provider = null;
    if ("HOME_CARE".equals(c.subsidyType())) {
      provider = c.provider() != null ? c.provider() : providers.assign(c.streetCode());
      cases.setProvider(applicationNo, provider);
    }
    cases.decide(applicationNo, from, clock.instant());
    benefits.grant(applicationNo, c.subsidyType(), c.category(), c.streetCode(), c.monthlyAmount(), from,
        c.serviceHours(), provider);
    String what = "HOME_CARE".equals(c.subsidyType())
        ? texts.render("eldercare.approval.what.homeCare", Map.of("hours", c.serviceHours(), "provider", provider))
        : texts.render("eldercare.approval.what.amount",
            Map.of("category", c.categoryName(), "amount", Yuan.format(c.monthlyAmount())));
    Map<String, Object> values = Map.of(
        "elder", c.elderName(),
        "what", what,
        "year", from.getYear(),
        "month", from.getMonthValue());
    notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, texts.render("eldercare.approval.title", values),
        texts.render("eldercare.approval.body", values));
    if ("HIGH_AGE".equals(c.subsidyType()) && c.category().startsWith("AGE_80_89")) {
      LocalDate switchMonth = c.id().dateTurning(policy.classSwitchAge()).withDayOfMonth(1).plusMonths(1);
      return switchMonth.atStartOfDay(zone()).toOffsetDateTime().toString();
    }
    return null;
  }

  /**
   * On turning {@code classSwitchAge} (90) the allowance moves to the 90–99 class from the next
   * month; nothing is back-paid. The timer set from {@link #grant} calls this.
   */
  public void switchToNinetyClass(String applicationNo) {
    ElderCareCase c = cases.get(applicationNo);
    ElderCareTables.Benefit benefit = tables.benefit("HIGH_AGE", "AGE_90_99", null);
    if (!benefits.changeCategory(applicationNo, "AGE_90_99", benefit.monthlyAmount())) {
      return; // the allowance already ended (death, moving out): nothing to switch
    }
    cases.setCategory(applicationNo, "AGE_90_99", benefit.categoryName(), benefit.monthlyAmount());
    LocalDate month = LocalDate.now(clock).withDayOfMonth(1);
    history.record(applicationNo, c.processInstanceId(), null, "switchToNinety", "年满90周岁调档", null, null,
        "自" + month.getYear() + "年" + month.getMonthValue() + "月起调整为" + benefit.categoryName() + "每月"
            + Yuan.format(benefit.monthlyAmount()) + "元,不补发以前月份");
  }

  /** Refusal after assessment or review, with every reason; the elder may apply again. */
  public void reject(String applicationNo, String reviewerOpinion) {
    ElderCareCase c = cases.get(applicationNo);
    List<String> reasons = new ArrayList<>(c.reasons());
    if (reviewerOpinion != null) {
      reasons.add("审核意见:" + reviewerOpinion);
    }
    if ("NONE".equals(c.assistanceStatus()) && !"HIGH_AGE".equals(c.subsidyType())) {
      reasons.add("本系统未查到该老人家庭的低保或低收入救助记录,视为不具备该身份");
    }
    cases.setReasons(applicationNo, reasons);
    cases.decide(applicationNo, null, clock.instant());
    claims.release(applicationNo);
    Map<String, Object> values = Map.of(
        "elder", c.elderName(),
        "subsidy", ElderCareApplications.typeName(c.subsidyType()),
        "reasons", String.join(";", reasons));
    notices.issue(applicationNo, CaseNotices.Kind.REJECTION, texts.render("eldercare.rejection.title", values),
        texts.render("eldercare.rejection.body", values));
  }

  private ZoneId zone() {
    return clock.getZone();
  }
}
