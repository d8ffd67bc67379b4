package org.minzhengflow.organization;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes on Camunda's authorization table for the way the engine asks it. Every authorization check —
 * claiming or completing a task, every task query of Tasklist — asks for the rows of the user's groups (or the
 * user) on one resource type and a few resource ids; Camunda's own indexes lead with the authorization type or
 * hold only the group, so PostgreSQL read every row of the user's groups (hundreds per check, growing with every
 * case ever started in their street: 19,980 rows per case with 100,000 finished cases, docs/benchmarks.md).
 * Leading with group or user, then resource type and id, each check becomes a few index seeks.
 *
 * <p>Created at start (the engine creates its tables, possibly after Flyway has run), idempotently; a database
 * whose Camunda schema is managed by a DBA gets the same two statements from the README.
 */
@Component
public class AuthorizationIndexes {

  static final String[] STATEMENTS = {
      "create index if not exists MZ_IDX_AUTH_GROUP_RES on ACT_RU_AUTHORIZATION"
          + " (GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, TYPE_, PERMS_)",
      "create index if not exists MZ_IDX_AUTH_USER_RES on ACT_RU_AUTHORIZATION"
          + " (USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, TYPE_, PERMS_)",
      // Not an authorization index, created here for the same reason (the engine's own tables): every Tasklist list
      // with columns fetches the page's variables by scope (VAR_SCOPE_ in the tasks' process instances, with their
      // names), a column Camunda does not index — a scan of every variable of every open case (1.6 million rows at
      // 100,000 open cases: 360-430 ms per page, docs/benchmarks.md change 16).
      "create index if not exists MZ_IDX_VARIABLE_SCOPE_NAME on ACT_RU_VARIABLE (VAR_SCOPE_, NAME_)"};

  /**
   * PostgreSQL only (H2 has no partial indexes): the rows a task query's authorization check can use — TASK (7)
   * and PROCESS_DEFINITION (6) — of a group or user. The engine's query says {@code resource_type_ = 7 and … or
   * resource_type_ = 6 and …}, which implies this predicate, so the planner reads only those rows of the user's
   * groups instead of every per-case grant they ever received (EXPLAIN in docs/benchmarks.md: 3,635 rows read to
   * keep 92).
   */
  static final String[] POSTGRES_STATEMENTS = {
      "create index if not exists mz_idx_auth_task_group on act_ru_authorization (group_id_, resource_id_)"
          + " where resource_type_ in (6, 7)",
      "create index if not exists mz_idx_auth_task_user on act_ru_authorization (user_id_, resource_id_)"
          + " where resource_type_ in (6, 7)",
      // Also not authorization indexes: the job executor's acquisition. Camunda indexes no column of its acquisition
      // query, so every acquisition read the whole job table — every open case's future timers (whole-case limit,
      // the open step's escalation) — and, for the exclusive-job check, the whole table again (docs/benchmarks.md
      // change 31: 2.3 ms per acquisition at 5,000 open cases, growing with the city's open cases). The first index
      // holds only jobs that may run (retries left, not suspended; the query says both as literals) by due date, so
      // "due now or without a due date" reads the due ones; the second only the exclusive jobs held by a job executor.
      "create index if not exists mz_idx_job_acquirable on act_ru_job (duedate_)"
          + " where retries_ > 0 and suspension_state_ = 1",
      "create index if not exists mz_idx_job_locked_exclusive on act_ru_job (process_instance_id_, lock_exp_time_)"
          + " where lock_owner_ is not null and exclusive_"};

  private final JdbcClient jdbc;
  private final javax.sql.DataSource dataSource;

  public AuthorizationIndexes(JdbcClient jdbc, javax.sql.DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  public void ensure() {
    for (String statement : STATEMENTS) {
      jdbc.sql(statement).update();
    }
    if (postgres()) {
      for (String statement : POSTGRES_STATEMENTS) {
        jdbc.sql(statement).update();
      }
    }
  }

  private boolean postgres() {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot tell the database product", e);
    }
  }
}
