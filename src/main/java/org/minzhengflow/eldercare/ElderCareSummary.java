package org.minzhengflow.eldercare;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.AssistanceStatuses;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.review.CaseSummaries;
import org.springframework.stereotype.Component;

/** The {@code caseSummary} Markdown for elder-care tasks: the elder, status basis, assessment, proposal, history. */
@Component("eldercareCaseSummary")
public class ElderCareSummary implements TaskListener {


  private final ElderCareCases cases;
  private final CaseSummaries summaries;

  public ElderCareSummary(ElderCareCases cases, CaseSummaries summaries) {
    this.cases = cases;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    ElderCareCase c = cases.get(task.getExecution().getProcessBusinessKey());
    StringBuilder s = new StringBuilder();
    s.append("### ").append(ElderCareApplications.typeName(c.subsidyType())).append(" ").append(c.applicationNo()).append("\n\n");
    s.append("**老年人**:").append(c.elderName()).append(",").append(c.id().sex().label()).append(",")
        .append(c.id().ageOn(LocalDate.now())).append("周岁(").append(c.id().birthDate()).append("出生),身份证号 ")
        .append(c.id().masked()).append("\n\n");
    s.append("**户籍**:").append("URBAN".equals(c.hukouType()) ? "城市" : "农村").append(";职工养老金:")
        .append(c.hasEmployeePension() ? "有" : "无").append(";独居:").append(c.livingAlone() ? "是" : "否")
        .append(";计生特殊家庭:").append(c.lostOnlyChild() ? "是" : "否").append("\n\n");
    s.append("**救助身份**:").append(AssistanceStatuses.label(c.assistanceStatus())).append("(本系统救助记录)\n\n");
    if (c.abilityGrade() != null) {
      s.append("**能力评估**:").append(AbilityAssessmentRules.label(c.abilityGrade())).append("\n\n");
    }
    if (c.categoryName() != null) {
      s.append("**拟核定**:").append(c.categoryName());
      if (c.serviceHours() != null && c.serviceHours() > 0) {
        s.append(",每月服务").append(c.serviceHours()).append("小时");
      } else if (c.monthlyAmount() != null) {
        s.append(",每月").append(Yuan.format(c.monthlyAmount())).append("元");
      }
      s.append("\n\n");
    }
    s.append(summaries.historyAndDeadline(c.applicationNo(), task));
    summaries.publish(task, s.toString());
  }
}
