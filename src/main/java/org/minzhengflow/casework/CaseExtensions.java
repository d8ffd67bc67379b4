package org.minzhengflow.casework;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.calendar.WorkingDays;
import org.minzhengflow.organization.Role;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district's extension of the whole-case limit in special cases (an objection, 人户分离, a hard
 * investigation): once per case, with a reason, while the case is open. The new last day counts from
 * acceptance ({@code extendedCase} in the deadline table) and the whole-case timer moves with it.
 */
@Service
public class CaseExtensions {

  /** The id of the whole-case timer (the start event of the event subprocess that watches the limit). */
  public static final String CASE_TIMER = "Event_CaseOverdue";
  static final int MAX_REASON = 500;

  private final CaseAccess access;
  private final CaseRecords records;
  private final CaseDeadlines deadlines;
  private final CaseHistory history;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final WorkingDays workingDays;

  public CaseExtensions(CaseAccess access, CaseRecords records, CaseDeadlines deadlines, CaseHistory history,
      RuntimeService runtime, ManagementService management, WorkingDays workingDays) {
    this.access = access;
    this.records = records;
    this.deadlines = deadlines;
    this.history = history;
    this.runtime = runtime;
    this.management = management;
    this.workingDays = workingDays;
  }

  @Transactional
  public Map<String, Object> extend(CaseKind<?> kind, String applicationNo, String reason, StaffUser user) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("reason", "必须填写延长办理期限的理由");
    }
    if (reason.length() > MAX_REASON) {
      throw new InvalidInputException("reason", "理由不能超过" + MAX_REASON + "字");
    }
    CaseRecord c = access.readable(kind.kind(), applicationNo, user);
    if (!user.isAdmin() && !user.hasGroup(Role.DISTRICT_APPROVER.groupId(c.districtCode()))) {
      throw ApiException.forbidden("只有案件所在区县民政部门可以延长办理期限");
    }
    if (!kind.extensible()) {
      throw ApiException.conflict("该类申请不适用延长办理期限");
    }
    boolean open = c.processInstanceId() != null
        && runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count() > 0;
    if (!open || c.status().decided()) {
      throw ApiException.conflict("该申请已办结,不能延长办理期限");
    }
    var deadline = deadlines.extendedDeadline(c, kind.processKey());
    if (!records.extend(applicationNo, deadline, reason.trim(), user.userId())) {
      throw ApiException.conflict("该申请的办理期限已延长过一次,不能再次延长");
    }
    Date due = Date.from(OffsetDateTime.parse(workingDays.endOfBusinessIso(deadline)).toInstant());
    for (Job timer : management.createJobQuery().processInstanceId(c.processInstanceId()).activityId(CASE_TIMER)
        .listPage(0, 10)) {
      management.setJobDuedate(timer.getId(), due);
    }
    // the Tasklist list shows the case's last day: it moves with the extension
    runtime.setVariable(c.processInstanceId(), CaseIntake.CASE_DEADLINE, deadline.toString());
    history.record(applicationNo, c.processInstanceId(), null, "extension", "延长办理期限", user.userId(), null,
        reason.trim() + "(办理期限延长至" + deadline + ")");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationNo", applicationNo);
    body.put("caseDeadline", deadline);
    body.put("extensionReason", reason.trim());
    return body;
  }
}
