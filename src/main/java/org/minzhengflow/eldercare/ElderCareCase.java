package org.minzhengflow.eldercare;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.minzhengflow.identification.IdNumber;

/** An elder-care application as stored. */
public record ElderCareCase(String applicationNo, String processInstanceId, String streetCode, String subsidyType,
    String elderName, String idNumber, String hukouType, boolean hasEmployeePension, boolean livingAlone,
    boolean lostOnlyChild, String assistanceStatus, String status, String category, String categoryName,
    String abilityGrade, BigDecimal monthlyAmount, Integer serviceHours, String provider, List<String> reasons,
    LocalDate paymentFrom, Instant submittedAt) {

  public IdNumber id() {
    return IdNumber.parse(idNumber);
  }
}
