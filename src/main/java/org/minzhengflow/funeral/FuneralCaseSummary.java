package org.minzhengflow.funeral;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.review.CaseSummaries;
import org.springframework.stereotype.Component;

/** The {@code caseSummary} of every funeral task: the deceased, the categories, the services asked for, the history. */
@Component("funeralCaseSummary")
public class FuneralCaseSummary implements TaskListener {

  private final FuneralCases cases;
  private final FuneralTables tables;
  private final CaseSummaries summaries;

  public FuneralCaseSummary(FuneralCases cases, FuneralTables tables, CaseSummaries summaries) {
    this.cases = cases;
    this.tables = tables;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    FuneralCase c = cases.get(task.getExecution().getProcessBusinessKey());
    StringBuilder s = new StringBuilder("### 惠民殡葬减免 ").append(c.applicationNo()).append("\n\n");
    s.append("**逝者**:").append(c.deceasedName()).append("(").append(IdNumber.mask(c.deceasedIdNumber())).append(")")
        .append(" **死亡日期**:").append(c.dateOfDeath()).append("\n\n");
    s.append("**来电人**:").append(c.callerName()).append("(").append(c.callerRelation()).append(",")
        .append(c.callerPhone()).append(")\n\n");
    s.append("**减免对象类别**:\n");
    for (FuneralCase.Category cat : c.categories()) {
      s.append("- ").append(tables.category(cat.code()).map(FuneralTables.Category::name).orElse(cat.code()))
          .append("REGISTRY".equals(cat.source()) ? "(救助档案认定)" : "(申报,待街道确认)").append("\n");
    }
    s.append("\n**申请的基本服务**:\n");
    for (FuneralCase.Service service : c.services()) {
      FuneralTables.Cap cap = tables.cap(c.dateOfDeath(), service.kind());
      s.append("- ").append(cap.name()).append(" ").append(service.requestedUnits()).append(cap.unit())
          .append("(减免上限每").append(cap.unit()).append(cap.unitCap().stripTrailingZeros().toPlainString())
          .append("元,最多").append(cap.maxUnits()).append(cap.unit()).append(")\n");
    }
    s.append("\n").append(summaries.historyAndDeadline(c.applicationNo(), task));
    summaries.publish(task, s.toString());
  }
}
