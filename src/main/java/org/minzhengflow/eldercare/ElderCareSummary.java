package org.minzhengflow.eldercare;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.AssistanceStatuses;
import org.minzhengflow.review.CaseHistory;
import org.springframework.stereotype.Component;

/** The {@code caseSummary} Markdown for elder-care tasks: the elder, status basis, assessment, proposal, history. */
@Component("eldercareCaseSummary")
public class ElderCareSummary implements TaskListener {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ElderCareCases cases;
  private final CaseHistory history;

  public ElderCareSummary(ElderCareCases cases, CaseHistory history) {
    this.cases = cases;
    this.history = history;
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
        s.append(",每月").append(c.monthlyAmount().stripTrailingZeros().toPlainString()).append("元");
      }
      s.append("\n\n");
    }
    s.append("**办理经过**:\n");
    history.of(c.applicationNo()).forEach(e -> s.append("- ").append(e.stepName())
        .append(e.user() == null ? "" : "(" + e.user() + ")").append(e.decision() == null ? "" : " " + e.decision())
        .append(e.opinion() == null ? "" : ":" + e.opinion()).append("\n"));
    if (task.getDueDate() != null) {
      s.append("\n**办理期限**:").append(DATE.format(task.getDueDate().toInstant().atZone(ZoneId.of("Asia/Shanghai"))))
          .append("(工作日计算)\n");
    }
    String text = s.toString();
    task.getExecution().setVariable("caseSummary", text.length() > 3900 ? text.substring(0, 3900) + "…" : text);
  }
}
