package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Reads the dibao DMN tables: standards by date and area, tiers by income ratio, and the policy
 * parameters. Figures live in the tables, where designers change them in Modeler; never here.
 */
@Component
public class DibaoTables {

  /** The standard in force: per person per month (URBAN) or per year (RURAL). */
  public record Standard(BigDecimal amount, boolean annual, String source) {

    /** Per person per month, unrounded; annual standards are spread evenly over twelve months. */
    public BigDecimal monthly() {
      return annual ? amount.divide(BigDecimal.valueOf(12), 10, java.math.RoundingMode.HALF_UP) : amount;
    }
  }

  public record Tier(String code, String name, String assistance) {}

  private final DecisionService decisions;

  public DibaoTables(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** Null when no standard covers the date (before the first dated row). */
  public Standard standard(LocalDate applicationDate, String areaType) {
    var result = decisions.evaluateDecisionTableByKey("dibaoStandard",
        Variables.createVariables().putValue("applicationDate", DmnDates.of(applicationDate)).putValue("areaType", areaType));
    if (result.isEmpty()) {
      return null;
    }
    DmnDecisionRuleResult row = result.getSingleResult();
    return new Standard(decimal(row.getEntry("standard")), "YEAR".equals(row.getEntry("period")), row.getEntry("source"));
  }

  public Tier tier(String areaType, BigDecimal incomeRatio) {
    DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey("dibaoTier",
        Variables.createVariables().putValue("areaType", areaType).putValue("incomeRatio", incomeRatio.doubleValue()))
        .getSingleResult();
    return new Tier(row.getEntry("tier"), row.getEntry("tierName"), row.getEntry("assistance"));
  }

  public DibaoPolicy policy(String areaType) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("dibaoPolicy",
        Variables.createVariables().putValue("areaType", areaType == null ? "URBAN" : areaType)).getSingleResult().getEntryMap();
    return new DibaoPolicy(integer(row, "assetMonths"), integer(row, "maxHouses"), decimal(row.get("extraRate")),
        decimal(row.get("spotCheckRate")).doubleValue(), integer(row, "noticeDays"), integer(row, "workingAgeMin"),
        integer(row, "workingAgeMaxMale"), integer(row, "workingAgeMaxFemale"), integer(row, "districtApprovalDays"),
        integer(row, "investigationDays"), integer(row, "streetReviewDays"), integer(row, "laborAssessmentDays"),
        integer(row, "spotCheckDays"), integer(row, "caseDays"));
  }

  private static int integer(Map<String, Object> row, String name) {
    return ((Number) row.get(name)).intValue();
  }

  private static BigDecimal decimal(Object value) {
    return new BigDecimal(value.toString());
  }
}
