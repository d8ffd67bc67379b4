package org.minzhengflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an error body from a servlet filter, where no Spring MVC handler is involved. */
final class JsonResponses {

  /** Also what the guards parse with: {@code {"a":1}x} is not JSON (Jackson would read {@code {"a":1}} and stop). */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonResponses() {}

  static void write(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(MAPPER.writeValueAsString(body));
  }

  static String toJson(Object body) throws IOException {
    return MAPPER.writeValueAsString(body);
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
