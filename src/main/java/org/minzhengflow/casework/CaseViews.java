package org.minzhengflow.casework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.organization.Jurisdiction;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The status document of every kind (the frame: number, status, legal deadline, open steps, reasons,
 * history; the kind adds its own fields between) and the notices of a case.
 */
@Service
public class CaseViews {

  /** More open tasks than this on one case would be a modelling error; the list is bounded all the same. */
  static final int MAX_OPEN_STEPS = 100;

  private final CaseAccess access;
  private final CaseRecords records;
  private final CaseHistory history;
  private final CaseNotices notices;
  private final TaskService tasks;
  private final NoticePdf pdf;
  private final NoticeTemplates templates;
  private final JurisdictionRepository jurisdictions;

  public CaseViews(CaseAccess access, CaseRecords records, CaseHistory history, CaseNotices notices, TaskService tasks,
      NoticePdf pdf, NoticeTemplates templates, JurisdictionRepository jurisdictions) {
    this.access = access;
    this.records = records;
    this.history = history;
    this.notices = notices;
    this.tasks = tasks;
    this.pdf = pdf;
    this.templates = templates;
    this.jurisdictions = jurisdictions;
  }

  @Transactional(readOnly = true)
  public Map<String, Object> status(CaseKind<?> kind, String applicationNo, StaffUser user) {
    CaseRecord c = access.readable(kind.kind(), applicationNo, user);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationNo", c.applicationNo());
    body.put("kind", c.kind());
    body.put("processInstanceId", c.processInstanceId());
    body.put("status", c.status().name());
    body.put("statusName", c.status().label());
    body.put("caseDeadline", c.caseDeadline());
    if (c.extended()) {
      body.put("extensionReason", c.extensionReason());
    }
    body.put("openSteps", openSteps(applicationNo));
    body.putAll(kind.details(c));
    body.put("reasons", records.reasons(applicationNo));
    body.put("history", history.view(applicationNo));
    return body;
  }

  /** Task keys of the case's open tasks, in the order they were created. */
  public List<String> openSteps(String applicationNo) {
    return tasks.createTaskQuery().processInstanceBusinessKey(applicationNo).orderByTaskCreateTime().asc()
        .listPage(0, MAX_OPEN_STEPS).stream().map(Task::getTaskDefinitionKey).distinct().toList();
  }

  @Transactional(readOnly = true)
  public List<Map<String, Object>> notices(String applicationNo, StaffUser user) {
    access.readable(applicationNo, user);
    return notices.of(applicationNo).stream().map(n -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n.id());
      m.put("kind", n.kind().name());
      m.put("title", n.title());
      m.put("text", n.body());
      m.put("issuedAt", n.time());
      m.put("pdf", pdfPath(applicationNo, n.id()));
      return m;
    }).toList();
  }

  /** Where the printable notice (告知书) is served. */
  public static String pdfPath(String applicationNo, long noticeId) {
    return "/api/applications/" + applicationNo + "/notices/" + noticeId + ".pdf";
  }

  /** A notice of the case as PDF, under the same rules as the list (404 unknown case or notice, 403 elsewhere). */
  @Transactional(readOnly = true)
  public byte[] noticePdf(String applicationNo, String noticeId, StaffUser user) {
    CaseRecord c = access.readable(applicationNo, user);
    CaseNotices.Notice n = parseId(noticeId).flatMap(id -> notices.find(applicationNo, id))
        .orElseThrow(() -> ApiException.notFound("未找到该通知:" + noticeId));
    // a refusal's text already ends with the appeal sentence; other adverse notices get it as their own section
    String appeal = NoticePdf.ADVERSE.contains(n.kind()) && !n.body().contains("行政复议")
        ? templates.render(NoticeTemplates.APPEAL, Map.of()) : null;
    return pdf.render(new NoticePdf.Content(bureau(c), n.title(), c.applicantName(), applicationNo, n.time(), n.body(),
        appeal));
  }

  /** The issuing bureau: the case's district bureau (e.g. 哈尔滨市香坊区民政局), or the city's when it has none. */
  String bureau(CaseRecord c) {
    Jurisdiction city = jurisdictions.city();
    return jurisdictions.findDistrict(c.districtCode())
        .map(d -> city.name() + d.name() + "民政局")
        .orElse(city.name() + "民政局");
  }

  private static java.util.Optional<Long> parseId(String id) {
    try {
      return java.util.Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
