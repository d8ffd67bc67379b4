package org.minzhengflow.casework;

import java.math.BigDecimal;

/**
 * The one way an amount of yuan is written in notices, case summaries, history and calculation lines:
 * plain digits without trailing zeros and without exponent ({@code 1238.00} → {@code 1238},
 * {@code 337.50} → {@code 337.5}, {@code 1E+2} → {@code 100}); no amount is written {@code 0}.
 */
public final class Yuan {

  private Yuan() {}

  public static String format(BigDecimal amount) {
    return amount == null ? "0" : amount.stripTrailingZeros().toPlainString();
  }
}
