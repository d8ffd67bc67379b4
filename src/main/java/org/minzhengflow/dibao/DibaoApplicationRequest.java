package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.util.List;

/** {@code POST /api/dibao/applications} as in CONTRACT.md. */
public record DibaoApplicationRequest(String streetCode, String areaType, String applicantIdNumber, String phone,
    List<Member> members, Assets assets) {

  public record Member(String name, String idNumber, String relation, BigDecimal monthlyIncome, String laborCapacity,
      Integer disabilityGrade, Boolean seriousIllness, String disabilityType) {

    /** Without the optional disability type (CONTRACT.md's fields). */
    public Member(String name, String idNumber, String relation, BigDecimal monthlyIncome, String laborCapacity,
        Integer disabilityGrade, Boolean seriousIllness) {
      this(name, idNumber, relation, monthlyIncome, laborCapacity, disabilityGrade, seriousIllness, null);
    }
  }

  public record Assets(BigDecimal financialAssets, Integer vehicles, Integer houses, Integer nonResidentialProperties,
      Boolean businessRegistered) {}
}
