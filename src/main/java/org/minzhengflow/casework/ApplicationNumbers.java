package org.minzhengflow.casework;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues application numbers such as {@code DB2026000123}: prefix, year, six-digit serial. The
 * counter row is locked by the update, so two nodes on one database never issue the same number.
 */
@Component
public class ApplicationNumbers {

  private final JdbcClient jdbc;
  private final Clock clock;

  public ApplicationNumbers(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(String prefix) {
    int year = LocalDate.now(clock).getYear();
    int updated = jdbc.sql("update application_counter set last_value = last_value + 1 where prefix = ? and counter_year = ?")
        .params(prefix, year).update();
    if (updated == 0) {
      // First number of the year; a concurrent first insert fails on the key and the caller retries.
      jdbc.sql("insert into application_counter (prefix, counter_year, last_value) values (?, ?, 1)")
          .params(prefix, year).update();
    }
    long value = jdbc.sql("select last_value from application_counter where prefix = ? and counter_year = ?")
        .params(prefix, year).query(Long.class).single();
    return "%s%d%06d".formatted(prefix, year, value);
  }
}
