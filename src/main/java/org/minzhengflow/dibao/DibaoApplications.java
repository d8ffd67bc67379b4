package org.minzhengflow.dibao;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseKind;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.Jurisdiction;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts dibao applications: validates, claims the benefit for every member (409 when one is
 * already covered), stores the household and starts the process, all in one transaction, so bad
 * input or a conflict leaves no row and no process behind.
 */
@Service
public class DibaoApplications implements CaseKind<DibaoApplicationRequest> {

  public static final String PROCESS_KEY = "dibao";
  public static final String BENEFIT = "DIBAO";

  private final DibaoApplicationValidator validator;
  private final DibaoCases cases;
  private final DibaoTables tables;
  private final DibaoWorkflow workflow;
  private final JurisdictionRepository jurisdictions;
  private final JurisdictionAccess access;
  private final CandidateGroups groups;
  private final CaseIntake intake;
  private final org.minzhengflow.casework.BenefitRecords benefits;
  private final DibaoReviewRecords reviews;
  private final org.minzhengflow.casework.CaseRecords records;
  private final Clock clock;

  public DibaoApplications(DibaoApplicationValidator validator, DibaoCases cases, DibaoTables tables,
      DibaoWorkflow workflow, JurisdictionRepository jurisdictions, JurisdictionAccess access, CandidateGroups groups,
      CaseIntake intake, org.minzhengflow.casework.BenefitRecords benefits, DibaoReviewRecords reviews,
      org.minzhengflow.casework.CaseRecords records, Clock clock) {
    this.benefits = benefits;
    this.reviews = reviews;
    this.records = records;
    this.validator = validator;
    this.cases = cases;
    this.tables = tables;
    this.workflow = workflow;
    this.jurisdictions = jurisdictions;
    this.access = access;
    this.groups = groups;
    this.intake = intake;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "dibao";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String numberPrefix() {
    return "DB";
  }

  @Override
  public Class<DibaoApplicationRequest> requestType() {
    return DibaoApplicationRequest.class;
  }

  /** 低保: the whole-case limit may be extended to 45 working days in special cases. */
  @Override
  public boolean extensible() {
    return true;
  }

  @Override
  @Transactional
  public CaseIntake.Submitted submit(DibaoApplicationRequest submitted, StaffUser user) {
    validator.validate(submitted);
    DibaoApplicationRequest request = submitted.normalized();
    if (!access.canFileForStreet(user, request.streetCode())) {
      throw ApiException.forbidden("只有本街道(乡镇)的经办人可以受理该街道的低保申请");
    }
    Jurisdiction street = jurisdictions.findStreet(request.streetCode()).orElseThrow();
    Jurisdiction district = jurisdictions.districtOf(street);
    String applicantName = request.members().stream()
        .filter(m -> m.idNumber().equalsIgnoreCase(request.applicantIdNumber())).findFirst().orElseThrow().name().trim();
    String applicationNo = intake.reserve(this,
        new CaseIntake.Where(street.code(), district.code(), district.pilotOneLevel(), false), applicantName,
        user.userId(), BENEFIT, "低保", request.members().stream()
            .map(m -> new CaseIntake.Person(m.idNumber().toUpperCase(), m.name().trim())).toList());
    cases.insert(applicationNo, request, applicantName, user.userId(), clock.instant());
    intake.payTo(applicationNo, request.payment());

    DibaoPolicy policy = tables.policy(request.areaType());
    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("applicantName", applicantName)
        .putValue("streetCode", street.code())
        .putValue("pilotDistrict", district.pilotOneLevel())
        .putValue("needsLaborAssessment", needsLaborAssessment(request, policy, java.time.LocalDate.now(clock)))
        .putValue("hadObjection", false)
        .putValue("householdSize", request.members().size());
    ProcessInstance instance = intake.start(this, applicationNo, variables,
        groups.streetCaseReaders(street.code()), user.userId(),
        "受理" + applicantName + "家庭(" + request.members().size() + "人)的低保申请");
    return new CaseIntake.Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }

  /** A working-age member who declares partial or no capacity to work needs an assessment. */
  static boolean needsLaborAssessment(DibaoApplicationRequest request, DibaoPolicy policy, java.time.LocalDate today) {
    return request.members().stream().filter(m -> !"FULL".equals(m.laborCapacity())).anyMatch(m -> {
      IdNumber id = IdNumber.parse(m.idNumber());
      int age = id.ageOn(today);
      int max = id.sex() == org.minzhengflow.identification.Sex.MALE ? policy.workingAgeMaxMale() : policy.workingAgeMaxFemale();
      return age >= policy.workingAgeMin() && age < max;
    });
  }

  @Override
  public void publishNotice(String applicationNo) {
    workflow.publishNotice(applicationNo);
  }

  /** The 低保 fields of the status document of CONTRACT.md. */
  @Override
  public Map<String, Object> details(CaseRecord record) {
    DibaoCase c = cases.get(record.applicationNo());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tier", c.tier());
    body.put("tierName", DibaoTiers.label(c.tier()));
    body.put("monthlyAmount", c.monthlyAmount());
    body.put("standard", c.standard());
    body.put("perCapitaIncome", c.perCapitaIncome());
    body.put("householdSize", c.members().size());
    if (!c.coveredAlone().isEmpty()) {
      body.put("coveredAlone", c.coveredAlone().stream().map(Member::name).toList());
    }
    body.put("closeRelative", c.closeRelative());
    body.put("paymentFrom", c.paymentFrom());
    benefits.find(record.applicationNo()).ifPresent(b -> {
      body.put("benefit", b.benefit());
      body.put("benefitStatus", b.status());
      body.put("nextReviewDate", b.nextReviewDate());
    });
    body.put("reviews", reviews.ofApplication(record.applicationNo()).stream().map(r -> {
      Map<String, Object> review = new LinkedHashMap<>();
      review.put("reviewNo", r.reviewNo());
      review.put("status", records.get(r.reviewNo()).status().name());
      review.put("outcome", r.outcome());
      return review;
    }).toList());
    return body;
  }
}
