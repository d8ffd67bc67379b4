package org.minzhengflow.nursinghome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Evaluates the nursing-home decision tables in {@code processes/} with a standalone Camunda DMN
 * engine (FEEL-Scala, as in the process engine), at each boundary of DOMAIN.md §3.
 */
class NursingHomeDecisionTablesTest {

  private static final Path PROCESSES = Path.of("processes");

  private static DmnEngine engine;
  private static DmnDecision prechecks;
  private static DmnDecision construction;
  private static DmnDecision operating;
  private static DmnDecision interest;

  @BeforeAll
  static void parseDecisions() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    prechecks = parse("nursing-home-prechecks.dmn", "nursingHomePrechecks");
    construction = parse("nursing-home-amounts.dmn", "nursingHomeConstructionRate");
    operating = parse("nursing-home-amounts.dmn", "nursingHomeOperatingRate");
    interest = parse("nursing-home-amounts.dmn", "nursingHomeInterestRate");
  }

  private static DmnDecision parse(String file, String decisionId) throws IOException {
    try (InputStream in = Files.newInputStream(PROCESSES.resolve(file))) {
      return engine.parseDecision(decisionId, in);
    }
  }

  /** An application that meets every condition of every policy; tests change one figure at a time. */
  private static Map<String, Object> qualifying(String policyName) {
    Map<String, Object> v = new HashMap<>();
    v.put("policy", policyName);
    v.put("monthsInOperation", 24);
    v.put("newBeds", 40);
    v.put("siteRented", false);
    v.put("leaseYears", 0);
    v.put("occupancyRate", 0.6);
    v.put("occupancyText", "60%");
    v.put("fireSafetyApproved", true);
    v.put("starRating", 2);
    v.put("localResidents", 50);
    v.put("newHireRatio", 0.35);
    v.put("newHireText", "35%");
    v.put("loanAmount", 1_000_000d);
    return v;
  }

  private static List<String> reasons(Map<String, Object> inputs) {
    return engine.evaluateDecisionTable(prechecks, inputs).stream().map(r -> (String) r.getEntry("reason")).toList();
  }

  private static List<String> codes(Map<String, Object> inputs) {
    return engine.evaluateDecisionTable(prechecks, inputs).stream().map(r -> (String) r.getEntry("code")).toList();
  }

  private static Map<String, Object> with(String policyName, String key, Object value) {
    Map<String, Object> v = qualifying(policyName);
    v.put(key, value);
    return v;
  }

  @ParameterizedTest(name = "{0} qualifies")
  @CsvSource({"CONSTRUCTION_SUBSIDY", "OPERATING_SUBSIDY", "INTEREST_SUBSIDY"})
  void aQualifyingApplicationHasNoUnmetCondition(String policyName) {
    assertThat(reasons(qualifying(policyName))).isEmpty();
  }

  @Test
  void constructionNeedsTwelveMonthsInOperation() {
    assertThat(reasons(with("CONSTRUCTION_SUBSIDY", "monthsInOperation", 11)))
        .containsExactly("开业运营仅11个月,建设补贴须开业运营满12个月后申请");
    assertThat(reasons(with("CONSTRUCTION_SUBSIDY", "monthsInOperation", 12))).isEmpty();
    // only the construction subsidy asks for it
    assertThat(reasons(with("OPERATING_SUBSIDY", "monthsInOperation", 1))).isEmpty();
  }

  @Test
  void rentedSiteNeedsALeaseOfFiveYearsForConstruction() {
    Map<String, Object> four = with("CONSTRUCTION_SUBSIDY", "siteRented", true);
    four.put("leaseYears", 4);
    assertThat(reasons(four)).containsExactly("租赁场地租期4年,不足5年,不享受建设补贴");
    Map<String, Object> five = with("CONSTRUCTION_SUBSIDY", "siteRented", true);
    five.put("leaseYears", 5);
    assertThat(reasons(five)).isEmpty();
    // an own site has no lease
    assertThat(reasons(with("CONSTRUCTION_SUBSIDY", "leaseYears", 0))).isEmpty();
  }

  @Test
  void operatingNeedsThirtyPercentOccupancy() {
    Map<String, Object> below = with("OPERATING_SUBSIDY", "occupancyRate", 0.299);
    below.put("occupancyText", "29.9%");
    assertThat(reasons(below)).containsExactly("入住率29.9%,低于运营补贴要求的30%");
    assertThat(reasons(with("OPERATING_SUBSIDY", "occupancyRate", 0.3))).isEmpty();
    assertThat(reasons(with("CONSTRUCTION_SUBSIDY", "occupancyRate", 0.1))).isEmpty();
  }

  @Test
  void operatingNeedsFireSafetyAndAStar() {
    assertThat(codes(with("OPERATING_SUBSIDY", "fireSafetyApproved", false))).containsExactly("FIRE_SAFETY");
    assertThat(codes(with("OPERATING_SUBSIDY", "starRating", 0))).containsExactly("STAR_RATING");
    assertThat(codes(with("OPERATING_SUBSIDY", "starRating", 1))).isEmpty();
  }

  @Test
  void interestNeedsThirtyPercentNewHiresAndALoanOfAtMostTwoMillion() {
    assertThat(reasons(with("INTEREST_SUBSIDY", "loanAmount", 2_000_000d))).isEmpty();
    assertThat(reasons(with("INTEREST_SUBSIDY", "loanAmount", 2_000_001d))).containsExactly("贷款金额超过贴息上限200万元");
    Map<String, Object> low = with("INTEREST_SUBSIDY", "newHireRatio", 0.29);
    low.put("newHireText", "29%");
    assertThat(reasons(low)).containsExactly("新招用人员占比29%,低于贷款贴息要求的30%");
    assertThat(reasons(with("INTEREST_SUBSIDY", "newHireRatio", 0.30))).isEmpty();
    assertThat(codes(with("INTEREST_SUBSIDY", "loanAmount", 0d))).containsExactly("NO_LOAN");
  }

  @Test
  void everyUnmetConditionIsListedAtOnce() {
    Map<String, Object> v = qualifying("OPERATING_SUBSIDY");
    v.put("occupancyRate", 0.1);
    v.put("occupancyText", "10%");
    v.put("fireSafetyApproved", false);
    v.put("starRating", 0);
    v.put("localResidents", 0);
    assertThat(codes(v)).containsExactly("OCCUPANCY", "FIRE_SAFETY", "STAR_RATING", "NO_LOCAL_RESIDENTS");
    Map<String, Object> c = qualifying("CONSTRUCTION_SUBSIDY");
    c.put("monthsInOperation", 3);
    c.put("newBeds", 0);
    c.put("siteRented", true);
    c.put("leaseYears", 2);
    assertThat(codes(c)).containsExactly("MONTHS_IN_OPERATION", "NO_NEW_BEDS", "LEASE_YEARS");
  }

  private static DmnDecisionRuleResult constructionRate(int beds, boolean rented, int lease) {
    Map<String, Object> v = new HashMap<>();
    v.put("beds", beds);
    v.put("siteRented", rented);
    v.put("leaseYears", lease);
    DmnDecisionTableResult result = engine.evaluateDecisionTable(construction, v);
    assertThat(result).isNotEmpty();
    return result.getFirstResult();
  }

  @ParameterizedTest(name = "{0} beds, rented {1}, lease {2} → {3} per new bed")
  @CsvSource({
      "49,  false, 0, 0",
      "50,  false, 0, 2000",
      "299, false, 0, 2000",
      "300, false, 0, 5000",
      "1000, false, 0, 5000",
      "120, true,  5, 1000",
      "400, true,  8, 1000",
      "49,  true,  8, 0",
  })
  void constructionRateBySizeBandAndSite(int beds, boolean rented, int lease, double perBed) {
    DmnDecisionRuleResult row = constructionRate(beds, rented, lease);
    assertThat(((Number) row.getEntry("perBed")).doubleValue()).isEqualTo(perBed);
    assertThat(((Number) row.getEntry("renovationFactor")).doubleValue()).isEqualTo(0.5);
  }

  @Test
  void aZeroRateSaysWhy() {
    assertThat((String) constructionRate(49, false, 0).getEntry("band")).isEqualTo("总床位49张,不足50张,不享受建设补贴");
    assertThat((String) constructionRate(300, false, 0).getEntry("band")).contains("300张及以上", "5000");
  }

  @ParameterizedTest(name = "{0} → 200 × {1}")
  @CsvSource({"INTACT, 1.0, 能力完好", "MILD, 1.5, 轻度失能", "MODERATE, 2.0, 中度失能", "SEVERE, 3.0, 重度失能",
      "COMPLETE, 3.0, 完全失能"})
  void operatingRateByAbility(String ability, double multiplier, String name) {
    DmnDecisionRuleResult row = engine.evaluateDecisionTable(operating, Map.of("ability", ability)).getSingleResult();
    assertThat(((Number) row.getEntry("basePerBed")).doubleValue()).isEqualTo(200);
    assertThat(((Number) row.getEntry("multiplier")).doubleValue()).isEqualTo(multiplier);
    assertThat((String) row.getEntry("abilityName")).isEqualTo(name);
  }

  @Test
  void interestRateDefaultsToFourPercent() {
    DmnDecisionRuleResult row = engine.evaluateDecisionTable(interest, Map.of("loanAmount", 1_500_000d)).getSingleResult();
    assertThat(((Number) row.getEntry("annualRate")).doubleValue()).isEqualTo(0.04);
    assertThat((String) row.getEntry("rateText")).contains("默认值");
  }
}
