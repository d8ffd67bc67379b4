package org.minzhengflow.dibao;

import java.math.BigDecimal;
import org.minzhengflow.identification.IdNumber;

/** A household member as stored, with what verification found. */
public record Member(int seq, String name, String idNumber, String relation, BigDecimal monthlyIncome,
    BigDecimal verifiedIncome, String laborCapacity, String assessedCapacity, Integer disabilityGrade,
    boolean seriousIllness, String disabilityType, boolean coveredAlone) {

  /** A member as declared, before verification and assessment. */
  public Member(int seq, String name, String idNumber, String relation, BigDecimal monthlyIncome,
      BigDecimal verifiedIncome, String laborCapacity, String assessedCapacity, Integer disabilityGrade,
      boolean seriousIllness) {
    this(seq, name, idNumber, relation, monthlyIncome, verifiedIncome, laborCapacity, assessedCapacity,
        disabilityGrade, seriousIllness, null, false);
  }

  /** Verified wage and pension income replaces a lower declared figure, never a higher one. */
  public BigDecimal countedIncome() {
    return verifiedIncome != null && verifiedIncome.compareTo(monthlyIncome) > 0 ? verifiedIncome : monthlyIncome;
  }

  public IdNumber id() {
    return IdNumber.parse(idNumber);
  }

  /** Severely disabled: grade 1 or 2 of any type (DOMAIN.md 分类施保 and 单人户). */
  public boolean severelyDisabled() {
    return disabilityGrade != null && disabilityGrade <= 2;
  }
}
