package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Evaluates the dibao decision tables in {@code processes/} (relative to the project root) with a
 * standalone Camunda DMN engine (FEEL-Scala, as in the process engine).
 *
 * <p>Caller contract checked here: {@code applicationDate} is a {@link java.util.Date} (the input
 * has typeRef {@code date}, which rejects {@link LocalDate}); {@code areaType} is "URBAN"/"RURAL";
 * {@code incomeRatio} is any {@link Number}.
 */
class DibaoDecisionTablesTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  private static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

  private static DmnEngine engine;
  private static DmnDecision standard;
  private static DmnDecision tier;
  private static DmnDecision policy;
  private static DmnDecision extraEligibility;

  @BeforeAll
  static void parseDecisions() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    standard = parse("dibao-standard.dmn", "dibaoStandard");
    tier = parse("dibao-tier.dmn", "dibaoTier");
    policy = parse("dibao-policy.dmn", "dibaoPolicy");
    extraEligibility = parse("dibao-policy.dmn", "dibaoExtraEligibility");
  }

  private static DmnDecision parse(String file, String decisionId) throws IOException {
    try (InputStream in = Files.newInputStream(PROCESSES.resolve(file))) {
      return engine.parseDecision(decisionId, in);
    }
  }

  /** The conversion callers should use: start of the day in the JVM's default zone. */
  private static Date date(String isoDate) {
    return Date.from(LocalDate.parse(isoDate).atStartOfDay(ZoneId.systemDefault()).toInstant());
  }

  private static DmnDecisionTableResult evaluateStandard(Object applicationDate, String areaType) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicationDate", applicationDate);
    variables.put("areaType", areaType);
    return engine.evaluateDecisionTable(standard, variables);
  }

  private static DmnDecisionRuleResult standardFor(String applicationDate, String areaType) {
    return single(evaluateStandard(date(applicationDate), areaType), applicationDate + " " + areaType);
  }

  private static DmnDecisionRuleResult evaluateTier(String areaType, Object incomeRatio) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("areaType", areaType);
    variables.put("incomeRatio", incomeRatio);
    return single(engine.evaluateDecisionTable(tier, variables), areaType + " " + incomeRatio);
  }

  private static DmnDecisionRuleResult single(DmnDecisionTableResult result, String description) {
    assertThat(result).as("matching rules for %s", description).hasSize(1);
    return result.getSingleResult();
  }

  // ---------------------------------------------------------------- 低保标准

  @ParameterizedTest(name = "{0} {1} → {2} per {3}")
  @CsvSource({
      "2019-01-01, URBAN, 642,  MONTH, 哈尔滨市2019年城市低保标准",
      "2019-06-15, URBAN, 642,  MONTH, 哈尔滨市2019年城市低保标准",
      "2019-12-31, URBAN, 642,  MONTH, 哈尔滨市2019年城市低保标准",
      "2020-01-01, URBAN, 684,  MONTH, 哈尔滨市2020年城市低保标准",
      "2020-12-31, URBAN, 684,  MONTH, 哈尔滨市2020年城市低保标准",
      "2021-01-01, URBAN, 732,  MONTH, 哈尔滨市2021年城市低保标准",
      "2021-12-31, URBAN, 732,  MONTH, 哈尔滨市2021年城市低保标准",
      "2022-01-01, URBAN, 732,  MONTH, 哈尔滨市当前年度城市低保标准(沿用2021年标准)",
      "2025-06-01, URBAN, 732,  MONTH, 哈尔滨市当前年度城市低保标准(沿用2021年标准)",
      "2019-01-01, RURAL, 3900, YEAR,  哈尔滨市2019年农村低保标准",
      "2019-12-31, RURAL, 3900, YEAR,  哈尔滨市2019年农村低保标准",
      "2020-01-01, RURAL, 4020, YEAR,  哈尔滨市2020年农村低保标准",
      "2020-12-31, RURAL, 4020, YEAR,  哈尔滨市2020年农村低保标准",
      "2021-01-01, RURAL, 4404, YEAR,  哈尔滨市2021年农村低保标准",
      "2021-12-31, RURAL, 4404, YEAR,  哈尔滨市2021年农村低保标准",
      "2022-01-01, RURAL, 4404, YEAR,  哈尔滨市当前年度农村低保标准(沿用2021年标准)",
      "2025-06-01, RURAL, 4404, YEAR,  哈尔滨市当前年度农村低保标准(沿用2021年标准)",
  })
  void standardInForceOnApplicationDate(String applicationDate, String areaType, double expectedStandard,
      String expectedPeriod, String expectedSource) {
    DmnDecisionRuleResult result = standardFor(applicationDate, areaType);

    assertThat(result.<Double>getEntry("standard")).isEqualTo(expectedStandard);
    assertThat(result.<String>getEntry("period")).isEqualTo(expectedPeriod);
    assertThat(result.<String>getEntry("source")).isEqualTo(expectedSource);
  }

  @ParameterizedTest
  @CsvSource({"2019-12-31T23:59:59.999, 2019", "2020-01-01T00:00:00, 2020", "2021-12-31T18:30:00, 2021"})
  void anyTimeOfDayBelongsToThatDay(String localDateTime, String year) {
    Date at = Date.from(java.time.LocalDateTime.parse(localDateTime).atZone(ZoneId.systemDefault()).toInstant());

    assertThat(single(evaluateStandard(at, "URBAN"), localDateTime).<String>getEntry("source")).contains(year);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Shanghai", "UTC", "America/New_York"})
  void yearBoundaryHoldsInAnyDefaultTimeZone(String zone) {
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      assertThat(standardFor("2019-12-31", "URBAN").<Double>getEntry("standard"))
          .isEqualTo(642.0);
      assertThat(standardFor("2020-01-01", "URBAN").<Double>getEntry("standard"))
          .isEqualTo(684.0);
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @ParameterizedTest
  @CsvSource({"2018-12-31, URBAN", "2018-12-31, RURAL", "2000-01-01, URBAN"})
  void noStandardBefore2019(String applicationDate, String areaType) {
    assertThat(evaluateStandard(date(applicationDate), areaType)).isEmpty();
  }

  @Test
  void unknownAreaTypeOrMissingDateMatchesNothing() {
    assertThat(evaluateStandard(date("2020-05-01"), "SUBURBAN")).isEmpty();
    assertThat(evaluateStandard(null, "URBAN")).isEmpty();
  }

  /** Documents the caller contract: Camunda 7.24's {@code date} type converts Date, not LocalDate. */
  @Test
  void applicationDateMustBeAJavaUtilDateNotALocalDate() {
    assertThatThrownBy(() -> evaluateStandard(LocalDate.of(2020, 1, 1), "URBAN"))
        .isInstanceOf(DmnEngineException.class)
        .hasMessageContaining("java.time.LocalDate");
    // LocalDateTime is converted to a Date by the same type transformer.
    assertThat(single(evaluateStandard(LocalDate.of(2020, 1, 1).atStartOfDay(), "URBAN"), "LocalDateTime")
        .<Double>getEntry("standard")).isEqualTo(684.0);
  }

  // ---------------------------------------------------------------- 救助档次认定

  @ParameterizedTest(name = "{0} ratio {1} → {2}")
  @CsvSource({
      "URBAN, 0,    DIBAO,               低保,       最低生活保障(差额救助)",
      "URBAN, 0.99, DIBAO,               低保,       最低生活保障(差额救助)",
      "URBAN, 1.0,  LOW_INCOME_HARDSHIP, 低收入困难, 低收入困难家庭定期定量救助",
      "URBAN, 1.19, LOW_INCOME_HARDSHIP, 低收入困难, 低收入困难家庭定期定量救助",
      "URBAN, 1.2,  LOW_INCOME,          低收入,     低收入家庭专项救助(医疗、教育、住房、就业等)",
      "URBAN, 1.49, LOW_INCOME,          低收入,     低收入家庭专项救助(医疗、教育、住房、就业等)",
      "URBAN, 1.5,  NONE,                不符合条件, ''",
      "URBAN, 3,    NONE,                不符合条件, ''",
      "RURAL, 0,    DIBAO,               低保,       最低生活保障(差额救助)",
      "RURAL, 0.99, DIBAO,               低保,       最低生活保障(差额救助)",
      "RURAL, 1.0,  LOW_INCOME,          低收入,     低收入家庭专项救助(医疗、教育、住房、就业等)",
      "RURAL, 1.19, LOW_INCOME,          低收入,     低收入家庭专项救助(医疗、教育、住房、就业等)",
      "RURAL, 1.2,  LOW_INCOME,          低收入,     低收入家庭专项救助(医疗、教育、住房、就业等)",
      "RURAL, 1.49, LOW_INCOME,          低收入,     低收入家庭专项救助(医疗、教育、住房、就业等)",
      "RURAL, 1.5,  NONE,                不符合条件, ''",
  })
  void tierByIncomeRatio(String areaType, String ratio, String expectedTier, String expectedName,
      String expectedAssistance) {
    // The same answer whether the caller passes a BigDecimal or a Double.
    for (Object incomeRatio : List.of(new BigDecimal(ratio), Double.valueOf(ratio))) {
      DmnDecisionRuleResult result = evaluateTier(areaType, incomeRatio);

      assertThat(result.<String>getEntry("tier")).as("tier for %s", incomeRatio).isEqualTo(expectedTier);
      assertThat(result.<String>getEntry("tierName")).isEqualTo(expectedName);
      assertThat(result.<String>getEntry("assistance")).isEqualTo(expectedAssistance);
    }
  }

  @Test
  void ruralHasNoHardshipTier() {
    List<String> tiers = new ArrayList<>();
    for (int hundredths = 0; hundredths <= 200; hundredths++) {
      tiers.add(evaluateTier("RURAL", BigDecimal.valueOf(hundredths, 2)).getEntry("tier"));
    }
    assertThat(tiers).doesNotContain("LOW_INCOME_HARDSHIP").contains("DIBAO", "LOW_INCOME", "NONE");
  }

  @Test
  void tierTableIsTotalForNonNegativeRatios() {
    for (String areaType : List.of("URBAN", "RURAL")) {
      for (int thousandths = 0; thousandths <= 2000; thousandths += 5) {
        assertThat(engine.evaluateDecisionTable(tier,
            Map.of("areaType", areaType, "incomeRatio", BigDecimal.valueOf(thousandths, 3))))
            .as("%s %s", areaType, thousandths).hasSize(1);
      }
    }
  }

  // ---------------------------------------------------------------- 低保政策参数

  @ParameterizedTest
  @ValueSource(strings = {"URBAN", "RURAL"})
  void defaultPolicyParameters(String areaType) {
    DmnDecisionRuleResult result =
        single(engine.evaluateDecisionTable(policy, Map.of("areaType", areaType)), areaType);

    assertThat(result.getEntryMap()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("assetMonths", 24),
        Map.entry("maxHouses", 1),
        Map.entry("extraRate", 0.1),
        Map.entry("spotCheckRate", 0.3),
        Map.entry("workingAgeMin", 16),
        Map.entry("workingAgeMaxMale", 60),
        Map.entry("workingAgeMaxFemale", 55)));
    // the time limits (notice 7 days, investigation 3, reviews 10, spot check 20, whole case 30) moved to
    // case-deadlines.dmn and are asserted in CaseDeadlinesTableTest
  }

  // ---------------------------------------------------------------- 分类施保对象认定

  private static DmnDecisionRuleResult evaluateExtra(int age, boolean seriousIllness, boolean severelyDisabled) {
    return single(engine.evaluateDecisionTable(extraEligibility,
        Map.of("age", age, "seriousIllness", seriousIllness, "severelyDisabled", severelyDisabled)),
        age + " ill=" + seriousIllness + " disabled=" + severelyDisabled);
  }

  @ParameterizedTest(name = "{0}y ill={1} disabled={2} → extra {3} {4}")
  @CsvSource({
      "0,   false, false, true,  未满18周岁未成年人",
      "17,  false, false, true,  未满18周岁未成年人",
      "18,  false, false, false, ''",
      "40,  false, false, false, ''",
      "59,  false, false, false, ''",
      "60,  false, false, true,  60周岁以上老年人",
      "95,  false, false, true,  60周岁以上老年人",
      "18,  true,  false, true,  重病患者",
      "59,  true,  false, true,  重病患者",
      "18,  false, true,  true,  重度残疾人",
      "59,  false, true,  true,  重度残疾人",
      "40,  true,  true,  true,  重病患者",
      "17,  true,  true,  true,  未满18周岁未成年人",
      "60,  true,  true,  true,  60周岁以上老年人",
  })
  void extraEligibilityAtTheAgeBoundaries(int age, boolean seriousIllness, boolean severelyDisabled,
      boolean expectedExtra, String expectedReason) {
    DmnDecisionRuleResult result = evaluateExtra(age, seriousIllness, severelyDisabled);

    assertThat(result.getEntryMap()).containsExactlyInAnyOrderEntriesOf(
        Map.of("extra", expectedExtra, "reason", expectedReason));
  }

  @Test
  void extraEligibilityHasExactlyOneAnswerForEveryMember() {
    for (int age = 0; age <= 110; age++) {
      for (boolean ill : List.of(false, true)) {
        for (boolean disabled : List.of(false, true)) {
          boolean extra = evaluateExtra(age, ill, disabled).<Boolean>getEntry("extra");
          assertThat(extra).as("age %d ill %s disabled %s", age, ill, disabled)
              .isEqualTo(age >= 60 || age < 18 || ill || disabled);
        }
      }
    }
  }

  // ---------------------------------------------------------------- Modeler layout

  @ParameterizedTest
  @ValueSource(strings = {"dibao-standard.dmn", "dibao-tier.dmn", "dibao-policy.dmn", "dibao-assets.dmn"})
  void everyDecisionHasOneDmndiShape(String file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(PROCESSES.resolve(file).toFile());

    assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(DMN_NS);
    NodeList decisions = document.getElementsByTagNameNS(DMN_NS, "decision");
    NodeList shapes = document.getElementsByTagNameNS(DMNDI_NS, "DMNShape");
    assertThat(decisions.getLength()).isPositive();
    assertThat(shapes.getLength()).isEqualTo(decisions.getLength());

    List<String> shapeRefs = new ArrayList<>();
    for (int i = 0; i < shapes.getLength(); i++) {
      Element shape = (Element) shapes.item(i);
      shapeRefs.add(shape.getAttribute("dmnElementRef"));
      assertThat(shape.getElementsByTagNameNS("http://www.omg.org/spec/DMN/20180521/DC/", "Bounds").getLength())
          .isEqualTo(1);
    }
    for (int i = 0; i < decisions.getLength(); i++) {
      assertThat(shapeRefs).containsOnlyOnce(((Element) decisions.item(i)).getAttribute("id"));
    }
  }
}
