package org.minzhengflow.casework;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sets the case's status where the model reaches a milestone, e.g.
 * {@code <camunda:executionListener event="end" expression="${caseStatus.enter(execution, 'APPROVED')}"/>}
 * on the grant step, or {@code ${caseStatus.enter(execution, outcome)}} where a step decided it. The status
 * is never set from Java code elsewhere, so it is always where the process is.
 */
@Component("caseStatus")
public class CaseStatusListener {

  private final CaseRecords records;

  public CaseStatusListener(CaseRecords records) {
    this.records = records;
  }

  public void enter(DelegateExecution execution, String status) {
    CaseStatus parsed = CaseStatus.parse(status);
    if (parsed == null) {
      throw new IllegalArgumentException("unknown case status " + status + " at " + execution.getCurrentActivityId());
    }
    records.setStatus(execution.getProcessBusinessKey(), parsed);
  }
}
