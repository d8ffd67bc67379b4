package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.minzhengflow.casework.DecisionTables;
import org.minzhengflow.casework.Yuan;
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
      return annual ? amount.divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP) : amount;
    }
  }

  public record Tier(String code, String name, String assistance) {}

  /**
   * What verification found about the household's property (the larger of the declared and the
   * verified figure each), the household's financial-asset limit in yuan, and the policy figures the
   * reasons name ({@link DibaoPolicy#maxHouses()}, {@link DibaoPolicy#assetMonths()}).
   */
  public record Assets(int vehicles, int houses, int nonResidentialProperties, boolean businessRegistered,
      BigDecimal financialAssets, BigDecimal assetLimit, int maxHouses, int assetMonths) {}

  /** 分类施保: does this member earn the extra, and as what (60+, a minor, seriously ill, severely disabled)? */
  public record ExtraEligibility(boolean extra, String reason) {}

  /** One unmet property condition of {@code dibaoAssetFindings}: its code and the Chinese reason. */
  public record Finding(String code, String reason) {}

  private final DecisionTables tables;

  public DibaoTables(DecisionTables tables) {
    this.tables = tables;
  }

  /** Null when no standard covers the date (before the first dated row). */
  public Standard standard(LocalDate applicationDate, String areaType) {
    List<Map<String, Object>> rows = tables.evaluate("dibaoStandard",
        Map.of("applicationDate", DecisionTables.day(applicationDate), "areaType", areaType));
    if (rows.isEmpty()) {
      return null;
    }
    Map<String, Object> row = rows.get(0);
    return new Standard(decimal(row.get("standard")), "YEAR".equals(row.get("period")), (String) row.get("source"));
  }

  public Tier tier(String areaType, BigDecimal incomeRatio) {
    Map<String, Object> row = tables.single("dibaoTier",
        Map.of("areaType", areaType, "incomeRatio", incomeRatio.doubleValue()));
    return new Tier((String) row.get("tier"), (String) row.get("tierName"), (String) row.get("assistance"));
  }

  /** 单人户: may this member of a household of the given tier be covered alone? */
  public boolean coveredAlone(String householdTier, Member member) {
    Map<String, Object> row = tables.single("dibaoSinglePerson", Map.of("householdTier", householdTier,
        "disabilityGrade", member.disabilityGrade() == null ? 0 : member.disabilityGrade(),
        "disabilityType", member.disabilityType() == null ? "" : member.disabilityType(),
        "seriousIllness", member.seriousIllness()));
    return Boolean.TRUE.equals(row.get("coveredAlone"));
  }

  /** 分类施保 by {@code dibaoExtraEligibility} in dibao-policy.dmn; the age is the member's age on the day of the calculation. */
  public ExtraEligibility extraEligibility(int age, boolean seriousIllness, boolean severelyDisabled) {
    Map<String, Object> row = tables.single("dibaoExtraEligibility",
        Map.of("age", age, "seriousIllness", seriousIllness, "severelyDisabled", severelyDisabled));
    return new ExtraEligibility(Boolean.TRUE.equals(row.get("extra")), (String) row.get("reason"));
  }

  /** The members who earn the 分类施保 extra on the given day, for {@link DibaoCalculation}. */
  public Predicate<Member> extraEligibleOn(LocalDate on) {
    return m -> extraEligibility(m.id().ageOn(on), m.seriousIllness(), m.severelyDisabled()).extra();
  }

  /**
   * 财产条件: every unmet condition of {@code dibao-assets.dmn} at once, in the table's row order;
   * empty when the household's property qualifies. Amounts are passed as numbers for the
   * comparison and as the texts the reasons show (the same formatting as every other notice).
   */
  public List<Finding> assetFindings(Assets assets) {
    return tables.evaluate("dibaoAssetFindings", assetInputs(assets)).stream()
        .map(row -> new Finding((String) row.get("code"), (String) row.get("reason"))).toList();
  }

  /** The inputs of {@code dibaoAssetFindings}, as the table's description lists them. */
  static Map<String, Object> assetInputs(Assets assets) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("vehicles", assets.vehicles());
    inputs.put("houses", assets.houses());
    inputs.put("nonResidentialProperties", assets.nonResidentialProperties());
    inputs.put("businessRegistered", assets.businessRegistered());
    inputs.put("financialAssets", assets.financialAssets().doubleValue());
    inputs.put("assetLimit", assets.assetLimit().doubleValue());
    inputs.put("maxHouses", assets.maxHouses());
    inputs.put("assetMonths", assets.assetMonths());
    inputs.put("financialAssetsText", Yuan.format(assets.financialAssets()));
    inputs.put("assetLimitText", Yuan.format(assets.assetLimit()));
    return inputs;
  }

  /** 定期定量救助 per person as a share of the monthly standard, and the longest 渐退期, on a day. */
  public record BenefitLife(BigDecimal regularFixedRate, int gradualExitMonths) {}

  public BenefitLife benefitLife(LocalDate on) {
    Map<String, Object> row = tables.single("dibaoBenefitLife", Map.of("onDate", DecisionTables.day(on)));
    return new BenefitLife(decimal(row.get("regularFixedRate")), integer(row, "gradualExitMonths"));
  }

  /** Months to the next re-review of a household (dibaoReviewInterval). */
  public int reviewIntervalMonths(String benefit, boolean irregularIncome, boolean ableToWork) {
    Map<String, Object> row = tables.single("dibaoReviewInterval",
        Map.of("benefit", benefit, "irregularIncome", irregularIncome, "ableToWork", ableToWork));
    return integer(row, "months");
  }

  /** The proposed outcome of a re-review and its reason (dibaoReviewOutcome). */
  public record ReviewOutcome(String outcome, String reason) {}

  public ReviewOutcome reviewOutcome(String benefit, boolean findings, BigDecimal incomeRatio, boolean amountChanged) {
    Map<String, Object> row = tables.single("dibaoReviewOutcome", Map.of("benefit", benefit, "findings", findings,
        "incomeRatio", incomeRatio.doubleValue(), "amountChanged", amountChanged));
    return new ReviewOutcome((String) row.get("outcome"), (String) row.get("reason"));
  }

  public DibaoPolicy policy(String areaType) {
    Map<String, Object> row = tables.single("dibaoPolicy", Map.of("areaType", areaType == null ? "URBAN" : areaType));
    return new DibaoPolicy(integer(row, "assetMonths"), integer(row, "maxHouses"), decimal(row.get("extraRate")),
        decimal(row.get("spotCheckRate")).doubleValue(), integer(row, "workingAgeMin"), integer(row, "workingAgeMaxMale"),
        integer(row, "workingAgeMaxFemale"));
  }

  private static int integer(Map<String, Object> row, String name) {
    return ((Number) row.get(name)).intValue();
  }

  private static BigDecimal decimal(Object value) {
    return new BigDecimal(value.toString());
  }
}
