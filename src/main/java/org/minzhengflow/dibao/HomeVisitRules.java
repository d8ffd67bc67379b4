package org.minzhengflow.dibao;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CasePeople;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/**
 * 入户调查 needs two different investigators of the case's street: the completer names the second
 * ({@code secondInvestigator}), who must be another caseworker of that street and no close relative
 * of the household; {@code findings} are required. Recorded in the case history.
 */
@Component("dibaoHomeVisit")
public class HomeVisitRules implements TaskListener {

  static final int MAX_FINDINGS = 2000;

  private final IdentityService identity;
  private final CandidateGroups groups;
  private final CasePeople people;
  private final CaseHistory history;
  private final ReviewRules reviews;

  public HomeVisitRules(IdentityService identity, CandidateGroups groups, CasePeople people,
      CaseHistory history, ReviewRules reviews) {
    this.identity = identity;
    this.groups = groups;
    this.people = people;
    this.history = history;
    this.reviews = reviews;
  }

  /** The task's required {@code findings} (trimmed, at most {@link #MAX_FINDINGS} characters), or 400 naming them. */
  static String findings(DelegateTask task, String what) {
    Object value = task.getVariable("findings");
    String findings = value == null ? "" : value.toString().trim();
    if (findings.isEmpty()) {
      throw ReviewRules.invalid("findings", "请填写" + what);
    }
    if (findings.length() > MAX_FINDINGS) {
      throw ReviewRules.invalid("findings", what + "不能超过" + MAX_FINDINGS + "字");
    }
    return findings;
  }

  /**
   * The task's {@code secondInvestigator}: another caseworker of the case's street ({@code streetCode}), not the
   * completer, no close relative of the household's members; else 400 naming the field.
   */
  String secondInvestigator(DelegateTask task, String completer, String caseNo) {
    Object second = task.getVariable("secondInvestigator");
    String secondId = second == null ? "" : second.toString().trim();
    if (secondId.isEmpty()) {
      throw ReviewRules.invalid("secondInvestigator", "入户调查须由两名工作人员完成,请填写第二调查人");
    }
    if (secondId.equals(completer)) {
      throw ReviewRules.invalid("secondInvestigator", "第二调查人不能是本人,须为本街道另一名经办人");
    }
    String streetGroup = groups.streetCaseworkers((String) task.getVariable("streetCode"));
    if (secondId.length() > 64 || identity.createUserQuery().userId(secondId).memberOfGroup(streetGroup).count() == 0) {
      throw ReviewRules.invalid("secondInvestigator", "第二调查人" + org.minzhengflow.organization.StaffUser.shown(secondId) + "不是本街道的经办人");
    }
    if (people.staffIsRelative(secondId, caseNo)) {
      throw ReviewRules.invalid("secondInvestigator", "第二调查人是申请家庭成员的近亲属,须回避");
    }
    return secondId;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable("secondInvestigator");
      task.getExecution().removeVariable("findings");
      return;
    }
    String completer = reviews.actor(task);
    String secondId = secondInvestigator(task, completer, task.getExecution().getProcessBusinessKey());
    String findings = findings(task, "入户调查情况");
    history.record(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), task.getId(),
        task.getTaskDefinitionKey(), task.getName(), completer, null,
        "调查人:" + completer + "、" + secondId + "。" + findings);
  }
}
