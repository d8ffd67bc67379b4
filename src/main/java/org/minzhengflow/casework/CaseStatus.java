package org.minzhengflow.casework;

/** Where a case stands, as the status documents show it; the database CHECKs the same codes. */
public enum CaseStatus {
  IN_REVIEW("审核中", false),
  PUBLIC_NOTICE("公示中", false),
  APPROVED("已批准", true),
  REJECTED("不予批准", true),
  REFERRED("已转介", true),
  REVOKED("已撤销", true),
  /** A re-review (动态管理) has reached its outcome. */
  REVIEWED("已复核", true);

  private final String label;
  private final boolean decided;

  CaseStatus(String label, boolean decided) {
    this.label = label;
    this.decided = decided;
  }

  public String label() {
    return label;
  }

  /** A decision has been made (the case may still have follow-up steps, e.g. a spot check). */
  public boolean decided() {
    return decided;
  }

  /** The status for a code, or null when there is no such status. */
  public static CaseStatus parse(String code) {
    for (CaseStatus s : values()) {
      if (s.name().equals(code)) {
        return s;
      }
    }
    return null;
  }
}
