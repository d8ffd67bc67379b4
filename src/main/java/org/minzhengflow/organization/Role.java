package org.minzhengflow.organization;

/**
 * The roles of the organisation. Each role of a jurisdiction is one Camunda group whose id is
 * built here and nowhere else, e.g. {@code street-230110001-caseworker}.
 */
public enum Role {
  STREET_CASEWORKER("caseworker", "经办人"),
  STREET_LEADER("leader", "负责人"),
  DISTRICT_APPROVER("approver", "民政局审批"),
  CITY_APPROVER("approver", "民政局审批"),
  ASSESSMENT_AGENCY("assessment-agency", "老年人能力评估机构"),
  FIRE_REVIEWER("dept-fire", "消防部门"),
  MARKET_REVIEWER("dept-market", "市场监管部门"),
  HEALTH_REVIEWER("dept-health", "卫生健康部门"),
  HOTLINE("hotline", "12349民政服务热线"),
  FUNERAL_HOME("funeral-home", "殡仪馆"),
  ADMIN("camunda-admin", "系统管理员");

  private final String suffix;
  private final String label;

  Role(String suffix, String label) {
    this.suffix = suffix;
    this.label = label;
  }

  public boolean isOfJurisdiction() {
    return this == STREET_CASEWORKER || this == STREET_LEADER || this == DISTRICT_APPROVER || this == CITY_APPROVER;
  }

  /** The Camunda group id of this role; jurisdiction code for street, district and city roles. */
  public String groupId(String jurisdictionCode) {
    if (!isOfJurisdiction()) {
      return suffix;
    }
    String level = switch (this) {
      case STREET_CASEWORKER, STREET_LEADER -> "street";
      case DISTRICT_APPROVER -> "district";
      default -> "city";
    };
    return level + "-" + jurisdictionCode + "-" + suffix;
  }

  public String groupName(String jurisdictionName) {
    return isOfJurisdiction() ? jurisdictionName + label : label;
  }
}
