package org.minzhengflow.identification;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A valid 18-character resident ID number (公民身份号码, GB 11643-1999): 6-digit region code,
 * 8-digit birth date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 *
 * <p>Create instances with {@link #parse}. {@link #toString()} is masked because these records end
 * up in logs and exception messages, where a full ID number must not appear.
 */
public record IdNumber(String value, LocalDate birthDate, Sex sex, String regionCode) {

  public static final String PROBLEM_BLANK = "身份证号不能为空";
  public static final String PROBLEM_LENGTH = "身份证号应为18位";
  public static final String PROBLEM_CHARACTERS = "身份证号含非法字符";
  public static final String PROBLEM_BIRTH_DATE = "身份证号出生日期无效";
  public static final String PROBLEM_CHECK_DIGIT = "身份证号校验位错误";

  private static final Pattern FORMAT = Pattern.compile("\\d{17}[\\dX]");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARACTERS = "10X98765432";
  // Strict resolving so that 19991332 or 20230229 are rejected instead of being rolled over.
  private static final DateTimeFormatter BIRTH_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
  // ID numbers are issued in China, so "born in the future" is judged by the date in Beijing.
  private static final ZoneId ISSUING_ZONE = ZoneId.of("Asia/Shanghai");

  /** Rejects field combinations that {@link #parse} would not produce. */
  public IdNumber {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(sex, "sex");
    Objects.requireNonNull(regionCode, "regionCode");
    if (structuralProblem(value) != null
        || !birthDate.equals(birthDateOf(value))
        || sex != sexOf(value)
        || !regionCode.equals(value.substring(0, 6))) {
      throw new IllegalArgumentException("fields do not describe a valid ID number; use IdNumber.parse");
    }
  }

  /** @return null if valid, otherwise the problem in Chinese, ready to show to the person who typed it */
  public static String problem(String raw) {
    return problem(raw, todayInChina());
  }

  /** As {@link #problem(String)}, judging "birth date in the future" against {@code today}. */
  public static String problem(String raw, LocalDate today) {
    if (raw == null || raw.isBlank()) {
      return PROBLEM_BLANK;
    }
    String value = normalise(raw);
    String problem = structuralProblem(value);
    if (problem != null) {
      return problem;
    }
    return birthDateOf(value).isAfter(today) ? PROBLEM_BIRTH_DATE : null;
  }

  /** @throws IllegalArgumentException with the Chinese problem text if {@code raw} is not valid */
  public static IdNumber parse(String raw) {
    return parse(raw, todayInChina());
  }

  /** As {@link #parse(String)}, judging "birth date in the future" against {@code today}. */
  public static IdNumber parse(String raw, LocalDate today) {
    String problem = problem(raw, today);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    String value = normalise(raw);
    return new IdNumber(value, birthDateOf(value), sexOf(value), value.substring(0, 6));
  }

  /** Age in full years on {@code date}; the birthday itself counts (see {@link #dateTurning}). */
  public int ageOn(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (date.isBefore(birthDate)) {
      throw new IllegalArgumentException("date " + date + " is before the birth date");
    }
    int age = date.getYear() - birthDate.getYear();
    return date.isBefore(dateTurning(age)) ? age - 1 : age;
  }

  /**
   * The date on which the holder reaches {@code age} full years. Someone born on 29 February turns
   * a year older on 28 February in non-leap years (the common rule — the day before 1 March —
   * which Chinese law does not settle explicitly), so an age limit is never reached late.
   */
  public LocalDate dateTurning(int age) {
    if (age < 0) {
      throw new IllegalArgumentException("age must not be negative: " + age);
    }
    // LocalDate.plusYears already moves 29 February to 28 February in non-leap years.
    return birthDate.plusYears(age);
  }

  /** First 6 and last 4 characters only, e.g. {@code 230103********1234}, for display and logs. */
  public String masked() {
    return mask(value);
  }

  /**
   * The one masking of an ID number for display, messages and logs: an 18-character number (after
   * trimming spaces and upper-casing an {@code x}) keeps its first 6 and last 4 characters, e.g.
   * {@code 230103********1234}. Anything else is not known to be an ID number and shows no character
   * of it: every character becomes {@code *}. {@code null} or blank gives the empty string.
   */
  public static String mask(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String value = normalise(raw);
    return value.length() == 18 ? value.substring(0, 6) + "********" + value.substring(14) : "*".repeat(value.length());
  }

  @Override
  public String toString() {
    return "IdNumber[" + masked() + "]";
  }

  /** ISO 7064 MOD 11-2 check character for the first 17 digits. */
  static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  /** Everything except the comparison with today, which is the only time-dependent check. */
  private static String structuralProblem(String value) {
    if (value.length() != 18) {
      return PROBLEM_LENGTH;
    }
    if (!FORMAT.matcher(value).matches()) {
      return PROBLEM_CHARACTERS;
    }
    LocalDate birth = birthDateOf(value);
    if (birth == null || birth.isBefore(EARLIEST_BIRTH)) {
      return PROBLEM_BIRTH_DATE;
    }
    if (checkCharacter(value) != value.charAt(17)) {
      return PROBLEM_CHECK_DIGIT;
    }
    return null;
  }

  /** @return the birth date, or null if digits 7–14 are not a real date */
  private static LocalDate birthDateOf(String value) {
    try {
      return LocalDate.parse(value.substring(6, 14), BIRTH_DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Sex sexOf(String value) {
    return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
  }

  // People type a lower-case x and stray spaces; the stored form is the printed one.
  private static String normalise(String raw) {
    return raw.strip().toUpperCase(Locale.ROOT);
  }

  private static LocalDate todayInChina() {
    return LocalDate.now(ISSUING_ZONE);
  }
}
