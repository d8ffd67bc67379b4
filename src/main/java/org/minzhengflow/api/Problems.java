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

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
