package org.minzhengflow.eldercare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/eldercare.dmn at the age boundaries of the Harbin classes and for each status, and
 * processes/eldercare-policy.dmn (the ages and lead months the Java reads), checked against each other.
 */
class ElderCareDecisionTablesTest {

  static DmnEngine engine;
  static Map<String, DmnDecision> decisions;

  @BeforeAll
  static void load() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/eldercare.dmn")) {
      decisions = new java.util.HashMap<>();
      engine.parseDecisions(in).forEach(d -> decisions.put(d.getKey(), d));
    }
    try (InputStream in = new FileInputStream("processes/eldercare-policy.dmn")) {
      engine.parseDecisions(in).forEach(d -> decisions.put(d.getKey(), d));
    }
  }

  static Map<String, Object> policy(String subsidyType) {
    return engine.evaluateDecisionTable(decisions.get("eldercarePolicy"),
        Variables.createVariables().putValue("subsidyType", subsidyType)).getSingleResult().getEntryMap();
  }

  static Map<String, Object> eligibility(String type, int age, int ageInTwoMonths, String hukou, boolean pension,
      String status, boolean alone, boolean lost) {
    return engine.evaluateDecisionTable(decisions.get("eldercareEligibility"), Variables.createVariables()
        .putValue("subsidyType", type).putValue("age", age).putValue("ageInTwoMonths", ageInTwoMonths)
        .putValue("hukouType", hukou).putValue("hasEmployeePension", pension).putValue("assistanceStatus", status)
        .putValue("livingAlone", alone).putValue("lostOnlyChild", lost)).getSingleResult().getEntryMap();
  }

  @ParameterizedTest(name = "{0}y (in two months {1}y), {2}, pension={3}, {4} -> {5} {6}")
  @CsvSource({
      // 79 years and 11 months: within the two months before the 80th birthday
      "79, 80, URBAN, false, NONE, true, AGE_80_89",
      "79, 79, URBAN, false, NONE, false, ''",
      "80, 80, URBAN, false, NONE, true, AGE_80_89",
      "80, 80, URBAN, true, NONE, false, ''",
      "80, 80, RURAL, false, NONE, false, ''",
      "85, 85, RURAL, true, DIBAO, true, AGE_80_89_ASSISTED",
      "89, 89, URBAN, true, LOW_INCOME, true, AGE_80_89_ASSISTED",
      "89, 90, URBAN, false, NONE, true, AGE_80_89",
      "90, 90, RURAL, true, NONE, true, AGE_90_99",
      "99, 100, RURAL, true, NONE, true, AGE_90_99",
      "100, 100, RURAL, true, NONE, true, AGE_100_PLUS",
      "104, 104, URBAN, true, NONE, true, AGE_100_PLUS"})
  void highAgeClasses(int age, int inTwoMonths, String hukou, boolean pension, String status, boolean eligible,
      String category) {
    Map<String, Object> row = eligibility("HIGH_AGE", age, inTwoMonths, hukou, pension, status, false, false);
    assertThat(row.get("eligible")).isEqualTo(eligible);
    assertThat(row.get("category")).isEqualTo(category);
    if (!eligible) {
      assertThat((String) row.get("reason")).isNotBlank();
    }
  }

  @Test
  void underEightyIsToldWhenToApply() {
    assertThat(eligibility("HIGH_AGE", 79, 79, "URBAN", false, "NONE", false, false).get("reason"))
        .isEqualTo("未满80周岁,可于满80周岁前2个月内申请");
  }

  @ParameterizedTest(name = "NURSING {0}y {1} -> {2}")
  @CsvSource({"70, DIBAO, true", "70, LOW_INCOME, true", "70, NONE, false", "59, DIBAO, false", "60, TEKUN, true"})
  void nursingNeedsAssistanceStatus(int age, String status, boolean eligible) {
    assertThat(eligibility("NURSING", age, age, "URBAN", false, status, false, false).get("eligible")).isEqualTo(eligible);
  }

  @ParameterizedTest(name = "HOME_CARE {0}y {1} alone={2} lost={3} -> {4} {5}")
  @CsvSource({
      "65, TEKUN, false, false, true, TEKUN",
      "65, DIBAO, false, false, true, ASSISTED",
      "80, NONE, true, false, true, ALONE_80",
      "79, NONE, true, false, false, ''",
      "62, NONE, false, true, true, LOST_ONLY_CHILD",
      "59, DIBAO, false, false, false, ''",
      "70, NONE, false, false, false, ''"})
  void homeCareTargets(int age, String status, boolean alone, boolean lost, boolean eligible, String category) {
    Map<String, Object> row = eligibility("HOME_CARE", age, age, "URBAN", false, status, alone, lost);
    assertThat(row.get("eligible")).isEqualTo(eligible);
    assertThat(row.get("category")).isEqualTo(category);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"INTACT, NONE", "MILD, SEMI_DISABLED", "MODERATE, SEMI_DISABLED", "SEVERE, DISABLED", "COMPLETE, DISABLED"})
  void abilityGradesMapToDisabilityClasses(String grade, String abilityClass) {
    assertThat((Object) engine.evaluateDecisionTable(decisions.get("elderAbilityClass"),
        Variables.createVariables().putValue("abilityGrade", grade)).getSingleResult().getEntry("abilityClass"))
        .isEqualTo(abilityClass);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> eligible {3}, {4} yuan, {5} h")
  @CsvSource({
      "HIGH_AGE, AGE_80_89, NONE, true, 50, 0",
      "HIGH_AGE, AGE_80_89_ASSISTED, NONE, true, 100, 0",
      "HIGH_AGE, AGE_90_99, NONE, true, 150, 0",
      "HIGH_AGE, AGE_100_PLUS, NONE, true, 300, 0",
      "NURSING, ASSISTED, DISABLED, true, 100, 0",
      "NURSING, ASSISTED, SEMI_DISABLED, true, 50, 0",
      "NURSING, ASSISTED, NONE, false, 0, 0",
      "HOME_CARE, ASSISTED, DISABLED, true, 0, 30",
      "HOME_CARE, ALONE_80, SEMI_DISABLED, true, 0, 20",
      "HOME_CARE, ALONE_80, NONE, true, 0, 10",
      "HOME_CARE, ASSISTED, NONE, false, 0, 0"})
  void amountsAndServiceHours(String type, String category, String abilityClass, boolean eligible, double amount,
      int hours) {
    Map<String, Object> row = engine.evaluateDecisionTable(decisions.get("eldercareBenefit"), Variables.createVariables()
        .putValue("subsidyType", type).putValue("category", category).putValue("abilityClass", abilityClass))
        .getSingleResult().getEntryMap();
    assertThat(row.get("eligible")).isEqualTo(eligible);
    assertThat(((Number) row.get("monthlyAmount")).doubleValue()).isEqualTo(amount);
    assertThat(((Number) row.get("serviceHours")).intValue()).isEqualTo(hours);
  }

  @ParameterizedTest(name = "eldercarePolicy {0}")
  @CsvSource({"HIGH_AGE", "NURSING", "HOME_CARE"})
  void policyValues(String subsidyType) {
    assertThat(policy(subsidyType)).containsExactlyInAnyOrderEntriesOf(
        Map.of("highAgeMinAge", 80, "classSwitchAge", 90, "leadMonths", 2));
  }

  /** The eligibility rows carry the same ages as the policy the Java reads: the two tables agree. */
  @Test
  void eligibilityAgreesWithThePolicyAges() {
    Map<String, Object> p = policy("HIGH_AGE");
    int minAge = (Integer) p.get("highAgeMinAge");
    int switchAge = (Integer) p.get("classSwitchAge");
    int leadMonths = (Integer) p.get("leadMonths");

    // one year short of the minimum age, also at the end of the lead period: refused, told when to apply
    Map<String, Object> tooYoung = eligibility("HIGH_AGE", minAge - 2, minAge - 1, "URBAN", false, "NONE", false, false);
    assertThat(tooYoung.get("eligible")).isEqualTo(false);
    assertThat((String) tooYoung.get("reason")).startsWith("未满" + minAge + "周岁")
        .contains("满" + minAge + "周岁前" + leadMonths + "个月内申请");
    // within the lead period, at the minimum age, one year short of the switch age: the lower class
    assertThat(eligibility("HIGH_AGE", minAge - 1, minAge, "URBAN", false, "NONE", false, false).get("category"))
        .isEqualTo("AGE_80_89");
    assertThat(eligibility("HIGH_AGE", minAge, minAge, "URBAN", false, "NONE", false, false).get("category"))
        .isEqualTo("AGE_80_89");
    assertThat(eligibility("HIGH_AGE", switchAge - 1, switchAge - 1, "URBAN", false, "NONE", false, false)
        .get("category")).isEqualTo("AGE_80_89");
    // at the switch age: the class the timer switches to
    assertThat(eligibility("HIGH_AGE", switchAge, switchAge, "RURAL", true, "NONE", false, false).get("category"))
        .isEqualTo("AGE_90_99");
  }
}
