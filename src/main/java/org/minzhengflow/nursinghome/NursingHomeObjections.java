package org.minzhengflow.nursinghome;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Objections during the public notice: the {@code Objection} message, correlated by business key. */
@Service
public class NursingHomeObjections {

  private final NursingHomeCases cases;
  private final RuntimeService runtime;
  private final JurisdictionAccess access;

  public NursingHomeObjections(NursingHomeCases cases, RuntimeService runtime, JurisdictionAccess access) {
    this.cases = cases;
    this.runtime = runtime;
    this.access = access;
  }

  @Transactional
  public void raise(String applicationNo, String objection, StaffUser user) {
    if (objection == null || objection.isBlank()) {
      throw new InvalidInputException("objection", "必须填写异议内容");
    }
    if (objection.length() > 2000) {
      throw new InvalidInputException("objection", "异议内容不能超过2000字");
    }
    NursingHomeCase c = cases.find(applicationNo).orElseThrow(() -> ApiException.notFound("未找到该申请:" + applicationNo));
    if (!access.canSeeDistrictCase(user, c.districtCode())) {
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
