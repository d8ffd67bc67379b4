package org.minzhengflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Uses the bundled State Council data for 2025 and 2026. */
class WorkingDayCalendarTest {

  private final Logger calendarLog = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private WorkingDayCalendar calendar;

  @BeforeEach
  void setUp(@TempDir Path tempDir) {
    calendar = new WorkingDayCalendar(new CalendarDataLoader(tempDir.resolve("absent")).load().values());
    logged.start();
    calendarLog.addAppender(logged);
  }

  @AfterEach
  void detachLog() {
    calendarLog.detachAppender(logged);
  }

  @Test
  void springFestival2025IsRestIncludingWeekdays() {
    for (LocalDate d = LocalDate.of(2025, 1, 28); !d.isAfter(LocalDate.of(2025, 2, 4)); d = d.plusDays(1)) {
      assertThat(calendar.isWorkingDay(d)).as(d.toString()).isFalse();
    }
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 27))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 2, 5))).isTrue();
  }

  @Test
  void makeUpWorkdaysOnWeekendsAreWorkingDays() {
    assertThat(LocalDate.of(2025, 1, 26).getDayOfWeek()).hasToString("SUNDAY");
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue();
    assertThat(LocalDate.of(2026, 10, 10).getDayOfWeek()).hasToString("SATURDAY");
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
  }

  @Test
  void nationalDay2026IsRest() {
    for (int day = 1; day <= 7; day++) {
      assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, day))).as("2026-10-0" + day).isFalse();
    }
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 30))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 8))).isTrue();
  }

  @Test
  void ordinaryWeekendsAreRest() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 14))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 15))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 16))).isTrue();
  }

  @Test
  void addsTenWorkingDaysAcrossNationalDay2026() {
    // 9-29, 9-30, 10-8, 10-9, 10-10 (Sat, make-up), 10-12 .. 10-16
    LocalDate due = calendar.addWorkingDays(LocalDate.of(2026, 9, 28), 10);
    assertThat(due).isEqualTo(LocalDate.of(2026, 10, 16));
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 28), due)).isEqualTo(10);
  }

  @Test
  void nextWorkingDayAfterFridayCanBeASundayMakeUpDay() {
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 18), 1)).isEqualTo(LocalDate.of(2026, 9, 20));
    // Mid-Autumn 9-25..27 follows a Thursday.
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 24), 1)).isEqualTo(LocalDate.of(2026, 9, 28));
  }

  @Test
  void zeroDaysIsTheStartOrTheNextWorkingDay() {
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 28), 0)).isEqualTo(LocalDate.of(2026, 9, 28));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 1), 0)).isEqualTo(LocalDate.of(2026, 10, 8));
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2026, 10, 1), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsWorkingDaysBetweenDates() {
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 8))).isEqualTo(1);
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 8))).isZero();
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 16), LocalDate.of(2026, 9, 28))).isEqualTo(-10);
    // Whole years, counted independently from the same notices.
    assertThat(calendar.workingDaysBetween(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31))).isEqualTo(248);
    assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31))).isEqualTo(248);
  }

  @Test
  void reportsKnownYears() {
    assertThat(calendar.knownYears()).containsExactly(2025, 2026);
    assertThat(calendar.knows(2026)).isTrue();
    assertThat(calendar.knows(2027)).isFalse();
  }

  @Test
  void yearWithoutDataCountsMondayToFridayAndWarnsOnce() {
    // 2027-01-01 is a Friday; without a notice it must not be guessed to be a holiday.
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 2))).isFalse();
    assertThat(calendar.addWorkingDays(LocalDate.of(2027, 1, 29), 1)).isEqualTo(LocalDate.of(2027, 2, 1));

    assertThat(logged.list).hasSize(1);
    ILoggingEvent warning = logged.list.get(0);
    assertThat(warning.getLevel()).isEqualTo(Level.WARN);
    assertThat(warning.getFormattedMessage()).isEqualTo("no official holiday data for year 2027; counting "
        + "Monday–Friday only — add the State Council notice to the calendar data");
  }

  @Test
  void knownYearsDoNotWarn() {
    calendar.addWorkingDays(LocalDate.of(2025, 1, 1), 400);
    assertThat(logged.list).isEmpty();
  }
}
