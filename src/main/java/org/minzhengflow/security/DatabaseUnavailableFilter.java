package org.minzhengflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.minzhengflow.api.DatabaseUnavailable;
import org.minzhengflow.api.ErrorBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter of the APIs: a database outage that escapes everything inside — above all the password check of
 * {@link BasicAuthenticationFilter}, which reads the identity tables before any controller runs — answers 503
 * {@code {"message":"数据库暂时不可用,请稍后重试"}} instead of the container's 500. Failures inside the controllers are
 * answered by {@code ApiExceptionHandler}, those of the engine REST API by {@link EngineRestErrorFormat}.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException | IOException e) {
      if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
        throw e;
      }
      LOG.warn("Database unavailable during {} {}, answered 503: {}", request.getMethod(), request.getRequestURI(),
          e.toString());
      response.reset();
      response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER);
      JsonResponses.write(response, 503, ErrorBodies.message(DatabaseUnavailable.MESSAGE));
    }
  }
}
