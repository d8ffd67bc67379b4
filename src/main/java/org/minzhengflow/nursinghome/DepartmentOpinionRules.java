package org.minzhengflow.nursinghome;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/**
 * 部门意见: the three departments decide in parallel instances of one multi-instance task, so a
 * plain {@code decision} variable would be overwritten by whichever department finishes last.
 * On create each instance gets its own local {@code decision}/{@code opinion} (a completion then
 * writes there) and a name that says which department it is for; on complete, after
 * {@code ${reviewDecision}} has checked and recorded it, the opinion is stored per department and
 * review round.
 */
@Component("nursingHomeDepartmentOpinion")
public class DepartmentOpinionRules implements TaskListener {

  private final NursingHomeCases cases;
  private final NursingHomeDepartments departments;
  private final ReviewRules reviews;
  private final Clock clock;

  public DepartmentOpinionRules(NursingHomeCases cases, NursingHomeDepartments departments, ReviewRules reviews,
      Clock clock) {
    this.cases = cases;
    this.departments = departments;
    this.reviews = reviews;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String department = (String) task.getExecution().getVariable("department");
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().setVariableLocal("decision", null);
      task.getExecution().setVariableLocal("opinion", null);
      task.setName("部门意见(" + departments.label(department) + ")");
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    Object opinion = task.getVariable("opinion");
    String text = opinion == null || opinion.toString().isBlank() ? null : opinion.toString().trim();
    cases.saveOpinion(task.getExecution().getProcessBusinessKey(), NursingHomeSteps.round(task.getExecution()),
        department, (String) task.getVariable("decision"), text, reviews.actor(task), clock.instant());
  }
}
