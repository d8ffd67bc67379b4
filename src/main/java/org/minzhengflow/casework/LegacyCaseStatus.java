package org.minzhengflow.casework;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Cases still running on a model deployed before the case core (release 0.1) keep a true status: those
 * models set no status themselves (the Java code did), so when such a definition is parsed, the status
 * listeners the current models carry are attached at the same milestones. A model that sets statuses
 * itself ({@code ${caseStatus.enter(…)}}) is left alone.
 */
@Component
public class LegacyCaseStatus extends AbstractProcessEnginePlugin {

  /** One milestone of the 0.1 models: at this event of this activity the case enters this status. */
  record Milestone(String activityId, String event, String status) {}

  /** {@code "=outcome"}: the status is the value of the variable the step set. */
  static final List<Milestone> MILESTONES_0_1 = List.of(
      new Milestone("Gateway_NoticePeriod", ExecutionListener.EVENTNAME_START, "PUBLIC_NOTICE"),
      new Milestone("Event_NoticePeriodEnded", ExecutionListener.EVENTNAME_END, "IN_REVIEW"),
      new Milestone("Event_ObjectionReceived", ExecutionListener.EVENTNAME_END, "IN_REVIEW"),
      new Milestone("Task_GrantBenefit", ExecutionListener.EVENTNAME_END, "APPROVED"),
      new Milestone("Task_GrantSubsidy", ExecutionListener.EVENTNAME_END, "APPROVED"),
      new Milestone("Task_Grant", ExecutionListener.EVENTNAME_END, "APPROVED"),
      new Milestone("Task_CloseWithoutBenefit", ExecutionListener.EVENTNAME_END, "=outcome"),
      new Milestone("Task_Reject", ExecutionListener.EVENTNAME_END, "REJECTED"),
      new Milestone("Task_Close", ExecutionListener.EVENTNAME_END, "REJECTED"),
      new Milestone("Task_RevokeBenefit", ExecutionListener.EVENTNAME_END, "REVOKED"));

  private final CaseStatusListener status;

  public LegacyCaseStatus(@Lazy CaseStatusListener status) {
    this.status = status;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
        if (!isCase(processElement) || setsStatusItself(processElement)) {
          return;
        }
        for (Milestone m : MILESTONES_0_1) {
          ActivityImpl activity = definition.findActivity(m.activityId());
          if (activity != null) {
            activity.addListener(m.event(), (ExecutionListener) execution -> status.enter(execution,
                m.status().startsWith("=") ? (String) execution.getVariable(m.status().substring(1)) : m.status()));
          }
        }
      }
    });
  }

  /** A case process starts at the application's start event (the shared notice process does not). */
  private static boolean isCase(Element process) {
    return process.elements().stream().anyMatch(e -> "StartEvent_Submitted".equals(e.attribute("id")));
  }

  private static boolean setsStatusItself(Element element) {
    String expression = element.attribute("expression");
    if (expression != null && expression.contains("caseStatus.enter")) {
      return true;
    }
    return element.elements().stream().anyMatch(LegacyCaseStatus::setsStatusItself);
  }
}
