package org.minzhengflow.funeral;

import java.util.List;

/** {@code POST /api/funeral/applications} as in CONTRACT.md: one call (一个电话受理) starts the case. */
public record FuneralRequest(String streetCode, Deceased deceased, Caller caller, List<Service> services) {

  /** {@code dateOfDeath} as text, so an unparsable date is reported with every other problem. */
  public record Deceased(String name, String idNumber, String dateOfDeath, List<String> categories) {}

  public record Caller(String name, String phone, String relation) {}

  /** TRANSPORT, STORAGE (with {@code days}), CREMATION, ASH_STORAGE (with {@code years}). */
  public record Service(String kind, Integer days, Integer years) {

    /** Days of storage, years of ash storage, one for the others. */
    public int units() {
      return switch (kind) {
        case "STORAGE" -> days;
        case "ASH_STORAGE" -> years;
        default -> 1;
      };
    }
  }
}
