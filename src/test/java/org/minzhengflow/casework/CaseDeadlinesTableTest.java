package org.minzhengflow.casework;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one deadline table, processes/case-deadlines.dmn, on a stand-alone DMN engine: every row a process reads. */
class CaseDeadlinesTableTest {

  static DmnEngine engine;
  static DmnDecision deadlines;

  @BeforeAll
  static void parse() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes", "case-deadlines.dmn"))) {
      deadlines = engine.parseDecision("caseDeadlines", in);
    }
  }

  static DmnDecisionRuleResult row(String process, String step, boolean pilot, boolean green) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("process", process);
    inputs.put("step", step);
    inputs.put("pilotDistrict", pilot);
    inputs.put("greenChannel", green);
    // FIRST: the first matching row applies, so a more specific row (pilot, green channel) must come first
    return engine.evaluateDecisionTable(deadlines, inputs).getFirstResult();
  }

  @ParameterizedTest(name = "{0} {1} pilot={2} green={3}: {4} working days")
  @CsvSource({
      // 低保 (民发〔2021〕57号 where the law says so; the rest are defaults)
      "dibao, householdInvestigation, false, false, 3",
      "dibao, laborCapacityAssessment, false, false, 10",
      "dibao, streetReview, false, false, 10",
      "dibao, districtHomeVisit, false, false, 5",
      "dibao, districtApproval, false, false, 10",
      "dibao, districtSpotCheck, true, false, 20",
      // whole case: 30 working days in two-level districts, 20 where the street decides, 45 once extended
      "dibao, case, false, false, 30",
      "dibao, case, true, false, 20",
      "dibao, extendedCase, false, false, 45",
      "dibao, extendedCase, true, false, 45",
      "eldercare, abilityAssessment, false, false, 15",
      // 惠民殡葬 and its call-back, 临时救助 (defaults)
      "funeralWaiver, eligibilityConfirmation, false, false, 1",
      "funeralWaiver, serviceConfirmation, false, false, 3",
      "funeralWaiver, case, false, false, 5",
      "funeralCallback, satisfactionCallback, false, false, 5",
      "temporaryAssistance, streetEmergencyGrant, false, false, 1",
      "temporaryAssistance, followUpVerification, false, false, 10",
      "temporaryAssistance, expenditureVerification, false, false, 5",
      "temporaryAssistance, streetReview, false, false, 5",
      "temporaryAssistance, districtApproval, false, false, 5",
      "temporaryAssistance, case, false, false, 20",
      "eldercare, streetReview, false, false, 10",
      "eldercare, districtApproval, false, false, 10",
      "eldercare, case, false, false, 30",
      // nursing homes: the green channel is shorter at every step
      "nursingHomeSupport, materialReview, false, false, 5",
      "nursingHomeSupport, materialReview, false, true, 3",
      "nursingHomeSupport, siteInspection, false, false, 10",
      "nursingHomeSupport, siteInspection, false, true, 5",
      "nursingHomeSupport, departmentOpinion, false, false, 10",
      "nursingHomeSupport, departmentOpinion, false, true, 5",
      "nursingHomeSupport, cityApproval, false, false, 10",
      "nursingHomeSupport, cityApproval, false, true, 5",
      "nursingHomeSupport, case, false, false, 45",
      "nursingHomeSupport, case, false, true, 30",
  })
  void workingDays(String process, String step, boolean pilot, boolean green, int days) {
    DmnDecisionRuleResult row = row(process, step, pilot, green);
    assertThat(row).as("row for %s/%s", process, step).isNotNull();
    assertThat(row.getEntryMap().get("workingDays")).isEqualTo(days);
    assertThat(row.getEntryMap().get("calendarDays")).isNull();
  }

  @ParameterizedTest(name = "{0}: public notice {1} calendar days")
  @CsvSource({"dibao, 7", "nursingHomeSupport, 7"})
  void publicNoticesRunForCalendarDays(String process, int days) {
    DmnDecisionRuleResult row = row(process, "publicNotice", false, false);
    assertThat(row.getEntryMap().get("calendarDays")).isEqualTo(days);
    assertThat(row.getEntryMap().get("workingDays")).isNull();
    assertThat(row(process, "publicNotice", false, true).getEntryMap().get("calendarDays")).isEqualTo(days);
  }

  @Test
  void aStepWithoutARowHasNoDeadline() {
    assertThat(row("dibao", "noSuchStep", false, false)).isNull();
    assertThat(row("noSuchProcess", "case", false, false)).isNull();
  }
}
