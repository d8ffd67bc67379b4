package org.minzhengflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

/**
 * The user logged in to the Camunda webapps in this HTTP session, so a webapp plugin may call the application API
 * without a second login; and Camunda's own CSRF token of that session, which every change must carry.
 */
final class WebappSession {

  private static final String ENGINE = "default";

  private WebappSession() {}

  /** The user id of the webapp login of this request's session, or null. */
  static String user(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(ENGINE);
    return authentication == null ? null : authentication.getName();
  }

  /** Reading needs no token; a change needs the session's token in {@code X-XSRF-TOKEN}. */
  static boolean csrfTokenMatches(HttpServletRequest request) {
    if (CsrfConstants.CSRF_NON_MODIFYING_METHODS_PATTERN.matcher(request.getMethod()).matches()) {
      return true;
    }
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected instanceof String token && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
