package org.minzhengflow.eldercare;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/** 老年人能力评估 (GB/T 42195-2022): the agency gives one of the five grades, stored with the case. */
@Component("eldercareAbility")
public class AbilityAssessmentRules implements TaskListener {

  static final Set<String> GRADES = Set.of("INTACT", "MILD", "MODERATE", "SEVERE", "COMPLETE");

  private final ElderCareCases cases;
  private final ElderCareTables tables;
  private final CaseHistory history;
  private final ReviewRules reviews;

  public AbilityAssessmentRules(ElderCareCases cases, ElderCareTables tables, CaseHistory history, ReviewRules reviews) {
    this.cases = cases;
    this.tables = tables;
    this.history = history;
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable("abilityGrade");
      return;
    }
    Object grade = task.getVariable("abilityGrade");
    if (!(grade instanceof String g) || !GRADES.contains(g)) {
      throw ReviewRules.invalid("abilityGrade", "能力评估等级必须是 INTACT(能力完好)、MILD(轻度失能)、MODERATE(中度失能)、"
          + "SEVERE(重度失能)、COMPLETE(完全失能)之一");
    }
    String applicationNo = task.getExecution().getProcessBusinessKey();
    cases.setAbilityGrade(applicationNo, g);
    Object opinion = task.getVariable("opinion");
    history.record(applicationNo, task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(), task.getName(),
        reviews.actor(task), null, "评估等级:" + label(g) + "(" + tables.abilityClass(g).name() + ")"
            + (opinion instanceof String o && !o.isBlank() ? ";" + o.trim() : ""));
  }

  static String label(String grade) {
    return switch (grade) {
      case "INTACT" -> "能力完好";
      case "MILD" -> "轻度失能";
      case "MODERATE" -> "中度失能";
      case "SEVERE" -> "重度失能";
      default -> "完全失能";
    };
  }
}
