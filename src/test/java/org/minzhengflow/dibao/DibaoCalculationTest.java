package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.minzhengflow.identification.TestIds;

/** The amount rule of DOMAIN.md §1 on its own figures. */
class DibaoCalculationTest {

  static final LocalDate ON = LocalDate.of(2021, 6, 1);
  static final DibaoTables.Standard URBAN_2019 = new DibaoTables.Standard(new BigDecimal("642"), false, "2019");
  static final DibaoTables.Standard URBAN_2021 = new DibaoTables.Standard(new BigDecimal("732"), false, "2021");
  static final DibaoTables.Standard RURAL_2021 = new DibaoTables.Standard(new BigDecimal("4404"), true, "2021");
  static final BigDecimal TEN_PERCENT = new BigDecimal("0.1");
  /** 分类施保 as processes/dibao-policy.dmn decides it on {@link #ON}, by a standalone DMN engine. */
  static final Predicate<Member> EXTRA_ON = extraEligibleOn(ON);
  static int seq = 1;

  static Predicate<Member> extraEligibleOn(LocalDate on) {
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision decision;
    try (InputStream in = Files.newInputStream(Path.of("processes", "dibao-policy.dmn"))) {
      decision = engine.parseDecision("dibaoExtraEligibility", in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m -> Boolean.TRUE.equals(engine.evaluateDecisionTable(decision, Map.of("age", m.id().ageOn(on),
        "seriousIllness", m.seriousIllness(), "severelyDisabled", m.severelyDisabled())).getSingleResult().getEntry("extra"));
  }

  static Member adult(int income) {
    return member(LocalDate.of(1980, 1, 1), income, null, false);
  }

  static Member member(LocalDate birth, int income, Integer disability, boolean ill) {
    return new Member(seq, "成员" + seq, TestIds.idNumber("230110", birth, seq++ * 2, true), "OTHER",
        BigDecimal.valueOf(income), null, "FULL", null, disability, ill);
  }

  @Test
  void twoAdultsUrban2019GetTheGapUpToTheStandard() {
    // 642 × 2 − 300 = 984
    assertThat(DibaoCalculation.monthlyAmount(List.of(adult(200), adult(100)), URBAN_2019, TEN_PERCENT, EXTRA_ON))
        .isEqualByComparingTo("984");
  }

  @Test
  void classifiedExtrasForChildrenElderlySeriouslyIllAndSeverelyDisabled() {
    List<Member> household = List.of(
        adult(300),
        member(LocalDate.of(2010, 1, 1), 0, null, false),   // under 18
        member(LocalDate.of(1950, 1, 1), 0, null, false),   // 60+
        member(LocalDate.of(1985, 1, 1), 0, 2, false),      // grade-2 disability
        member(LocalDate.of(1986, 1, 1), 0, null, true),    // seriously ill
        member(LocalDate.of(1987, 1, 1), 0, 3, false));     // grade 3: no extra
    // 732 × 6 − 300 + 4 × 73.2 = 4392 − 300 + 292.8 = 4384.8 → rounded up once
    assertThat(DibaoCalculation.extraMembers(household, EXTRA_ON)).isEqualTo(4);
    assertThat(DibaoCalculation.monthlyAmount(household, URBAN_2021, TEN_PERCENT, EXTRA_ON)).isEqualByComparingTo("4385");
  }

  @Test
  void ruralStandardIsAnnualAndSpreadOverTwelveMonths() {
    // 4404 / 12 = 367 a month; 367 × 2 − 100 = 634
    assertThat(DibaoCalculation.monthlyAmount(List.of(adult(100), adult(0)), RURAL_2021, TEN_PERCENT, EXTRA_ON))
        .isEqualByComparingTo("634");
    // per-capita 50 a month = 600 a year against 4404
    assertThat(DibaoCalculation.incomeRatio(List.of(adult(100), adult(0)), RURAL_2021)).isEqualByComparingTo("0.136239");
  }

  @Test
  void amountIsNeverNegativeAndRoundedOnceUpToTheYuan() {
    assertThat(DibaoCalculation.monthlyAmount(List.of(adult(5000)), URBAN_2021, TEN_PERCENT, EXTRA_ON)).isEqualByComparingTo("0");
    List<Member> cents = List.of(new Member(1, "甲", TestIds.idNumber("230110", LocalDate.of(1980, 2, 2), 3, true), "SELF",
        new BigDecimal("731.01"), null, "FULL", null, null, false));
    assertThat(DibaoCalculation.monthlyAmount(cents, URBAN_2021, TEN_PERCENT, EXTRA_ON)).isEqualByComparingTo("1");
  }

  @Test
  void verifiedIncomeCountsOnlyWhenHigherThanDeclared() {
    Member lower = new Member(1, "甲", TestIds.idNumber("230110", LocalDate.of(1980, 3, 3), 5, true), "SELF",
        new BigDecimal("500"), new BigDecimal("300"), "FULL", null, null, false);
    Member higher = new Member(2, "乙", TestIds.idNumber("230110", LocalDate.of(1980, 4, 4), 7, true), "SPOUSE",
        new BigDecimal("100"), new BigDecimal("900"), "FULL", null, null, false);
    assertThat(DibaoCalculation.householdIncome(List.of(lower, higher))).isEqualByComparingTo("1400");
    assertThat(DibaoCalculation.perCapitaIncome(List.of(lower, higher))).isEqualByComparingTo("700.00");
  }

  @Test
  void incomeRatioJustBelowABoundaryIsNotRoundedAcrossIt() {
    // 878.39 / 732 = 1.19998… → stays below 1.2
    Member m = new Member(1, "甲", TestIds.idNumber("230110", LocalDate.of(1980, 5, 5), 9, true), "SELF",
        new BigDecimal("878.39"), null, "FULL", null, null, false);
    assertThat(DibaoCalculation.incomeRatio(List.of(m), URBAN_2021)).isLessThan(new BigDecimal("1.2"));
  }

  @Test
  void aMemberCoveredAloneGetsTheStandardLessOwnIncomePlusTheExtra() {
    Member disabled = member(LocalDate.of(1985, 6, 6), 0, 1, false);
    // ceil(732 − 0 + 10 % × 732 for the grade-1 disability) = ceil(805.2)
    assertThat(DibaoCalculation.singlePersonAmount(List.of(disabled), URBAN_2021, TEN_PERCENT, EXTRA_ON))
        .isEqualByComparingTo("806");
    Member illWithIncome = member(LocalDate.of(1970, 6, 6), 500, null, true);
    // 732 − 500 + 73.2 = 305.2
    assertThat(DibaoCalculation.singlePersonAmount(List.of(illWithIncome), URBAN_2021, TEN_PERCENT, EXTRA_ON))
        .isEqualByComparingTo("306");
  }
}
