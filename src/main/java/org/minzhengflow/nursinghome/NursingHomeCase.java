package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A nursing-home application as stored: the institution's figures as declared, and as inspected. */
public record NursingHomeCase(String applicationNo, String processInstanceId, String creditCode, String districtCode,
    NursingHomePolicy policy, boolean greenChannel, String institutionName, String filingNo, LocalDate operatingSince,
    int beds, int newBeds, int occupiedBeds, int localResidents, Map<String, Integer> residentsByAbility,
    Integer starRating, boolean fireSafetyApproved, boolean siteRented, Integer leaseYears, boolean renovation,
    BigDecimal loanAmount, BigDecimal newHireRatio, Integer inspectedOccupiedBeds, String status, BigDecimal amount,
    List<String> breakdown, List<String> precheckReasons, List<String> reasons, Instant submittedAt) {

  public NursingHomeCase {
    residentsByAbility = new LinkedHashMap<>(residentsByAbility);
  }

  public int star() {
    return starRating == null ? 0 : starRating;
  }

  public int lease() {
    return leaseYears == null ? 0 : leaseYears;
  }
}
