package org.minzhengflow.assistance;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.review.CaseSummaries;
import org.springframework.stereotype.Component;

/** The {@code caseSummary} of every 临时救助 task: the household, the hardship, the figures, the history. */
@Component("temporaryAssistanceSummary")
public class TemporaryAssistanceSummary implements TaskListener {

  private final TemporaryAssistanceCases cases;
  private final CaseSummaries summaries;

  public TemporaryAssistanceSummary(TemporaryAssistanceCases cases, CaseSummaries summaries) {
    this.cases = cases;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    TemporaryAssistanceCases.Case c = cases.get(task.getExecution().getProcessBusinessKey());
    StringBuilder s = new StringBuilder("### 临时救助 ").append(c.applicationNo()).append("(")
        .append(c.emergency() ? "急难型,先行救助" : "支出型,先核实后救助").append(")\n\n");
    s.append("**申请人**:").append(c.applicantName()).append("(").append(IdNumber.mask(c.applicantIdNumber()))
        .append(") **家庭人口**:").append(c.householdSize()).append("人\n\n");
    s.append("**困难情况**:").append(c.reason()).append("\n\n");
    s.append("**申请金额**:").append(Yuan.format(c.requestedAmount())).append("元");
    if (c.capAmount() != null) {
      s.append(" **每案上限**:").append(Yuan.format(c.capAmount())).append("元 **街道审批额度**:")
          .append(Yuan.format(c.streetLimit())).append("元(超过由区民政部门审批)");
    }
    if (c.grantedAmount() != null) {
      s.append("\n\n**已定救助金额**:").append(Yuan.format(c.grantedAmount())).append("元")
          .append(c.paidInCash() ? "(现金发放)" : "");
    }
    s.append("\n\n").append(summaries.historyAndDeadline(c.applicationNo(), task));
    summaries.publish(task, s.toString());
  }
}
