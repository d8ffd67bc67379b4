package org.minzhengflow.nursinghome;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of {@code processes/nursing-home-support.bpmn}, each a bean named as in the
 * model ({@code camunda:delegateExpression="${nursingHomePrecheck}"}): they map process variables
 * to a call of {@link NursingHomeWorkflow}, which holds the rules.
 */
@Configuration
public class NursingHomeSteps {

  static String applicationNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  /** The review round: one more each time the district finishes a material review. */
  static int round(DelegateExecution execution) {
    Object round = execution.getVariable("round");
    return round instanceof Number n ? n.intValue() : 0;
  }

  @Bean
  ExecutionListener nursingHomeNewRound() {
    return ex -> ex.setVariable("round", round(ex) + 1);
  }

  @Bean
  JavaDelegate nursingHomePrecheck(NursingHomeWorkflow workflow) {
    return ex -> ex.setVariable("precheckPassed", workflow.precheck(applicationNo(ex)));
  }

  @Bean
  JavaDelegate nursingHomeEvaluation(NursingHomeWorkflow workflow) {
    return ex -> ex.setVariable("departmentsAgree",
        workflow.evaluate(applicationNo(ex), ex.getProcessInstanceId(), round(ex)));
  }

  @Bean
  JavaDelegate nursingHomeObjection(NursingHomeWorkflow workflow) {
    return ex -> workflow.reopenAfterObjection(applicationNo(ex), ex.getProcessInstanceId(),
        (String) ex.getVariable("objection"));
  }

  @Bean
  JavaDelegate nursingHomeGrant(NursingHomeWorkflow workflow) {
    return ex -> workflow.grant(applicationNo(ex));
  }

  /**
   * Ends the case without support. The deciding review is the last one in the case history that
   * rejected or returned; without one, the pre-check failed.
   */
  @Bean
  JavaDelegate nursingHomeClose(NursingHomeWorkflow workflow, CaseHistory history) {
    return ex -> {
      boolean precheckPassed = Boolean.TRUE.equals(ex.getVariable("precheckPassed"));
      String decision = null;
      String opinion = null;
      String stepName = null;
      if (precheckPassed) {
        List<CaseHistory.Entry> entries = history.of(applicationNo(ex));
        for (int i = entries.size() - 1; i >= 0; i--) {
          CaseHistory.Entry e = entries.get(i);
          if ("reject".equals(e.decision()) || "return".equals(e.decision())) {
            decision = e.decision();
            opinion = e.opinion();
            stepName = e.stepName();
            break;
          }
        }
      }
      workflow.close(applicationNo(ex), decision, opinion, stepName);
    };
  }
}
