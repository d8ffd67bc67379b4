package org.minzhengflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * One HTTP Basic login as one engine command: the user's lock, the password (Camunda's own check, with its throttling
 * and failed-attempt count) and the user's groups. Asked on every API request, so it is one transaction and one read
 * of the user instead of three commands (lock, password, groups) with a commit each.
 */
final class BasicLogin {

  /** What the login found; {@code groups} only when {@code OK}, {@code retryAfterSeconds} only when {@code WAIT}. */
  record Outcome(Result result, List<String> groups, long retryAfterSeconds) {}

  enum Result { OK, WRONG_PASSWORD, WAIT, LOCKED }

  private BasicLogin() {}

  static Outcome check(IdentityService identity, String userId, String password, int loginMaxAttempts) {
    return ((ServiceImpl) identity).getCommandExecutor().execute(new Check(userId, password, loginMaxAttempts));
  }

  private record Check(String userId, String password, int loginMaxAttempts) implements Command<Outcome> {

    @Override
    public Outcome execute(CommandContext context) {
      // the same read Camunda's password check makes: it finds the user in the command's entity cache afterwards
      UserEntity user = context.getDbEntityManager().selectById(UserEntity.class, userId);
      if (user != null) {
        if (user.getAttempts() >= loginMaxAttempts) {
          return new Outcome(Result.LOCKED, List.of(), 0);
        }
        java.util.Date until = user.getLockExpirationTime();
        long now = ClockUtil.getCurrentTime().getTime();
        if (until != null && until.getTime() > now) {
          return new Outcome(Result.WAIT, List.of(), Math.max(1, (until.getTime() - now + 999) / 1000));
        }
      }
      if (!context.getReadOnlyIdentityProvider().checkPassword(userId, password)) {
        return new Outcome(Result.WRONG_PASSWORD, List.of(), 0);
      }
      var query = (org.camunda.bpm.engine.impl.GroupQueryImpl) context.getReadOnlyIdentityProvider().createGroupQuery()
          .groupMember(userId);
      List<String> groups = query.executeList(context, null).stream().map(Group::getId).toList();
      return new Outcome(Result.OK, groups, 0);
    }
  }
}
