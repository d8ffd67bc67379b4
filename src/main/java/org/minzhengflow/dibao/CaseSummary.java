package org.minzhengflow.dibao;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.review.CaseSummaries;
import org.springframework.stereotype.Component;

/**
 * Puts what the person at a task needs to decide into {@code caseSummary} (Markdown shown by the
 * Camunda Form): household, members, declared and verified income, assets, findings, proposal,
 * history and the deadline. ID numbers are shown masked. Refreshed whenever a task is created.
 */
@Component("dibaoCaseSummary")
public class CaseSummary implements TaskListener {


  private final DibaoCases cases;
  private final CaseSummaries summaries;

  public CaseSummary(DibaoCases cases, CaseSummaries summaries) {
    this.cases = cases;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    summaries.publish(task, render(cases.get(task.getExecution().getProcessBusinessKey()), task));
  }

  String render(DibaoCase c, DelegateTask task) {
    StringBuilder s = new StringBuilder();
    s.append("### 低保申请 ").append(c.applicationNo()).append("\n\n");
    s.append("**申请人**:").append(c.applicantName()).append(" **户籍**:").append("URBAN".equals(c.areaType()) ? "城市" : "农村")
        .append(" **家庭人口**:").append(c.members().size()).append("人");
    if (c.closeRelative()) {
      s.append(" **⚠ 近亲属备案家庭**");
    }
    s.append("\n\n| 姓名 | 身份证号 | 关系 | 申报月收入 | 核对月收入 | 劳动能力 | 残疾/重病 |\n|---|---|---|---|---|---|---|\n");
    for (Member m : c.members()) {
      s.append("| ").append(m.name()).append(" | ").append(m.id().masked()).append(" | ").append(relation(m.relation()))
          .append(" | ").append(Yuan.format(m.monthlyIncome())).append(" | ")
          .append(m.verifiedIncome() == null ? "—" : Yuan.format(m.verifiedIncome())).append(" | ")
          .append(m.assessedCapacity() != null ? capacity(m.assessedCapacity()) + "(评估)" : capacity(m.laborCapacity()))
          .append(" | ")
          .append(m.disabilityGrade() == null ? "" : m.disabilityGrade() + "级残疾 ").append(m.seriousIllness() ? "重病" : "")
          .append(" |\n");
    }
    s.append("\n**财产**:金融资产").append(Yuan.format(c.financialAssets())).append("元,机动车").append(c.vehicles())
        .append("辆,住房").append(c.houses()).append("套,非居住房产").append(c.nonResidential()).append("处,工商登记")
        .append(c.businessRegistered() ? "有" : "无").append("\n\n");
    if (!c.reasons().isEmpty()) {
      s.append("**核对发现**:").append(String.join(";", c.reasons())).append("\n\n");
    }
    if (c.tier() != null) {
      s.append("**测算**:保障标准每人每月").append(Yuan.format(c.standard())).append("元,家庭月收入")
          .append(Yuan.format(c.householdIncome())).append("元,人均").append(Yuan.format(c.perCapitaIncome()))
          .append("元,档次 ").append(DibaoTiers.label(c.tier())).append(",拟保障金额每月").append(Yuan.format(c.monthlyAmount()))
          .append("元\n\n");
    }
    var timeline = summaries.timeline(c.applicationNo());
    s.append(summaries.publicNotice(timeline));
    s.append(summaries.historyAndDeadline(c.applicationNo(), task, timeline));
    return s.toString();
  }

  static String relation(String code) {
    return switch (code) {
      case "SELF" -> "本人";
      case "SPOUSE" -> "配偶";
      case "CHILD" -> "子女";
      case "PARENT" -> "父母";
      default -> "其他";
    };
  }

  static String capacity(String code) {
    return switch (code) {
      case "FULL" -> "有劳动能力";
      case "PARTIAL" -> "部分丧失劳动能力";
      default -> "完全丧失劳动能力";
    };
  }
}
