package org.minzhengflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.minzhengflow.organization.StaffUser;

/**
 * The member of staff logged in to a Camunda webapp (Cockpit, Tasklist) in this browser session, for the
 * application API's webapp plugins.
 *
 * <p>Strict on purpose: the session must hold a webapp login for this engine, the request must carry the
 * session's CSRF token in {@code X-XSRF-TOKEN} on <em>every</em> method (Camunda's own filter asks it only of
 * modifying ones; a plugin always has it, a page of another site never does), and the user must still exist.
 * The groups are read again from the identity service, not taken from the session, so a role withdrawn in Admin
 * counts at once, exactly as for HTTP Basic. The application API then applies its own jurisdiction checks.
 */
public class WebappSession {

  /** A user, or a refusal (a session exists but the request may not use it), or neither (no webapp login). */
  public record Outcome(StaffUser user, String refusal) {
    static final Outcome NONE = new Outcome(null, null);
  }

  private final IdentityService identity;
  private final String engineName;

  public WebappSession(IdentityService identity, String engineName) {
    this.identity = identity;
    this.engineName = engineName;
  }

  public Outcome authenticate(HttpServletRequest request) {
    return authenticate(request, true);
  }

  /** As {@link #authenticate(HttpServletRequest)}; without {@code csrf} only for reads a plain link may open. */
  public Outcome authenticate(HttpServletRequest request, boolean csrf) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Outcome.NONE;
    }
    Authentications all = AuthenticationUtil.getAuthsFromSession(session);
    Authentication login = all == null ? null : all.getAuthenticationForProcessEngine(engineName);
    if (login == null || login.getIdentityId() == null) {
      return Outcome.NONE;
    }
    Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String given = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    if (csrf && (!(expected instanceof String token) || given == null
        || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))) {
      return new Outcome(null, "缺少或无效的CSRF令牌(X-XSRF-TOKEN),请刷新页面后重试");
    }
    String userId = login.getIdentityId();
    if (identity.createUserQuery().userId(userId).count() == 0) {
      return Outcome.NONE;
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    return new Outcome(new StaffUser(userId, groups), null);
  }
}
