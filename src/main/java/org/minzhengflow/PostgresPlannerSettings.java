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
 * Set per connection by the application so that it holds whatever the server's configuration says; a DBA who
 * configures the server the same way loses nothing.
 */
@Component
class PostgresPlannerSettings implements BeanPostProcessor {

  private final String randomPageCost;

  PostgresPlannerSettings(@Value("${app.database.random-page-cost:${DB_RANDOM_PAGE_COST:1.1}}") String randomPageCost) {
    if (!randomPageCost.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException("app.database.random-page-cost must be a number, not " + randomPageCost);
    }
    this.randomPageCost = randomPageCost;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql("set random_page_cost = " + randomPageCost);
    }
    return bean;
  }
}
