package org.minzhengflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A database outage is told apart from every other failure, however deeply the engine and Spring wrap it, and the
 * application API answers it 503 in Chinese with Retry-After (docs/reliability.md §2; the outage itself is
 * DatabaseOutageReliability in the reliability profile).
 */
class DatabaseUnavailableTest {

  /** What Hikari throws when no connection can be had within its timeout (PostgreSQL stopped). */
  static final SQLTransientConnectionException POOL_TIMEOUT = new SQLTransientConnectionException(
      "HikariPool-1 - Connection is not available, request timed out after 30000ms.");

  @Test
  void connectionFailuresAreAnOutageWhereverTheyAreWrapped() {
    assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
        POOL_TIMEOUT))).isTrue();
    // the engine: ProcessEngineException ← MyBatis PersistenceException ← the driver's I/O failure (SQLSTATE 08006)
    assertThat(DatabaseUnavailable.causedBy(new ProcessEngineException("ENGINE-03004 Exception while executing",
        new PersistenceException("### Error querying database",
            new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)))))
        .isTrue();
    // Spring's transaction template before the first statement
    assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException(
        "Could not open JDBC Connection for transaction", POOL_TIMEOUT))).isTrue();
    // found by DatabaseOutageReliability: the rollback on the dead connection fails as well, and Spring throws that
    // (Hikari's "Connection is closed", no SQLSTATE), keeping the original failure as the application exception
    org.springframework.transaction.TransactionSystemException rollback =
        new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
            new SQLException("Connection is closed"));
    rollback.initApplicationException(new ProcessEngineException("ENGINE-03004",
        new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)));
    assertThat(DatabaseUnavailable.causedBy(rollback)).isTrue();
    // the server going down under a running statement: 57P01 admin shutdown
    assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
        new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
  }

  @Test
  void otherDatabaseFailuresAreNot() {
    assertThat(DatabaseUnavailable.causedBy(new DuplicateKeyException("uq_payment_run_month",
        new SQLException("duplicate key", "23505")))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new OptimisticLockingException("ENGINE-03005"))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new ProcessEngineException("Unknown property used in expression"))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new SQLException("could not serialize access", "40001"))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
  }

  @Test
  void engineRestTextsOfAnOutageAreRecognised() {
    assertThat(DatabaseUnavailable.describedBy(
        "{\"type\":\"CannotCreateTransactionException\",\"message\":\"Could not open JDBC Connection for transaction\"}"))
        .isTrue();
    assertThat(DatabaseUnavailable.describedBy("{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03083 … "
        + "Cause: org.postgresql.util.PSQLException: An I/O error occurred while sending to the backend.\"}")).isTrue();
    assertThat(DatabaseUnavailable.describedBy("{\"type\":\"NullValueException\",\"message\":\"task is null\"}"))
        .isFalse();
  }

  @Test
  void theApplicationApiAnswers503InChineseWithRetryAfter() {
    ApiExceptionHandler handler = new ApiExceptionHandler();

    var outage = handler.unexpected(new ProcessEngineException("ENGINE-03004",
        new PersistenceException(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT))));
    assertThat(outage.getStatusCode().value()).isEqualTo(503);
    assertThat(outage.getBody()).containsEntry("message", "数据库暂时不可用,请稍后重试");
    assertThat(outage.getHeaders().getFirst("Retry-After")).isEqualTo("30");

    var bug = handler.unexpected(new IllegalStateException("a bug"));
    assertThat(bug.getStatusCode().value()).isEqualTo(500);
  }
}
