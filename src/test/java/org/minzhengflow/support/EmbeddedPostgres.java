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
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
        // settings of the server for a measurement, e.g. -Dpostgres.config=shared_buffers=2GB,effective_cache_size=8GB
        // (the benchmark's experiments; the tests run with zonky's defaults)
        for (String setting : System.getProperty("postgres.config", "").split(",")) {
          int eq = setting.indexOf('=');
          if (eq > 0) {
            builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
          }
        }
        server = builder.start();
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
