package org.minzhengflow.assistance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/temporary-assistance.dmn: the multiples of DOMAIN.md §6 and the holiday amounts per benefit. */
class TemporaryAssistanceDecisionTablesTest {

  static DmnEngine engine;
  static Map<String, DmnDecision> decisions = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/temporary-assistance.dmn")) {
      engine.parseDecisions(in).forEach(d -> decisions.put(d.getKey(), d));
    }
  }

  static Date day(String iso) {
    return Date.from(LocalDate.parse(iso).atStartOfDay(ZoneId.systemDefault()).toInstant());
  }

  @ParameterizedTest(name = "{0}: cap {1} ×, street {2} ×")
  @CsvSource({"EMERGENCY, 3, 1", "EXPENDITURE, 6, 1"})
  void multiplesOfTheStandard(String type, double cap, double street) {
    Map<String, Object> row = engine.evaluateDecisionTable(decisions.get("temporaryAssistanceLimits"),
        Variables.createVariables().putValue("onDate", day("2026-12-01")).putValue("type", type))
        .getSingleResult().getEntryMap();
    assertThat(((Number) row.get("capMultiple")).doubleValue()).isEqualTo(cap);
    assertThat(((Number) row.get("streetLimitMultiple")).doubleValue()).isEqualTo(street);
  }

  @ParameterizedTest(name = "{0} {1}: {2} yuan")
  @CsvSource({"SPRING_FESTIVAL, DIBAO, 300", "SPRING_FESTIVAL, REGULAR_FIXED, 200", "MID_AUTUMN, DIBAO, 300",
      "NATIONAL_DAY, REGULAR_FIXED, 200"})
  void holidayAmounts(String holiday, String benefit, double amount) {
    Map<String, Object> row = engine.evaluateDecisionTable(decisions.get("holidaySubsidy"),
        Variables.createVariables().putValue("onDate", day("2027-01-01")).putValue("holiday", holiday)
            .putValue("benefit", benefit)).getSingleResult().getEntryMap();
    assertThat(((Number) row.get("amount")).doubleValue()).isEqualTo(amount);
  }
}
