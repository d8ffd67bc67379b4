package org.minzhengflow.calendar;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link WorkingDayCalendar} once at startup, so malformed holiday data stops the
 * application before any deadline is computed from it.
 */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

  @Bean
  public WorkingDayCalendar workingDayCalendar(
      @Value("${app.calendar.extra-dir:${app.data-dir:./data}/calendar}") String extraDir) {
    Path dir = Path.of(extraDir);
    WorkingDayCalendar calendar = new WorkingDayCalendar(new CalendarDataLoader(dir).load().values());
    log.info("Working-day calendar has official data for years {} (extra data directory: {})",
        calendar.knownYears(), dir.toAbsolutePath());
    return calendar;
  }
}
