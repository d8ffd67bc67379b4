package org.minzhengflow.funeral;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/funeral-waiver.dmn: every cap of DOMAIN.md §4, the city's twelve categories, the call-back policy. */
class FuneralDecisionTablesTest {

  static DmnEngine engine;
  static Map<String, DmnDecision> decisions = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/funeral-waiver.dmn")) {
      engine.parseDecisions(in).forEach(d -> decisions.put(d.getKey(), d));
    }
  }

  static Date day(String iso) {
    return Date.from(LocalDate.parse(iso).atStartOfDay(ZoneId.systemDefault()).toInstant());
  }

  @ParameterizedTest(name = "{0} on {1}: {2} yuan per unit, at most {3}")
  @CsvSource({
      "TRANSPORT, 2026-12-01, 200, 1",
      "STORAGE, 2026-12-01, 110, 3",
      "CREMATION, 2026-12-01, 190, 1",
      "ASH_STORAGE, 2026-12-01, 72, 3",
      "STORAGE, 2020-01-01, 110, 3"})
  void capsPerService(String service, String died, double cap, int maxUnits) {
    Map<String, Object> row = engine.evaluateDecisionTable(decisions.get("funeralServiceCap"),
        Variables.createVariables().putValue("dateOfDeath", day(died)).putValue("service", service))
        .getSingleResult().getEntryMap();
    assertThat(((Number) row.get("unitCap")).doubleValue()).isEqualTo(cap);
    assertThat(row.get("maxUnits")).isEqualTo(maxUnits);
  }

  @Test
  void aDeathBeforeTheFirstDatedRowHasNoCap() {
    assertThat(engine.evaluateDecisionTable(decisions.get("funeralServiceCap"),
        Variables.createVariables().putValue("dateOfDeath", day("2019-12-31")).putValue("service", "CREMATION"))
        .getResultList()).isEmpty();
  }

  @Test
  void theCityListsTwelveCategoriesOfWhichTheRegistryProvesThree() {
    List<String> all = List.of("DIBAO", "LOW_INCOME", "TEKUN", "CENTENARIAN", "PRIORITY_CARE", "LOST_ONLY_CHILD",
        "SEVERE_DISABILITY", "ORPHAN", "UNIDENTIFIED", "VAGRANT", "HEROIC_ACT", "BODY_DONOR");
    Map<String, String> sources = new HashMap<>();
    for (String code : all) {
      var result = engine.evaluateDecisionTable(decisions.get("funeralCategory"),
          Variables.createVariables().putValue("category", code)).getSingleResult();
      sources.put(code, (String) result.getEntryMap().get("source"));
    }
    assertThat(sources.entrySet().stream().filter(e -> e.getValue().equals("REGISTRY")).map(Map.Entry::getKey))
        .containsExactlyInAnyOrder("DIBAO", "LOW_INCOME", "CENTENARIAN");
    assertThat(engine.evaluateDecisionTable(decisions.get("funeralCategory"),
        Variables.createVariables().putValue("category", "MARTIAN")).getResultList()).isEmpty();
  }

  @Test
  void thirtyPercentAreCalledBackThreeTimesAtMost() {
    Map<String, Object> row = engine.evaluateDecisionTable(decisions.get("funeralPolicy"),
        Variables.createVariables().putValue("onDate", day("2026-12-01"))).getSingleResult().getEntryMap();
    assertThat(((Number) row.get("callbackRate")).doubleValue()).isEqualTo(0.3);
    assertThat(row.get("callbackTries")).isEqualTo(3);
    assertThat(row.get("centenarianAge")).isEqualTo(100);
  }
}
