package org.minzhengflow.statistics;

import java.util.ArrayList;
import java.util.List;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.organization.Jurisdiction;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.Role;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Whose figures a caller may see: a district bureau its own district, the city bureau and administrators every
 * district; nobody else (streets, agencies, departments) — their work is single cases, which Tasklist shows.
 */
@Component
public class StatisticsScope {

  private final JurisdictionRepository jurisdictions;

  public StatisticsScope(JurisdictionRepository jurisdictions) {
    this.jurisdictions = jurisdictions;
  }

  /** The districts the user may see; null means all of them (city, admin). 403 for everyone else. */
  public List<String> visibleDistricts(StaffUser user) {
    if (user.isAdmin() || user.hasGroup(Role.CITY_APPROVER.groupId(jurisdictions.city().code()))) {
      return null;
    }
    List<String> own = new ArrayList<>();
    for (Jurisdiction j : jurisdictions.list()) {
      if (j.level() == Jurisdiction.Level.DISTRICT && user.hasGroup(Role.DISTRICT_APPROVER.groupId(j.code()))) {
        own.add(j.code());
      }
    }
    if (own.isEmpty()) {
      throw ApiException.forbidden("仅区县民政局、市民政局和系统管理员可以查看业务统计");
    }
    return own;
  }

  /**
   * The districts to report for a request: the one asked for (403 outside the caller's), else all the caller's
   * (null: every district). The code is known to be a district (checked with the other inputs).
   */
  public List<String> districtsFor(StaffUser user, String districtCode) {
    List<String> visible = visibleDistricts(user);
    if (districtCode == null) {
      return visible;
    }
    if (visible != null && !visible.contains(districtCode)) {
      throw ApiException.forbidden("无权查看其他区县的统计");
    }
    return List.of(districtCode);
  }

  public boolean isDistrict(String code) {
    return jurisdictions.findDistrict(code).isPresent();
  }

  public String name(String code) {
    return jurisdictions.find(code).map(Jurisdiction::name).orElse(code);
  }
}
