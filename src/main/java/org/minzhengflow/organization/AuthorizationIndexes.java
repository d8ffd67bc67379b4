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
          + " (USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, TYPE_, PERMS_)"};

  private final JdbcClient jdbc;

  public AuthorizationIndexes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void ensure() {
    for (String statement : STATEMENTS) {
      jdbc.sql(statement).update();
    }
  }
}
