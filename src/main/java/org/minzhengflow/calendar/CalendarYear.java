package org.minzhengflow.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The holiday arrangement of one year as published by the State Council General Office.
 *
 * <p>Dates may reach into December of the previous year, because a notice covers the New Year
 * holiday that sometimes starts (or is compensated) before 1 January.
 *
 * @param year            the year the notice is for
 * @param source          citation of the notice, kept so operators can check the data; may be null
 * @param holidays        rest periods (放假)
 * @param makeUpWorkdays  weekend days that are working days (调休上班)
 */
public record CalendarYear(int year, String source, List<Holiday> holidays, Set<LocalDate> makeUpWorkdays) {

  public CalendarYear {
    holidays = List.copyOf(Objects.requireNonNull(holidays, "holidays"));
    makeUpWorkdays = Set.copyOf(Objects.requireNonNull(makeUpWorkdays, "makeUpWorkdays"));
  }
}
