package org.minzhengflow.organization;

import org.springframework.stereotype.Component;

/**
 * The one place that maps "a task for street X / district Y / role R" to Camunda candidate groups.
 * BPMN user tasks call it, e.g. {@code camunda:candidateGroups="${candidateGroups.streetCaseworkers(streetCode)}"}.
 */
@Component("candidateGroups")
public class CandidateGroups {

  private final JurisdictionRepository jurisdictions;

  public CandidateGroups(JurisdictionRepository jurisdictions) {
    this.jurisdictions = jurisdictions;
  }

  public String streetCaseworkers(String streetCode) {
    return Role.STREET_CASEWORKER.groupId(street(streetCode).code());
  }

  public String streetLeaders(String streetCode) {
    return Role.STREET_LEADER.groupId(street(streetCode).code());
  }

  /** The civil-affairs bureau of the district the street belongs to. */
  public String districtApproversOfStreet(String streetCode) {
    return Role.DISTRICT_APPROVER.groupId(jurisdictions.districtOf(street(streetCode)).code());
  }

  public String districtApprovers(String districtCode) {
    return Role.DISTRICT_APPROVER.groupId(jurisdictions.findDistrict(districtCode)
        .orElseThrow(() -> new IllegalArgumentException("unknown district " + districtCode)).code());
  }

  /** Who may read a case of the street: its caseworkers and leaders, the district and city bureaus. */
  public java.util.List<String> streetCaseReaders(String streetCode) {
    return java.util.List.of(streetCaseworkers(streetCode), streetLeaders(streetCode),
        districtApproversOfStreet(streetCode), cityApprovers());
  }

  public String cityApprovers() {
    return Role.CITY_APPROVER.groupId(jurisdictions.city().code());
  }

  /** The 12349 hotline operators (funeral intake and satisfaction call-backs). */
  public String hotline() {
    return Role.HOTLINE.groupId(null);
  }

  public String funeralHome() {
    return Role.FUNERAL_HOME.groupId(null);
  }

  public String assessmentAgency() {
    return Role.ASSESSMENT_AGENCY.groupId(null);
  }

  /** Department reviewers for nursing homes: {@code fire}, {@code market} or {@code health}. */
  public String department(String department) {
    return switch (department) {
      case "fire" -> Role.FIRE_REVIEWER.groupId(null);
      case "market" -> Role.MARKET_REVIEWER.groupId(null);
      case "health" -> Role.HEALTH_REVIEWER.groupId(null);
      default -> throw new IllegalArgumentException("unknown department " + department);
    };
  }

  private Jurisdiction street(String streetCode) {
    return jurisdictions.findStreet(streetCode)
        .orElseThrow(() -> new IllegalArgumentException("unknown street " + streetCode));
  }
}
