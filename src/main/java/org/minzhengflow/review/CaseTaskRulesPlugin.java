package org.minzhengflow.review;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Rules that hold for every case process, added when a model is parsed so no designer can forget
 * them in Modeler: the conflict-of-interest check and one person, one role on claiming and completing every user task, and
 * cases start only through the application API.
 */
@Component
public class CaseTaskRulesPlugin extends AbstractProcessEnginePlugin {

  /** The start event of every case process; such a process starts only through the application API. */
  public static final String CASE_START = "StartEvent_Submitted";

  /**
   * A case started any other way (e.g. an administrator through the engine REST API) would have no
   * application behind it: refused with 400 before anything is stored.
   */
  static final org.camunda.bpm.engine.delegate.ExecutionListener ONLY_THROUGH_API = execution -> {
    if (!Boolean.TRUE.equals(execution.getVariable(org.minzhengflow.casework.CaseStarter.ACCEPTED_BY_APPLICATION))) {
      throw org.minzhengflow.casework.CaseStarter.notThroughApi();
    }
  };

  /** The message prefix the engine REST error format answers with 409 (someone else was faster, not bad input). */
  public static final String TAKEN = "[taken] ";

  /**
   * Runs before every other completion listener (a built-in one): a completion whose task's execution is gone lost a
   * race — another completion of the same task committed between this one reading the task and its execution, and
   * the case moved on. Without this the model's own listeners met a missing execution (NullPointerException: 500).
   */
  static final TaskListener STILL_OPEN = task -> {
    if (task.getExecutionId() != null && task.getExecution() == null) {
      throw new org.camunda.bpm.engine.ProcessEngineException(TAKEN + "该任务刚被他人办理,请刷新任务列表");
    }
  };

  private final TaskListener conflictOfInterest;
  private final TaskListener separationOfDuties;

  public CaseTaskRulesPlugin(@Lazy ConflictOfInterest conflictOfInterest, @Lazy SeparationOfDuties separationOfDuties) {
    this.conflictOfInterest = conflictOfInterest;
    this.separationOfDuties = separationOfDuties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPreBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl activity) {
        if (CASE_START.equals(activity.getId())) {
          activity.addListener(org.camunda.bpm.engine.delegate.ExecutionListener.EVENTNAME_START, ONLY_THROUGH_API);
        }
      }

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          // on completion the rules about the person come before the model's own listeners, which check the input:
          // someone who may not complete the task at all hears that (403), not what is wrong with the form (400)
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, STILL_OPEN);
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, separationOfDuties);
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, conflictOfInterest);
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, conflictOfInterest);
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, separationOfDuties);
        }
      }
    });
  }
}
