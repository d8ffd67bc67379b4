package org.minzhengflow.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.minzhengflow.identification.IdNumber;

/** Collects every problem of one request, so the caller hears about all of them at once. */
public class Problems {

  private final List<FieldProblem> problems = new ArrayList<>();

  public Problems add(String field, String message) {
    problems.add(new FieldProblem(field, message));
    return this;
  }

  /** True when present; otherwise records "必须填写". */
  public boolean required(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "必须填写");
      return false;
    }
    return true;
  }

  public void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      add(field, "不能超过" + max + "个字符");
    }
  }

  /**
   * A person's name as notices, rosters and bank files print it: letters of any script and their marks, the middle dots
   * of minority and foreign names (·), spaces and hyphens; at most 50 characters. Digits, quotes, brackets and symbols
   * are refused: they are no part of a name, and a name holding an ID number would put it on the public roster.
   */
  public void personName(String field, String value) {
    name(field, value, 50, v -> v.strip().matches("(?=.*\\p{L})[\\p{L}\\p{M}·•・.\\- ]+"),
        "姓名只能包含文字、间隔号(·)、空格和连字符");
  }

  /**
   * The name of a deceased person: as {@link #personName}, and also the numbering of an unidentified body
   * (无名氏(2027-003), 回访逝者3): digits and brackets, at least two letters, but no run of six digits or more (an ID,
   * phone or account number typed into the name).
   */
  public void deceasedName(String field, String value) {
    name(field, value, 50, v -> v.strip().matches("(?=(.*\\p{L}){2})[\\p{L}\\p{M}\\p{Nd}·•・.()()\\- ]+")
        && !v.matches(".*[0-9]{6,}.*"), "姓名只能包含文字、编号数字、括号、间隔号(·)、空格和连字符");
  }

  /**
   * An institution's name: also digits, brackets and the usual punctuation of Chinese organisation names
   * (哈尔滨市第一社会福利院(香坊)), at least two letters; at most 100 characters. Quotes, angle brackets, slashes and
   * other symbols are refused.
   */
  public void organisationName(String field, String value) {
    name(field, value, 100, v -> v.strip().matches("(?=(.*\\p{L}){2})[\\p{L}\\p{M}\\p{Nd}()()·•・.,,、&\\-— ]+"),
        "名称只能包含文字、数字、括号、空格和常用标点");
  }

  /** A name of at most {@code max} characters that {@code wellFormed} accepts; one problem for the field either way. */
  private void name(String field, String value, int max, java.util.function.Predicate<String> wellFormed, String message) {
    maxLength(field, value, max);
    if (value != null && value.length() <= max && !wellFormed.test(value)) {
      add(field, message);
    }
  }

  public void nonNegative(String field, BigDecimal value) {
    if (value != null && value.signum() < 0) {
      add(field, "不能为负数");
    }
  }

  public void nonNegative(String field, Integer value) {
    if (value != null && value < 0) {
      add(field, "不能为负数");
    }
  }

  /** Checks a resident ID number (GB 11643) and returns it parsed, or null after recording why not. */
  public IdNumber idNumber(String field, String value) {
    if (!required(field, value)) {
      return null;
    }
    String problem = IdNumber.problem(value);
    if (problem != null) {
      add(field, problem);
      return null;
    }
    return IdNumber.parse(value);
  }

  /**
   * A month as every API takes it, {@code YYYY-MM} (four-digit year); null when absent (use {@link #required} first
   * where it must be given) or after recording why it is not one.
   */
  public java.time.YearMonth month(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.matches("[0-9]{4}-[0-9]{2}")) {
      try {
        return java.time.YearMonth.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        // a month 13 or 00: reported below
      }
    }
    add(field, "月份格式应为YYYY-MM,例如2027-01");
    return null;
  }

  /** A telephone number: 7–20 characters of digits, spaces, hyphens and +; records why not. */
  public void phone(String field, String value) {
    if (value != null && !value.matches("[0-9+\\- ]{7,20}")) {
      add(field, "联系电话格式无效");
    }
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
