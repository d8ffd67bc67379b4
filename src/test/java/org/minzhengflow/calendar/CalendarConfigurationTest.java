package org.minzhengflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CalendarConfigurationTest {

  @TempDir
  Path dataDir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(CalendarConfiguration.class, WorkingDays.class);

  @Test
  void workingDaysUsesTheClockBeanAndDefaultZone() {
    runner.withPropertyValues("app.calendar.extra-dir=" + dataDir.resolve("absent"))
        .withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-09-28T02:00:00Z"), ZoneOffset.UTC))
        .run(context -> {
          WorkingDays workingDays = context.getBean("workingDays", WorkingDays.class);
          assertThat(workingDays.dueIso(10)).isEqualTo("2026-10-16T17:30:00+08:00");
        });
  }

  @Test
  void extraDirectoryDefaultsToCalendarUnderTheDataDirectory() throws IOException {
    Path calendarDir = Files.createDirectories(dataDir.resolve("calendar"));
    Files.writeString(calendarDir.resolve("2027.json"), """
        {"years": {"2027": {"holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}],
                  "makeUpWorkdays": []}}}
        """);
    runner.withPropertyValues("app.data-dir=" + dataDir)
        .run(context -> {
          WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);
          assertThat(calendar.knownYears()).containsExactly(2025, 2026, 2027);
          assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        });
  }

  @Test
  void zoneAndEndOfBusinessAreConfigurable() {
    runner.withPropertyValues("app.calendar.extra-dir=" + dataDir.resolve("absent"),
            "app.zone=Asia/Urumqi", "app.calendar.end-of-business=18:00")
        .withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-09-28T02:00:00Z"), ZoneOffset.UTC))
        .run(context -> assertThat(context.getBean(WorkingDays.class).dueIso(0))
            .isEqualTo("2026-09-28T18:00:00+06:00"));
  }

  @Test
  void malformedDataStopsStartupWithAClearMessage() throws IOException {
    Files.writeString(dataDir.resolve("broken.json"), """
        {"years": {"2027": {"holidays": [{"name": "春节", "from": "2027-02-12", "to": "2027-02-05"}],
                  "makeUpWorkdays": []}}}
        """);
    runner.withPropertyValues("app.calendar.extra-dir=" + dataDir)
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure())
              .rootCause()
              .isInstanceOf(CalendarDataException.class)
              .hasMessageContaining("broken.json")
              .hasMessageContaining("开始日期 2027-02-12 晚于结束日期 2027-02-05");
        });
  }
}
