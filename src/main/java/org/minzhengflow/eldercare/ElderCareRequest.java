package org.minzhengflow.eldercare;

/** {@code POST /api/eldercare/applications} as in CONTRACT.md. */
public record ElderCareRequest(String streetCode, String subsidyType, Elder elder,
    org.minzhengflow.casework.PaymentAccounts.Payment payment) {

  /** Without the optional bank account of the elder. */
  public ElderCareRequest(String streetCode, String subsidyType, Elder elder) {
    this(streetCode, subsidyType, elder, null);
  }

  public record Elder(String name, String idNumber, String hukouType, Boolean hasEmployeePension, Boolean livingAlone,
      Boolean lostOnlyChild) {}
}
