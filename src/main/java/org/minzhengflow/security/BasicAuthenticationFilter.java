package org.minzhengflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.minzhengflow.api.ErrorBodies;
import org.minzhengflow.organization.StaffUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against Camunda's identity service for {@code /engine-rest/**} and
 * {@code /api/**}. For the engine REST API the user is also set as the engine's current
 * authentication, so Camunda's authorizations decide what the caller sees. Camunda's own login
 * throttling (a growing delay after wrong passwords) applies because {@code checkPassword} is used.
 */
public class BasicAuthenticationFilter extends OncePerRequestFilter {



  private final IdentityService identity;
  private final boolean engineAuthentication;

  public BasicAuthenticationFilter(IdentityService identity, boolean engineAuthentication) {
    this.identity = identity;
    this.engineAuthentication = engineAuthentication;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = credentials(request.getHeader("Authorization"));
    if (credentials == null && !engineAuthentication) {
      // The application API from a Tasklist/Cockpit page (the task-operation buttons): the webapp's login session,
      // and for a change the webapp's CSRF token, which a page of another site cannot read.
      String sessionUser = WebappSession.user(request);
      if (sessionUser != null) {
        if (!WebappSession.csrfTokenMatches(request)) {
          JsonResponses.write(response, 403, ErrorBodies.message("缺少或错误的CSRF令牌(X-XSRF-TOKEN),请刷新页面后重试"));
          return;
        }
        List<String> groups = identity.createGroupQuery().groupMember(sessionUser).list().stream().map(Group::getId)
            .toList();
        request.setAttribute(org.minzhengflow.api.CurrentUser.ATTRIBUTE, new StaffUser(sessionUser, groups));
        chain.doFilter(request, response);
        return;
      }
    }
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      JsonResponses.write(response, 401, ErrorBodies.message(credentials == null
          ? ErrorBodies.defaultMessage(401) : "用户名或密码错误"));
      response.setHeader("WWW-Authenticate", "Basic realm=\"minzheng-flow\", charset=\"UTF-8\"");
      return;
    }
    String userId = credentials[0];
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    request.setAttribute(org.minzhengflow.api.CurrentUser.ATTRIBUTE, new StaffUser(userId, groups));
    if (!engineAuthentication) {
      chain.doFilter(request, response);
      return;
    }
    identity.setAuthentication(userId, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** user and password, or null when the header is absent or not well-formed Basic credentials. */
  static String[] credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon > 128) {
      return null;
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}
