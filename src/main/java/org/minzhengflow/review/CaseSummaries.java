package org.minzhengflow.review;

import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.CaseViews;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What every process's case summary (the Markdown {@code caseSummary} shown at the top of each
 * Camunda Form) has in common: the history of the case, the task's working-day deadline, the links to print
 * the notices issued so far (打印告知书), and how the text is handed to the form — as a task-local String, cut to fit a String variable.
 */
@Component
public class CaseSummaries {

  /** The task-local variable every form shows at its top. */
  public static final String VARIABLE = "caseSummary";

  /** Camunda stores String variables up to 4000 characters. */
  public static final int MAX_LENGTH = 3900;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final CaseHistory history;
  private final ZoneId zone;

  public CaseSummaries(CaseHistory history, @Value("${app.zone:Asia/Shanghai}") String zone) {
    this.history = history;
    this.zone = ZoneId.of(zone);
  }

  /** "办理经过" (every history entry), "办理期限" (the task's due date, if any) and the case's legal last day. */
  public String historyAndDeadline(String applicationNo, DelegateTask task) {
    return historyAndDeadline(applicationNo, task, timeline(applicationNo));
  }

  /**
   * What the summary's common part shows, in one statement: the history, the case's legal last day and its notices
   * (a kind that shows a notice itself, such as the public notice's text, reads them from here, not again).
   */
  public java.util.Optional<CaseHistory.Timeline> timeline(String applicationNo) {
    return history.timeline(applicationNo);
  }

  /** "公示": the text of the case's latest public notice, for the kinds that publish one; empty before it. */
  public String publicNotice(java.util.Optional<CaseHistory.Timeline> timeline) {
    return timeline.map(CaseHistory.Timeline::notices).orElse(List.of()).stream()
        .filter(n -> n.kind() == CaseNotices.Kind.PUBLIC_NOTICE).reduce((a, b) -> b)
        .map(n -> "**公示**:" + n.body() + "\n\n").orElse("");
  }

  /** The same, from the {@link #timeline} the caller has already read. */
  public String historyAndDeadline(String applicationNo, DelegateTask task,
      java.util.Optional<CaseHistory.Timeline> timeline) {
    StringBuilder s = new StringBuilder("**办理经过**:\n");
    for (CaseHistory.Entry e : timeline.map(CaseHistory.Timeline::entries).orElse(List.of())) {
      s.append("- ").append(e.stepName()).append(e.user() == null ? "" : "(" + e.user() + ")")
          .append(e.decision() == null ? "" : " " + Decision.of(e.decision()).map(Decision::label).orElse(e.decision())).append(e.opinion() == null ? "" : ":" + e.opinion())
          .append("\n");
    }
    if (task.getDueDate() != null) {
      s.append("\n**办理期限**:").append(DATE.format(task.getDueDate().toInstant().atZone(zone))).append("(工作日计算)\n");
    }
    timeline.filter(t -> t.caseDeadline() != null).ifPresent(t -> s.append("\n**全案办结期限**:").append(t.caseDeadline())
        .append(t.extensionReason() != null ? "(已延长:" + t.extensionReason() + ")" : "").append("\n"));
    s.append(noticeLinks(applicationNo, timeline.map(CaseHistory.Timeline::notices).orElse(List.of())));
    return s.toString();
  }

  /**
   * "打印告知书": a Markdown link to the PDF of every notice of the case so far (the form renders Markdown links;
   * the PDF is served under the same access rules as the case). Empty when the case has no notice yet.
   */
  String noticeLinks(String applicationNo, List<CaseNotices.Notice> list) {
    if (list.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("\n**打印告知书**:\n");
    for (CaseNotices.Notice n : list) {
      s.append("- [").append(n.title().replace("[", "(").replace("]", ")")).append("(")
          .append(DATE.format(n.time().atZone(zone)).substring(0, 10)).append(")](")
          .append(CaseViews.pdfPath(applicationNo, n.id())).append(")\n");
    }
    return s.toString();
  }

  /** Sets {@code caseSummary} on the task itself, so parallel tasks each keep their own. */
  public void publish(DelegateTask task, String markdown) {
    task.setVariableLocal(VARIABLE,
        markdown.length() > MAX_LENGTH ? markdown.substring(0, MAX_LENGTH) + "…" : markdown);
  }
}
