package org.minzhengflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDaysTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static WorkingDayCalendar calendar;

  @BeforeAll
  static void loadCalendar(@TempDir Path tempDir) {
    calendar = new WorkingDayCalendar(new CalendarDataLoader(tempDir.resolve("absent")).load().values());
  }

  private static WorkingDays at(String instant) {
    // The clock deliberately runs in UTC: the facade must use the office zone, not the clock's.
    return new WorkingDays(calendar, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), SHANGHAI,
        LocalTime.of(17, 30));
  }

  @Test
  void dueIsEndOfBusinessInShanghaiOnTheNthWorkingDay() {
    WorkingDays workingDays = at("2026-09-28T02:00:00Z"); // Monday 10:00 in Shanghai

    assertThat(workingDays.due(10)).isEqualTo(Date.from(Instant.parse("2026-10-16T09:30:00Z")));
    assertThat(workingDays.dueIso(10)).isEqualTo("2026-10-16T17:30:00+08:00");
    assertThat(workingDays.due(0)).isEqualTo(Date.from(Instant.parse("2026-09-28T09:30:00Z")));
  }

  @Test
  void todayIsTheShanghaiDate() {
    // Sunday 20:00 UTC is already Monday 04:00 in Shanghai.
    WorkingDays workingDays = at("2026-09-27T20:00:00Z");
    assertThat(workingDays.dueIso(1)).isEqualTo("2026-09-29T17:30:00+08:00");
  }

  @Test
  void dueFromAGivenDateUsesItsShanghaiDate() {
    WorkingDays workingDays = at("2026-01-01T00:00:00Z");
    Date justAfterMidnightOnNationalDay = Date.from(Instant.parse("2026-09-30T16:30:00Z"));
    assertThat(workingDays.due(justAfterMidnightOnNationalDay, 1))
        .isEqualTo(Date.from(Instant.parse("2026-10-08T09:30:00Z")));
  }

  @Test
  void isWorkingDayUsesTheOfficialCalendar() {
    WorkingDays workingDays = at("2026-01-01T00:00:00Z");
    assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
  }
}
