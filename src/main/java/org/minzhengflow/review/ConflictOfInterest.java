package org.minzhengflow.review;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CasePeople;
import org.springframework.stereotype.Component;

/**
 * 回避: a member of staff registered as a close relative of anyone in the case may neither take (claim, be handed by
 * 转办, 委派 or 退回) nor complete any of its tasks. Attached to every user task of every process by
 * {@link CaseTaskRulesPlugin}. A refusal of the person, not of the input: 403 ({@link CaseRoleRefusal}).
 */
@Component
public class ConflictOfInterest implements TaskListener {

  private final CasePeople people;
  private final ReviewRules reviews;

  public ConflictOfInterest(CasePeople people, ReviewRules reviews) {
    this.people = people;
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    // on assignment the new assignee is the one to check, whoever made the assignment
    String actor = EVENTNAME_ASSIGNMENT.equals(task.getEventName()) ? task.getAssignee() : reviews.actor(task);
    String applicationNo = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (actor == null || applicationNo == null) {
      return;
    }
    if (people.staffIsRelative(actor, applicationNo)) {
      throw new CaseRoleRefusal(actor + "是本案申请人或其家庭成员的备案近亲属,须回避,不能认领或办理此任务");
    }
  }
}
