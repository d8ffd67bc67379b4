package org.minzhengflow.casework;

import java.time.Instant;
import java.time.LocalDate;

/** The case row every kind of application has (table {@code app_case}). */
public record CaseRecord(String applicationNo, String kind, String processInstanceId, CaseStatus status,
    String streetCode, String districtCode, String applicantName, String submittedBy, Instant submittedAt,
    LocalDate caseDeadline, String extensionReason, Instant decidedAt) {

  public boolean extended() {
    return extensionReason != null;
  }
}
