package org.minzhengflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every answer. The Camunda webapps ({@code /camunda/app/**}, {@code /camunda/api/**}) keep the
 * Content-Security-Policy and nosniff of Camunda's own header filter: its policy carries a per-page nonce for the
 * webapps' scripts, which a policy of ours would overwrite and break. Everything else — the application API, the
 * engine REST API, the redirects and error pages — serves JSON, CSV and PDF, never a page that runs scripts, so it gets
 * the tightest policy. Frames: no page of this application is meant to be shown inside another site's frame.
 */
public class SecurityHeaders extends OncePerRequestFilter {

  /** Nothing may load or run; only a PDF notice opened from a Tasklist link is shown (by the browser's own viewer). */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean camundaWebapp = path.startsWith("/camunda/app/") || path.startsWith("/camunda/api/");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    if (!camundaWebapp) {
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Content-Security-Policy", API_POLICY);
    }
    chain.doFilter(request, response);
  }
}
