package org.minzhengflow.casework;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues application numbers such as {@code DB2026000123}: prefix, year, six-digit serial. The counter
 * row is updated in a short transaction of its own, so two nodes on one database never issue the same
 * number and concurrent intakes wait for each other only for that update — not for each other's whole
 * intake, as when the lock was held to the end of the submitting transaction (8 clients: p95 614 ms, see
 * docs/benchmarks.md). The price: an intake that fails after taking its number (two requests for the same
 * household at the same moment, a database failure) leaves that number unused. Everything that can refuse an
 * application (validation, rights, the friendly claim check) runs before the number is taken.
 */
@Component
public class ApplicationNumbers {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate separate;

  public ApplicationNumbers(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String next(String prefix) {
    int year = LocalDate.now(clock).getYear();
    Long value = separate.execute(status -> {
      if (increment(prefix, year) == 0) {
        createCounter(prefix, year);
        increment(prefix, year);
      }
      return jdbc.sql("select last_value from application_counter where prefix = ? and counter_year = ?")
          .params(prefix, year).query(Long.class).single();
    });
    return "%s%d%06d".formatted(prefix, year, value);
  }

  private int increment(String prefix, int year) {
    return jdbc.sql("update application_counter set last_value = last_value + 1 where prefix = ? and counter_year = ?")
        .params(prefix, year).update();
  }

  /**
   * The first number of a year creates its counter in a transaction of its own, so that another
   * node creating it at the same moment costs nothing but a caught duplicate.
   */
  private void createCounter(String prefix, int year) {
    try {
      separate.executeWithoutResult(status -> jdbc.sql(
              "insert into application_counter (prefix, counter_year, last_value) values (?, ?, 0)")
          .params(prefix, year).update());
    } catch (DuplicateKeyException alreadyThere) {
      // created by a concurrent submission: fine
    }
  }
}
