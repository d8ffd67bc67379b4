package org.minzhengflow.casework;

import org.minzhengflow.api.ApiException;
import org.minzhengflow.organization.StaffUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see a case through the application API: administrators and the members of its reader groups
 * ({@code case_reader}), the same groups that hold the engine's read grants on its process instances, so
 * the API, Tasklist and Cockpit draw the same line; and the staff the case was copied to (抄送, {@code case_copy}),
 * who hold the same read grants as users.
 */
@Component
public class CaseAccess {

  private final CaseRecords records;
  private final JdbcClient jdbc;

  public CaseAccess(CaseRecords records, JdbcClient jdbc) {
    this.records = records;
    this.jdbc = jdbc;
  }

  public boolean mayRead(StaffUser user, String applicationNo) {
    if (user.isAdmin()) {
      return true;
    }
    return isReaderByJurisdiction(user, applicationNo) || isCopiedTo(user, applicationNo);
  }

  /** Was the case copied (抄送) to this user? They may read it, not act on it. */
  public boolean isCopiedTo(StaffUser user, String applicationNo) {
    return jdbc.sql("select count(*) from case_copy where application_no = ? and user_id = ?")
        .params(applicationNo, user.userId()).query(Integer.class).single() > 0;
  }

  /** May the user read the case as staff of its jurisdiction (a reader group), not only as a copy's recipient? */
  public boolean isReaderByJurisdiction(StaffUser user, String applicationNo) {
    return !user.groupIds().isEmpty() && jdbc.sql(
        "select count(*) from case_reader where application_no = :no and group_id in (:groups)")
        .param("no", applicationNo).param("groups", user.groupIds()).query(Integer.class).single() > 0;
  }

  /** The case, 404 when unknown, 403 when the user may not see it. */
  public CaseRecord readable(String applicationNo, StaffUser user) {
    CaseRecord c = records.find(applicationNo).orElseThrow(() -> ApiException.notFound("未找到该申请:" + applicationNo));
    if (!mayRead(user, applicationNo)) {
      throw ApiException.forbidden("无权查看其他辖区的申请");
    }
    return c;
  }

  /** As {@link #readable}, and the case must be of this kind (another kind's number is not found here). */
  public CaseRecord readable(String kind, String applicationNo, StaffUser user) {
    CaseRecord c = records.find(applicationNo).filter(found -> found.kind().equals(kind))
        .orElseThrow(() -> ApiException.notFound("未找到该申请:" + applicationNo));
    if (!mayRead(user, applicationNo)) {
      throw ApiException.forbidden("无权查看其他辖区的申请");
    }
    return c;
  }
}
