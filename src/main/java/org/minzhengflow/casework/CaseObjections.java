package org.minzhengflow.casework;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Objections during a public notice (公示), for every kind: the {@code Objection} message correlated by
 * business key with the variable {@code objection}. Whether the case is on notice is asked of the engine
 * (is a notice waiting for the message?), so an objection at any other moment is a 409, never a 500.
 */
@Service
public class CaseObjections {

  public static final String MESSAGE = "Objection";
  static final int MAX_LENGTH = 2000;

  private final RuntimeService runtime;
  private final CaseAccess access;

  public CaseObjections(RuntimeService runtime, CaseAccess access) {
    this.runtime = runtime;
    this.access = access;
  }

  @Transactional
  public void raise(String kind, String applicationNo, String objection, StaffUser user) {
    if (objection == null || objection.isBlank()) {
      throw new InvalidInputException("objection", "必须填写异议内容");
    }
    if (objection.length() > MAX_LENGTH) {
      throw new InvalidInputException("objection", "异议内容不能超过" + MAX_LENGTH + "字");
    }
    access.readable(kind, applicationNo, user);
    if (!onNotice(applicationNo)) {
      throw ApiException.conflict("该申请当前不在公示期,不能提出异议");
    }
    try {
      runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(applicationNo)
          .setVariables(Variables.createVariables().putValue("objection", objection.trim()))
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      // the notice ended between the question and the correlation
      throw ApiException.conflict("该申请当前不在公示期,不能提出异议");
    }
  }

  /** Is a public notice of the case waiting for objections right now? */
  public boolean onNotice(String applicationNo) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(applicationNo)
        .messageEventSubscriptionName(MESSAGE).count() > 0;
  }
}
