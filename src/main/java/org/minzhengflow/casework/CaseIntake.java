package org.minzhengflow.casework;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.minzhengflow.organization.CaseAuthorizations;
import org.minzhengflow.review.CaseHistory;
import org.springframework.stereotype.Component;

/**
 * The steps every application takes on acceptance, whatever the benefit, in the caller's
 * transaction: a number, the claim on the benefit for each person (409 when one is already
 * covered), the people of the case; then the process, the read rights of its jurisdiction and the
 * first history entry.
 */
@Component
public class CaseIntake {

  /** Someone the application concerns. */
  public record Person(String idNumber, String name) {}

  /** The answer of every {@code POST …/applications}. */
  public record Submitted(String applicationNo, String processInstanceId, String status) {}

  private final ApplicationNumbers numbers;
  private final BenefitClaims claims;
  private final CasePeople people;
  private final CaseStarter starter;
  private final CaseAuthorizations authorizations;
  private final CaseHistory history;

  public CaseIntake(ApplicationNumbers numbers, BenefitClaims claims, CasePeople people, CaseStarter starter,
      CaseAuthorizations authorizations, CaseHistory history) {
    this.numbers = numbers;
    this.claims = claims;
    this.people = people;
    this.starter = starter;
    this.authorizations = authorizations;
    this.history = history;
  }

  /** Issues the application number and claims the benefit for every person. */
  public String reserve(String prefix, String benefit, String benefitName, List<Person> persons) {
    String applicationNo = numbers.next(prefix);
    claims.claim(benefit, applicationNo, persons.stream().map(Person::idNumber).toList(), benefitName);
    persons.forEach(p -> people.add(applicationNo, p.idNumber(), p.name()));
    return applicationNo;
  }

  /** Issues the application number and claims the benefit for an institution (no persons in the case). */
  public String reserveForInstitution(String prefix, String benefit, String benefitName, String creditCode) {
    String applicationNo = numbers.next(prefix);
    claims.claimForInstitution(benefit, applicationNo, creditCode, benefitName);
    return applicationNo;
  }

  /** Starts the case's process; the groups may read it; the history records who accepted it. */
  public ProcessInstance start(String processKey, String applicationNo, Map<String, Object> variables,
      List<String> readers, String acceptedBy, String acceptance) {
    ProcessInstance instance = starter.start(processKey, applicationNo, variables);
    authorizations.grantRead(instance.getId(), readers);
    history.record(applicationNo, instance.getId(), null, "submitted", "受理申请", acceptedBy, null, acceptance);
    return instance;
  }
}
