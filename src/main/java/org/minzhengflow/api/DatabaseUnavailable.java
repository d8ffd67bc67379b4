package org.minzhengflow.api;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means "the database cannot be reached right now" — PostgreSQL stopped, restarting, or the
 * network to it gone — rather than a fault of the request or of the code. Such a failure answers 503 with
 * {@link #MESSAGE} (the caller may simply try again later), never 500: 500 would send operators looking for a bug,
 * and the caller could not tell that nothing was stored. The engine and Spring wrap the driver's exception in
 * several layers (MyBatis' PersistenceException, ProcessEngineException, CannotCreateTransactionException …), so the
 * whole cause chain is examined.
 */
public final class DatabaseUnavailable {

  public static final String MESSAGE = "数据库暂时不可用,请稍后重试";
  /** Seconds a client should wait before trying again (Retry-After). */
  public static final String RETRY_AFTER = "30";

  /**
   * What the PostgreSQL driver, Hikari and Spring say when the database cannot be reached; the engine REST API gives
   * only the text of an exception (its JSON {@code type} and {@code message}), so text is what can be recognised.
   */
  private static final List<String> DESCRIPTIONS = List.of(
      "could not open jdbc connection",
      "failed to obtain jdbc connection",
      "connection is not available, request timed out",
      "an i/o error occurred while sending to the backend",
      "this connection has been closed",
      "terminating connection due to administrator command",
      "the database system is shutting down",
      "the database system is starting up",
      "the database system is in recovery mode",
      "connection to the database failed",
      "connection refused",
      "connection is closed");

  private DatabaseUnavailable() {}

  /** True when any cause in the chain is a connection failure (not a constraint, syntax or data error). */
  public static boolean causedBy(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && (connectionState(sql.getSQLState()) || describedBy(sql.getMessage()))) {
        return true;
      }
      // the rollback on a connection the server closed fails too, and Spring throws that failure instead of the
      // original one, which it keeps aside ("Application exception overridden by rollback exception")
      if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
          && causedBy(tx.getApplicationException())) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 is "connection exception"; 57P01–57P03 are the server going down or not yet up (admin
   * shutdown, crash shutdown, cannot connect now). Everything else (23… constraints, 40001 serialization) is not
   * an outage.
   */
  static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }

  /** True when an error text (an engine REST error body) describes a connection failure. */
  public static boolean describedBy(String text) {
    if (text == null) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return DESCRIPTIONS.stream().anyMatch(lower::contains);
  }
}
