package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Reads the nursing-home DMN tables in {@code processes/}: time limits, pre-check conditions and
 * subsidy rates. Figures live in the tables, where designers change them in Modeler; never here.
 */
@Component
public class NursingHomeTables {

  /** Time limits: working days per step, calendar days of the public notice. */
  public record Deadlines(int materialReviewDays, int siteInspectionDays, int departmentOpinionDays,
      int cityApprovalDays, int noticeDays) {}

  public record ConstructionRate(BigDecimal perBed, BigDecimal renovationFactor, String band) {}

  public record OperatingRate(BigDecimal basePerBed, BigDecimal multiplier, String abilityName) {

    public BigDecimal perBed() {
      return basePerBed.multiply(multiplier);
    }
  }

  public record InterestRate(BigDecimal annualRate, String text) {}

  private final DecisionService decisions;

  public NursingHomeTables(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Deadlines deadlines(boolean greenChannel) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("nursingHomePolicy",
        Variables.createVariables().putValue("greenChannel", greenChannel)).getSingleResult().getEntryMap();
    return new Deadlines(integer(row, "materialReviewDays"), integer(row, "siteInspectionDays"),
        integer(row, "departmentOpinionDays"), integer(row, "cityApprovalDays"), integer(row, "noticeDays"));
  }

  /** Every unmet condition, each with its Chinese reason; empty when the application may proceed. */
  public List<String> prechecks(Map<String, Object> inputs) {
    return decisions.evaluateDecisionTableByKey("nursingHomePrechecks", Variables.fromMap(inputs)).stream()
        .map(row -> (String) row.getEntry("reason")).toList();
  }

  public ConstructionRate constructionRate(int beds, boolean siteRented, int leaseYears) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("nursingHomeConstructionRate",
        Variables.createVariables().putValue("beds", beds).putValue("siteRented", siteRented)
            .putValue("leaseYears", leaseYears)).getSingleResult().getEntryMap();
    return new ConstructionRate(decimal(row.get("perBed")), decimal(row.get("renovationFactor")), (String) row.get("band"));
  }

  public OperatingRate operatingRate(String ability) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("nursingHomeOperatingRate",
        Variables.createVariables().putValue("ability", ability)).getSingleResult().getEntryMap();
    return new OperatingRate(decimal(row.get("basePerBed")), decimal(row.get("multiplier")), (String) row.get("abilityName"));
  }

  public InterestRate interestRate(BigDecimal loanAmount) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey("nursingHomeInterestRate",
        Variables.createVariables().putValue("loanAmount", loanAmount.doubleValue())).getSingleResult().getEntryMap();
    return new InterestRate(decimal(row.get("annualRate")), (String) row.get("rateText"));
  }

  private static int integer(Map<String, Object> row, String name) {
    return ((Number) row.get(name)).intValue();
  }

  private static BigDecimal decimal(Object value) {
    return new BigDecimal(value.toString());
  }
}
