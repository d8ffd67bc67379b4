package org.minzhengflow.dibao;

import java.util.Date;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.minzhengflow.casework.CaseDeadlines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The expressions of the 低保 model of release 0.1, for the cases still running on it: its own deadline
 * bean and its own notice step (the current model uses {@code deadlines} and the shared notice process).
 * Both answer from the one deadline table. Remove once no instance of that version is left
 * (Cockpit: process definition {@code dibao}, version 1).
 */
@Configuration
public class DibaoLegacyModel {

  /** {@code ${dibaoDeadlines.due('streetReview')}} and the like, as the 0.1 model writes them. */
  public static class Deadlines {
    private final CaseDeadlines deadlines;

    Deadlines(CaseDeadlines deadlines) {
      this.deadlines = deadlines;
    }

    public Date due(String step) {
      return deadlines.due(DibaoApplications.PROCESS_KEY, step);
    }

    public String dueIso(String step) {
      return deadlines.dueIso(DibaoApplications.PROCESS_KEY, step);
    }

    /** The 0.1 model's whole-case timer: 30 working days (as that release counted, for every district). */
    public String caseDueIso() {
      return deadlines.dueIso(DibaoApplications.PROCESS_KEY, CaseDeadlines.CASE);
    }
  }

  @Bean
  Deadlines dibaoDeadlines(CaseDeadlines deadlines) {
    return new Deadlines(deadlines);
  }

  @Bean
  JavaDelegate dibaoPublicNotice(DibaoWorkflow workflow, CaseDeadlines deadlines) {
    return ex -> {
      workflow.publishNotice(ex.getProcessBusinessKey());
      ex.setVariable("noticeDuration", "P" + deadlines.noticeDays(DibaoApplications.PROCESS_KEY, false, false) + "D");
    };
  }
}
