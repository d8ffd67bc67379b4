package org.minzhengflow.eldercare;

import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Reads processes/eldercare.dmn: eligibility, ability class and the amounts or service hours. */
@Component
public class ElderCareTables {

  public record Eligibility(boolean eligible, String category, String reason) {}

  public record Benefit(boolean eligible, BigDecimal monthlyAmount, int serviceHours, String categoryName,
      String reason) {}

  public record AbilityClass(String code, String name) {}

  private final DecisionService decisions;

  public ElderCareTables(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Eligibility eligibility(String subsidyType, int age, int ageInTwoMonths, String hukouType,
      boolean hasEmployeePension, String assistanceStatus, boolean livingAlone, boolean lostOnlyChild) {
    VariableMap input = Variables.createVariables().putValue("subsidyType", subsidyType).putValue("age", age)
        .putValue("ageInTwoMonths", ageInTwoMonths).putValue("hukouType", hukouType)
        .putValue("hasEmployeePension", hasEmployeePension).putValue("assistanceStatus", assistanceStatus)
        .putValue("livingAlone", livingAlone).putValue("lostOnlyChild", lostOnlyChild);
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("eldercareEligibility", input).getSingleResult()
        .getEntryMap();
    return new Eligibility((Boolean) row.get("eligible"), (String) row.get("category"), (String) row.get("reason"));
  }

  public AbilityClass abilityClass(String grade) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("elderAbilityClass",
        Variables.createVariables().putValue("abilityGrade", grade)).getSingleResult().getEntryMap();
    return new AbilityClass((String) row.get("abilityClass"), (String) row.get("abilityClassName"));
  }

  public Benefit benefit(String subsidyType, String category, String abilityClass) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("eldercareBenefit", Variables.createVariables()
        .putValue("subsidyType", subsidyType).putValue("category", category)
        .putValue("abilityClass", abilityClass == null ? "NONE" : abilityClass)).getSingleResult().getEntryMap();
    return new Benefit((Boolean) row.get("eligible"), new BigDecimal(row.get("monthlyAmount").toString()),
        ((Number) row.get("serviceHours")).intValue(), (String) row.get("categoryName"), (String) row.get("reason"));
  }
}
