package org.minzhengflow.organization;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure an administrator exists without ever shipping a known password: outside the demo,
 * {@code ADMIN_PASSWORD} must be set to something that is not a well-known default, or the
 * application refuses to start. This also keeps Camunda's "create first admin" page from appearing.
 */
@Component
public class AdminAccount {

  private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);
  private static final Set<String> DEFAULT_PASSWORDS =
      Set.of("demo", "admin", "password", "camunda", "123456", "12345678", "changeme", "minzheng");

  private final IdentityService identity;
  private final String password;

  public AdminAccount(IdentityService identity, @Value("${app.admin.password:}") String password,
      @Value("${app.demo.enabled:false}") boolean demoEnabled) {
    this.identity = identity;
    this.password = password;
    if (!demoEnabled) {
      // Checked while the context starts, before the engine or the web server accept anything.
      requireRealPassword();
    }
  }

  /** Refuses a missing or default administrator password, whether or not the admin already exists. */
  public void requireRealPassword() {
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "ADMIN_PASSWORD is not set: refusing to start without an administrator password (管理员密码未设置)");
    }
    if (DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT)) || password.length() < 8) {
      throw new IllegalStateException(
          "ADMIN_PASSWORD is a default or shorter than 8 characters: refusing to start (管理员密码过于简单)");
    }
  }

  /** Creates user {@code admin} in the administrators' group when no administrator exists yet. */
  public void createIfMissing() {
    String admins = Role.ADMIN.groupId(null);
    if (identity.createUserQuery().memberOfGroup(admins).count() > 0) {
      return;
    }
    User admin = identity.newUser("admin");
    admin.setFirstName("系统");
    admin.setLastName("管理员");
    admin.setPassword(password);
    identity.saveUser(admin);
    identity.createMembership("admin", admins);
    LOG.info("Administrator 'admin' created from ADMIN_PASSWORD");
  }
}
