package org.minzhengflow.funeral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A funeral case as stored, with its categories and services. */
public record FuneralCase(String applicationNo, String processInstanceId, String streetCode, String deceasedName,
    String deceasedIdNumber, LocalDate dateOfDeath, String callerName, String callerPhone, String callerRelation,
    String eligibleBy, BigDecimal waivedAmount, String submittedBy, List<Category> categories, List<Service> services) {

  public record Category(String code, String source) {}

  public record Service(String kind, int requestedUnits, Integer renderedUnits, BigDecimal fee, BigDecimal unitCap,
      BigDecimal waived) {}

  public boolean requested(String kind) {
    return services.stream().anyMatch(s -> s.kind().equals(kind));
  }
}
