package org.minzhengflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** A small HTTP client acting as a demo user (HTTP Basic) against the running application. */
public class Http {

  public record Response(int status, JsonNode json, String body) {}

  /** An answer kept as bytes (a PDF, a file), with its content type and disposition. */
  public record Binary(int status, String contentType, String disposition, byte[] body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private Duration timeout = Duration.ofSeconds(30);

  public Http(int port) {
    this.base = "http://localhost:" + port;
  }

  /** The same client with another answer timeout (30 s unless said): a benchmark's long request waits for its answer. */
  public Http timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  public Response get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String user, String path, Object body) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body), StandardCharsets.UTF_8)));
  }

  /** A POST as Tasklist sends it for a filter's list: the answer in HAL, with the embedded variables and users. */
  public Response postHal(String user, String path, Object body) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").header("Accept", "application/hal+json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body), StandardCharsets.UTF_8)));
  }

  public Response put(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  public Response delete(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public Response put(String user, String path, Object body) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body), StandardCharsets.UTF_8)));
  }

  public Binary getBytes(String user, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    authenticate(user, request);
    try {
      HttpResponse<byte[]> response = client.send(request.timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Binary(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Content-Disposition").orElse(null), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void authenticate(String user, HttpRequest.Builder request) {
    if (user != null) {
      String password = user.contains(":") ? user.substring(user.indexOf(':') + 1) : "demo";
      String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private Response send(String user, HttpRequest.Builder request) {
    authenticate(user, request);
    try {
      HttpResponse<String> response = client.send(request.timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json = null;
      if (!response.body().isBlank()) {
        try {
          json = JSON.readTree(response.body());
        } catch (IOException notJson) {
          // left null: the test looks at the body
        }
      }
      return new Response(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the answer satisfies the condition (the job executor works asynchronously). */
  public Response await(String user, String path, Predicate<Response> condition) {
    long end = System.currentTimeMillis() + 30_000;
    Response last = null;
    while (System.currentTimeMillis() < end) {
      last = get(user, path);
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting on " + path + ", last answer: " + (last == null ? null : last.body()));
  }

  public static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
