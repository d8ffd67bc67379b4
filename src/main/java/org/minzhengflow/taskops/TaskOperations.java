package org.minzhengflow.taskops;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.CaseAccess;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.CasePeople;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.casework.CaseStatus;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.Role;
import org.minzhengflow.organization.StaffUser;
import org.minzhengflow.review.CaseRoleRefusal;
import org.minzhengflow.review.SeparationOfDuties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The staff operations on tasks of DOMAIN.md §7 — 转办, 委派, 加签, 退回, 撤回, 抄送, 催办 — done with the engine's own
 * APIs (assignee, delegation, a {@code countersign} process per colleague, process-instance modification,
 * authorizations, priority and task variables). Every operation first asks the engine for the task's state, checks
 * jurisdiction, role, 回避 and the one-person-one-role rule, then changes the engine and writes the case history
 * and a task comment in one transaction, so a refused or failed operation leaves nothing behind.
 */
@Service
public class TaskOperations {

  private static final Logger LOG = LoggerFactory.getLogger(TaskOperations.class);
  /** The process of one colleague's 加签 ({@code processes/countersign.bpmn}) and its one task. */
  static final String COUNTERSIGN_PROCESS = "countersigning";
  static final String COUNTERSIGN_TASK = "countersign";
  static final String PARENT_TASK = "parentTaskId";
  private static final int MAX_TEXT = 500;
  private static final int MAX_USERS = 20;
  /** Priority of an urged task: above Camunda's default 50, so it sorts first where the list sorts by priority. */
  private static final int URGED_PRIORITY = 90;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final CaseRecords records;
  private final CaseAccess access;
  private final CaseHistory caseHistory;
  private final CasePeople people;
  private final CaseCopies copies;
  private final JurisdictionRepository jurisdictions;
  private final SeparationOfDuties duties;
  private final TransactionTemplate transaction;
  private final java.time.Clock clock;
  private final ZoneId zone;

  public TaskOperations(TaskService tasks, RuntimeService runtime, HistoryService history, RepositoryService repository,
      IdentityService identity, AuthorizationService authorizations, CaseRecords records, CaseAccess access,
      CaseHistory caseHistory, CasePeople people, CaseCopies copies,
      JurisdictionRepository jurisdictions, SeparationOfDuties duties, TransactionTemplate transaction,
      java.time.Clock clock,
      @org.springframework.beans.factory.annotation.Value("${app.zone:Asia/Shanghai}") String zone) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.repository = repository;
    this.identity = identity;
    this.authorizations = authorizations;
    this.records = records;
    this.access = access;
    this.caseHistory = caseHistory;
    this.people = people;
    this.copies = copies;
    this.jurisdictions = jurisdictions;
    this.duties = duties;
    this.transaction = transaction;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** A task of a case as the engine has it now, with the case and the task's candidate groups. */
  record CaseTask(Task task, CaseRecord c, List<String> candidateGroups) {
    String id() {
      return task.getId();
    }

    String pid() {
      return task.getProcessInstanceId();
    }

    String no() {
      return c.applicationNo();
    }
  }

  // ------------------------------------------------------------------ 转办

  public Map<String, Object> transfer(String taskId, String toUser, String reason, StaffUser user) {
    Problems problems = new Problems();
    problems.required("toUser", toUser);
    problems.required("reason", reason);
    problems.maxLength("reason", reason, MAX_TEXT);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseTask t = caseTask(taskId, user);
      boolean assignee = user.userId().equals(t.task().getAssignee());
      boolean leader = isUnitLeader(user, t);
      if (!assignee && !leader) {
        if (t.task().getAssignee() != null && isCandidate(user, t)) {
          throw ApiException.conflict("该任务已由" + t.task().getAssignee() + "认领办理,只有办理人或本单位负责人可以转办");
        }
        if (t.task().getAssignee() == null && isCandidate(user, t)) {
          throw ApiException.conflict("该任务尚未认领,请先认领后再转办(或由本单位负责人转办)");
        }
        throw ApiException.forbidden("只有任务的办理人或本单位负责人可以转办该任务");
      }
      if (t.task().getDelegationState() == DelegationState.PENDING) {
        throw ApiException.conflict("该任务正在委派中,须由被委派人办理完毕后才能转办");
      }
      checkColleague(t, "toUser", toUser, user);
      String from = t.task().getAssignee();
      tasks.setAssignee(t.id(), toUser);
      String text = "转办给" + toUser + (from == null ? "" : "(原办理人" + from + ")") + ":" + reason.trim();
      record(t, user, "transfer", text);
      return result(t, "transfer", Map.of("assignee", toUser));
    });
  }

  // ------------------------------------------------------------------ 委派 and its resolution

  public Map<String, Object> delegate(String taskId, String toUser, String reason, StaffUser user) {
    Problems problems = new Problems();
    problems.required("toUser", toUser);
    problems.maxLength("reason", reason, MAX_TEXT);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseTask t = caseTask(taskId, user);
      requireAssignee(t, user, "委派");
      if (t.task().getDelegationState() == DelegationState.PENDING) {
        throw ApiException.conflict("该任务已委派给" + t.task().getAssignee() + ",待其办理完毕");
      }
      checkColleague(t, "toUser", toUser, user);
      tasks.delegateTask(t.id(), toUser);
      record(t, user, "delegate", "委派给" + toUser + "办理,办理后交回" + user.userId()
          + (reason == null || reason.isBlank() ? "" : ":" + reason.trim()));
      return result(t, "delegate", Map.of("assignee", toUser, "owner", user.userId()));
    });
  }

  public Map<String, Object> resolve(String taskId, String opinion, StaffUser user) {
    Problems problems = new Problems();
    problems.maxLength("opinion", opinion, 2000);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseTask t = caseTask(taskId, user);
      if (t.task().getDelegationState() != DelegationState.PENDING) {
        throw ApiException.conflict("该任务不在委派中,无需交回");
      }
      if (!user.userId().equals(t.task().getAssignee())) {
        throw ApiException.forbidden("只有被委派人可以办理并交回该任务");
      }
      String owner = t.task().getOwner();
      tasks.resolveTask(t.id());
      record(t, user, "resolve", "委派办理完毕,交回" + owner
          + (opinion == null || opinion.isBlank() ? "" : ":" + opinion.trim()));
      return result(t, "resolve", Map.of("assignee", owner));
    });
  }

  // ------------------------------------------------------------------ 加签

  public Map<String, Object> countersign(String taskId, List<String> users, String reason, StaffUser user) {
    Problems problems = new Problems();
    problems.required("reason", reason);
    problems.maxLength("reason", reason, MAX_TEXT);
    List<String> named = userList(problems, users);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseTask t = caseTask(taskId, user);
      requireAssignee(t, user, "加签");
      List<String> pending = pendingCountersigners(t.id());
      List<String> started = new ArrayList<>();
      for (int i = 0; i < named.size(); i++) {
        String colleague = named.get(i);
        String field = "users[" + i + "]";
        if (pending.contains(colleague)) {
          throw ApiException.conflict(colleague + "已被加签,其意见尚未提交");
        }
        checkParticipant(t, field, colleague, user);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("applicationNo", t.no());
        variables.put("applicantName", t.c().applicantName());
        variables.put(PARENT_TASK, t.id());
        variables.put("parentTaskName", t.task().getName());
        variables.put("parentStep", t.task().getTaskDefinitionKey());
        variables.put("caseProcessInstanceId", t.pid());
        variables.put("countersigner", colleague);
        variables.put("requestedBy", user.userId());
        variables.put("reason", reason.trim());
        ProcessInstance instance = runtime.startProcessInstanceByKey(COUNTERSIGN_PROCESS, variables);
        // the countersigner reads the case (its summary, history) as long as they are asked
        grantRead(colleague, t.pid());
        started.add(instance.getId());
      }
      record(t, user, "countersign", "加签,请" + String.join("、", named) + "提出意见:" + reason.trim());
      return result(t, "countersign", Map.of("countersigners", named, "open", pendingCountersigners(t.id())));
    });
  }

  /** The colleagues whose countersign opinion on the task is still open. */
  public List<String> pendingCountersigners(String taskId) {
    return tasks.createTaskQuery().processDefinitionKey(COUNTERSIGN_PROCESS)
        .processVariableValueEquals(PARENT_TASK, taskId).list().stream().map(Task::getAssignee).toList();
  }

  // ------------------------------------------------------------------ 退回

  public Map<String, Object> sendBack(String taskId, String toStep, String reason, StaffUser user) {
    Problems problems = new Problems();
    problems.required("toStep", toStep);
    problems.required("reason", reason);
    problems.maxLength("reason", reason, MAX_TEXT);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseTask t = caseTask(taskId, user);
      if (t.task().getAssignee() == null ? !isCandidate(user, t) : !user.userId().equals(t.task().getAssignee())) {
        if (t.task().getAssignee() != null && isCandidate(user, t)) {
          throw ApiException.conflict("该任务已由" + t.task().getAssignee() + "认领办理,只有办理人可以退回");
        }
        throw ApiException.forbidden("只有该环节的办理人可以退回");
      }
      // sending the step back is a decision of this step: not by someone who did a step of another role
      refuseSecondRole(user.userId(), t);
      requireMovable(t);
      String current = t.task().getTaskDefinitionKey();
      BpmnModelInstance model = repository.getBpmnModelInstance(t.task().getProcessDefinitionId());
      UserTask target = model.getModelElementById(toStep) instanceof UserTask u ? u : null;
      if (target == null) {
        throw new InvalidInputException("toStep", "本案流程中没有环节" + StaffUser.shown(toStep));
      }
      Map<String, Integer> depth = depthFromStart(model);
      if (toStep.equals(current) || depth.getOrDefault(toStep, Integer.MAX_VALUE) >= depth.getOrDefault(current, 0)) {
        throw new InvalidInputException("toStep", "只能退回到当前环节之前的环节,“" + target.getName() + "”不在“"
            + t.task().getName() + "”之前");
      }
      HistoricTaskInstance done = lastCompleted(t.pid(), toStep);
      if (done == null) {
        throw new InvalidInputException("toStep", "本案尚未办理过“" + target.getName() + "”,不能退回到该环节");
      }
      Task created = move(t, toStep, "退回:" + reason.trim());
      // back to whoever did the step, as staff expect of 退回 (they may pass it on by 转办 if absent) — unless they may
      // no longer take it (since registered as a close relative, or since in another role of the case): then the
      // step waits for the rest of its group, and the history says why
      String backTo = done.getAssignee();
      String notBackTo = backTo == null ? null : whyNot(backTo, t, toStep);
      if (backTo != null && notBackTo == null) {
        tasks.setAssignee(created.getId(), backTo);
      }
      String assignee = notBackTo == null ? backTo : null;
      String text = "由“" + t.task().getName() + "”退回到“" + target.getName() + "”"
          + (assignee != null ? "(交原办理人" + assignee + ")" : notBackTo != null ? "(" + notBackTo + ",由本岗位其他人员认领)" : "")
          + ":" + reason.trim();
      caseHistory.record(t.no(), t.pid(), null, current, t.task().getName(), user.userId(), "sendBack", text);
      comment(created.getId(), t.pid(), user, "sendBack", text);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("applicationNo", t.no());
      answer.put("operation", "sendBack");
      answer.put("taskId", created.getId());
      answer.put("step", toStep);
      answer.put("assignee", assignee);
      return answer;
    });
  }

  // ------------------------------------------------------------------ 撤回

  public Map<String, Object> withdraw(String applicationNo, String reason, StaffUser user) {
    Problems problems = new Problems();
    problems.maxLength("reason", reason, MAX_TEXT);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseRecord c = access.readable(applicationNo, user);
      if (!user.isAdmin() && !access.isReaderByJurisdiction(user, applicationNo)) {
        throw ApiException.forbidden("无权办理其他辖区的案件");
      }
      refuseRelative(user.userId(), applicationNo, "您是本案申请人或其家庭成员的备案近亲属,须回避,不能撤回");
      if (c.processInstanceId() == null) {
        throw ApiException.conflict("该案件没有可撤回的环节");
      }
      List<Task> open = tasks.createTaskQuery().processInstanceId(c.processInstanceId()).list();
      HistoricTaskInstance last = history.createHistoricTaskInstanceQuery().processInstanceId(c.processInstanceId())
          .finished().taskDeleteReason("completed").orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1)
          .stream().findFirst().orElse(null);
      if (last == null) {
        throw ApiException.conflict("本案还没有已办结的环节,无可撤回");
      }
      if (!user.userId().equals(last.getAssignee())) {
        throw ApiException.forbidden("只有办理了最近一个环节“" + last.getName() + "”的" + last.getAssignee() + "可以撤回");
      }
      if (c.status() != CaseStatus.IN_REVIEW || open.isEmpty()) {
        throw ApiException.conflict("案件已进入下一阶段(" + statusLabel(c.status()) + "),不能撤回");
      }
      if (open.size() > 1) {
        throw ApiException.conflict("下一环节有多项任务并行办理,不能撤回");
      }
      Task next = open.get(0);
      if (next.getCreateTime().before(last.getEndTime())) {
        throw ApiException.conflict("当前待办环节早于您办结的环节,不能撤回");
      }
      if (next.getAssignee() != null) {
        throw ApiException.conflict("下一环节“" + next.getName() + "”已由" + next.getAssignee() + "认领,不能撤回");
      }
      // A public notice (a called process) since that step is a stage of its own: after it, e.g. the re-investigation
      // an objection demands, taking the step back would skip what the notice decided. The engine's history says so.
      if (history.createHistoricActivityInstanceQuery().processInstanceId(c.processInstanceId())
          .activityType("callActivity").startedAfter(last.getEndTime()).count() > 0) {
        throw ApiException.conflict("您办结“" + last.getName() + "”后案件已经过公示,不能撤回");
      }
      CaseTask t = new CaseTask(next, c, candidateGroups(next.getId()));
      if (!pendingCountersigners(next.getId()).isEmpty()) {
        throw ApiException.conflict("下一环节有加签意见尚未提交,不能撤回");
      }
      Task created = move(t, last.getTaskDefinitionKey(), "撤回");
      tasks.setAssignee(created.getId(), user.userId());
      String text = "撤回“" + last.getName() + "”(下一环节“" + next.getName() + "”尚未认领)"
          + (reason == null || reason.isBlank() ? "" : ":" + reason.trim());
      caseHistory.record(c.applicationNo(), c.processInstanceId(), null, last.getTaskDefinitionKey(), last.getName(),
          user.userId(), "withdraw", text);
      comment(created.getId(), c.processInstanceId(), user, "withdraw", text);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("applicationNo", c.applicationNo());
      answer.put("operation", "withdraw");
      answer.put("taskId", created.getId());
      answer.put("step", last.getTaskDefinitionKey());
      answer.put("assignee", user.userId());
      return answer;
    });
  }

  // ------------------------------------------------------------------ 抄送

  public Map<String, Object> copy(String applicationNo, List<String> users, String reason, StaffUser user) {
    Problems problems = new Problems();
    problems.maxLength("reason", reason, MAX_TEXT);
    List<String> named = userList(problems, users);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseRecord c = access.readable(applicationNo, user);
      if (user.isAdmin() || !access.isReaderByJurisdiction(user, applicationNo)) {
        throw ApiException.forbidden("只有本案辖区的工作人员可以抄送本案");
      }
      refuseRelative(user.userId(), applicationNo, "您是本案申请人或其家庭成员的备案近亲属,须回避,不能抄送");
      List<String> added = new ArrayList<>();
      for (int i = 0; i < named.size(); i++) {
        String colleague = named.get(i);
        String field = "users[" + i + "]";
        requireUser(field, colleague);
        if (colleague.equals(user.userId())) {
          throw new InvalidInputException(field, "不能抄送给自己");
        }
        if (staff(colleague).isAdmin()) {
          throw new InvalidInputException(field, "不能抄送给系统管理员");
        }
        refuseRelative(colleague, applicationNo, colleague + "是本案申请人或其家庭成员的备案近亲属,须回避,不能抄送给其");
        if (copies.add(applicationNo, colleague, user.userId(), reason == null ? null : reason.trim())) {
          added.add(colleague);
          if (c.processInstanceId() != null) {
            grantRead(colleague, c.processInstanceId());
          }
        }
      }
      String text = "抄送给" + String.join("、", named) + (reason == null || reason.isBlank() ? "" : ":" + reason.trim());
      caseHistory.record(applicationNo, c.processInstanceId(), null, "copy", "抄送", user.userId(), "copy", text);
      if (c.processInstanceId() != null) {
        for (Task open : tasks.createTaskQuery().processInstanceId(c.processInstanceId()).list()) {
          comment(open.getId(), c.processInstanceId(), user, "copy", text);
        }
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("applicationNo", applicationNo);
      answer.put("operation", "copy");
      answer.put("users", named);
      answer.put("added", added);
      return answer;
    });
  }

  public List<Map<String, Object>> copiesOf(StaffUser user) {
    return copies.of(user.userId());
  }

  // ------------------------------------------------------------------ 催办

  public Map<String, Object> urge(String taskId, String message, StaffUser user) {
    Problems problems = new Problems();
    problems.required("message", message);
    problems.maxLength("message", message, MAX_TEXT);
    problems.throwIfAny();
    return inTransaction(() -> {
      CaseTask t = caseTask(taskId, user);
      if (!supervisors(t).stream().anyMatch(user::hasGroup)) {
        throw ApiException.forbidden("只有本单位负责人或上级民政部门可以催办该任务");
      }
      int priority = Math.max(t.task().getPriority(), URGED_PRIORITY);
      tasks.setPriority(t.id(), priority);
      Object before = tasks.getVariableLocal(t.id(), "urgedCount");
      int count = (before instanceof Number n ? n.intValue() : 0) + 1;
      String mark = user.userId() + "于" + TIME.format(clock.instant().atZone(zone)) + "催办:" + message.trim();
      tasks.setVariableLocal(t.id(), "urged", mark);
      tasks.setVariableLocal(t.id(), "urgedCount", count);
      record(t, user, "urge", "催办(第" + count + "次):" + message.trim());
      return result(t, "urge", Map.of("priority", priority, "urged", mark, "urgedCount", count));
    });
  }

  /** What the Tasklist buttons show for a task: its open countersigns, urged mark, delegation. */
  public Map<String, Object> state(String taskId, StaffUser user) {
    CaseTask t = caseTask(taskId, user);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("taskId", t.id());
    answer.put("applicationNo", t.no());
    answer.put("step", t.task().getTaskDefinitionKey());
    answer.put("assignee", t.task().getAssignee());
    answer.put("owner", t.task().getOwner());
    answer.put("delegated", t.task().getDelegationState() == DelegationState.PENDING);
    answer.put("priority", t.task().getPriority());
    answer.put("urged", tasks.getVariableLocal(t.id(), "urged"));
    answer.put("pendingCountersigners", pendingCountersigners(t.id()));
    BpmnModelInstance model = repository.getBpmnModelInstance(t.task().getProcessDefinitionId());
    Map<String, Integer> depth = depthFromStart(model);
    int here = depth.getOrDefault(t.task().getTaskDefinitionKey(), 0);
    Map<String, Map<String, Object>> earlier = new LinkedHashMap<>();
    for (HistoricTaskInstance done : history.createHistoricTaskInstanceQuery().processInstanceId(t.pid()).finished()
        .taskDeleteReason("completed").orderByHistoricActivityInstanceStartTime().asc().list()) {
      if (depth.getOrDefault(done.getTaskDefinitionKey(), Integer.MAX_VALUE) < here) {
        earlier.put(done.getTaskDefinitionKey(), Map.of("step", done.getTaskDefinitionKey(), "name", done.getName()));
      }
    }
    answer.put("returnSteps", List.copyOf(earlier.values()));
    List<Map<String, Object>> colleagues = new ArrayList<>();
    for (String group : t.candidateGroups()) {
      identity.createUserQuery().memberOfGroup(group).list().forEach(u -> {
        if (!u.getId().equals(user.userId()) && colleagues.stream().noneMatch(m -> m.get("id").equals(u.getId()))) {
          colleagues.add(Map.of("id", u.getId(), "name",
              ((u.getLastName() == null ? "" : u.getLastName()) + (u.getFirstName() == null ? "" : u.getFirstName()))));
        }
      });
    }
    answer.put("colleagues", colleagues);
    return answer;
  }

  // ------------------------------------------------------------------ the engine asked

  /** The open task of a case the user may act on: 404 unknown, 409 finished, 403 other jurisdiction or 回避. */
  CaseTask caseTask(String taskId, StaffUser user) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      if (history.createHistoricTaskInstanceQuery().taskId(taskId).count() > 0) {
        throw ApiException.conflict("该任务已办结或已撤销,请刷新任务列表");
      }
      throw ApiException.notFound("未找到该任务:" + taskId);
    }
    if (task.getProcessInstanceId() == null) {
      throw ApiException.conflict("该任务不属于任何案件,不能办理此操作");
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
    String no = instance == null ? null : instance.getBusinessKey();
    CaseRecord c = no == null ? null : records.find(no).orElse(null);
    if (c == null || !task.getProcessInstanceId().equals(c.processInstanceId())) {
      if (COUNTERSIGN_TASK.equals(task.getTaskDefinitionKey())) {
        throw ApiException.conflict("加签任务只能由被加签人填写意见后完成,不能再转办、委派或退回");
      }
      throw ApiException.conflict("该任务不是案件的办理环节,不能办理此操作");
    }
    if (user.isAdmin()) {
      throw ApiException.forbidden("系统管理员不办理案件,请由本辖区工作人员操作");
    }
    if (!access.isReaderByJurisdiction(user, no)) {
      throw ApiException.forbidden("无权办理其他辖区的案件");
    }
    refuseRelative(user.userId(), no, "您是本案申请人或其家庭成员的备案近亲属,须回避,不能办理此任务");
    return new CaseTask(task, c, candidateGroups(task.getId()));
  }

  private List<String> candidateGroups(String taskId) {
    return tasks.getIdentityLinksForTask(taskId).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).distinct().toList();
  }

  private boolean isCandidate(StaffUser user, CaseTask t) {
    return t.candidateGroups().stream().anyMatch(user::hasGroup);
  }

  /** The street leader is the leader of the street's caseworkers; bureaus and agencies have no leader role here. */
  private boolean isUnitLeader(StaffUser user, CaseTask t) {
    return t.candidateGroups().stream().filter(g -> g.startsWith("street-") && g.endsWith("-caseworker"))
        .map(g -> g.substring(0, g.length() - "caseworker".length()) + "leader").anyMatch(user::hasGroup);
  }

  /**
   * Who may chase the task (催办): the leader of its unit and every level above — street caseworkers by their street
   * leader, the district and the city bureau; street leaders by the district and the city; a district bureau by the
   * city; an agency or department by the bureaus of the case's district and the city.
   */
  private Set<String> supervisors(CaseTask t) {
    Set<String> groups = new LinkedHashSet<>();
    String city = Role.CITY_APPROVER.groupId(jurisdictions.city().code());
    for (String group : t.candidateGroups()) {
      if (group.startsWith("street-")) {
        String street = group.split("-")[1];
        if (group.endsWith("-caseworker")) {
          groups.add(Role.STREET_LEADER.groupId(street));
        }
        jurisdictions.findStreet(street).ifPresent(s -> groups.add(Role.DISTRICT_APPROVER.groupId(s.parentCode())));
        groups.add(city);
      } else if (group.startsWith("district-")) {
        groups.add(city);
      } else if (!group.startsWith("city-")) {
        if (t.c().districtCode() != null) {
          groups.add(Role.DISTRICT_APPROVER.groupId(t.c().districtCode()));
        }
        groups.add(city);
      }
    }
    groups.removeAll(t.candidateGroups()); // nobody chases their own unit's task as its superior
    return groups;
  }

  private void requireAssignee(CaseTask t, StaffUser user, String operation) {
    String assignee = t.task().getAssignee();
    if (user.userId().equals(assignee)) {
      return;
    }
    if (assignee == null && isCandidate(user, t)) {
      throw ApiException.conflict("该任务尚未认领,请先认领后再" + operation);
    }
    if (assignee != null && isCandidate(user, t)) {
      throw ApiException.conflict("该任务已由" + assignee + "认领办理,只有办理人可以" + operation);
    }
    throw ApiException.forbidden("您不是该任务的办理人,不能" + operation);
  }

  /** A colleague who takes over the task (转办, 委派): of the task's own candidate group. */
  private void checkColleague(CaseTask t, String field, String colleague, StaffUser user) {
    requireUser(field, colleague);
    if (colleague.equals(t.task().getAssignee()) || colleague.equals(user.userId())) {
      throw new InvalidInputException(field, colleague + "已是该任务的办理人,请选择其他同事");
    }
    StaffUser target = staff(colleague);
    if (t.candidateGroups().stream().noneMatch(target::hasGroup)) {
      throw ApiException.forbidden(colleague + "不属于该任务的办理岗位(" + String.join("、", t.candidateGroups())
          + "),不能接手");
    }
    checkParticipant(t, field, colleague, user);
  }

  /**
   * Anyone brought into the task (also 加签): may see the case, is no close relative of the household and has not
   * decided another step of this case — one person, one role in a case.
   */
  private void checkParticipant(CaseTask t, String field, String colleague, StaffUser user) {
    requireUser(field, colleague);
    if (colleague.equals(user.userId())) {
      throw new InvalidInputException(field, "不能选择自己");
    }
    StaffUser target = staff(colleague);
    if (target.isAdmin() || !access.isReaderByJurisdiction(target, t.no())) {
      throw ApiException.forbidden(colleague + "不属于本案辖区,不能参与办理");
    }
    refuseRelative(colleague, t.no(), colleague + "是本案申请人或其家庭成员的备案近亲属,须回避");
    // a refusal of the person named, as for another street: 403 with the step they did (the engine would refuse
    // them the task anyway, SeparationOfDuties)
    refuseSecondRole(colleague, t);
  }

  /** One person, one role: 403 when the user completed a step of another role in this case. */
  private void refuseSecondRole(String userId, CaseTask t) {
    duties.stepOfAnotherRole(userId, t.pid(), t.task().getProcessDefinitionId(), t.task().getTaskDefinitionKey())
        .ifPresent(done -> {
          throw ApiException.forbidden(SeparationOfDuties.refusal(userId, done, t.task().getName()));
        });
  }

  /** Why the user may not be given the step {@code step} of the case any more, or null when they may. */
  private String whyNot(String userId, CaseTask t, String step) {
    if (people.staffIsRelative(userId, t.no())) {
      return "原办理人" + userId + "是本案家庭成员的备案近亲属,须回避";
    }
    return duties.stepOfAnotherRole(userId, t.pid(), t.task().getProcessDefinitionId(), step)
        .map(done -> "原办理人" + userId + "已办理本案的“" + done + "”环节,不能兼任").orElse(null);
  }

  private void requireUser(String field, String userId) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      throw new InvalidInputException(field, "用户" + StaffUser.shown(userId) + "不存在");
    }
  }

  private StaffUser staff(String userId) {
    return new StaffUser(userId,
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
  }

  private void refuseRelative(String userId, String applicationNo, String message) {
    if (people.staffIsRelative(userId, applicationNo)) {
      throw ApiException.forbidden(message);
    }
  }

  private static List<String> userList(Problems problems, List<String> users) {
    if (users == null || users.isEmpty()) {
      problems.add("users", "必须至少填写一位同事");
      return List.of();
    }
    if (users.size() > MAX_USERS) {
      problems.add("users", "一次最多" + MAX_USERS + "人");
    }
    List<String> named = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      String u = users.get(i);
      if (u == null || u.isBlank()) {
        problems.add("users[" + i + "]", "必须填写");
      } else if (named.contains(u.trim())) {
        problems.add("users[" + i + "]", "重复");
      } else {
        named.add(u.trim());
      }
    }
    return named;
  }

  /** 退回 and 撤回 move the case's only open step; parallel steps, countersigns and decided cases stay. */
  private void requireMovable(CaseTask t) {
    if (t.c().status() != CaseStatus.IN_REVIEW) {
      throw ApiException.conflict("案件已作出决定(" + statusLabel(t.c().status()) + "),不能退回");
    }
    if (tasks.createTaskQuery().processInstanceId(t.pid()).count() > 1) {
      throw ApiException.conflict("本案有多项任务并行办理,不能退回");
    }
    List<String> pending = pendingCountersigners(t.id());
    if (!pending.isEmpty()) {
      throw ApiException.conflict("加签意见尚未全部提交(" + String.join("、", pending) + "),不能退回");
    }
    if (t.task().getDelegationState() == DelegationState.PENDING) {
      throw ApiException.conflict("该任务正在委派中,不能退回");
    }
  }

  /** Process-instance modification: the step is started again and the open one cancelled, in one command. */
  private Task move(CaseTask t, String toStep, String annotation) {
    runtime.createProcessInstanceModification(t.pid())
        .startBeforeActivity(toStep)
        .cancelAllForActivity(t.task().getTaskDefinitionKey())
        .setAnnotation(annotation)
        .execute();
    List<Task> created = tasks.createTaskQuery().processInstanceId(t.pid()).taskDefinitionKey(toStep).list();
    if (created.size() != 1) {
      throw new IllegalStateException("expected one " + toStep + " task after moving " + t.pid() + ", found " + created.size());
    }
    return created.get(0);
  }

  private HistoricTaskInstance lastCompleted(String pid, String step) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(pid).taskDefinitionKey(step).finished()
        .taskDeleteReason("completed").orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream()
        .findFirst().orElse(null);
  }

  /**
   * How far each flow node is from the process start along the sequence flows (breadth first): the order of the
   * steps in the model, which loops back (退回重新调查) do not change.
   */
  static Map<String, Integer> depthFromStart(BpmnModelInstance model) {
    Map<String, Integer> depth = new LinkedHashMap<>();
    java.util.ArrayDeque<FlowNode> queue = new java.util.ArrayDeque<>();
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process) {
        depth.put(start.getId(), 0);
        queue.add(start);
      }
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      int d = depth.get(node.getId());
      List<FlowNode> next = new ArrayList<>();
      for (SequenceFlow flow : node.getOutgoing()) {
        next.add(flow.getTarget());
      }
      if (node instanceof org.camunda.bpm.model.bpmn.instance.SubProcess sub) {
        sub.getChildElementsByType(StartEvent.class).forEach(next::add);
      }
      for (FlowNode target : next) {
        if (!depth.containsKey(target.getId())) {
          depth.put(target.getId(), d + 1);
          queue.add(target);
        }
      }
    }
    return depth;
  }

  private void grantRead(String userId, String processInstanceId) {
    grant(userId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    grant(userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
  }

  private void grant(String userId, Resources resource, String resourceId, Permission permission) {
    if (authorizations.createAuthorizationQuery().userIdIn(userId).resourceType(resource).resourceId(resourceId)
        .hasPermission(permission).count() > 0) {
      return;
    }
    Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setUserId(userId);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    auth.addPermission(permission);
    authorizations.saveAuthorization(auth);
  }

  private void record(CaseTask t, StaffUser user, String operation, String text) {
    caseHistory.record(t.no(), t.pid(), null, t.task().getTaskDefinitionKey(), t.task().getName(), user.userId(),
        operation, text);
    comment(t.id(), t.pid(), user, operation, text);
  }

  /** A Camunda task comment, as Tasklist shows it; it names the member of staff (the API acts as the application). */
  private void comment(String taskId, String pid, StaffUser user, String operation, String text) {
    tasks.createComment(taskId, pid, "【" + label(operation) + "】" + user.userId() + ":" + text);
  }

  static String label(String operation) {
    return switch (operation) {
      case "transfer" -> "转办";
      case "delegate" -> "委派";
      case "resolve" -> "委派办结";
      case "countersign" -> "加签";
      case "sendBack" -> "退回";
      case "withdraw" -> "撤回";
      case "copy" -> "抄送";
      case "urge" -> "催办";
      default -> operation;
    };
  }

  private static String statusLabel(CaseStatus status) {
    return switch (status) {
      case PUBLIC_NOTICE -> "公示中";
      case APPROVED -> "已批准";
      case REJECTED -> "不予批准";
      case REFERRED -> "已转介";
      case REVOKED -> "已撤销";
      default -> status.name();
    };
  }

  private Map<String, Object> result(CaseTask t, String operation, Map<String, Object> extra) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("applicationNo", t.no());
    answer.put("taskId", t.id());
    answer.put("operation", operation);
    answer.putAll(extra);
    return answer;
  }

  /**
   * One transaction per operation; the engine's refusals become 4xx: someone else was faster (409), a rule of a
   * task listener (400 naming the field), a missing engine right (403), any other engine refusal of the state (409).
   */
  private <T> T inTransaction(Supplier<T> work) {
    try {
      return transaction.execute(status -> work.get());
    } catch (ApiException | InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // 回避 and one person, one role hold in the engine's listeners too (a colleague handed the task by 委派 …)
      CaseRoleRefusal refusal = CaseRoleRefusal.in(e);
      if (refusal != null) {
        throw ApiException.forbidden(refusal.reason());
      }
      throw engineRefusal(e);
    }
  }

  /** The engine's refusals as 4xx; anything else stays what it is (a 500, logged by the error handler). */
  private static RuntimeException engineRefusal(RuntimeException e) {
    if (e instanceof TaskAlreadyClaimedException || e instanceof OptimisticLockingException) {
      return ApiException.conflict("该任务或案件刚被他人处理,请刷新后重试");
    }
    if (e instanceof FormFieldValidationException f) {
      return invalid(f);
    }
    if (e instanceof AuthorizationException) {
      return ApiException.forbidden("无权执行该操作");
    }
    if (e instanceof ProcessEngineException) {
      if (e.getCause() instanceof FormFieldValidationException f) {
        return invalid(f);
      }
      LOG.warn("Task operation refused by the engine: {}", e.getMessage());
      return ApiException.conflict("案件或任务的当前状态不允许该操作,请刷新后重试");
    }
    return e;
  }

  private static InvalidInputException invalid(FormFieldValidationException e) {
    String message = e.getMessage() == null ? "取值无效" : e.getMessage();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[([A-Za-z0-9_.]+)\\] (.*)").matcher(message);
    if (m.find()) {
      return new InvalidInputException(m.group(1), m.group(2));
    }
    return new InvalidInputException("request", message);
  }
}
