package org.minzhengflow.dibao;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/**
 * 区级入户调查 (district's own home visit for close-relative cases and cases with an objection): the
 * findings are required and go into the case history, which the district approval's summary shows.
 */
@Component("dibaoDistrictHomeVisit")
public class DistrictHomeVisitRules implements TaskListener {

  private final CaseHistory history;
  private final ReviewRules reviews;

  public DistrictHomeVisitRules(CaseHistory history, ReviewRules reviews) {
    this.history = history;
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    Object value = task.getVariable("findings");
    String findings = value == null ? "" : value.toString().trim();
    if (findings.isEmpty()) {
      throw ReviewRules.invalid("findings", "请填写区级入户调查情况");
    }
    if (findings.length() > HomeVisitRules.MAX_FINDINGS) {
      throw ReviewRules.invalid("findings", "区级入户调查情况不能超过" + HomeVisitRules.MAX_FINDINGS + "字");
    }
    history.record(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), task.getId(),
        task.getTaskDefinitionKey(), task.getName(), reviews.actor(task), null, findings);
  }
}
