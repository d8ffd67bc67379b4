package org.minzhengflow.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL of the test's own (zonky embedded binaries) that the test can stop and start again: same data
 * directory, same fixed port, so the application's connection pool finds it again as it would a restarted server.
 */
final class StoppablePostgres implements AutoCloseable {

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres server;

  StoppablePostgres(String name) {
    this.port = AppNode.freePort();
    try {
      this.dataDir = Files.createTempDirectory("minzheng-" + name + "-pg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "postgres");
         var s = c.createStatement()) {
      s.execute("create database minzheng");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void start() {
    try {
      server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
          .setServerConfig("max_connections", "100").start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  /** pg_ctl stop (fast): open sessions are terminated, their transactions rolled back. */
  void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = null;
  }

  boolean running() {
    return server != null;
  }

  String url() {
    return url("minzheng");
  }

  private String url(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "postgres");
  }

  /** One number from the database, e.g. a count. */
  long count(String sql, Object... params) {
    try (Connection c = connect(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Rows as "a|b|c" strings, for assertions that print what went wrong. */
  java.util.List<String> rows(String sql, Object... params) {
    try (Connection c = connect(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      java.util.List<String> rows = new java.util.ArrayList<>();
      try (var rs = s.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(i > 1 ? "|" : "").append(rs.getString(i));
          }
          rows.add(row.toString());
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * Stops the server and deletes its data directory: every test class makes a new one under the temporary
   * directory, and a few hundred megabytes per run would otherwise pile up there.
   */
  @Override
  public void close() {
    if (server != null) {
      stop();
    }
    deleteDataDirectory();
  }

  private void deleteDataDirectory() {
    if (!Files.exists(dataDir)) {
      return;
    }
    try (var paths = Files.walk(dataDir)) {
      // children before their directory
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dataDir, e);
    }
  }
}
