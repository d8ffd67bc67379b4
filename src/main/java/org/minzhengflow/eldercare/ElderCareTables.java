package org.minzhengflow.eldercare;

import java.math.BigDecimal;
import java.util.Map;
import org.minzhengflow.casework.DecisionTables;
import org.springframework.stereotype.Component;

/**
 * Reads processes/eldercare.dmn (eligibility, ability class, the amounts or service hours) and
 * processes/eldercare-policy.dmn (the ages of the high-age allowance and how early one may apply).
 */
@Component
public class ElderCareTables {

  public record Eligibility(boolean eligible, String category, String reason) {}

  public record Benefit(boolean eligible, BigDecimal monthlyAmount, int serviceHours, String categoryName,
      String reason) {}

  public record AbilityClass(String code, String name) {}

  /**
   * The high-age allowance starts at {@code highAgeMinAge}, moves to the next class from the month
   * after {@code classSwitchAge}, and may be applied for {@code leadMonths} before the birthday.
   */
  public record Policy(int highAgeMinAge, int classSwitchAge, int leadMonths) {}

  private final DecisionTables tables;

  public ElderCareTables(DecisionTables tables) {
    this.tables = tables;
  }

  public Eligibility eligibility(String subsidyType, int age, int ageInTwoMonths, String hukouType,
      boolean hasEmployeePension, String assistanceStatus, boolean livingAlone, boolean lostOnlyChild) {
    Map<String, Object> row = tables.single("eldercareEligibility", Map.of("subsidyType", subsidyType, "age", age,
        "ageInTwoMonths", ageInTwoMonths, "hukouType", hukouType, "hasEmployeePension", hasEmployeePension,
        "assistanceStatus", assistanceStatus, "livingAlone", livingAlone, "lostOnlyChild", lostOnlyChild));
    return new Eligibility((Boolean) row.get("eligible"), (String) row.get("category"), (String) row.get("reason"));
  }

  public Policy policy(String subsidyType) {
    Map<String, Object> row = tables.single("eldercarePolicy", Map.of("subsidyType", subsidyType));
    return new Policy(integer(row, "highAgeMinAge"), integer(row, "classSwitchAge"), integer(row, "leadMonths"));
  }

  public AbilityClass abilityClass(String grade) {
    Map<String, Object> row = tables.single("elderAbilityClass", Map.of("abilityGrade", grade));
    return new AbilityClass((String) row.get("abilityClass"), (String) row.get("abilityClassName"));
  }

  public Benefit benefit(String subsidyType, String category, String abilityClass) {
    Map<String, Object> row = tables.single("eldercareBenefit", Map.of("subsidyType", subsidyType, "category", category,
        "abilityClass", abilityClass == null ? "NONE" : abilityClass));
    return new Benefit((Boolean) row.get("eligible"), new BigDecimal(row.get("monthlyAmount").toString()),
        ((Number) row.get("serviceHours")).intValue(), (String) row.get("categoryName"), (String) row.get("reason"));
  }

  private static int integer(Map<String, Object> row, String name) {
    return ((Number) row.get(name)).intValue();
  }
}
