package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Predicate;

/**
 * The money rules of DOMAIN.md §1, free of the engine and the database:
 * per-capita income, the income ratio the tier table takes, and the monthly amount
 * {@code ceil(standard × members − household income + extras)}, never negative, rounded once.
 */
public final class DibaoCalculation {

  private DibaoCalculation() {}

  public static BigDecimal householdIncome(List<Member> members) {
    return members.stream().map(Member::countedIncome).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Monthly yuan per person, to the fen. */
  public static BigDecimal perCapitaIncome(List<Member> members) {
    return householdIncome(members).divide(BigDecimal.valueOf(members.size()), 2, RoundingMode.HALF_UP);
  }

  /**
   * Per-capita income over the standard on the standard's own period: rural standards are annual,
   * so rural income is compared per year (monthly × 12).
   */
  public static BigDecimal incomeRatio(List<Member> members, DibaoTables.Standard standard) {
    BigDecimal perCapita = householdIncome(members).divide(BigDecimal.valueOf(members.size()), 10, RoundingMode.HALF_UP);
    BigDecimal income = standard.annual() ? perCapita.multiply(BigDecimal.valueOf(12)) : perCapita;
    // Rounded down, so a ratio just under a tier boundary never rounds up across it.
    return income.divide(standard.amount(), 6, RoundingMode.FLOOR);
  }

  /**
   * Members who earn the 分类施保 extra. Who does (60 or older, under 18, seriously ill or severely
   * disabled by default) is the table {@code dibaoExtraEligibility}; the caller passes it in, e.g.
   * {@link DibaoTables#extraEligibleOn(java.time.LocalDate)}.
   */
  public static long extraMembers(List<Member> members, Predicate<Member> extraEligible) {
    return members.stream().filter(extraEligible).count();
  }

  public static BigDecimal monthlyAmount(List<Member> members, DibaoTables.Standard standard, BigDecimal extraRate,
      Predicate<Member> extraEligible) {
    BigDecimal monthlyStandard = standard.monthly();
    BigDecimal gap = monthlyStandard.multiply(BigDecimal.valueOf(members.size())).subtract(householdIncome(members));
    BigDecimal extras = monthlyStandard.multiply(extraRate).multiply(BigDecimal.valueOf(extraMembers(members, extraEligible)));
    BigDecimal amount = gap.max(BigDecimal.ZERO).add(extras);
    return amount.setScale(0, RoundingMode.CEILING);
  }

  /**
   * 单人户: each member covered alone is treated as a household of one — the standard less that
   * member's own counted income, plus the 分类施保 extra when it applies — rounded once.
   */
  public static BigDecimal singlePersonAmount(List<Member> coveredAlone, DibaoTables.Standard standard,
      BigDecimal extraRate, Predicate<Member> extraEligible) {
    BigDecimal monthlyStandard = standard.monthly();
    BigDecimal total = BigDecimal.ZERO;
    for (Member m : coveredAlone) {
      total = total.add(monthlyStandard.subtract(m.countedIncome()).max(BigDecimal.ZERO));
    }
    BigDecimal extras = monthlyStandard.multiply(extraRate).multiply(BigDecimal.valueOf(extraMembers(coveredAlone, extraEligible)));
    return total.add(extras).setScale(0, RoundingMode.CEILING);
  }

  /**
   * 定期定量救助 of a 低收入困难 household: every member receives the table's share of the monthly standard,
   * rounded up to the yuan as 低保 amounts are.
   */
  public static BigDecimal regularFixedAmount(int householdSize, DibaoTables.Standard standard, BigDecimal rate) {
    return standard.monthly().multiply(rate).multiply(BigDecimal.valueOf(householdSize))
        .setScale(0, RoundingMode.CEILING);
  }
}
