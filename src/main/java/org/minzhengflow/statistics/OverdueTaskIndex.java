package org.minzhengflow.statistics;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An index on the engine's task due dates: the statistics count the open tasks past their due date, which without
 * it means reading every open task of the city. Camunda has none on {@code DUE_DATE_}. Created at start, like the
 * authorization indexes, because the engine creates its tables itself (possibly after Flyway has run);
 * {@code if not exists} makes it idempotent, and a DBA-managed schema gets the same statement from the README.
 */
@Component
@Order(20)
public class OverdueTaskIndex implements ApplicationRunner {

  static final String STATEMENT = "create index if not exists MZ_IDX_TASK_DUE on ACT_RU_TASK (DUE_DATE_)";

  private final JdbcClient jdbc;

  public OverdueTaskIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    jdbc.sql(STATEMENT).update();
  }
}
