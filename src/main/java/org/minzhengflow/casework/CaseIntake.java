package org.minzhengflow.casework;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.minzhengflow.organization.CaseAuthorizations;
import org.minzhengflow.organization.JurisdictionRepository;
import org.springframework.stereotype.Component;

/**
 * The steps every application takes on acceptance, whatever the benefit, in the caller's transaction:
 * a number and the case row with its legal deadline, the claim on the benefit for each person (409 when
 * one is already covered), the people of the case; then the process, the readers of its jurisdiction
 * (rows and engine grants) and the first history entry.
 */
@Component
public class CaseIntake {

  /** Process variables every case has, shown as columns in the Tasklist list. */
  public static final String APPLICANT_NAME = "applicantName";
  public static final String STREET_NAME = "streetName";
  public static final String CASE_DEADLINE = "caseDeadline";

  /** Someone the application concerns. */
  public record Person(String idNumber, String name) {}

  /** Where a case belongs: its street (null for a district's own cases), district, and what its deadlines depend on. */
  public record Where(String streetCode, String districtCode, boolean pilotDistrict, boolean greenChannel) {}

  /** The answer of every {@code POST …/applications}. */
  public record Submitted(String applicationNo, String processInstanceId, String status) {}

  private final ApplicationNumbers numbers;
  private final CaseRecords records;
  private final CaseDeadlines deadlines;
  private final BenefitClaims claims;
  private final CasePeople people;
  private final CaseStarter starter;
  private final CaseAuthorizations authorizations;
  private final CaseHistory history;
  private final PaymentAccounts accounts;
  private final JurisdictionRepository jurisdictions;
  private final Clock clock;

  public CaseIntake(ApplicationNumbers numbers, CaseRecords records, CaseDeadlines deadlines, BenefitClaims claims,
      CasePeople people, CaseStarter starter, CaseAuthorizations authorizations, CaseHistory history,
      PaymentAccounts accounts, JurisdictionRepository jurisdictions, Clock clock) {
    this.accounts = accounts;
    this.jurisdictions = jurisdictions;
    this.numbers = numbers;
    this.records = records;
    this.deadlines = deadlines;
    this.claims = claims;
    this.people = people;
    this.starter = starter;
    this.authorizations = authorizations;
    this.history = history;
    this.clock = clock;
  }

  /** Issues the number, stores the case row and claims the benefit for every person. */
  public String reserve(CaseKind<?> kind, Where where, String applicantName, String submittedBy, String benefit,
      String benefitName, List<Person> persons) {
    List<String> idNumbers = persons.stream().map(Person::idNumber).toList();
    claims.requireFree(benefit, idNumbers, benefitName);
    String applicationNo = open(kind, where, applicantName, submittedBy);
    claims.claimChecked(benefit, applicationNo, idNumbers);
    people.add(applicationNo, persons.stream().map(p -> Map.entry(p.idNumber(), p.name())).toList());
    return applicationNo;
  }

  /** As {@link #reserve} for an institution (key: its unified social credit code; no persons in the case). */
  public String reserveForInstitution(CaseKind<?> kind, Where where, String institutionName, String submittedBy,
      String benefit, String benefitName, String creditCode) {
    claims.requireFreeForInstitution(benefit, creditCode, benefitName);
    String applicationNo = open(kind, where, institutionName, submittedBy);
    claims.claimChecked(benefit, applicationNo, List.of(creditCode));
    return applicationNo;
  }

  private String open(CaseKind<?> kind, Where where, String applicantName, String submittedBy) {
    String applicationNo = numbers.next(kind.numberPrefix());
    records.insert(applicationNo, kind.kind(), where.streetCode(), where.districtCode(), applicantName, submittedBy,
        clock.instant(), deadlines.caseDeadline(kind.processKey(), where.pilotDistrict(), where.greenChannel()));
    return applicationNo;
  }

  /** The account the benefit will be paid to, when the application names one (validated with the application). */
  public void payTo(String applicationNo, PaymentAccounts.Payment payment) {
    accounts.save(applicationNo, payment);
  }

  /**
   * The variables of the Tasklist list columns (the filters' {@code variables}), the same for every kind so that
   * one filter shows every case: the applicant (or institution), the street — or the district for a district's own
   * case — by name, and the legal last day of the whole case as text ({@code YYYY-MM-DD}; a date variable would be
   * shown with a time). A kind's own values win.
   */
  private Map<String, Object> withListColumns(CaseRecord c, Map<String, Object> variables) {
    Map<String, Object> all = new LinkedHashMap<>(variables);
    if (c.applicantName() != null) {
      all.putIfAbsent(APPLICANT_NAME, c.applicantName());
    }
    String where = c.streetCode() != null ? c.streetCode() : c.districtCode();
    jurisdictions.find(where).ifPresent(j -> all.putIfAbsent(STREET_NAME, j.name()));
    if (c.caseDeadline() != null) {
      all.putIfAbsent(CASE_DEADLINE, c.caseDeadline().toString());
    }
    return all;
  }

  /** Starts the case's process; the groups may read it; the history records who accepted it. */
  public ProcessInstance start(CaseKind<?> kind, String applicationNo, Map<String, Object> variables,
      List<String> readers, String acceptedBy, String acceptance) {
    records.addReaders(applicationNo, readers);
    ProcessInstance instance = starter.start(kind.processKey(), applicationNo,
        withListColumns(records.get(applicationNo), variables),
        started -> authorizations.grantRead(started.getId(), readers));
    records.setProcessInstance(applicationNo, instance.getId());
    history.record(applicationNo, instance.getId(), null, "submitted", "受理申请", acceptedBy, null, acceptance);
    return instance;
  }
}
