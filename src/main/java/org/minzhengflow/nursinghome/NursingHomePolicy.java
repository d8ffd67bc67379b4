package org.minzhengflow.nursinghome;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three support policies of DOMAIN.md §3. How a grant is paid is part of the policy itself:
 * the construction subsidy and the interest subsidy are paid once, the operating subsidy monthly.
 * The figures are in the DMN tables, never here.
 */
public enum NursingHomePolicy {
  CONSTRUCTION_SUBSIDY("建设补贴", false),
  OPERATING_SUBSIDY("运营补贴", true),
  INTEREST_SUBSIDY("贷款贴息", false);

  private final String label;
  private final boolean monthly;

  NursingHomePolicy(String label, boolean monthly) {
    this.label = label;
    this.monthly = monthly;
  }

  public String label() {
    return label;
  }

  /** Paid every month while the benefit is active (else once). */
  public boolean monthly() {
    return monthly;
  }

  /** The benefit name used for claims and benefit records, e.g. {@code NH_OPERATING_SUBSIDY}. */
  public String benefit() {
    return "NH_" + name();
  }

  public static Optional<NursingHomePolicy> of(String value) {
    return Arrays.stream(values()).filter(p -> p.name().equals(value)).findFirst();
  }
}
