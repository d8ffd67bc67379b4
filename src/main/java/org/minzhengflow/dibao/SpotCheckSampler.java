package org.minzhengflow.dibao;

import java.util.function.DoubleSupplier;

/**
 * Which pilot-district approvals the district spot-checks afterwards: every close-relative case,
 * and of the others a random share at the policy rate (default 30 %).
 */
public final class SpotCheckSampler {

  private SpotCheckSampler() {}

  public static boolean sample(boolean closeRelative, double rate, DoubleSupplier random) {
    return closeRelative || random.getAsDouble() < rate;
  }
}
