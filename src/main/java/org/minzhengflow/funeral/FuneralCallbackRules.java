package org.minzhengflow.funeral;

import static org.minzhengflow.review.ReviewRules.invalid;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.stereotype.Component;

/**
 * 满意度回访 ({@code satisfactionCallback}) on completion: {@code reached} (yes/no) is required, {@code satisfied}
 * too once reached, {@code comment} at most 500 characters; the try is recorded and {@code callbackDone} tells the
 * model whether to call again tomorrow.
 */
@Component("funeralCallbackRules")
public class FuneralCallbackRules implements TaskListener {

  private final FuneralSatisfaction satisfaction;
  private final CaseHistory history;

  public FuneralCallbackRules(FuneralSatisfaction satisfaction, CaseHistory history) {
    this.satisfaction = satisfaction;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!(task.getVariable("reached") instanceof Boolean reached)) {
      throw invalid("reached", "请填写是否已接通家属电话");
    }
    Object satisfied = task.getVariable("satisfied");
    if (reached && !(satisfied instanceof Boolean)) {
      throw invalid("satisfied", "已接通时请填写家属是否满意");
    }
    Object rawComment = task.getVariable("comment");
    String comment = rawComment == null || rawComment.toString().isBlank() ? null : rawComment.toString().trim();
    if (comment != null && comment.length() > 500) {
      throw invalid("comment", "家属意见不能超过500字");
    }
    String applicationNo = task.getExecution().getProcessBusinessKey();
    boolean done = satisfaction.recordTry(applicationNo, reached, reached ? (Boolean) satisfied : null, comment);
    task.getExecution().setVariable("callbackDone", done);
    history.record(applicationNo, task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(), task.getName(),
        task.getAssignee(), null, !reached ? (done ? "未接通(已拨满,计为未接通)" : "未接通,次日再拨")
            : (Boolean.TRUE.equals(satisfied) ? "满意" : "不满意") + (comment == null ? "" : ":" + comment));
  }
}
