package org.minzhengflow.organization;

import org.springframework.stereotype.Component;

/**
 * Decides which cases a member of staff may see through the application API. It follows the same
 * rule as the Camunda authorizations granted per case ({@link CaseAuthorizations}): the street's own
 * staff, the district bureau above it, the city bureau and administrators.
 */
@Component
public class JurisdictionAccess {

  private final JurisdictionRepository jurisdictions;

  public JurisdictionAccess(JurisdictionRepository jurisdictions) {
    this.jurisdictions = jurisdictions;
  }

  public boolean canSeeStreetCase(StaffUser user, String streetCode) {
    if (user.isAdmin()) {
      return true;
    }
    return jurisdictions.findStreet(streetCode)
        .map(street -> user.hasGroup(Role.STREET_CASEWORKER.groupId(street.code()))
            || user.hasGroup(Role.STREET_LEADER.groupId(street.code()))
            || user.hasGroup(Role.DISTRICT_APPROVER.groupId(street.parentCode()))
            || user.hasGroup(Role.CITY_APPROVER.groupId(jurisdictions.city().code())))
        .orElse(false);
  }

  /** May this user file applications for households of the street? Its caseworkers (and admins) may. */
  public boolean canFileForStreet(StaffUser user, String streetCode) {
    return user.isAdmin() || user.hasGroup(Role.STREET_CASEWORKER.groupId(streetCode));
  }

}
