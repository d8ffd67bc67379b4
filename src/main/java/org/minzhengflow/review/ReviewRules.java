package org.minzhengflow.review;

import org.minzhengflow.casework.CaseHistory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * The one way every review task in every process takes and records a decision. Attached to a
 * user task as {@code <camunda:taskListener event="create" delegateExpression="${reviewDecision}"/>}
 * and the same for {@code complete}:
 * <ul>
 *   <li>on create it clears the previous review's {@code decision}/{@code opinion}, so a stale
 *       decision can never pass for this one;</li>
 *   <li>on complete it checks {@code decision} against the task's allowed decisions (extension
 *       property {@code decisions}, default approve,reject,return) and requires an {@code opinion}
 *       unless approving, then writes the case history and a Camunda task comment.</li>
 * </ul>
 * Invalid input raises a form-field validation error, which the REST API answers with 400.
 */
@Component("reviewDecision")
public class ReviewRules implements TaskListener {

  static final int MAX_OPINION = 2000;
  private static final List<String> ALL = List.of("approve", "reject", "return");

  private final CaseHistory history;
  private final TaskService tasks;
  private final IdentityService identity;

  public ReviewRules(CaseHistory history, TaskService tasks, IdentityService identity) {
    this.history = history;
    this.tasks = tasks;
    this.identity = identity;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable("decision");
      task.getExecution().removeVariable("opinion");
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    List<String> allowed = allowedDecisions(task);
    Object raw = task.getVariable("decision");
    Decision decision = Decision.of(raw).filter(d -> allowed.contains(d.value()))
        .orElseThrow(() -> invalid("decision", "审核结论必须是 " + String.join(" / ", allowed) + " 之一"));
    String opinion = text(task.getVariable("opinion"));
    if (decision != Decision.APPROVE && opinion.isBlank()) {
      throw invalid("opinion", decision.label() + "时必须填写审核意见");
    }
    if (opinion.length() > MAX_OPINION) {
      throw invalid("opinion", "审核意见不能超过" + MAX_OPINION + "字");
    }
    String user = actor(task);
    history.record(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), task.getId(),
        task.getTaskDefinitionKey(), task.getName(), user, decision.value(), opinion.isBlank() ? null : opinion);
    tasks.createComment(task.getId(), task.getProcessInstanceId(),
        "【" + decision.label() + "】" + (opinion.isBlank() ? "" : opinion));
  }

  /** The member of staff completing the task: the authenticated user, else the assignee. */
  /** The member of staff the engine call runs for; null for the application's own calls (jobs, services). */
  public String authenticatedUser() {
    Authentication current = identity.getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  public String actor(DelegateTask task) {
    Authentication current = identity.getCurrentAuthentication();
    return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
  }

  /** A validation failure whose message names the field, turned into a 400 by the REST API. */
  public static FormFieldValidationException invalid(String field, String message) {
    return new FormFieldValidationException(field, "[" + field + "] " + message);
  }

  private static List<String> allowedDecisions(DelegateTask task) {
    return property(task, "decisions").map(v -> Arrays.stream(v.split(",")).map(String::trim).toList()).orElse(ALL);
  }

  /** A {@code camunda:property} of the user task, where models keep per-task settings. */
  public static Optional<String> property(DelegateTask task, String name) {
    var element = task.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return Optional.empty();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream())
        .filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
