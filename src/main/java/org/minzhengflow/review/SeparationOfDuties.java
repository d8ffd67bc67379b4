package org.minzhengflow.review;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.stereotype.Component;

/**
 * One person, one role in a case (DOMAIN.md §7: nobody decides a case in two roles). The role of a step is who the
 * model gives it to — the candidate-group expression of its user task, e.g. the street's leaders for 街道审核, the
 * district bureau for 区民政部门审批 — so steps of one unit (入户调查 and 劳动能力评估; 材料审核 and 现场核查; 区级入户调查
 * and 区级审批) are one role and may be done by one person, while a member of staff who completed a step of another
 * role in the case may neither take nor complete this one. Groups alone do not keep the roles apart: an overdue step
 * is offered to the level above (OverdueEscalation), so the district bureau that did an overdue street review would
 * otherwise approve its own review, and a member of two groups (a deputy leader who also investigates) could do both.
 *
 * <p>Attached to every user task on assignment and completion by {@link CaseTaskRulesPlugin}; the task operations ask
 * it before handing a task to someone ({@link #stepOfAnotherRole}).
 */
@Component
public class SeparationOfDuties implements TaskListener {

  private final ReviewRules reviews;
  private final HistoryService history;
  private final RepositoryService repository;
  private final ManagementService management;
  /** The engine's table of historic tasks, with its configured prefix; asked once. */
  private volatile String historicTaskTable;

  public SeparationOfDuties(ReviewRules reviews, HistoryService history, RepositoryService repository,
      ManagementService management) {
    this.reviews = reviews;
    this.history = history;
    this.repository = repository;
    this.management = management;
  }

  @Override
  public void notify(DelegateTask task) {
    // A claimed task is its assignee's: Camunda lets anyone with the task's work permission complete it (a colleague
    // of the same group, over the REST API, without Tasklist's claim), which would decide in another's name. Whoever
    // should take over asks for a 转办 (taskops) or the assignee hands it back.
    String caller = reviews.authenticatedUser();
    if (EVENTNAME_COMPLETE.equals(task.getEventName()) && caller != null && task.getAssignee() != null
        && !caller.equals(task.getAssignee())) {
      throw new CaseRoleRefusal("该任务已由" + task.getAssignee() + "认领办理,只有办理人可以提交;如需接手,请由办理人或本单位负责人转办");
    }
    // on assignment the new assignee is the one to check, whoever made the assignment
    String actor = EVENTNAME_ASSIGNMENT.equals(task.getEventName()) ? task.getAssignee() : reviews.actor(task);
    if (actor == null || task.getProcessInstanceId() == null) {
      return;
    }
    stepOfAnotherRole(actor, task.getProcessInstanceId(), task.getProcessDefinitionId(), task.getTaskDefinitionKey())
        .ifPresent(done -> {
          throw new CaseRoleRefusal(refusal(actor, done, task.getName()));
        });
  }

  /** The sentence staff read, naming the step already done and the one refused. */
  public static String refusal(String userId, String doneStepName, String stepName) {
    return userId + "已在本案中办理“" + doneStepName + "”环节,同一人不能在本案中再办理“" + stepName
        + "”(一人不得兼任两个审批岗位)";
  }

  /**
   * The name of a step of another role than {@code taskDefinitionKey} that the user completed in this process
   * instance, if any. Completed means: the historic task was theirs when completed, or they completed it without
   * claiming it (the engine's operation log names who completed a task; an unclaimed task keeps no assignee).
   */
  public Optional<String> stepOfAnotherRole(String userId, String processInstanceId, String processDefinitionId,
      String taskDefinitionKey) {
    return RuleContext.withoutAuthorizationCheck(() -> {
      Map<String, TaskDefinition> steps = steps(processDefinitionId);
      String role = role(steps.get(taskDefinitionKey));
      if (role == null) {
        return Optional.<String>empty(); // a step given to a named person (加签) is nobody's role
      }
      // One static statement: the engine's historic task query costs ~1 ms of CPU in MyBatis' dynamic SQL alone, and
      // this runs at every claim and completion of every task (benchmark profile, docs/benchmarks.md change 24).
      List<HistoricTaskInstance> done = history.createNativeHistoricTaskInstanceQuery()
          .sql("select RES.* from " + historicTaskTable() + " RES where RES.PROC_INST_ID_ = #{processInstanceId}"
              + " and RES.END_TIME_ is not null and RES.DELETE_REASON_ = 'completed'")
          .parameter("processInstanceId", processInstanceId).list();
      List<HistoricTaskInstance> unclaimed = new java.util.ArrayList<>();
      for (HistoricTaskInstance step : done) {
        String stepRole = role(steps.get(step.getTaskDefinitionKey()));
        if (stepRole == null || stepRole.equals(role)) {
          continue;
        }
        if (userId.equals(step.getAssignee())) {
          return Optional.of(step.getName());
        }
        if (step.getAssignee() == null) {
          unclaimed.add(step);
        }
      }
      // Who completed a step nobody had claimed only the operation log knows; asked only when there is such a step
      // (claim and completion are the hot path). A step claimed by someone else was completed by that person: the
      // listener above refuses anyone else's completion of a claimed task.
      if (unclaimed.isEmpty()) {
        return Optional.<String>empty();
      }
      Set<String> completedByUser = new TreeSet<>();
      for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
          .userId(userId).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).entityType(EntityTypes.TASK)
          .list()) {
        completedByUser.add(entry.getTaskId());
      }
      for (HistoricTaskInstance step : unclaimed) {
        if (completedByUser.contains(step.getId())) {
          return Optional.of(step.getName());
        }
      }
      return Optional.<String>empty();
    });
  }

  private String historicTaskTable() {
    if (historicTaskTable == null) {
      historicTaskTable = management.getTableName(HistoricTaskInstance.class);
    }
    return historicTaskTable;
  }

  private Map<String, TaskDefinition> steps(String processDefinitionId) {
    ProcessDefinitionEntity definition = (ProcessDefinitionEntity)
        ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(processDefinitionId);
    return definition.getTaskDefinitions();
  }

  /** Who the model gives the step to: its candidate-group expressions as written; null when it names none. */
  static String role(TaskDefinition step) {
    if (step == null || step.getCandidateGroupIdExpressions().isEmpty()) {
      return null;
    }
    Set<String> expressions = new TreeSet<>();
    for (Expression e : step.getCandidateGroupIdExpressions()) {
      expressions.add(e.getExpressionText());
    }
    return String.join(",", expressions);
  }
}
