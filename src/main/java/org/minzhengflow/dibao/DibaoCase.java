package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A dibao application as stored, with its members. */
public record DibaoCase(String applicationNo, String processInstanceId, String streetCode, String areaType,
    String applicantIdNumber, String applicantName, BigDecimal financialAssets, int vehicles, int houses,
    int nonResidential, boolean businessRegistered, String status, boolean closeRelative, String tier,
    BigDecimal standard, BigDecimal perCapitaIncome, BigDecimal householdIncome, BigDecimal monthlyAmount,
    List<String> reasons, Boolean spotChecked, LocalDate paymentFrom, Instant submittedAt, boolean irregularIncome,
    List<Member> members) {

  /** 单人户: the members covered alone, empty when the household is covered as a whole. */
  public List<Member> coveredAlone() {
    return members.stream().filter(Member::coveredAlone).toList();
  }

  /** How many people the benefit covers. */
  public int coveredCount() {
    List<Member> alone = coveredAlone();
    return alone.isEmpty() ? members.size() : alone.size();
  }
}
