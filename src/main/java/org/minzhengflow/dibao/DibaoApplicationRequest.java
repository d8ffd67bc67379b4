package org.minzhengflow.dibao;

import org.minzhengflow.casework.PaymentAccounts;
import org.minzhengflow.identification.IdNumber;
import java.math.BigDecimal;
import java.util.List;

/** {@code POST /api/dibao/applications} as in CONTRACT.md. */
public record DibaoApplicationRequest(String streetCode, String areaType, String applicantIdNumber, String phone,
    List<Member> members, Assets assets, PaymentAccounts.Payment payment, Boolean irregularIncome) {

  /** Without the optional bank account and income pattern (CONTRACT.md's first fields). */
  public DibaoApplicationRequest(String streetCode, String areaType, String applicantIdNumber, String phone,
      List<Member> members, Assets assets) {
    this(streetCode, areaType, applicantIdNumber, phone, members, assets, null, null);
  }

  /** Irregular income (odd jobs, seasonal work) brings the re-review forward to every six months. */
  public boolean hasIrregularIncome() {
    return Boolean.TRUE.equals(irregularIncome);
  }

  public record Member(String name, String idNumber, String relation, BigDecimal monthlyIncome, String laborCapacity,
      Integer disabilityGrade, Boolean seriousIllness, String disabilityType) {

    /** Without the optional disability type (CONTRACT.md's fields). */
    public Member(String name, String idNumber, String relation, BigDecimal monthlyIncome, String laborCapacity,
        Integer disabilityGrade, Boolean seriousIllness) {
      this(name, idNumber, relation, monthlyIncome, laborCapacity, disabilityGrade, seriousIllness, null);
    }
  }

  /**
   * The same application with every ID number as stored (trimmed, check character upper-case), so the
   * claim on the benefit and the household rows use one spelling whatever the caller typed. Only for a
   * validated application.
   */
  public DibaoApplicationRequest normalized() {
    return new DibaoApplicationRequest(streetCode, areaType, IdNumber.parse(applicantIdNumber).value(), phone,
        members.stream().map(m -> new Member(m.name(), IdNumber.parse(m.idNumber()).value(), m.relation(),
            m.monthlyIncome(), m.laborCapacity(), m.disabilityGrade(), m.seriousIllness(), m.disabilityType())).toList(),
        assets, payment, irregularIncome);
  }

  public record Assets(BigDecimal financialAssets, Integer vehicles, Integer houses, Integer nonResidentialProperties,
      Boolean businessRegistered) {}
}
