package org.minzhengflow.assistance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.DecisionTables;
import org.minzhengflow.casework.MonthlyStandards;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.Yuan;
import org.springframework.stereotype.Service;

/** What the automatic steps of a 临时救助 case do; every method may run again after a retried job. */
@Service
public class TemporaryAssistanceWorkflow {

  private final TemporaryAssistanceCases cases;
  private final MonthlyStandards standards;
  private final DecisionTables tables;
  private final BenefitRecords benefits;
  private final BenefitClaims claims;
  private final CaseRecords records;
  private final CaseHistory history;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final Clock clock;

  public TemporaryAssistanceWorkflow(TemporaryAssistanceCases cases, MonthlyStandards standards, DecisionTables tables,
      BenefitRecords benefits, BenefitClaims claims, CaseRecords records, CaseHistory history, CaseNotices notices,
      NoticeTemplates texts, Clock clock) {
    this.cases = cases;
    this.standards = standards;
    this.tables = tables;
    this.benefits = benefits;
    this.claims = claims;
    this.records = records;
    this.history = history;
    this.notices = notices;
    this.texts = texts;
    this.clock = clock;
  }

  /** 核定额度: cap and street limit as multiples (temporaryAssistanceLimits) of the standard × household size. */
  public void computeLimits(String applicationNo) {
    TemporaryAssistanceCases.Case c = cases.get(applicationNo);
    LocalDate today = LocalDate.now(clock);
    BigDecimal standard = standards.on(today, c.areaType());
    if (standard == null) {
      throw new IllegalStateException("no 低保 standard on " + today + " for " + c.areaType());
    }
    Map<String, Object> row = tables.single("temporaryAssistanceLimits", Map.of(
        "onDate", DecisionTables.day(today), "type", c.type()));
    BigDecimal base = standard.multiply(BigDecimal.valueOf(c.householdSize()));
    BigDecimal cap = base.multiply(new BigDecimal(row.get("capMultiple").toString())).setScale(2, RoundingMode.HALF_UP);
    BigDecimal limit = base.multiply(new BigDecimal(row.get("streetLimitMultiple").toString()))
        .setScale(2, RoundingMode.HALF_UP);
    cases.setLimits(applicationNo, standard, cap, limit);
    history.record(applicationNo, c.processInstanceId(), null, "limits", "核定救助额度", null, null,
        "月低保标准" + Yuan.format(standard) + "元×" + c.householdSize() + "人:每案上限" + Yuan.format(cap)
            + "元,街道审批额度" + Yuan.format(limit) + "元");
  }

  /**
   * 发放: the granted amount as a one-off benefit of the case — in the next payment run, or, for an emergency paid in
   * cash at the street office, never in a run — and the notice.
   */
  public void grant(String applicationNo) {
    TemporaryAssistanceCases.Case c = cases.get(applicationNo);
    LocalDate month = LocalDate.now(clock).withDayOfMonth(1);
    benefits.grant(applicationNo, TemporaryAssistanceApplications.BENEFIT, c.type(), c.streetCode(), c.grantedAmount(),
        month, null, null, null, true, null, c.emergency() ? "先行救助" : "批准临时救助");
    if (c.paidInCash()) {
      benefits.paidOutsideRuns(applicationNo);
    }
    cases.markGranted(applicationNo, clock.instant());
    Map<String, Object> values = Map.of(
        "applicant", c.applicantName(),
        "type", c.emergency() ? "急难型" : "支出型",
        "amount", Yuan.format(c.grantedAmount()),
        "payment", c.paidInCash() ? texts.render("assistance.payment.cash", Map.of())
            : texts.render("assistance.payment.run", Map.of("year", month.getYear(), "month", month.getMonthValue())),
        "followUp", c.emergency() ? texts.render("assistance.followUp", Map.of()) : "");
    notices.issue(applicationNo, CaseNotices.Kind.APPROVAL, texts.render("assistance.approval.title", values),
        texts.render("assistance.approval.body", values));
  }

  /** 追缴: the verification (or the district) found the emergency grant unjustified; the grant is recovered. */
  public void recover(String applicationNo, String opinion) {
    TemporaryAssistanceCases.Case c = cases.get(applicationNo);
    String reason = opinion != null && !opinion.isBlank() ? opinion.trim()
        : c.findings() == null ? "核实认定不符合临时救助条件" : c.findings();
    // a line not yet paid is not paid any more; money already paid (a run, or cash) is recovered
    benefits.end(applicationNo, LocalDate.now(clock).withDayOfMonth(1), null, "先行救助核实不当:" + reason);
    cases.setRecovery(applicationNo, c.grantedAmount(), reason);
    records.setReasons(applicationNo, List.of("先行救助经核实不符合条件:" + reason));
    claims.release(applicationNo);
    Map<String, Object> values = Map.of("applicant", c.applicantName(), "amount", Yuan.format(c.grantedAmount()),
        "reason", reason);
    notices.issue(applicationNo, CaseNotices.Kind.REVOCATION, texts.render("assistance.recovery.title", values),
        texts.render("assistance.recovery.body", values));
  }

  /** The case ends without assistance: refused by the street or the district. */
  public void refuse(String applicationNo, String opinion) {
    TemporaryAssistanceCases.Case c = cases.get(applicationNo);
    String reason = opinion == null || opinion.isBlank() ? "经审核不符合临时救助条件" : opinion.trim();
    records.setReasons(applicationNo, List.of(reason));
    claims.release(applicationNo);
    Map<String, Object> values = Map.of("applicant", c.applicantName(), "reason", reason);
    notices.issue(applicationNo, CaseNotices.Kind.REJECTION, texts.render("assistance.rejection.title", values),
        texts.render("assistance.rejection.body", values));
  }

  /** The case is over with its grant (verified, or approved): the household may apply again for a new hardship. */
  public void close(String applicationNo) {
    claims.release(applicationNo);
  }
}
