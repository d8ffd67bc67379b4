package org.minzhengflow.casework;

/**
 * The registry's rule for "what is paid for a month", as SQL fragments, so the payment runs and the public roster
 * (阳光低保) ask the database the same question in one set-based statement instead of one call per benefit.
 *
 * <p>A monthly benefit is payable for month M from its start month up to, not including, its end month (null:
 * open-ended) — whatever its status, since ENDED keeps the end month and GRADUAL_EXIT pays until it. The amount of
 * M is that of the latest GRANTED/ADJUSTED change taking effect by M, so an adjustment for next month never alters
 * a month already due; without such a change, the record's own amount.
 */
public final class BenefitMonths {

  private BenefitMonths() {}

  /** The condition "{@code b} (a benefit_record) is a monthly benefit payable in {@code month}" (a date expression). */
  public static String payable(String b, String month) {
    return "(not %1$s.one_off and %1$s.start_month <= %2$s and (%1$s.end_month is null or %1$s.end_month > %2$s))"
        .formatted(b, month);
  }

  /** The amount of {@code b} (a benefit_record) for {@code month} (a date expression). */
  public static String amount(String b, String month) {
    return """
        coalesce((select bc.monthly_amount from benefit_change bc
                  where bc.application_no = %1$s.application_no and bc.change in ('GRANTED', 'ADJUSTED')
                    and bc.monthly_amount is not null and bc.from_month <= %2$s
                  order by bc.from_month desc, bc.id desc fetch first 1 row only), %1$s.monthly_amount)"""
        .formatted(b, month);
  }
}
