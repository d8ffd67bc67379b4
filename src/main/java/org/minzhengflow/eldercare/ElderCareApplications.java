package org.minzhengflow.eldercare;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.ApplicationNumbers;
import org.minzhengflow.casework.AssistanceStatuses;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.CaseStarter;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CasePeople;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.CaseAuthorizations;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.minzhengflow.review.CaseHistory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts elder-care applications. Age, birth date and sex come from the ID number; the qualifying
 * assistance status comes from this system's benefit records; the eligibility table decides. An
 * ineligible application is answered 422 with the reason and nothing is stored or started.
 */
@Service
public class ElderCareApplications {

  public static final String PROCESS_KEY = "eldercare";
  /** Applications may be filed this many months before the qualifying birthday. */
  static final int LEAD_MONTHS = 2;

  private final ElderCareValidator validator;
  private final ElderCareTables tables;
  private final ElderCareCases cases;
  private final AssistanceStatuses statuses;
  private final ApplicationNumbers numbers;
  private final BenefitClaims claims;
  private final BenefitRecords benefits;
  private final CasePeople people;
  private final CaseHistory history;
  private final JurisdictionAccess access;
  private final CandidateGroups groups;
  private final CaseAuthorizations authorizations;
  private final CaseStarter starter;
  private final Clock clock;

  public ElderCareApplications(ElderCareValidator validator, ElderCareTables tables, ElderCareCases cases,
      AssistanceStatuses statuses, ApplicationNumbers numbers, BenefitClaims claims, BenefitRecords benefits,
      CasePeople people, CaseHistory history, JurisdictionAccess access, CandidateGroups groups,
      CaseAuthorizations authorizations, CaseStarter starter, Clock clock) {
    this.validator = validator;
    this.tables = tables;
    this.cases = cases;
    this.statuses = statuses;
    this.numbers = numbers;
    this.claims = claims;
    this.benefits = benefits;
    this.people = people;
    this.history = history;
    this.access = access;
    this.groups = groups;
    this.authorizations = authorizations;
    this.starter = starter;
    this.clock = clock;
  }

  public record Submitted(String applicationNo, String processInstanceId, String status) {}

  @Transactional
  public Submitted submit(ElderCareRequest request, StaffUser user) {
    validator.validate(request);
    if (!access.canFileForStreet(user, request.streetCode())) {
      throw ApiException.forbidden("只有本街道(乡镇)的经办人可以受理该街道的养老补贴申请");
    }
    ElderCareRequest.Elder elder = request.elder();
    IdNumber id = IdNumber.parse(elder.idNumber());
    LocalDate today = LocalDate.now(clock);
    String status = statuses.of(id.value());
    ElderCareTables.Eligibility eligibility = tables.eligibility(request.subsidyType(), id.ageOn(today),
        id.ageOn(today.plusMonths(LEAD_MONTHS)), elder.hukouType(), Boolean.TRUE.equals(elder.hasEmployeePension()),
        status, Boolean.TRUE.equals(elder.livingAlone()), Boolean.TRUE.equals(elder.lostOnlyChild()));
    if (!eligibility.eligible()) {
      throw ApiException.unprocessable(explain(eligibility.reason(), request.subsidyType(), id));
    }
    String applicationNo = numbers.next("YL");
    claims.claim("ELDER_" + request.subsidyType(), applicationNo, List.of(id.value()), typeName(request.subsidyType()));
    cases.insert(applicationNo, request, status, eligibility.category(), user.userId(), clock.instant());
    people.add(applicationNo, id.value(), elder.name().trim());

    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("applicantName", elder.name().trim())
        .putValue("streetCode", request.streetCode())
        .putValue("subsidyType", request.subsidyType());
    ProcessInstance instance = starter.start(PROCESS_KEY, applicationNo, variables);
    cases.setProcessInstance(applicationNo, instance.getId());
    authorizations.grantRead(instance.getId(), List.of(groups.streetCaseworkers(request.streetCode()),
        groups.streetLeaders(request.streetCode()), groups.districtApproversOfStreet(request.streetCode()),
        groups.cityApprovers(), groups.assessmentAgency()));
    history.record(applicationNo, instance.getId(), null, "submitted", "受理申请", user.userId(), null,
        "受理" + elder.name().trim() + "(" + id.ageOn(today) + "周岁)的" + typeName(request.subsidyType()) + "申请;救助身份:"
            + AssistanceStatuses.label(status) + "(以本系统救助记录为准)");
    return new Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }

  /** Adds what the elder can do about it: the earliest date for those not yet 80, the status basis. */
  private String explain(String reason, String subsidyType, IdNumber id) {
    if ("HIGH_AGE".equals(subsidyType) && reason.startsWith("未满80周岁")) {
      return reason + ",最早可于" + id.dateTurning(80).minusMonths(LEAD_MONTHS) + "申请";
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


  @Transactional(readOnly = true)
  public Map<String, Object> status(String applicationNo, StaffUser user) {
    ElderCareCase c = cases.find(applicationNo).orElseThrow(() -> ApiException.notFound("未找到该申请:" + applicationNo));
    if (!access.canSeeStreetCase(user, c.streetCode()) && !user.hasGroup(groups.assessmentAgency())) {
      throw ApiException.forbidden("无权查看其他辖区的申请");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationNo", c.applicationNo());
    body.put("processInstanceId", c.processInstanceId());
    body.put("status", c.status());
    body.put("subsidyType", c.subsidyType());
    body.put("category", c.category());
    body.put("categoryName", c.categoryName());
    body.put("assistanceStatus", c.assistanceStatus());
    body.put("abilityGrade", c.abilityGrade());
    body.put("monthlyAmount", c.monthlyAmount());
    body.put("serviceHours", c.serviceHours());
    body.put("provider", c.provider());
    body.put("paymentFrom", c.paymentFrom());
    benefits.find(applicationNo).filter(b -> "ENDED".equals(b.status()))
        .ifPresent(b -> body.put("benefitEnded", Map.of("fromMonth", b.endMonth(), "reason", b.endReason())));
    body.put("reasons", c.reasons());
    body.put("history", history.view(applicationNo));
    return body;
  }
}
