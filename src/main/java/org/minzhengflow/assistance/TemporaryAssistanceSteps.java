package org.minzhengflow.assistance;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/temporary-assistance.bpmn} around {@link TemporaryAssistanceWorkflow}. */
@Configuration
public class TemporaryAssistanceSteps {

  @Bean
  JavaDelegate temporaryAssistanceLimits(TemporaryAssistanceWorkflow workflow) {
    return ex -> workflow.computeLimits(ex.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate temporaryAssistanceGrant(TemporaryAssistanceWorkflow workflow) {
    return ex -> workflow.grant(ex.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate temporaryAssistanceRecovery(TemporaryAssistanceWorkflow workflow) {
    return ex -> workflow.recover(ex.getProcessBusinessKey(),
        "reject".equals(ex.getVariable("decision")) ? (String) ex.getVariable("opinion") : null);
  }

  @Bean
  JavaDelegate temporaryAssistanceRefusal(TemporaryAssistanceWorkflow workflow) {
    return ex -> workflow.refuse(ex.getProcessBusinessKey(), (String) ex.getVariable("opinion"));
  }

  @Bean
  JavaDelegate temporaryAssistanceClose(TemporaryAssistanceWorkflow workflow) {
    return ex -> workflow.close(ex.getProcessBusinessKey());
  }
}
