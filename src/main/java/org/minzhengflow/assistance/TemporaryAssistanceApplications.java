package org.minzhengflow.assistance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseKind;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.casework.PaymentAccounts;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 临时救助 (民发〔2018〕23号): 急难型 granted first by the street (先行救助) and verified afterwards, 支出型 verified
 * first; amounts capped in multiples of the monthly standard, above the street's limit the district approves.
 * A household has one open case at a time (the claim on TEMPORARY_ASSISTANCE, released when the case ends).
 */
@Service
public class TemporaryAssistanceApplications implements CaseKind<TemporaryAssistanceRequest> {

  public static final String PROCESS_KEY = "temporaryAssistance";
  public static final String BENEFIT = "TEMPORARY_ASSISTANCE";
  static final Set<String> TYPES = Set.of("EMERGENCY", "EXPENDITURE");
  /** A request above a hundred thousand yuan is a typing error, whatever the cap (the table caps the grant). */
  static final BigDecimal MAX_REQUEST = new BigDecimal("100000");

  private final TemporaryAssistanceCases cases;
  private final JurisdictionRepository jurisdictions;
  private final JurisdictionAccess access;
  private final CandidateGroups groups;
  private final CaseIntake intake;

  public TemporaryAssistanceApplications(TemporaryAssistanceCases cases, JurisdictionRepository jurisdictions,
      JurisdictionAccess access, CandidateGroups groups, CaseIntake intake) {
    this.cases = cases;
    this.jurisdictions = jurisdictions;
    this.access = access;
    this.groups = groups;
    this.intake = intake;
  }

  @Override
  public String kind() {
    return "temporary-assistance";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String numberPrefix() {
    return "LS";
  }

  @Override
  public Class<TemporaryAssistanceRequest> requestType() {
    return TemporaryAssistanceRequest.class;
  }

  @Override
  @Transactional
  public CaseIntake.Submitted submit(TemporaryAssistanceRequest request, StaffUser user) {
    validate(request);
    if (!access.canFileForStreet(user, request.streetCode())) {
      throw ApiException.forbidden("只有本街道(乡镇)的经办人可以受理该街道的临时救助申请");
    }
    String idNumber = IdNumber.parse(request.applicant().idNumber()).value();
    String name = request.applicant().name().trim();
    String district = jurisdictions.districtOf(jurisdictions.findStreet(request.streetCode()).orElseThrow()).code();
    String applicationNo = intake.reserve(this, new CaseIntake.Where(request.streetCode(), district, false, false), name,
        user.userId(), BENEFIT, "临时救助", List.of(new CaseIntake.Person(idNumber, name)));
    cases.insert(applicationNo, request, idNumber);
    intake.payTo(applicationNo, request.payment());
    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("applicantName", name)
        .putValue("streetCode", request.streetCode())
        .putValue("type", request.type());
    ProcessInstance instance = intake.start(this, applicationNo, variables, groups.streetCaseReaders(request.streetCode()),
        user.userId(), "受理" + name + "家庭(" + request.householdSize() + "人)的"
            + ("EMERGENCY".equals(request.type()) ? "急难型" : "支出型") + "临时救助申请:" + request.reason().trim());
    return new CaseIntake.Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }

  private void validate(TemporaryAssistanceRequest r) {
    if (r == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    if (p.required("streetCode", r.streetCode()) && jurisdictions.findStreet(r.streetCode()).isEmpty()) {
      p.add("streetCode", "街道(乡镇)代码不存在");
    }
    if (p.required("type", r.type()) && !TYPES.contains(r.type())) {
      p.add("type", "救助类型必须是 EMERGENCY(急难型)或 EXPENDITURE(支出型)");
    }
    if (r.applicant() == null) {
      p.add("applicant", "请填写申请人");
    } else {
      if (p.required("applicant.name", r.applicant().name())) {
        p.personName("applicant.name", r.applicant().name().trim());
      }
      p.idNumber("applicant.idNumber", r.applicant().idNumber());
    }
    if (p.required("householdSize", r.householdSize()) && (r.householdSize() < 1 || r.householdSize() > 20)) {
      p.add("householdSize", "家庭人口应为1至20人");
    }
    if (p.required("reason", r.reason())) {
      p.maxLength("reason", r.reason().trim(), 1000);
    }
    if (p.required("requestedAmount", r.requestedAmount())
        && (r.requestedAmount().signum() <= 0 || r.requestedAmount().compareTo(MAX_REQUEST) > 0
            || r.requestedAmount().scale() > 2)) {
      p.add("requestedAmount", "申请金额应大于0、不超过100000元,最多两位小数");
    }
    if (r.areaType() != null && !Set.of("URBAN", "RURAL").contains(r.areaType())) {
      p.add("areaType", "户籍类别必须是 URBAN(城市)或 RURAL(农村)");
    }
    PaymentAccounts.validate(r.payment(), p);
    p.throwIfAny();
  }

  @Override
  public Map<String, Object> details(CaseRecord record) {
    TemporaryAssistanceCases.Case c = cases.get(record.applicationNo());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", c.type());
    body.put("householdSize", c.householdSize());
    body.put("reason", c.reason());
    body.put("requestedAmount", c.requestedAmount());
    body.put("standard", c.standard());
    body.put("capAmount", c.capAmount());
    body.put("streetLimit", c.streetLimit());
    body.put("grantedAmount", c.grantedAmount());
    body.put("paidInCash", c.paidInCash());
    body.put("justified", c.justified());
    body.put("recoveryAmount", c.recoveryAmount());
    return body;
  }
}
