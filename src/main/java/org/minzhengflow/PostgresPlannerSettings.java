package org.minzhengflow;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL every connection of the application's pool plans with {@code random_page_cost} 1.1 (configurable:
 * {@code app.database.random-page-cost}, {@code DB_RANDOM_PAGE_COST}) instead of PostgreSQL's default 4, which assumes
 * spinning disks. With the default, a street's first Tasklist page ("the newest 15 unclaimed tasks of my groups")
 * walked the create-time index of all 100,000 open tasks of the city backwards, 523 ms, because the street's tasks
 * happened to be old; with 1.1 it reads the street's 300 candidate links and sorts them, 5 ms (docs/benchmarks.md,
 * change 15). Camunda's tables of a benefit system are read from memory or SSD, where 1.1 is the usual setting.
 *
 * <p>And with {@code parallel_setup_cost} 10000 (configurable: {@code app.database.parallel-setup-cost},
 * {@code DB_PARALLEL_SETUP_COST}) instead of PostgreSQL's 1000, so that only a query worth tens of milliseconds is
 * split over worker processes: PostgreSQL's default had a district bureau's Tasklist page and count of 1,725 tasks
 * start a worker process and wait 12–20 ms for its first rows (docs/benchmarks.md, change 36) — on two cores, for
 * statements of a few milliseconds that the leader runs as fast alone. A statement estimated at ten times that may
 * still go parallel.
 *
 * <p>Set per connection by the application so that it holds whatever the server's configuration says; a DBA who
 * configures the server the same way loses nothing.
 */
@Component
class PostgresPlannerSettings implements BeanPostProcessor {

  private final String randomPageCost;
  private final String parallelSetupCost;

  PostgresPlannerSettings(@Value("${app.database.random-page-cost:${DB_RANDOM_PAGE_COST:1.1}}") String randomPageCost,
      @Value("${app.database.parallel-setup-cost:${DB_PARALLEL_SETUP_COST:10000}}") String parallelSetupCost) {
    this.randomPageCost = number("app.database.random-page-cost", randomPageCost);
    this.parallelSetupCost = number("app.database.parallel-setup-cost", parallelSetupCost);
  }

  /** The value itself goes into the SQL of every connection: a plain number only. */
  private static String number(String property, String value) {
    if (!value.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(property + " must be a number, not " + value);
    }
    return value;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
      // one statement: both settings for the session, as a plain select
      pool.setConnectionInitSql("select set_config('random_page_cost', '" + randomPageCost + "', false), "
          + "set_config('parallel_setup_cost', '" + parallelSetupCost + "', false)");
    }
    return bean;
  }
}
