package org.minzhengflow.eldercare;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/eldercare.bpmn}: variable mapping around {@link ElderCareWorkflow}. */
@Configuration
public class ElderCareSteps {

  @Bean
  JavaDelegate eldercareBenefit(ElderCareWorkflow workflow) {
    return ex -> ex.setVariable("eligible", workflow.determineBenefit(ex.getProcessBusinessKey()));
  }

  @Bean
  JavaDelegate eldercareGrant(ElderCareWorkflow workflow) {
    return ex -> ex.setVariable("turnNinetyDate", workflow.grant(ex.getProcessBusinessKey()));
  }

  @Bean
  JavaDelegate eldercareNinetySwitch(ElderCareWorkflow workflow) {
    return ex -> workflow.switchToNinetyClass(ex.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate eldercareRejection(ElderCareWorkflow workflow) {
    return ex -> workflow.reject(ex.getProcessBusinessKey(),
        "reject".equals(ex.getVariable("decision")) ? (String) ex.getVariable("opinion") : null);
  }
}
