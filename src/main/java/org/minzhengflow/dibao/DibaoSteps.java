package org.minzhengflow.dibao;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of {@code processes/dibao.bpmn}, each a bean named as in the model
 * ({@code camunda:delegateExpression="${dibaoVerification}"}): they map process variables to a
 * call of {@link DibaoWorkflow}, which holds the rules.
 */
@Configuration
public class DibaoSteps {

  static String applicationNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  @Bean
  JavaDelegate dibaoVerification(DibaoWorkflow workflow) {
    return ex -> ex.setVariable("disqualified", workflow.verify(applicationNo(ex)));
  }

  @Bean
  JavaDelegate dibaoCloseRelatives(DibaoWorkflow workflow) {
    return ex -> ex.setVariable("closeRelative", workflow.checkCloseRelatives(applicationNo(ex), ex.getProcessInstanceId()));
  }

  @Bean
  JavaDelegate dibaoAssessment(DibaoWorkflow workflow) {
    return ex -> {
      DibaoWorkflow.Assessment assessment = workflow.assess(applicationNo(ex));
      ex.setVariable("tier", assessment.tier());
      ex.setVariable("proposedAmount", assessment.monthlyAmount().longValue());
    };
  }

  @Bean
  JavaDelegate dibaoObjection(DibaoWorkflow workflow) {
    return ex -> workflow.reopenAfterObjection(applicationNo(ex), ex.getProcessInstanceId(),
        (String) ex.getVariable("objection"));
  }

  @Bean
  JavaDelegate dibaoGrant(DibaoWorkflow workflow) {
    return ex -> workflow.grant(applicationNo(ex));
  }

  @Bean
  JavaDelegate dibaoSpotCheckSampling(DibaoWorkflow workflow) {
    return ex -> ex.setVariable("spotCheck", workflow.sampleSpotCheck(applicationNo(ex)));
  }

  /** Ends the case without 低保; a reviewer's "reject" carries the opinion as the reason. */
  @Bean
  JavaDelegate dibaoCloseWithout(DibaoWorkflow workflow) {
    return ex -> {
      String opinion = "reject".equals(ex.getVariable("decision")) ? (String) ex.getVariable("opinion") : null;
      ex.setVariable("outcome", workflow.closeWithout(applicationNo(ex), opinion));
    };
  }

  @Bean
  JavaDelegate dibaoRevocation(DibaoWorkflow workflow) {
    return ex -> workflow.revoke(applicationNo(ex), (String) ex.getVariable("opinion"));
  }
}
