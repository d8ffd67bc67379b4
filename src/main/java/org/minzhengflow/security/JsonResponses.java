package org.minzhengflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an error body from a servlet filter, where no Spring MVC handler is involved. */
final class JsonResponses {

  private static final ObjectMapper MAPPER = new ObjectMapper();

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
