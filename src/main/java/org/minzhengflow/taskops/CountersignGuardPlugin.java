package org.minzhengflow.taskops;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.minzhengflow.review.RuleContext;
import org.springframework.stereotype.Component;

/**
 * 加签 holds on the engine side, whoever completes the task and however (Tasklist, {@code /engine-rest}, Java): a
 * user task with an open {@code countersign} for it cannot be completed. Added to every user task when a model is
 * parsed, so no model can forget it.
 */
@Component
public class CountersignGuardPlugin extends AbstractProcessEnginePlugin {

  /** The message prefix the engine REST error format answers with 409 (the state forbids it, not bad input). */
  public static final String PENDING = "[countersign] ";

  static final TaskListener NO_OPEN_COUNTERSIGN = CountersignGuardPlugin::refuseWhileCountersignOpen;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior
            && !TaskOperations.COUNTERSIGN_TASK.equals(activity.getId())) {
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, NO_OPEN_COUNTERSIGN);
        }
      }
    });
  }

  static void refuseWhileCountersignOpen(DelegateTask task) {
    // The colleagues' countersign tasks are theirs: the one completing may not see them, the rule must. One static
    // statement: the engine's task query with a process-variable condition costs ~1 ms of CPU per completion in
    // MyBatis' dynamic SQL alone (benchmark profile, docs/benchmarks.md change 24), on every completion of every task.
    String prefix = Context.getProcessEngineConfiguration().getDatabaseTablePrefix();
    long open = RuleContext.withoutAuthorizationCheck(() -> task.getProcessEngineServices().getTaskService()
        .createNativeTaskQuery()
        .sql("select count(*) from " + prefix + "ACT_RU_TASK T join " + prefix + "ACT_RE_PROCDEF D on D.ID_ = T.PROC_DEF_ID_"
            + " where D.KEY_ = #{process} and exists (select 1 from " + prefix + "ACT_RU_VARIABLE V"
            + " where V.PROC_INST_ID_ = T.PROC_INST_ID_ and V.TASK_ID_ is null and V.NAME_ = #{name}"
            + " and V.TYPE_ = 'string' and V.TEXT_ = #{taskId})")
        .parameter("process", TaskOperations.COUNTERSIGN_PROCESS)
        .parameter("name", TaskOperations.PARENT_TASK)
        .parameter("taskId", task.getId())
        .count());
    if (open > 0) {
      throw CountersignRules.invalid("countersign", "尚有" + open + "位同事的加签意见未提交,全部提交后才能完成本任务");
    }
  }
}
