package org.minzhengflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
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
  private final Predicate<HttpServletRequest> webappSessionAccepted;

  public BasicAuthenticationFilter(IdentityService identity, boolean engineAuthentication) {
    this(identity, engineAuthentication, request -> false);
  }

  /**
   * As above; a request that {@code webappSessionAccepted} and that carries no credentials may instead be
   * made by the user logged in to the Camunda webapps (their session), so that a link in a Tasklist form
   * opens without a second login.
   */
  public BasicAuthenticationFilter(IdentityService identity, boolean engineAuthentication,
      Predicate<HttpServletRequest> webappSessionAccepted) {
    this.identity = identity;
    this.engineAuthentication = engineAuthentication;
    this.webappSessionAccepted = webappSessionAccepted;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = credentials(request.getHeader("Authorization"));
    String userId = credentials == null && webappSessionAccepted.test(request) ? webappUser(request) : null;
    if (userId == null) {
      if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
        JsonResponses.write(response, 401, ErrorBodies.message(credentials == null
            ? ErrorBodies.defaultMessage(401) : "用户名或密码错误"));
        response.setHeader("WWW-Authenticate", "Basic realm=\"minzheng-flow\", charset=\"UTF-8\"");
        return;
      }
      userId = credentials[0];
    }
    // the groups as they are now (for a session user too, not as cached in the session at login)
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

  /** The user logged in to the webapps in this request's session, if any (and still existing). */
  private String webappUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    if (auths == null) {
      return null;
    }
    // one process engine in this application: its webapp login is the only one
    return auths.getAuthentications().stream().map(UserAuthentication::getName)
        .filter(user -> user != null && identity.createUserQuery().userId(user).count() == 1)
        .findFirst().orElse(null);
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
