package org.minzhengflow.verification;

import java.math.BigDecimal;

/** One fact about a person from the economic-status verification sources. */
public record VerificationRecord(String idNumber, Kind kind, BigDecimal amount, String note) {

  /** WAGE and PENSION are monthly yuan, DEPOSIT is yuan; the others count one item each. */
  public enum Kind { WAGE, PENSION, DEPOSIT, VEHICLE, REAL_ESTATE, BUSINESS }
}
