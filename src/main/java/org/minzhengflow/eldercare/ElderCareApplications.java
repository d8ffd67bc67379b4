package org.minzhengflow.eldercare;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseKind;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.casework.AssistanceStatuses;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts elder-care applications. Age, birth date and sex come from the ID number; the qualifying
 * assistance status comes from this system's benefit records; the eligibility table decides. An
 * ineligible application is answered 422 with the reason and nothing is stored or started.
 */
@Service
public class ElderCareApplications implements CaseKind<ElderCareRequest> {

  public static final String PROCESS_KEY = "eldercare";

  private final ElderCareValidator validator;
  private final ElderCareTables tables;
  private final ElderCareCases cases;
  private final AssistanceStatuses statuses;
  private final BenefitRecords benefits;
  private final JurisdictionRepository jurisdictions;
  private final JurisdictionAccess access;
  private final CandidateGroups groups;
  private final CaseIntake intake;
  private final Clock clock;

  public ElderCareApplications(ElderCareValidator validator, ElderCareTables tables, ElderCareCases cases,
      AssistanceStatuses statuses, BenefitRecords benefits, JurisdictionRepository jurisdictions, JurisdictionAccess access,
      CandidateGroups groups, CaseIntake intake, Clock clock) {
    this.validator = validator;
    this.tables = tables;
    this.cases = cases;
    this.statuses = statuses;
    this.benefits = benefits;
    this.jurisdictions = jurisdictions;
    this.access = access;
    this.groups = groups;
    this.intake = intake;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "eldercare";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String numberPrefix() {
    return "YL";
  }

  @Override
  public Class<ElderCareRequest> requestType() {
    return ElderCareRequest.class;
  }

  @Override
  @Transactional
  public CaseIntake.Submitted submit(ElderCareRequest request, StaffUser user) {
    validator.validate(request);
    if (!access.canFileForStreet(user, request.streetCode())) {
      throw ApiException.forbidden("只有本街道(乡镇)的经办人可以受理该街道的养老补贴申请");
    }
    ElderCareRequest.Elder elder = request.elder();
    IdNumber id = IdNumber.parse(elder.idNumber());
    LocalDate today = LocalDate.now(clock);
    String status = statuses.of(id.value());
    // applications may be filed leadMonths before the qualifying birthday
    ElderCareTables.Policy policy = tables.policy(request.subsidyType());
    ElderCareTables.Eligibility eligibility = tables.eligibility(request.subsidyType(), id.ageOn(today),
        id.ageOn(today.plusMonths(policy.leadMonths())), elder.hukouType(), Boolean.TRUE.equals(elder.hasEmployeePension()),
        status, Boolean.TRUE.equals(elder.livingAlone()), Boolean.TRUE.equals(elder.lostOnlyChild()));
    if (!eligibility.eligible()) {
      throw ApiException.unprocessable(explain(eligibility.reason(), request.subsidyType(), id, policy));
    }
    String districtCode = jurisdictions.findStreet(request.streetCode()).orElseThrow().parentCode();
    String applicationNo = intake.reserve(this, new CaseIntake.Where(request.streetCode(), districtCode, false, false),
        elder.name().trim(), user.userId(), "ELDER_" + request.subsidyType(), typeName(request.subsidyType()),
        List.of(new CaseIntake.Person(id.value(), elder.name().trim())));
    cases.insert(applicationNo, request, status, eligibility.category(), user.userId(), clock.instant());
    intake.payTo(applicationNo, request.payment());

    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("applicantName", elder.name().trim())
        .putValue("streetCode", request.streetCode())
        .putValue("subsidyType", request.subsidyType());
    List<String> readers = new java.util.ArrayList<>(groups.streetCaseReaders(request.streetCode()));
    // the agency reads the cases it assesses (the model assesses every type but the high-age allowance), no other:
    // a 高龄津贴 case is none of its business (docs/reliability.md §7)
    if (!"HIGH_AGE".equals(request.subsidyType())) {
      readers.add(groups.assessmentAgency());
    }
    ProcessInstance instance = intake.start(this, applicationNo, variables, readers, user.userId(),
        "受理" + elder.name().trim() + "(" + id.ageOn(today) + "周岁)的" + typeName(request.subsidyType()) + "申请;救助身份:"
            + AssistanceStatuses.label(status) + "(以本系统救助记录为准)");
    return new CaseIntake.Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }

  /** Adds what the elder can do about it: the earliest date for those not yet of the allowance's age. */
  private String explain(String reason, String subsidyType, IdNumber id, ElderCareTables.Policy policy) {
    if ("HIGH_AGE".equals(subsidyType) && reason.startsWith("未满" + policy.highAgeMinAge() + "周岁")) {
      return reason + ",最早可于" + id.dateTurning(policy.highAgeMinAge()).minusMonths(policy.leadMonths()) + "申请";
    }
    return reason;
  }

  static String typeName(String subsidyType) {
    return switch (subsidyType) {
      case "HIGH_AGE" -> "高龄津贴";
      case "NURSING" -> "失能、半失能老年人护理补贴";
      default -> "政府购买居家养老服务";
    };
  }


  /** The elder-care fields of the status document. */
  @Override
  public Map<String, Object> details(CaseRecord record) {
    ElderCareCase c = cases.get(record.applicationNo());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subsidyType", c.subsidyType());
    body.put("subsidyTypeName", typeName(c.subsidyType()));
    body.put("category", c.category());
    body.put("categoryName", c.categoryName());
    body.put("assistanceStatus", c.assistanceStatus());
    body.put("assistanceStatusName", AssistanceStatuses.label(c.assistanceStatus()));
    body.put("abilityGrade", c.abilityGrade());
    body.put("monthlyAmount", c.monthlyAmount());
    body.put("serviceHours", c.serviceHours());
    body.put("provider", c.provider());
    body.put("paymentFrom", c.paymentFrom());
    benefits.find(record.applicationNo()).filter(b -> "ENDED".equals(b.status()))
        .ifPresent(b -> body.put("benefitEnded", Map.of("fromMonth", b.endMonth(), "reason", b.endReason())));
    return body;
  }
}
