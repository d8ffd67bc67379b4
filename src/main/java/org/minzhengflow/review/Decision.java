package org.minzhengflow.review;

import java.util.Arrays;
import java.util.Optional;

/** The decision of a review task, as sent in the {@code decision} variable. */
public enum Decision {
  APPROVE("approve", "同意"),
  REJECT("reject", "不同意"),
  RETURN("return", "退回");

  private final String value;
  private final String label;

  Decision(String value, String label) {
    this.value = value;
    this.label = label;
  }

  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  public static Optional<Decision> of(Object value) {
    return Arrays.stream(values()).filter(d -> d.value.equals(value)).findFirst();
  }
}
