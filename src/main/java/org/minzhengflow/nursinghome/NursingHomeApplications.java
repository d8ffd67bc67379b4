package org.minzhengflow.nursinghome;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.identification.CreditCode;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.minzhengflow.review.CaseHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts nursing-home support applications: validates, claims the policy for the institution (409
 * when an application for it is open or its benefit active), records the institution and the
 * application and starts the process, all in one transaction, so bad input or a conflict leaves no
 * row and no process behind. Filed by the district bureau of the institution's district.
 */
@Service
public class NursingHomeApplications {

  public static final String PROCESS_KEY = "nursingHomeSupport";

  private final NursingHomeApplicationValidator validator;
  private final NursingHomeCases cases;
  private final NursingHomeDepartments departments;
  private final CaseIntake intake;
  private final CaseHistory history;
  private final JurisdictionAccess access;
  private final CandidateGroups groups;
  private final JdbcClient jdbc;
  private final Clock clock;

  public NursingHomeApplications(NursingHomeApplicationValidator validator, NursingHomeCases cases,
      NursingHomeDepartments departments, CaseIntake intake,
      CaseHistory history, JurisdictionAccess access, CandidateGroups groups, JdbcClient jdbc, Clock clock) {
    this.validator = validator;
    this.cases = cases;
    this.departments = departments;
    this.intake = intake;
    this.history = history;
    this.access = access;
    this.groups = groups;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The institution is no person, so the claim is made here rather than with
   * {@link CaseIntake#reserve} (which also records the people a case concerns): the credit code
   * holds the benefit {@code NH_<policy>}, and the 409 names the institution and its open case.
   */
  @Transactional
  public CaseIntake.Submitted submit(NursingHomeApplicationRequest request, StaffUser user) {
    validator.validate(request);
    if (!user.isAdmin() && !user.hasGroup(groups.districtApprovers(request.districtCode()))) {
      throw ApiException.forbidden("只有本区县民政部门可以受理本辖区养老机构的扶持申请");
    }
    NursingHomePolicy policy = NursingHomePolicy.valueOf(request.policy());
    String creditCode = CreditCode.parse(request.institution().creditCode()).value();
    String applicationNo = intake.reserveForInstitution("NH", policy.benefit(), policy.label(), creditCode);
    cases.saveInstitution(creditCode, request.districtCode(), request.institution(), clock.instant());
    cases.insert(applicationNo, creditCode, request, user.userId(), clock.instant());

    String name = request.institution().name().trim();
    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("districtCode", request.districtCode())
        .putValue("policy", policy.name())
        .putValue("greenChannel", Boolean.TRUE.equals(request.greenChannel()))
        .putValue("institutionName", name);
    List<String> readers = new ArrayList<>(List.of(groups.districtApprovers(request.districtCode()), groups.cityApprovers()));
    departments.keys().forEach(d -> readers.add(groups.department(d)));
    ProcessInstance instance = intake.start(PROCESS_KEY, applicationNo, variables, readers, user.userId(),
        "受理" + name + "的" + policy.label() + "申请" + (Boolean.TRUE.equals(request.greenChannel()) ? "(绿色通道)" : ""));
    cases.setProcessInstance(applicationNo, instance.getId());
    return new CaseIntake.Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }


  /** The status document of CONTRACT.md; 404 when unknown, 403 outside the user's jurisdiction. */
  @Transactional(readOnly = true)
  public Map<String, Object> status(String applicationNo, StaffUser user) {
    NursingHomeCase c = cases.find(applicationNo).orElseThrow(() -> ApiException.notFound("未找到该申请:" + applicationNo));
    if (!access.canSeeDistrictCase(user, c.districtCode())) {
      throw ApiException.forbidden("无权查看其他辖区的申请");
    }
    boolean approved = "APPROVED".equals(c.status()) || "PUBLIC_NOTICE".equals(c.status());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationNo", c.applicationNo());
    body.put("processInstanceId", c.processInstanceId());
    body.put("status", c.status());
    body.put("policy", c.policy().name());
    body.put("policyName", c.policy().label());
    body.put("greenChannel", c.greenChannel());
    body.put("districtCode", c.districtCode());
    body.put("institution", Map.of("name", c.institutionName(), "creditCode", c.creditCode(), "filingNo", c.filingNo()));
    body.put("approvedAmount", approved ? c.amount() : null);
    body.put("proposedAmount", c.amount());
    body.put("paymentPeriod", c.policy().monthly() ? "MONTHLY" : "ONCE");
    body.put("declaredOccupiedBeds", c.occupiedBeds());
    body.put("inspectedOccupiedBeds", c.inspectedOccupiedBeds());
    body.put("breakdown", c.breakdown());
    body.put("reasons", c.reasons().isEmpty() ? c.precheckReasons() : c.reasons());
    List<Map<String, Object>> opinions = new ArrayList<>();
    for (NursingHomeCases.Opinion o : cases.latestOpinions(applicationNo)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("department", o.department());
      entry.put("departmentName", departments.label(o.department()));
      entry.put("decision", o.decision());
      entry.put("opinion", o.opinion());
      entry.put("user", o.user());
      entry.put("time", o.time());
      entry.put("round", o.round());
      opinions.add(entry);
    }
    body.put("departmentOpinions", opinions);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (CaseHistory.Entry e : history.of(applicationNo)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("step", e.step());
      entry.put("stepName", e.stepName());
      entry.put("user", e.user());
      entry.put("decision", e.decision());
      entry.put("opinion", e.opinion());
      entry.put("time", e.time());
      entries.add(entry);
    }
    body.put("history", entries);
    return body;
  }
}
