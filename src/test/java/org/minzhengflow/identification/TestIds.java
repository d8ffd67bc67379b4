package org.minzhengflow.identification;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Builds valid identifiers for tests, so test data never depends on real people or organisations. */
public final class TestIds {

  private TestIds() {
  }

  /**
   * @param region6 six-digit region code, e.g. {@code "230103"}
   * @param seq3    sequence 0–999; its lowest bit is flipped if needed to match {@code male}
   * @return a valid 18-character ID number with the correct check character
   */
  public static String idNumber(String region6, LocalDate birth, int seq3, boolean male) {
    if (region6 == null || !region6.matches("\\d{6}")) {
      throw new IllegalArgumentException("region6 must be six digits: " + region6);
    }
    if (seq3 < 0 || seq3 > 999) {
      throw new IllegalArgumentException("seq3 must be 0..999: " + seq3);
    }
    // Flipping the lowest bit keeps the sequence within 0..999 (998 <-> 999, 0 <-> 1).
    int seq = (seq3 % 2 == 1) == male ? seq3 : seq3 ^ 1;
    String first17 = region6 + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq);
    return first17 + IdNumber.checkCharacter(first17);
  }

  /** Any 17 characters with the check character they would need: for ID numbers valid but for their content. */
  public static String withCheckCharacter(String first17) {
    return first17 + IdNumber.checkCharacter(first17);
  }

  /**
   * @param first17 the first 17 characters, from {@code 0-9 A-H J-N P-R T U W-Y}
   * @return a valid 18-character unified social credit code
   */
  public static String creditCode(String first17) {
    if (first17 == null || !first17.matches("[0-9A-HJ-NP-RTUW-Y]{17}")) {
      throw new IllegalArgumentException("first17 must be 17 characters of the credit-code set: " + first17);
    }
    return first17 + CreditCode.checkCharacter(first17);
  }
}
