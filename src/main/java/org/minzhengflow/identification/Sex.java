package org.minzhengflow.identification;

/** Sex as encoded in a resident ID number (odd 17th digit = male). */
public enum Sex {
  MALE("男"),
  FEMALE("女");

  private final String label;

  Sex(String label) {
    this.label = label;
  }

  /** The Chinese word shown on forms and documents. */
  public String label() {
    return label;
  }
}
