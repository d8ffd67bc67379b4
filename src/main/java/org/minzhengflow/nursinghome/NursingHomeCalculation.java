package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minzhengflow.casework.Yuan;
import org.springframework.stereotype.Component;

/**
 * The subsidy amounts of DOMAIN.md §3 with every step written out for the notice. Rates come from
 * {@code processes/nursing-home-amounts.dmn}; amounts are rounded once, at the end, to the yuan.
 *
 * <ul>
 *   <li>Construction (once): new beds × rate of the size band (or the rented-site rate), × the
 *       renovation factor when the new beds come from renovation.</li>
 *   <li>Operating (monthly): counted beds = min(inspected occupied beds, declared local residents)
 *       — before the inspection the declared occupied beds stand in. Each counted bed earns the
 *       average rate of the declared ability mix: Σ(residents of a grade × base × multiplier) ÷
 *       occupied beds. The local residents' own mix is not declared, so the whole house's mix is
 *       applied to them proportionally.</li>
 *   <li>Interest (once, one year): loan × annual rate.</li>
 * </ul>
 */
@Component
public class NursingHomeCalculation {

  /** The amount, the calculation lines for people, and why it is zero (null when it is not). */
  public record Result(BigDecimal amount, List<String> lines, String zeroReason) {}

  private final NursingHomeTables tables;

  public NursingHomeCalculation(NursingHomeTables tables) {
    this.tables = tables;
  }

  public Result calculate(NursingHomeCase c) {
    return switch (c.policy()) {
      case CONSTRUCTION_SUBSIDY -> construction(c);
      case OPERATING_SUBSIDY -> operating(c);
      case INTEREST_SUBSIDY -> interest(c);
    };
  }

  private Result construction(NursingHomeCase c) {
    NursingHomeTables.ConstructionRate rate = tables.constructionRate(c.beds(), c.siteRented(), c.lease());
    List<String> lines = new ArrayList<>();
    lines.add("补贴标准:" + rate.band());
    BigDecimal perBed = rate.perBed();
    if (c.renovation() && perBed.signum() > 0) {
      perBed = perBed.multiply(rate.renovationFactor());
      lines.add("改扩建床位按标准的" + percent(rate.renovationFactor()) + "计:每床" + Yuan.format(rate.perBed()) + "元 × "
          + plain(rate.renovationFactor()) + " = " + Yuan.format(perBed) + "元");
    }
    BigDecimal amount = perBed.multiply(BigDecimal.valueOf(c.newBeds())).setScale(0, RoundingMode.HALF_UP);
    lines.add("建设补贴 = 新增床位" + c.newBeds() + "张 × " + Yuan.format(perBed) + "元 = " + Yuan.format(amount) + "元(一次性)");
    return new Result(amount, lines, rate.perBed().signum() == 0 ? rate.band() : null);
  }

  private Result operating(NursingHomeCase c) {
    boolean inspected = c.inspectedOccupiedBeds() != null;
    int occupied = inspected ? c.inspectedOccupiedBeds() : c.occupiedBeds();
    int counted = Math.min(occupied, c.localResidents());
    List<String> lines = new ArrayList<>();
    lines.add("计补床位 = min(" + (inspected ? "实地核查入住床位" : "申报入住床位") + occupied + "张, 申报本地户籍入住老人"
        + c.localResidents() + "人) = " + counted + "张");
    BigDecimal weightedSum = BigDecimal.ZERO;
    List<String> grades = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, Integer> grade : c.residentsByAbility().entrySet()) {
      NursingHomeTables.OperatingRate rate = tables.operatingRate(grade.getKey());
      grades.add(rate.abilityName() + " " + Yuan.format(rate.basePerBed()) + "×" + plain(rate.multiplier()) + "=" + Yuan.format(rate.perBed())
          + "元(" + grade.getValue() + "人)");
      terms.add(grade.getValue() + "×" + Yuan.format(rate.perBed()));
      weightedSum = weightedSum.add(rate.perBed().multiply(BigDecimal.valueOf(grade.getValue())));
    }
    lines.add("各能力等级每床每月标准:" + String.join(";", grades));
    if (c.occupiedBeds() == 0 || counted == 0) {
      lines.add("运营补贴 = 0元/月(无可计补的本地户籍入住床位)");
      return new Result(BigDecimal.ZERO.setScale(0), lines, "无可计补的本地户籍入住床位");
    }
    BigDecimal average = weightedSum.divide(BigDecimal.valueOf(c.occupiedBeds()), 10, RoundingMode.HALF_UP);
    lines.add("按申报入住老人能力等级加权的每床每月标准 = (" + String.join(" + ", terms) + ") ÷ " + c.occupiedBeds() + " = "
        + Yuan.format(average.setScale(2, RoundingMode.HALF_UP)) + "元");
    BigDecimal amount = average.multiply(BigDecimal.valueOf(counted)).setScale(0, RoundingMode.HALF_UP);
    lines.add("运营补贴 = " + counted + "张 × " + Yuan.format(average.setScale(2, RoundingMode.HALF_UP)) + "元 = " + Yuan.format(amount)
        + "元/月");
    return new Result(amount, lines, null);
  }

  private Result interest(NursingHomeCase c) {
    BigDecimal loan = c.loanAmount() == null ? BigDecimal.ZERO : c.loanAmount();
    NursingHomeTables.InterestRate rate = tables.interestRate(loan);
    BigDecimal amount = loan.multiply(rate.annualRate()).setScale(0, RoundingMode.HALF_UP);
    List<String> lines = List.of("贷款贴息 = 贷款金额" + Yuan.format(loan) + "元 × 年贴息率" + percent(rate.annualRate()) + " = "
        + Yuan.format(amount) + "元(贴息一年;" + rate.text() + ")");
    return new Result(amount, lines, amount.signum() == 0 ? "无可贴息的贷款" : null);
  }

  /** Whole months from the opening date to the application date. */
  public static int monthsInOperation(LocalDate since, LocalDate on) {
    return since.isAfter(on) ? 0 : (int) Period.between(since, on).toTotalMonths();
  }

  static String plain(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    return v.scale() <= 0 ? v.setScale(1).toPlainString() : v.toPlainString();
  }

  static String percent(BigDecimal fraction) {
    return fraction.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%";
  }
}
