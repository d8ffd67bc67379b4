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
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
    // the colleagues' countersign tasks are theirs: the one completing may not see them, the rule must
    long open = org.minzhengflow.review.RuleContext.withoutAuthorizationCheck(() -> task.getProcessEngineServices().getTaskService().createTaskQuery()
        .processDefinitionKey(TaskOperations.COUNTERSIGN_PROCESS)
        .processVariableValueEquals(TaskOperations.PARENT_TASK, task.getId()).count());
    if (open > 0) {
      throw CountersignRules.invalid("countersign", "尚有" + open + "位同事的加签意见未提交,全部提交后才能完成本任务");
    }
  }
}
