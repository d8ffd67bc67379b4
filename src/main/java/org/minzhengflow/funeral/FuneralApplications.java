package org.minzhengflow.funeral;

import java.math.BigDecimal;
import java.time.LocalDate;
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
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 惠民殡葬: one call to the 12349 hotline (or the street) starts the case (一个电话受理). At most one case per
 * deceased (the claim on FUNERAL_WAIVER and the unique key of funeral_application); the report also records the
 * death for every benefit of the person (身后一件事, a step of the process).
 */
@Service
public class FuneralApplications implements CaseKind<FuneralRequest> {

  public static final String PROCESS_KEY = "funeralWaiver";
  public static final String BENEFIT = "FUNERAL_WAIVER";

  private final FuneralValidator validator;
  private final FuneralCases cases;
  private final FuneralTables tables;
  private final JurisdictionRepository jurisdictions;
  private final JurisdictionAccess access;
  private final CandidateGroups groups;
  private final CaseIntake intake;

  public FuneralApplications(FuneralValidator validator, FuneralCases cases, FuneralTables tables,
      JurisdictionRepository jurisdictions, JurisdictionAccess access, CandidateGroups groups, CaseIntake intake) {
    this.validator = validator;
    this.cases = cases;
    this.tables = tables;
    this.jurisdictions = jurisdictions;
    this.access = access;
    this.groups = groups;
    this.intake = intake;
  }

  @Override
  public String kind() {
    return "funeral";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String numberPrefix() {
    return "BZ";
  }

  @Override
  public Class<FuneralRequest> requestType() {
    return FuneralRequest.class;
  }

  @Override
  @Transactional
  public CaseIntake.Submitted submit(FuneralRequest request, StaffUser user) {
    LocalDate died = validator.validate(request);
    if (!user.hasGroup(groups.hotline()) && !access.canFileForStreet(user, request.streetCode())) {
      throw ApiException.forbidden("只有12349热线接线员或本街道(乡镇)的经办人可以受理惠民殡葬");
    }
    String deceasedId = IdNumber.parse(request.deceased().idNumber()).value();
    cases.caseOf(deceasedId).ifPresent(existing -> {
      throw ApiException.conflict("该逝者已有惠民殡葬减免案件:" + existing + ",同一逝者只受理一次");
    });
    String street = request.streetCode();
    String district = jurisdictions.districtOf(jurisdictions.findStreet(street).orElseThrow()).code();
    String name = request.deceased().name().trim();
    String applicationNo = intake.reserve(this, new CaseIntake.Where(street, district, false, false), name,
        user.userId(), BENEFIT, "惠民殡葬减免", List.of(new CaseIntake.Person(deceasedId, name)));
    cases.insert(applicationNo, request, deceasedId, died);

    Map<String, Object> variables = Variables.createVariables()
        .putValue("applicationNo", applicationNo)
        .putValue("applicantName", name)
        .putValue("streetCode", street)
        .putValue("acceptedBy", user.userId());
    List<String> readers = new ArrayList<>(groups.streetCaseReaders(street));
    readers.add(groups.hotline());
    readers.add(groups.funeralHome());
    ProcessInstance instance = intake.start(this, applicationNo, variables, readers, user.userId(),
        "受理" + name + "(" + died + "死亡)的惠民殡葬减免,来电人" + request.caller().name().trim()
            + "(" + request.caller().relation().trim() + ")");
    return new CaseIntake.Submitted(applicationNo, instance.getId(), "IN_REVIEW");
  }

  /** The deceased (ID masked), the categories, the waiver and its per-service lines. */
  @Override
  public Map<String, Object> details(CaseRecord record) {
    FuneralCase c = cases.get(record.applicationNo());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deceasedName", c.deceasedName());
    body.put("deceasedIdNumber", IdNumber.mask(c.deceasedIdNumber()));
    body.put("dateOfDeath", c.dateOfDeath());
    body.put("eligibleBy", c.eligibleBy());
    body.put("categories", c.categories().stream().map(cat -> Map.of("category", cat.code(), "source", cat.source(),
        "name", tables.category(cat.code()).map(FuneralTables.Category::name).orElse(cat.code()))).toList());
    body.put("waivedAmount", c.waivedAmount() == null ? BigDecimal.ZERO : c.waivedAmount());
    body.put("services", c.services().stream().map(s -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("kind", s.kind());
      line.put("requestedUnits", s.requestedUnits());
      line.put("renderedUnits", s.renderedUnits());
      line.put("fee", s.fee());
      line.put("unitCap", s.unitCap());
      line.put("waived", s.waived());
      return line;
    }).toList());
    return body;
  }
}
