package org.minzhengflow.organization;

import java.util.List;

/** An authenticated member of staff: the user id and the Camunda groups that carry the roles. */
public record StaffUser(String userId, List<String> groupIds) {

  public StaffUser {
    groupIds = List.copyOf(groupIds);
  }

  /**
   * The application itself acting on a report a member of staff made and was allowed to make (e.g. the death
   * recorded with a funeral case: 身后一件事), so the report reaches the offices of every benefit of the person.
   */
  public static StaffUser actingOnReportOf(String userId) {
    return new StaffUser(userId, List.of(Role.ADMIN.groupId(null)));
  }

  public boolean isAdmin() {
    return groupIds.contains(Role.ADMIN.groupId(null));
  }

  public boolean hasGroup(String groupId) {
    return groupIds.contains(groupId);
  }
}
