package org.minzhengflow.identification;

import java.util.Locale;
import java.util.Objects;

/**
 * A valid 18-character unified social credit code (统一社会信用代码, GB 32100-2015), identifying
 * organisations such as welfare institutions and social organisations. Create with {@link #parse}.
 */
public record CreditCode(String value) {

  public static final String PROBLEM_BLANK = "统一社会信用代码不能为空";
  public static final String PROBLEM_LENGTH = "统一社会信用代码应为18位";
  public static final String PROBLEM_CHARACTERS = "统一社会信用代码含非法字符";
  public static final String PROBLEM_CHECK_CHARACTER = "统一社会信用代码校验位错误";

  // The standard leaves out I, O, S, V and Z because they are easily confused with 1, 0, 5, U and 2.
  private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  public CreditCode {
    Objects.requireNonNull(value, "value");
    String problem = problem(value);
    if (problem != null || !value.equals(normalise(value))) {
      throw new IllegalArgumentException(problem != null ? problem : "not normalised, use CreditCode.parse: " + value);
    }
  }

  /** @return null if valid (lower-case letters are accepted), otherwise the problem in Chinese */
  public static String problem(String raw) {
    if (raw == null || raw.isBlank()) {
      return PROBLEM_BLANK;
    }
    String value = normalise(raw);
    if (value.length() != 18) {
      return PROBLEM_LENGTH;
    }
    for (int i = 0; i < value.length(); i++) {
      if (CHARSET.indexOf(value.charAt(i)) < 0) {
        return PROBLEM_CHARACTERS;
      }
    }
    return checkCharacter(value) == value.charAt(17) ? null : PROBLEM_CHECK_CHARACTER;
  }

  public static boolean isValid(String raw) {
    return problem(raw) == null;
  }

  /** @throws IllegalArgumentException with the Chinese problem text if {@code raw} is not valid */
  public static CreditCode parse(String raw) {
    String problem = problem(raw);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new CreditCode(normalise(raw));
  }

  /** Check character for the first 17 characters, which must all be in the code's character set. */
  static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return CHARSET.charAt(check == 31 ? 0 : check);
  }

  private static String normalise(String raw) {
    return raw.strip().toUpperCase(Locale.ROOT);
  }
}
