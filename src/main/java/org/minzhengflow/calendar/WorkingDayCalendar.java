package org.minzhengflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official Chinese working-day calendar: Monday to Friday, except the rest periods (放假) of the
 * State Council notices, plus the make-up working days (调休上班) that usually fall on a weekend.
 *
 * <p>For a year without data the calendar counts Monday to Friday and warns once per year. It never
 * guesses holidays: a deadline that is a few days early is visible and fixable, one computed from
 * invented holidays is not. Immutable apart from the warning bookkeeping, and thread-safe.
 */
public final class WorkingDayCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private final Set<Integer> knownYears;
  private final Map<LocalDate, Holiday> restDays = new HashMap<>();
  private final Set<LocalDate> makeUpWorkdays = new HashSet<>();
  private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

  /**
   * @param years parsed data, at most one entry per year
   * @throws IllegalArgumentException if a year appears twice
   * @throws CalendarDataException    if one year's make-up day is another year's rest day
   */
  public WorkingDayCalendar(Collection<CalendarYear> years) {
    Set<Integer> seen = new TreeSet<>();
    for (CalendarYear year : years) {
      if (!seen.add(year.year())) {
        throw new IllegalArgumentException("year " + year.year() + " given more than once");
      }
      addYear(year);
    }
    // A year's dates can reach into the previous December, so conflicts between years are
    // only visible once everything is merged.
    for (LocalDate day : makeUpWorkdays) {
      Holiday holiday = restDays.get(day);
      if (holiday != null) {
        throw new CalendarDataException("节假日数据有误：" + day + " 既是调休上班日，又在放假区间“"
            + holiday.name() + "”（" + holiday.from() + " 至 " + holiday.to() + "）内");
      }
    }
    this.knownYears = Collections.unmodifiableSet(seen);
  }

  private void addYear(CalendarYear year) {
    for (Holiday holiday : year.holidays()) {
      for (LocalDate d = holiday.from(); !d.isAfter(holiday.to()); d = d.plusDays(1)) {
        restDays.put(d, holiday);
      }
    }
    makeUpWorkdays.addAll(year.makeUpWorkdays());
  }

  public boolean isWorkingDay(LocalDate date) {
    Objects.requireNonNull(date, "date");
    warnIfUnknown(date.getYear());
    if (makeUpWorkdays.contains(date)) {
      return true;
    }
    if (restDays.containsKey(date)) {
      return false;
    }
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }

  /**
   * The n-th working day after {@code start}. With {@code n = 0}: {@code start} itself if it is a
   * working day, otherwise the next working day — so a deadline never lands on a rest day.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public LocalDate addWorkingDays(LocalDate start, int n) {
    Objects.requireNonNull(start, "start");
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    LocalDate date = start;
    if (n == 0) {
      while (!isWorkingDay(date)) {
        date = date.plusDays(1);
      }
      return date;
    }
    int counted = 0;
    while (counted < n) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        counted++;
      }
    }
    return date;
  }

  /**
   * Working days in the interval ({@code fromExclusive}, {@code toInclusive}]; negative when
   * {@code toInclusive} is before {@code fromExclusive}, so "days left" can go below zero for
   * overdue cases. For a working-day start, {@code workingDaysBetween(s, addWorkingDays(s, n)) == n}.
   */
  public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    Objects.requireNonNull(fromExclusive, "fromExclusive");
    Objects.requireNonNull(toInclusive, "toInclusive");
    if (toInclusive.isBefore(fromExclusive)) {
      return -workingDaysBetween(toInclusive, fromExclusive);
    }
    int count = 0;
    for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  /** Years that have official data, sorted ascending. */
  public Set<Integer> knownYears() {
    return knownYears;
  }

  public boolean knows(int year) {
    return knownYears.contains(year);
  }

  private void warnIfUnknown(int year) {
    if (!knows(year) && warnedYears.add(year)) {
      log.warn("no official holiday data for year {}; counting Monday–Friday only"
          + " — add the State Council notice to the calendar data", year);
    }
  }
}
