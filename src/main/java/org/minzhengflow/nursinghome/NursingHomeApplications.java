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
import org.minzhengflow.casework.CaseKind;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.casework.CaseStatus;
import org.minzhengflow.identification.CreditCode;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.StaffUser;
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
public class NursingHomeApplications implements CaseKind<NursingHomeApplicationRequest> {

  public static final String PROCESS_KEY = "nursingHomeSupport";

  private final NursingHomeApplicationValidator validator;
  private final NursingHomeCases cases;
  private final NursingHomeDepartments departments;
  private final CaseIntake intake;
  private final NursingHomeWorkflow workflow;
  private final CandidateGroups groups;
  private final JdbcClient jdbc;
  private final Clock clock;

  public NursingHomeApplications(NursingHomeApplicationValidator validator, NursingHomeCases cases,
      NursingHomeDepartments departments, CaseIntake intake,
      NursingHomeWorkflow workflow, CandidateGroups groups, JdbcClient jdbc, Clock clock) {
    this.validator = validator;
    this.cases = cases;
    this.departments = departments;
    this.intake = intake;
    this.workflow = workflow;
    this.groups = groups;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "nursing-home";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String numberPrefix() {
    return "NH";
  }

  @Override
  public Class<NursingHomeApplicationRequest> requestType() {
    return NursingHomeApplicationRequest.class;
  }

  @Override
  public void publishNotice(String applicationNo) {
    workflow.publishNotice(applicationNo);
  }

  /**
   * The institution is no person, so the claim is made here rather than with
   * {@link CaseIntake#reserve} (which also records the people a case concerns): the credit code
   * holds the benefit {@code NH_<policy>}, and the 409 names the institution and its open case.
   */
  @Override
  @Transactional
  public CaseIntake.Submitted submit(NursingHomeApplicationRequest request, StaffUser user) {
    validator.validate(request);
    if (!user.isAdmin() && !user.hasGroup(groups.districtApprovers(request.districtCode()))) {
      throw ApiException.forbidden("只有本区县民政部门可以受理本辖区养老机构的扶持申请");
    }
    NursingHomePolicy policy = NursingHomePolicy.valueOf(request.policy());
    String creditCode = CreditCode.parse(request.institution().creditCode()).value();
    boolean green = Boolean.TRUE.equals(request.greenChannel());
    String applicationNo = intake.reserveForInstitution(this, new CaseIntake.Where(null, request.districtCode(), false, green),
        request.institution().name().trim(), user.userId(), policy.benefit(), policy.label(), creditCode);
    cases.saveInstitution(creditCode, request.districtCode(), request.institution(), clock.instant());
    cases.insert(applicationNo, creditCode, request, user.userId(), clock.instant());
    intake.payTo(applicationNo, request.payment());

    String name = request.institution().name().trim();
    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("districtCode", request.districtCode())
        .putValue("policy", policy.name())
        .putValue("greenChannel", Boolean.TRUE.equals(request.greenChannel()))
        .putValue("institutionName", name);
    List<String> readers = new ArrayList<>(List.of(groups.districtApprovers(request.districtCode()), groups.cityApprovers()));
    departments.keys().forEach(d -> readers.add(groups.department(d)));
    ProcessInstance instance = intake.start(this, applicationNo, variables, readers, user.userId(),
        "受理" + name + "的" + policy.label() + "申请" + (Boolean.TRUE.equals(request.greenChannel()) ? "(绿色通道)" : ""));
    return new CaseIntake.Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }


  /** The nursing-home fields of the status document of CONTRACT.md. */
  @Override
  public Map<String, Object> details(CaseRecord record) {
    NursingHomeCase c = cases.get(record.applicationNo());
    boolean approved = record.status() == CaseStatus.APPROVED || record.status() == CaseStatus.PUBLIC_NOTICE;
    Map<String, Object> body = new LinkedHashMap<>();
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
    List<Map<String, Object>> opinions = new ArrayList<>();
    for (NursingHomeCases.Opinion o : cases.latestOpinions(record.applicationNo())) {
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
    return body;
  }
}
