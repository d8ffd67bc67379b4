package org.minzhengflow.dibao;

/** Chinese names of the tier codes, for status documents and summaries (staff never read {@code DIBAO}). */
public enum DibaoTiers {
  DIBAO("低保"),
  LOW_INCOME_HARDSHIP("低收入困难"),
  LOW_INCOME("低收入"),
  NONE("不符合救助条件");

  private final String label;

  DibaoTiers(String label) {
    this.label = label;
  }

  /** The name of a tier code; null for none yet (before the assessment). */
  public static String label(String code) {
    if (code == null) {
      return null;
    }
    for (DibaoTiers t : values()) {
      if (t.name().equals(code)) {
        return t.label;
      }
    }
    return code;
  }
}
