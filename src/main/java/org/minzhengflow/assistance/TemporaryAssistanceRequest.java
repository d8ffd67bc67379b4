package org.minzhengflow.assistance;

import java.math.BigDecimal;
import org.minzhengflow.casework.PaymentAccounts;

/**
 * {@code POST /api/temporary-assistance/applications} as in CONTRACT.md; {@code areaType} (URBAN, the default, or
 * RURAL) picks the 低保 standard the caps are multiples of.
 */
public record TemporaryAssistanceRequest(String streetCode, String type, Applicant applicant, Integer householdSize,
    String reason, BigDecimal requestedAmount, String areaType, PaymentAccounts.Payment payment) {

  public record Applicant(String name, String idNumber) {}

  public String area() {
    return areaType == null || areaType.isBlank() ? "URBAN" : areaType;
  }
}
