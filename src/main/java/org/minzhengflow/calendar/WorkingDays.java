package org.minzhengflow.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deadline helpers for BPMN expressions, e.g. {@code camunda:dueDate="${workingDays.due(10)}"} or
 * {@code <timeDate>${workingDays.dueIso(10)}</timeDate>}.
 *
 * <p>Deadlines are end of business on a working day in the office's zone, not "now + n × 24 h":
 * an applicant who is promised ten working days has the whole last day, whatever the server's zone.
 * Overloads differ in argument count because the expression language picks methods by arity.
 */
@Component("workingDays")
public class WorkingDays {

  private final WorkingDayCalendar calendar;
  private final Clock clock;
  private final ZoneId zone;
  private final LocalTime endOfBusiness;

  /**
   * Uses the application's {@link Clock} bean when there is exactly one (tests fix time that way),
   * otherwise the system clock in the office's zone.
   */
  @Autowired
  public WorkingDays(WorkingDayCalendar calendar, ObjectProvider<Clock> clock,
      @Value("${app.zone:Asia/Shanghai}") String zone,
      @Value("${app.calendar.end-of-business:17:30}") String endOfBusiness) {
    this(calendar,
        clock.getIfUnique(() -> Clock.system(ZoneId.of(zone))),
        ZoneId.of(zone),
        LocalTime.parse(endOfBusiness));
  }

  public WorkingDays(WorkingDayCalendar calendar, Clock clock, ZoneId zone, LocalTime endOfBusiness) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.endOfBusiness = Objects.requireNonNull(endOfBusiness, "endOfBusiness");
  }

  /** End of business on the n-th working day after today (for n = 0: today, or the next working day). */
  public Date due(int workingDays) {
    return Date.from(dueAt(today(), workingDays).toInstant());
  }

  /** End of business on the n-th working day after the office-local date of {@code from}. */
  public Date due(Date from, int workingDays) {
    Objects.requireNonNull(from, "from");
    return Date.from(dueAt(LocalDate.ofInstant(from.toInstant(), zone), workingDays).toInstant());
  }

  /**
   * Like {@link #due(int)}, as ISO-8601 with offset (e.g. {@code 2026-10-16T17:30:00+08:00}) for a timer's
   * {@code timeDate}; the explicit offset keeps the engine from reading it in the server's zone.
   */
  public String dueIso(int workingDays) {
    return dueAt(today(), workingDays).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The n-th working day after {@code from} (the office-local date). */
  public LocalDate addWorkingDays(LocalDate from, int workingDays) {
    return calendar.addWorkingDays(from, workingDays);
  }

  /** Working days after {@code fromExclusive} up to and including {@code toInclusive}. */
  public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    return calendar.workingDaysBetween(fromExclusive, toInclusive);
  }

  /** End of business on that date, ISO-8601 with offset, for a timer's {@code timeDate}. */
  public String endOfBusinessIso(LocalDate date) {
    return date.atTime(endOfBusiness).atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The office's time zone. */
  public ZoneId zone() {
    return zone;
  }

  public boolean isWorkingDay(LocalDate date) {
    return calendar.isWorkingDay(date);
  }

  // The clock's own zone is ignored: "today" is always the office's date, whatever a Clock bean says.
  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  private ZonedDateTime dueAt(LocalDate from, int workingDays) {
    return calendar.addWorkingDays(from, workingDays).atTime(endOfBusiness).atZone(zone);
  }
}
