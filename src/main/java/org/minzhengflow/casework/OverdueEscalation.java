package org.minzhengflow.casework;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A working-day deadline passed: the overdue task is also offered to the level above (input
 * parameters {@code overdueTask} = task key, or every open task of the case when absent;
 * {@code escalateTo} = candidate group), and the case history says so. Adding a candidate group
 * twice is harmless, so a retried job does no harm.
 */
@Component("overdueEscalation")
public class OverdueEscalation implements JavaDelegate {

  private final TaskService tasks;
  private final CaseHistory history;

  public OverdueEscalation(TaskService tasks, CaseHistory history) {
    this.tasks = tasks;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String taskKey = (String) execution.getVariableLocal("overdueTask");
    String group = (String) execution.getVariableLocal("escalateTo");
    var query = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active();
    if (taskKey != null) {
      query.taskDefinitionKey(taskKey);
    }
    for (Task task : query.list()) {
      tasks.addCandidateGroup(task.getId(), group);
      history.record(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), null, "overdue",
          "超期督办:" + task.getName(), null, null, "已超过办理期限,已提交上级(" + group + ")督办");
    }
  }
}
