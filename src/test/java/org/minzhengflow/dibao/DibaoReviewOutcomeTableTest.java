package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dibaoReviewOutcome (processes/dibao-benefit-life.dmn) and the re-review rows of case-deadlines.dmn on a stand-alone
 * DMN engine: every row of the outcome table, its boundaries, and the three months after a death or a move.
 */
class DibaoReviewOutcomeTableTest {

  static DmnEngine engine;
  static DmnDecision outcome;
  static DmnDecision deadlines;

  @BeforeAll
  static void parse() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes", "dibao-benefit-life.dmn"))) {
      outcome = engine.parseDecision("dibaoReviewOutcome", in);
    }
    try (InputStream in = Files.newInputStream(Path.of("processes", "case-deadlines.dmn"))) {
      deadlines = engine.parseDecision("caseDeadlines", in);
    }
  }

  @ParameterizedTest(name = "{0} findings={1} ratio={2} changed={3}: {4}")
  @CsvSource({
      "DIBAO, true, 0.2, false, STOP",
      "DIBAO, false, 0.68, false, CONTINUE",
      "DIBAO, false, 0.999999, true, ADJUST",
      "DIBAO, false, 1.0, false, GRADUAL_EXIT",
      "DIBAO, false, 1.499999, true, GRADUAL_EXIT",
      "DIBAO, false, 1.5, false, STOP",
      "DIBAO, false, 3.0, true, STOP",
      "REGULAR_FIXED, false, 1.1, false, CONTINUE",
      "REGULAR_FIXED, false, 0.9, true, ADJUST",
      "REGULAR_FIXED, false, 1.2, false, STOP",
      "REGULAR_FIXED, true, 1.1, false, STOP"})
  void outcome(String benefit, boolean findings, double ratio, boolean changed, String expected) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("benefit", benefit);
    inputs.put("findings", findings);
    inputs.put("incomeRatio", ratio);
    inputs.put("amountChanged", changed);
    var result = engine.evaluateDecisionTable(outcome, inputs);
    DmnDecisionRuleResult first = result.getFirstResult();
    assertThat(first).as("a row for %s", inputs).isNotNull();
    assertThat(first.<String>getEntry("outcome")).isEqualTo(expected);
    assertThat(first.<String>getEntry("reason")).isNotBlank();
  }

  @ParameterizedTest(name = "dibaoReview {0} pilot={1} trigger={2}: {3} working / {4} calendar days")
  @CsvSource({
      "reviewInvestigation, false, DUE, 10, ",
      "streetReview, true, CAMPAIGN, 10, ",
      "districtApproval, false, DEATH, 10, ",
      "districtSpotCheck, true, DUE, 20, ",
      "case, false, DUE, 30, ",
      "case, true, CAMPAIGN, 20, ",
      "case, false, DEATH, , 90",
      "case, true, HUKOU_MOVED_OUT, , 90"})
  void reviewDeadlines(String step, boolean pilot, String trigger, Integer working, Integer calendar) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("process", "dibaoReview");
    inputs.put("step", step);
    inputs.put("pilotDistrict", pilot);
    inputs.put("greenChannel", false);
    inputs.put("trigger", trigger);
    DmnDecisionRuleResult row = engine.evaluateDecisionTable(deadlines, inputs).getFirstResult();
    assertThat(row).as("a row for %s", inputs).isNotNull();
    assertThat(number(row.getEntryMap().get("workingDays"))).isEqualTo(working);
    assertThat(number(row.getEntryMap().get("calendarDays"))).isEqualTo(calendar);
  }

  private static Integer number(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }

  @ParameterizedTest(name = "dibao {0} with trigger \"-\" as before: {1}")
  @CsvSource({"householdInvestigation, 3", "case, 30", "districtApproval, 10"})
  void theOtherProcessesPassNoTriggerAndKeepTheirRows(String step, int working) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("process", "dibao");
    inputs.put("step", step);
    inputs.put("pilotDistrict", false);
    inputs.put("greenChannel", false);
    inputs.put("trigger", "-");
    assertThat(((Number) engine.evaluateDecisionTable(deadlines, inputs).getFirstResult().getEntry("workingDays"))
        .intValue()).isEqualTo(working);
  }
}
