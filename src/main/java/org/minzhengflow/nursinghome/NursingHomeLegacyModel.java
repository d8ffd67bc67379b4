package org.minzhengflow.nursinghome;

import java.util.Date;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.minzhengflow.casework.CaseDeadlines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The expressions of the nursing-home model of release 0.1, for the cases still running on it: its own
 * deadline bean (by green channel) and its own notice step, answered from the one deadline table. Remove
 * once no instance of that version is left.
 */
@Configuration
public class NursingHomeLegacyModel {

  /** {@code ${nursingHomeDeadlines.due('materialReview', greenChannel)}}, as the 0.1 model writes it. */
  public static class Deadlines {
    private final CaseDeadlines deadlines;

    Deadlines(CaseDeadlines deadlines) {
      this.deadlines = deadlines;
    }

    public Date due(String step, boolean greenChannel) {
      return deadlines.due(deadlines.workingDays(NursingHomeApplications.PROCESS_KEY, step, false, greenChannel));
    }

    public String dueIso(String step, boolean greenChannel) {
      return deadlines.dueIsoIn(deadlines.workingDays(NursingHomeApplications.PROCESS_KEY, step, false, greenChannel));
    }
  }

  @Bean
  Deadlines nursingHomeDeadlines(CaseDeadlines deadlines) {
    return new Deadlines(deadlines);
  }

  @Bean
  JavaDelegate nursingHomePublicNotice(NursingHomeWorkflow workflow, CaseDeadlines deadlines) {
    return ex -> {
      workflow.publishNotice(ex.getProcessBusinessKey());
      boolean green = Boolean.TRUE.equals(ex.getVariable("greenChannel"));
      ex.setVariable("noticeDuration", "P" + deadlines.noticeDays(NursingHomeApplications.PROCESS_KEY, false, green) + "D");
    };
  }
}
