package org.minzhengflow.eldercare;

/** {@code POST /api/eldercare/applications} as in CONTRACT.md. */
public record ElderCareRequest(String streetCode, String subsidyType, Elder elder) {

  public record Elder(String name, String idNumber, String hukouType, Boolean hasEmployeePension, Boolean livingAlone,
      Boolean lostOnlyChild) {}
}
