package org.minzhengflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL (zonky embedded binaries) for the whole test JVM, shared by every
 * integration test that runs against PostgreSQL; each test context gets its own database.
 */
public final class EmbeddedPostgres {

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private static int databases;

  private EmbeddedPostgres() {}

  public static synchronized void register(DynamicPropertyRegistry registry) {
    String url = newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  /** A new empty database on the shared server; user and password are both {@code postgres}. */
  public static synchronized String newDatabase() {
    if (server == null) {
      try {
        server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is ending anyway
        }
      }));
    }
    String database = "minzheng_" + (++databases);
    try (var connection = server.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
      statement.execute("create database " + database);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return server.getJdbcUrl("postgres", database);
  }
}
