package org.minzhengflow.dibao;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.review.CaseSummaries;
import org.springframework.stereotype.Component;

/**
 * The {@code caseSummary} of every task of a re-review: the household's figures before (benefit, amount, members
 * and their incomes as approved), what the review found after (updated and verified incomes, per-capita income,
 * standard, proposed outcome and amount), the reasons, the history and the deadline. ID numbers masked.
 */
@Component("dibaoReviewSummary")
public class ReviewSummary implements TaskListener {

  private final DibaoReviewRecords records;
  private final DibaoReviews reviews;
  private final DibaoCases cases;
  private final CaseRecords caseRecords;
  private final CaseSummaries summaries;

  public ReviewSummary(DibaoReviewRecords records, DibaoReviews reviews, DibaoCases cases, CaseRecords caseRecords,
      CaseSummaries summaries) {
    this.records = records;
    this.reviews = reviews;
    this.cases = cases;
    this.caseRecords = caseRecords;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    DibaoReviewRecords.Review r = records.get(task.getExecution().getProcessBusinessKey());
    DibaoCase c = cases.get(r.applicationNo());
    summaries.publish(task, render(r, c, task));
  }

  String render(DibaoReviewRecords.Review r, DibaoCase c, DelegateTask task) {
    StringBuilder s = new StringBuilder();
    s.append("### ").append(DibaoReviews.benefitName(r.benefit())).append("复核 ").append(r.reviewNo()).append("\n\n");
    s.append("**原申请**:").append(c.applicationNo()).append(" **申请人**:").append(c.applicantName())
        .append(" **复核原因**:").append(DibaoReviewKind.triggerName(r.trigger())).append(r.reason().isBlank() ? "" : "(" + r.reason() + ")")
        .append("\n\n**复核前**:每月").append(Yuan.format(r.amountBefore())).append("元,保障标准每人每月")
        .append(c.standard() == null ? "—" : Yuan.format(c.standard())).append("元,家庭人口").append(c.members().size())
        .append("人,人均月收入").append(c.perCapitaIncome() == null ? "—" : Yuan.format(c.perCapitaIncome())).append("元\n\n");
    List<Member> now = reviews.reviewedMembers(r, c);
    s.append("| 姓名 | 身份证号 | 关系 | 复核前月收入 | 复核核对收入 | 复核核实月收入 |\n|---|---|---|---|---|---|\n");
    for (Member before : c.members()) {
      Member after = now.stream().filter(m -> m.idNumber().equals(before.idNumber())).findFirst().orElse(null);
      s.append("| ").append(before.name()).append(" | ").append(before.id().masked()).append(" | ")
          .append(CaseSummary.relation(before.relation())).append(" | ").append(Yuan.format(before.countedIncome()))
          .append(" | ");
      if (after == null) {
        s.append("— | 已死亡或迁出,不再计入 |\n");
      } else {
        s.append(after.verifiedIncome() == null ? "—" : Yuan.format(after.verifiedIncome())).append(" | ")
            .append(Yuan.format(after.monthlyIncome())).append(" |\n");
      }
    }
    if (r.proposedOutcome() != null) {
      s.append("\n**复核后**:家庭人均月收入").append(Yuan.format(r.perCapitaIncome())).append("元,月低保标准")
          .append(Yuan.format(r.standard())).append("元;**拟定结论**:").append(DibaoReviewKind.outcomeName(r.proposedOutcome()))
          .append(",今后每月").append(Yuan.format(r.proposedAmount())).append("元\n\n");
      s.append("> 同意:按拟定结论执行;不同意:停止保障(须填写意见);退回:重新入户调查\n\n");
    }
    List<String> reasons = caseRecords.reasons(r.reviewNo());
    if (!reasons.isEmpty()) {
      s.append("**理由**:").append(String.join(";", reasons)).append("\n\n");
    }
    s.append(summaries.historyAndDeadline(r.reviewNo(), task));
    return s.toString();
  }
}
