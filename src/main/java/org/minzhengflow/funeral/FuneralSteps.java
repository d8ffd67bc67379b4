package org.minzhengflow.funeral;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/funeral-waiver.bpmn}: variable mapping around {@link FuneralWorkflow}. */
@Configuration
@EnableConfigurationProperties(FuneralHome.class)
public class FuneralSteps {

  @Bean
  JavaDelegate funeralEligibility(FuneralWorkflow workflow) {
    return ex -> ex.setVariable("eligibleBy", workflow.checkEligibility(ex.getProcessBusinessKey()));
  }

  @Bean
  JavaDelegate funeralDeathReport(FuneralWorkflow workflow) {
    return ex -> workflow.recordDeath(ex.getProcessBusinessKey(), (String) ex.getVariable("acceptedBy"));
  }

  @Bean
  JavaDelegate funeralSettlement(FuneralWorkflow workflow) {
    return ex -> ex.setVariable("waivedAmount", workflow.settle(ex.getProcessBusinessKey()).doubleValue());
  }

  @Bean
  JavaDelegate funeralRefusal(FuneralWorkflow workflow) {
    return ex -> workflow.refuse(ex.getProcessBusinessKey(),
        "reject".equals(ex.getVariable("decision")) ? (String) ex.getVariable("opinion") : null);
  }

  @Bean
  JavaDelegate funeralSampling(FuneralSatisfaction satisfaction) {
    return ex -> satisfaction.sample(satisfaction.lastMonth());
  }
}
