package org.minzhengflow.dibao;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

/**
 * The dated DMN tables take {@code applicationDate} as a {@link Date}: Camunda 7.24 converts a
 * {@code typeRef="date"} input to {@code java.util.Date} and rejects {@code LocalDate}; the rules
 * are date-time intervals, so any time of the day falls on the right day.
 */
final class DmnDates {

  private DmnDates() {}

  static Date of(LocalDate date) {
    return Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
  }
}
