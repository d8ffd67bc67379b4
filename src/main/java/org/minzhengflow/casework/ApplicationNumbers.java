package org.minzhengflow.casework;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues application numbers such as {@code DB2026000123}: prefix, year, six-digit serial. The counter
 * row is updated in a short transaction of its own, so two nodes on one database never issue the same
 * number and concurrent intakes wait for each other only for that update — not for each other's whole
 * intake, as when the lock was held to the end of the submitting transaction (8 clients: p95 614 ms, see
 * docs/benchmarks.md). The price: an intake that fails after taking its number (two requests for the same
 * household at the same moment, a database failure) leaves that number unused. Everything that can refuse an
 * application (validation, rights, the friendly claim check) runs before the number is taken.
 *
 * <p>That transaction runs on a pool of its own (two connections, same database and credentials). Taken from
 * the application's pool, every intake held one connection (its own transaction) while it waited for a second
 * one: as many concurrent intakes as the pool has connections — 8 clients beside the job executor's threads on
 * the pool of 10 — held them all, each waited for one more, and every intake stood still until Hikari gave up
 * after 30 s (docs/benchmarks.md, change 8). A counter transaction needs nothing but its own pool, so it always
 * ends and gives its connection back.
 *
 * <p>On PostgreSQL the increment returns the new value ({@code update … returning}): one statement instead of an
 * update and a select.
 */
@Component
public class ApplicationNumbers implements DisposableBean {

  private final HikariDataSource pool;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate separate;
  private final boolean postgres;

  public ApplicationNumbers(DataSourceProperties database, Clock clock) {
    this.pool = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    this.pool.setPoolName("application-numbers");
    this.pool.setMaximumPoolSize(2);
    this.pool.setMinimumIdle(1);
    this.jdbc = JdbcClient.create(pool);
    this.clock = clock;
    this.separate = new TransactionTemplate(new DataSourceTransactionManager(pool));
    this.postgres = database.determineUrl() != null && database.determineUrl().startsWith("jdbc:postgresql:");
  }

  /**
   * Could be an application number: letters, digits and hyphens, at most 40 ({@link #next} makes {@code DB2026000001};
   * imported and test numbers vary). A value with spaces, quotes or other symbols is refused before anything repeats it.
   */
  public static boolean wellFormed(String applicationNo) {
    return applicationNo != null && applicationNo.matches("[A-Za-z0-9_-]{1,40}");
  }

  public String next(String prefix) {
    int year = LocalDate.now(clock).getYear();
    Optional<Long> value = separate.execute(status -> increment(prefix, year));
    if (value.isEmpty()) {
      // the first number of the year: the counter is created in a transaction of its own (not nested: a nested one
      // would wait for a second connection of this pool while holding one)
      createCounter(prefix, year);
      value = separate.execute(status -> increment(prefix, year));
    }
    return "%s%d%06d".formatted(prefix, year, value.orElseThrow());
  }

  /** The next value, or empty when the year has no counter yet. */
  private Optional<Long> increment(String prefix, int year) {
    if (postgres) {
      return jdbc.sql("""
              update application_counter set last_value = last_value + 1 where prefix = ? and counter_year = ?
              returning last_value""")
          .params(prefix, year).query(Long.class).optional();
    }
    if (jdbc.sql("update application_counter set last_value = last_value + 1 where prefix = ? and counter_year = ?")
        .params(prefix, year).update() == 0) {
      return Optional.empty();
    }
    return Optional.of(jdbc.sql("select last_value from application_counter where prefix = ? and counter_year = ?")
        .params(prefix, year).query(Long.class).single());
  }

  /** Another node creating the counter at the same moment costs nothing but a caught duplicate. */
  private void createCounter(String prefix, int year) {
    try {
      separate.executeWithoutResult(status -> jdbc.sql(
              "insert into application_counter (prefix, counter_year, last_value) values (?, ?, 0)")
          .params(prefix, year).update());
    } catch (DuplicateKeyException alreadyThere) {
      // created by a concurrent submission: fine
    }
  }

  @Override
  public void destroy() {
    pool.close();
  }
}
