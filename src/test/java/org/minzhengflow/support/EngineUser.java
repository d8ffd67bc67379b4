package org.minzhengflow.support;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/** Engine calls as a member of staff, with their groups, as the REST API's authentication sets them. */
public final class EngineUser {

  private EngineUser() {}

  public static List<String> groupsOf(IdentityService identity, String user) {
    return identity.createGroupQuery().groupMember(user).listPage(0, 100).stream().map(Group::getId).toList();
  }

  public static <T> T as(IdentityService identity, String user, Supplier<T> call) {
    identity.setAuthentication(user, groupsOf(identity, user));
    try {
      return call.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
