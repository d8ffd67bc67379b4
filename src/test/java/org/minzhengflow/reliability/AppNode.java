package org.minzhengflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.minzhengflow.support.Http;

/**
 * One application node as an operator runs it: its own JVM ({@code java -cp target/classes:…runtime jars…
 * org.minzhengflow.MinzhengFlowApplication}) with the {@code postgres} profile on the test's PostgreSQL, the demo
 * organisation and the job executor on. It can be killed with SIGKILL ({@link #kill()}: {@link Process#destroyForcibly()}
 * is SIGKILL on Linux) and started again on the same port. Only processes started here are ever killed. Its output
 * goes to {@code target/reliability/<name>-<n>.log}.
 */
final class AppNode implements AutoCloseable {

  static final Path DIR = Path.of("target", "reliability");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final String name;
  private final int port;
  private final String jdbcUrl;
  private final List<String> extra;
  private final Path faults;
  private Process process;
  private int starts;

  /**
   * @param name   the node's name, also its Camunda host name (ACT_HI_JOB_LOG.HOSTNAME_): which node ran a job
   * @param extra  more {@code --key=value} arguments (fault points, timings)
   */
  AppNode(String name, String jdbcUrl, List<String> extra) {
    this.name = name;
    this.port = freePort();
    this.jdbcUrl = jdbcUrl;
    this.extra = List.copyOf(extra);
    this.faults = DIR.resolve("faults-" + name).toAbsolutePath();
    try {
      Files.createDirectories(faults);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    clearFaults(); // an earlier run may have left a point armed
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Http http() {
    return new Http(port);
  }

  /** The directory of this node's fault points (see {@link FaultHooks}). */
  Path faults() {
    return faults;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Starts the JVM and waits until the engine REST API answers (the engine deployed, the job executor running). */
  AppNode start() {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx640m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
        "-cp", classpath(), "org.minzhengflow.MinzhengFlowApplication",
        "--spring.profiles.active=postgres",
        "--server.port=" + port,
        "--DB_URL=" + jdbcUrl, "--DB_USER=postgres", "--DB_PASSWORD=postgres", "--DB_POOL_SIZE=10",
        "--APP_DEMO_ENABLED=true", "--SECURE_COOKIE=false",
        "--app.data-dir=" + DIR.resolve("data-" + name).toAbsolutePath(),
        "--spring.main.sources=" + FaultHooks.class.getName(),
        "--faults.dir=" + faults,
        // a node's name in the job log, so the tests can tell which node ran each job
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        // the job executor looks for new jobs often (the default waits up to a minute when idle)
        "--camunda.bpm.job-execution.wait-time-in-millis=200",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--logging.level.root=warn",
        "--logging.level.org.minzhengflow=info",
        "--logging.level.org.minzhengflow.reliability=warn"));
    command.addAll(extra);
    starts++;
    Path log = DIR.resolve(name + "-" + starts + ".log");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    Http http = http();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " ended while starting (exit " + process.exitValue() + "), see " + log);
      }
      try {
        if (http.get("admin", "/engine-rest/engine").status() == 200) {
          return this;
        }
      } catch (IllegalStateException notYet) {
        // connection refused: still starting
      }
      sleep(500);
    }
    kill();
    throw new IllegalStateException(name + " did not start within " + START_TIMEOUT + ", see " + log);
  }

  /** SIGKILL: no shutdown hook, no transaction committed or rolled back by the JVM. */
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** SIGTERM: Spring's orderly shutdown (the job executor stops, open requests finish). */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Arms a fault point: threads reaching it wait there (see {@link FaultHooks}). */
  void arm(String point) {
    try {
      Files.writeString(faults.resolve("hold-" + point), "armed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Disarms a fault point: the threads waiting there go on. */
  void release(String point) {
    try {
      Files.deleteIfExists(faults.resolve("hold-" + point));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the threads waiting at the point hold (business keys or SQL), once at least {@code atLeast} wait there. */
  List<String> awaitHeld(String point, int atLeast, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      List<String> held = held(point);
      if (held.size() >= atLeast) {
        return held;
      }
      sleep(100);
    }
    throw new AssertionError(name + ": fewer than " + atLeast + " threads reached " + point + " within " + timeout
        + " (held: " + held(point) + ")");
  }

  List<String> held(String point) {
    try (var files = Files.list(faults)) {
      return files.filter(f -> f.getFileName().toString().startsWith("held-" + point + "-")).map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException gone) {
          return "";
        }
      }).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the held markers a killed process left behind. */
  void clearFaults() {
    try (var files = Files.list(faults)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }

  static String classpath() {
    Path list = Path.of("target", "reliability-classpath.txt");
    if (!Files.exists(list)) {
      throw new IllegalStateException(list + " is missing: run the reliability tests with ./mvnw -Preliability verify");
    }
    try {
      return String.join(java.io.File.pathSeparator, Path.of("target", "classes").toAbsolutePath().toString(),
          Path.of("target", "test-classes").toAbsolutePath().toString(), Files.readString(list).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
