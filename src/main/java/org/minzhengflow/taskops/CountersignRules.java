package org.minzhengflow.taskops;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.stereotype.Component;

/**
 * The colleague's opinion on a 加签 (task {@code countersign} of {@code processes/countersign.bpmn}): required, at
 * most 2000 characters, given by the named colleague alone; recorded in the case history and as a comment on the
 * task it was asked for, where the one who decides reads it.
 */
@Component("countersignRules")
public class CountersignRules implements TaskListener {

  private final CaseHistory history;
  private final TaskService tasks;
  private final IdentityService identity;

  public CountersignRules(CaseHistory history, TaskService tasks, IdentityService identity) {
    this.history = history;
    this.tasks = tasks;
    this.identity = identity;
  }

  /** The countersign task is the named colleague's alone: no group may take it (see the model). */
  public List<String> noCandidateGroups() {
    return List.of();
  }

  @Override
  public void notify(DelegateTask task) {
    Object raw = task.getVariable("opinion");
    String opinion = raw == null ? "" : raw.toString().trim();
    if (opinion.isEmpty()) {
      throw invalid("opinion", "必须填写加签意见");
    }
    if (opinion.length() > 2000) {
      throw invalid("opinion", "加签意见不能超过2000字");
    }
    Authentication current = identity.getCurrentAuthentication();
    String actor = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    if (actor == null || !actor.equals(task.getVariable("countersigner"))) {
      throw invalid("assignee", "只有被加签的同事本人可以提交加签意见");
    }
    String applicationNo = (String) task.getVariable("applicationNo");
    String parentTask = (String) task.getVariable(TaskOperations.PARENT_TASK);
    String parentStep = (String) task.getVariable("parentStep");
    String parentName = (String) task.getVariable("parentTaskName");
    String caseProcess = (String) task.getVariable("caseProcessInstanceId");
    history.record(applicationNo, caseProcess, null, parentStep, parentName, actor, "opinion",
        "加签意见:" + opinion);
    org.minzhengflow.review.RuleContext.withoutAuthorizationCheck(() -> {
      if (tasks.createTaskQuery().taskId(parentTask).count() > 0) {
        tasks.createComment(parentTask, caseProcess, "【加签意见】" + actor + ":" + opinion);
      }
      return null;
    });
  }

  static FormFieldValidationException invalid(String field, String message) {
    return new FormFieldValidationException(field, "[" + field + "] " + message);
  }
}
