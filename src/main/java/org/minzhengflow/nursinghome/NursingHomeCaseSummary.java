package org.minzhengflow.nursinghome;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.review.CaseSummaries;
import org.springframework.stereotype.Component;

/**
 * Puts what the person at a task needs to decide into {@code caseSummary} (Markdown shown by the
 * Camunda Form): the institution, declared and inspected beds, the pre-check, the department
 * opinions of this round (a rejection stands out), the amount with its calculation, the history and
 * the deadline. Set as a task-local variable, so the parallel department tasks each keep their own.
 */
@Component("nursingHomeCaseSummary")
public class NursingHomeCaseSummary implements TaskListener {

  private static final Map<String, String> ABILITY = Map.of("INTACT", "能力完好", "MILD", "轻度失能", "MODERATE", "中度失能",
      "SEVERE", "重度失能", "COMPLETE", "完全失能");

  private final NursingHomeCases cases;
  private final NursingHomeDepartments departments;
  private final CaseSummaries summaries;
  private final Clock clock;

  public NursingHomeCaseSummary(NursingHomeCases cases, NursingHomeDepartments departments, CaseSummaries summaries,
      Clock clock) {
    this.cases = cases;
    this.departments = departments;
    this.summaries = summaries;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    summaries.publish(task, render(cases.get(task.getExecution().getProcessBusinessKey()), task));
  }

  String render(NursingHomeCase c, DelegateTask task) {
    StringBuilder s = new StringBuilder();
    s.append("### 养老机构").append(c.policy().label()).append("申请 ").append(c.applicationNo());
    if (c.greenChannel()) {
      s.append("【绿色通道:部门并联审查】");
    }
    s.append("\n\n**机构**:").append(c.institutionName()).append(" **统一社会信用代码**:").append(c.creditCode())
        .append(" **备案号**:").append(c.filingNo()).append("\n\n");
    LocalDate applied = LocalDate.ofInstant(c.submittedAt(), clock.getZone());
    s.append("**开业日期**:").append(c.operatingSince()).append("(至申请日已运营")
        .append(NursingHomeCalculation.monthsInOperation(c.operatingSince(), applied)).append("个月) **星级**:")
        .append(c.star() == 0 ? "未评星" : c.star() + "星").append(" **消防安全**:").append(c.fireSafetyApproved() ? "合格" : "未取得合格意见")
        .append(" **场地**:").append(c.siteRented() ? "租赁(租期" + c.lease() + "年)" : "自有")
        .append(c.renovation() ? " **改扩建**" : "").append("\n\n");
    s.append("| 床位 | 申报 | 实地核查 |\n|---|---|---|\n");
    s.append("| 总床位 | ").append(c.beds()).append(" | |\n");
    s.append("| 新增床位 | ").append(c.newBeds()).append(" | |\n");
    s.append("| 入住床位 | ").append(c.occupiedBeds()).append(" | ")
        .append(c.inspectedOccupiedBeds() == null ? "尚未核查" : c.inspectedOccupiedBeds()).append(" |\n");
    s.append("| 本地户籍入住老人 | ").append(c.localResidents()).append(" | |\n\n");
    s.append("**入住老人能力等级**:");
    c.residentsByAbility().forEach((k, v) -> s.append(ABILITY.get(k)).append(v).append("人 "));
    s.append("\n\n");
    if (c.loanAmount() != null) {
      s.append("**贷款**:").append(Yuan.format(c.loanAmount())).append("元,新招用人员占比")
          .append(c.newHireRatio() == null ? "—" : NursingHomeCalculation.percent(c.newHireRatio())).append("\n\n");
    }
    s.append("**自动预审**:").append(c.precheckReasons().isEmpty() ? "通过" : "未通过:" + String.join(";", c.precheckReasons()))
        .append("\n\n");
    int round = NursingHomeSteps.round(task.getExecution());
    List<NursingHomeCases.Opinion> opinions = cases.opinions(c.applicationNo(), round);
    if (!opinions.isEmpty()) {
      s.append("**部门意见(第").append(round).append("轮审查)**:\n");
      for (NursingHomeCases.Opinion o : opinions) {
        boolean approve = "approve".equals(o.decision());
        s.append("- ").append(approve ? "" : "⚠ ").append(departments.label(o.department())).append(approve ? ":同意" : ":**不同意**")
            .append(o.opinion() == null ? "" : "——" + o.opinion()).append(o.user() == null ? "" : "(" + o.user() + ")").append("\n");
      }
      if (opinions.stream().anyMatch(o -> !"approve".equals(o.decision()))) {
        s.append("\n**⚠ 有部门不同意,请市民政局结合各部门意见作出决定。**\n");
      }
      s.append("\n");
    }
    if (c.amount() != null) {
      s.append("**").append(c.inspectedOccupiedBeds() == null ? "拟补贴金额(按申报数据测算)" : "拟补贴金额").append("**:")
          .append(Yuan.format(c.amount())).append("元").append(c.policy().monthly() ? "/月" : "").append("\n\n");
      c.breakdown().forEach(line -> s.append("- ").append(line).append("\n"));
      s.append("\n");
    }
    var timeline = summaries.timeline(c.applicationNo());
    s.append(summaries.publicNotice(timeline));
    if (c.greenChannel()) {
      s.append("**绿色通道**:部门意见与现场核查并行,办理时限缩短\n\n");
    }
    s.append(summaries.historyAndDeadline(c.applicationNo(), task, timeline));
    return s.toString();
  }
}
