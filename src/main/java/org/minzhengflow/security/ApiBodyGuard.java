package org.minzhengflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.minzhengflow.api.ErrorBodies;
import org.minzhengflow.api.FieldProblem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any controller sees it, an application-API body holding what no field may hold (see
 * {@link HostileText}): one rule for every endpoint, because the hostile-input corpus found endpoints whose free-text
 * fields (a note, a reason, an urge message) stored NUL (a 500 from PostgreSQL), lone surrogates (stored as "?"),
 * direction overrides and {@code ${…}}, and intake bodies that carried an extra member named {@code ${x}} which Jackson
 * ignored. A body that is not JSON (also one with trailing garbage) is a 400 "请求体不是有效的JSON".
 */
public class ApiBodyGuard extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod();
    String contentType = request.getContentType();
    boolean json = contentType == null || contentType.toLowerCase().contains("json");
    if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || !json) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(ExpressionQueryGuard.MAX_BODY_BYTES + 1);
    if (body.length > ExpressionQueryGuard.MAX_BODY_BYTES) {
      JsonResponses.write(response, 413, ErrorBodies.message(ErrorBodies.defaultMessage(413)));
      return;
    }
    JsonNode tree = null;
    if (body.length > 0) {
      try {
        tree = JsonResponses.mapper().readTree(body);
      } catch (IOException notJson) {
        // also trailing garbage after the JSON, which Spring's reader would ignore
        JsonResponses.write(response, 400, ErrorBodies.invalid(List.of(new FieldProblem("body", "请求体不是有效的JSON"))));
        return;
      }
    }
    if (tree != null) {
      List<FieldProblem> problems = HostileText.problems(tree, HostileText.Limits.APPLICATION_API);
      if (!problems.isEmpty()) {
        JsonResponses.write(response, 400, ErrorBodies.invalid(problems));
        return;
      }
    }
    chain.doFilter(new ExpressionQueryGuard.CachedBodyRequest(request, body), response);
  }
}
