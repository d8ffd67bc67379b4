package org.minzhengflow.casework;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Every automatic step of every process runs as a job in its own transaction ({@code asyncBefore}),
 * set here when a model is parsed rather than on each service task in Modeler, so no step can be
 * forgotten. The retry cycle of every job is the engine's one {@code failedJobRetryTimeCycle}
 * ({@code application.yaml}: three tries five minutes apart, then an incident in Cockpit).
 */
@org.springframework.stereotype.Component
public class AsyncServiceTasks extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        activity.setAsyncBefore(true);
      }
    });
  }
}
