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
import org.minzhengflow.api.ErrorBodies;
import org.minzhengflow.organization.StaffUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against Camunda's identity service for {@code /engine-rest/**} and
 * {@code /api/**}. For the engine REST API the user is also set as the engine's current
 * authentication, so Camunda's authorizations decide what the caller sees. Camunda's own login
 * throttling (a growing delay after wrong passwords) applies because {@code checkPassword} is used.
 *
 * <p>For {@code /api/**} only, a request without an Authorization header may instead ride on a Camunda webapp
 * session (see {@link WebappSession}), so that webapp plugins (the statistics in Cockpit) can call the application
 * API as the logged-in member of staff without asking for the password again.
 */
public class BasicAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identity;
  private final boolean engineAuthentication;
  /** The engine's {@code login-max-attempts}: from that many failures on, the user stays locked. */
  private final int loginMaxAttempts;
  private final WebappSession webappSession;
  private final java.util.function.Predicate<HttpServletRequest> withoutCsrfToken;

  public BasicAuthenticationFilter(IdentityService identity, boolean engineAuthentication, int loginMaxAttempts) {
    this(identity, engineAuthentication, loginMaxAttempts, null, request -> false);
  }

  /**
   * With a webapp session for requests that carry no Authorization header (null: Basic only); requests that
   * {@code withoutCsrfToken} accepts may use the session without the CSRF header — reads without side effects that
   * a plain link opens, such as a printable notice linked from a Tasklist form.
   */
  public BasicAuthenticationFilter(IdentityService identity, boolean engineAuthentication, int loginMaxAttempts,
      WebappSession webappSession, java.util.function.Predicate<HttpServletRequest> withoutCsrfToken) {
    this.identity = identity;
    this.loginMaxAttempts = loginMaxAttempts;
    this.engineAuthentication = engineAuthentication;
    this.webappSession = webappSession;
    this.withoutCsrfToken = withoutCsrfToken;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (webappSession != null && request.getHeader("Authorization") == null) {
      WebappSession.Outcome session = webappSession.authenticate(request, !withoutCsrfToken.test(request));
      if (session.user() != null) {
        request.setAttribute(org.minzhengflow.api.CurrentUser.ATTRIBUTE, session.user());
        chain.doFilter(request, response);
        return;
      }
      if (session.refusal() != null) {
        JsonResponses.write(response, 403, ErrorBodies.message(session.refusal()));
        return;
      }
      // no webapp session at all: the ordinary 401 below
    }
    String[] credentials = credentials(request.getHeader("Authorization"));
    BasicLogin.Outcome login = credentials == null ? null
        : BasicLogin.check(identity, credentials[0], credentials[1], loginMaxAttempts);
    if (login != null && refusedWhileLocked(login, response)) {
      return;
    }
    if (login == null || login.result() != BasicLogin.Result.OK) {
      JsonResponses.write(response, 401, ErrorBodies.message(credentials == null
          ? ErrorBodies.defaultMessage(401) : "用户名或密码错误"));
      response.setHeader("WWW-Authenticate", "Basic realm=\"minzheng-flow\", charset=\"UTF-8\"");
      return;
    }
    String userId = credentials[0];
    List<String> groups = login.groups();
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

  /**
   * Camunda's login throttling, said as it is: after a wrong password the engine refuses every password of that user
   * until the lock expires (3 s, doubling with each further failure, at most 60 s), and after
   * {@code login-max-attempts} failures until an administrator unlocks the user. {@code checkPassword} then only
   * answers false, so a member of staff typing the right password a second too early heard "用户名或密码错误". Here the
   * lock is read first: 429 with {@code Retry-After} while it runs, 401 with the reason once the user is locked for good.
   * (Only users who exist and have failed are answered this way; Camunda's webapp login applies the same lock.)
   */
  private boolean refusedWhileLocked(BasicLogin.Outcome login, HttpServletResponse response) throws IOException {
    if (login.result() == BasicLogin.Result.LOCKED) {
      JsonResponses.write(response, 401, ErrorBodies.message("密码错误次数过多,该账户已被锁定,请联系系统管理员解锁"));
      response.setHeader("WWW-Authenticate", "Basic realm=\"minzheng-flow\", charset=\"UTF-8\"");
      return true;
    }
    if (login.result() != BasicLogin.Result.WAIT) {
      return false;
    }
    long seconds = login.retryAfterSeconds();
    JsonResponses.write(response, 429, ErrorBodies.message("密码错误后须等待片刻才能再次登录,请在" + seconds + "秒后重试"));
    response.setHeader("Retry-After", Long.toString(seconds));
    return true;
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
