package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.minzhengflow.casework.DecisionTables;
import org.springframework.stereotype.Component;

/**
 * Reads the nursing-home DMN tables in {@code processes/}: pre-check conditions and
 * subsidy rates (time limits are in the one deadline table, {@code case-deadlines.dmn}). Figures live in the tables, where designers change them in Modeler; never here.
 */
@Component
public class NursingHomeTables {

  public record ConstructionRate(BigDecimal perBed, BigDecimal renovationFactor, String band) {}

  public record OperatingRate(BigDecimal basePerBed, BigDecimal multiplier, String abilityName) {

    public BigDecimal perBed() {
      return basePerBed.multiply(multiplier);
    }
  }

  public record InterestRate(BigDecimal annualRate, String text) {}

  private final DecisionTables tables;

  public NursingHomeTables(DecisionTables tables) {
    this.tables = tables;
  }

  /** Every unmet condition, each with its Chinese reason; empty when the application may proceed. */
  public List<String> prechecks(Map<String, Object> inputs) {
    return tables.evaluate("nursingHomePrechecks", inputs).stream().map(row -> (String) row.get("reason")).toList();
  }

  public ConstructionRate constructionRate(int beds, boolean siteRented, int leaseYears) {
    Map<String, Object> row = tables.single("nursingHomeConstructionRate",
        Map.of("beds", beds, "siteRented", siteRented, "leaseYears", leaseYears));
    return new ConstructionRate(decimal(row.get("perBed")), decimal(row.get("renovationFactor")), (String) row.get("band"));
  }

  public OperatingRate operatingRate(String ability) {
    Map<String, Object> row = tables.single("nursingHomeOperatingRate", Map.of("ability", ability));
    return new OperatingRate(decimal(row.get("basePerBed")), decimal(row.get("multiplier")), (String) row.get("abilityName"));
  }

  public InterestRate interestRate(BigDecimal loanAmount) {
    Map<String, Object> row = tables.single("nursingHomeInterestRate", Map.of("loanAmount", loanAmount.doubleValue()));
    return new InterestRate(decimal(row.get("annualRate")), (String) row.get("rateText"));
  }

  private static int integer(Map<String, Object> row, String name) {
    return ((Number) row.get(name)).intValue();
  }

  private static BigDecimal decimal(Object value) {
    return new BigDecimal(value.toString());
  }
}
