package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code POST /api/nursing-home/applications} as in CONTRACT.md, plus the optional
 * {@code institution.renovation} (改扩建: the new beds come from renovating existing buildings).
 * {@code operatingSince} is taken as text so that an unparsable date is reported with every other
 * problem instead of alone.
 */
public record NursingHomeApplicationRequest(String districtCode, String policy, Boolean greenChannel,
    Institution institution, Loan loan, org.minzhengflow.casework.PaymentAccounts.Payment payment) {

  /** Without the optional account of the institution the subsidy is paid to. */
  public NursingHomeApplicationRequest(String districtCode, String policy, Boolean greenChannel, Institution institution,
      Loan loan) {
    this(districtCode, policy, greenChannel, institution, loan, null);
  }

  public record Institution(String name, String creditCode, String filingNo, String operatingSince, Integer beds,
      Integer newBeds, Integer occupiedBeds, Integer localResidents, Map<String, Integer> residentsByAbility,
      Integer starRating, Boolean fireSafetyApproved, Boolean siteRented, Integer leaseYears, Boolean renovation) {}

  /** {@code newHireStaffRatio} is a fraction 0–1 (0.3 = 30 % of the staff are new hires from target groups). */
  public record Loan(BigDecimal amount, BigDecimal newHireStaffRatio) {}
}
