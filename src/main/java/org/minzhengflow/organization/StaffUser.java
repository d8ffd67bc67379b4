package org.minzhengflow.organization;

import java.util.List;

/** An authenticated member of staff: the user id and the Camunda groups that carry the roles. */
public record StaffUser(String userId, List<String> groupIds) {

  public StaffUser {
    groupIds = List.copyOf(groupIds);
  }

  public boolean isAdmin() {
    return groupIds.contains(Role.ADMIN.groupId(null));
  }

  public boolean hasGroup(String groupId) {
    return groupIds.contains(groupId);
  }
}
