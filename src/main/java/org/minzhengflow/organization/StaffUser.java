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

  /**
   * A user id as a message may repeat it: as given when it has the form of a user id (Camunda's resource whitelist,
   * application.yaml), otherwise not at all — an error message must not echo injection strings or personal data back.
   */
  public static String shown(String userId) {
    // eleven digits or more: an ID, phone or account number typed into the wrong field — personal data, not echoed
    return userId != null && userId.matches("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}") && !userId.matches(".*[0-9]{11,}.*")
        ? "“" + userId + "”" : "(格式无效)";
  }
}
