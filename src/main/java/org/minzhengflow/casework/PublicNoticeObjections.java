package org.minzhengflow.casework;

import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Objections during a public notice (公示), for every process: the {@code Objection} message
 * correlated by business key with the variable {@code objection}, after checking the text, the
 * caller's jurisdiction and that the case is on notice.
 */
@Service
public class PublicNoticeObjections {

  /** What the objection needs to know of the case: may the caller act on it, and its status. */
  public record CaseState(boolean callerMayAct, String status) {}

  static final int MAX_LENGTH = 2000;

  private final RuntimeService runtime;

  public PublicNoticeObjections(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** {@code state} is empty when no such application exists. */
  public void raise(String applicationNo, String objection, Optional<CaseState> state) {
    if (objection == null || objection.isBlank()) {
      throw new InvalidInputException("objection", "必须填写异议内容");
    }
    if (objection.length() > MAX_LENGTH) {
      throw new InvalidInputException("objection", "异议内容不能超过" + MAX_LENGTH + "字");
    }
    CaseState c = state.orElseThrow(() -> ApiException.notFound("未找到该申请:" + applicationNo));
    if (!c.callerMayAct()) {
      throw ApiException.forbidden("无权处理其他辖区的申请");
    }
    if (!"PUBLIC_NOTICE".equals(c.status())) {
      throw ApiException.conflict("该申请当前不在公示期,不能提出异议");
    }
    runtime.createMessageCorrelation("Objection").processInstanceBusinessKey(applicationNo)
        .setVariables(Variables.createVariables().putValue("objection", objection.trim()))
        .correlate();
  }
}
