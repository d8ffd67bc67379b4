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
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // the street's own home visit left its findings on the case: without this the district's visit would be
      // completed with the street's findings when the district sends none
      task.getExecution().removeVariable("findings");
      return;
    }
    String findings = HomeVisitRules.findings(task, "区级入户调查情况");
    history.record(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), task.getId(),
        task.getTaskDefinitionKey(), task.getName(), reviews.actor(task), null, findings);
  }
}
