package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/dibao-single-person.dmn: who in a household just above the line is covered alone (单人户). */
class DibaoSinglePersonTableTest {

  static DmnEngine engine;
  static DmnDecision decision;

  @BeforeAll
  static void load() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/dibao-single-person.dmn")) {
      decision = engine.parseDecision("dibaoSinglePerson", in);
    }
  }

  @ParameterizedTest(name = "{0}, grade {1} {2}, ill {3} -> {4}")
  @CsvSource({
      "LOW_INCOME_HARDSHIP, 1, PHYSICAL, false, true",
      "LOW_INCOME, 2, VISUAL, false, true",
      "LOW_INCOME_HARDSHIP, 3, INTELLECTUAL, false, true",
      "LOW_INCOME_HARDSHIP, 3, MENTAL, false, true",
      "LOW_INCOME_HARDSHIP, 3, PHYSICAL, false, false",
      "LOW_INCOME_HARDSHIP, 4, MENTAL, false, false",
      "LOW_INCOME_HARDSHIP, 0, '', true, true",
      "LOW_INCOME_HARDSHIP, 0, '', false, false",
      "NONE, 1, PHYSICAL, true, false",
      "DIBAO, 1, PHYSICAL, false, false"})
  void coveredAlone(String tier, int grade, String type, boolean ill, boolean covered) {
    Object result = engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("householdTier", tier)
        .putValue("disabilityGrade", grade).putValue("disabilityType", type).putValue("seriousIllness", ill))
        .getSingleResult().getEntry("coveredAlone");
    assertThat(result).isEqualTo(covered);
  }
}
