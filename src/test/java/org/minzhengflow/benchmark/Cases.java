package org.minzhengflow.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.organization.StaffUser;

/**
 * Drives whole cases as staff and the job executor would (as support/CaseDriver does): the application
 * through {@link DibaoApplications#submit} as the street's caseworker, every due job of the case executed,
 * every task claimed and completed by its user under that user's engine authentication, the notice
 * timer fired where an operator finds it ({@code rootProcessInstanceId}, it is in the called notice).
 * The bare case goes through the same calls on {@link BareDibao}.
 */
final class Cases {

  /** The staff of one street: who files, the second home visitor, the leader, the district bureau. */
  record Street(String code, String districtCode, boolean pilot, String worker1, String worker2, String leader,
      String approver) {}

  /** Where a driven product case is left: the open task it waits on, or finished. */
  enum Stop { INVESTIGATION, INVESTIGATION_CLAIMED, STREET_REVIEW, DISTRICT_APPROVAL, FINISHED }

  private final DibaoApplications applications;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

  Cases(ProcessEngine engine, DibaoApplications applications) {
    this.applications = applications;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
  }

  List<String> groups(String user) {
    return groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u).list().stream().map(Group::getId).toList());
  }

  /** A whole 低保 case through the product; returns its process instance id. */
  String product(Street street, Stop stop) {
    String pid = applications.submit(Ids.poorFamily(street.code()), new StaffUser(street.worker1(), groups(street.worker1())))
        .processInstanceId();
    runJobs(pid);
    if (stop == Stop.INVESTIGATION) {
      return pid;
    }
    if (stop == Stop.INVESTIGATION_CLAIMED) {
      claim(task(pid, "householdInvestigation"), street.worker1());
      return pid;
    }
    complete(pid, "householdInvestigation", street.worker1(),
        Map.of("secondInvestigator", street.worker2(), "findings", "家中无贵重物品,情况属实"));
    if (stop == Stop.STREET_REVIEW) {
      return pid;
    }
    complete(pid, "streetReview", street.leader(), Map.of("decision", "approve"));
    fireTimer(pid, "Event_NoticePeriodEnded");
    if (stop == Stop.DISTRICT_APPROVAL) {
      return pid;
    }
    if (!street.pilot()) {
      complete(pid, "districtApproval", street.approver(), Map.of("decision", "approve"));
    } else if (task(pid, "districtSpotCheck") != null) {
      complete(pid, "districtSpotCheck", street.approver(), Map.of("decision", "approve"));
    }
    return pid;
  }

  /** The same wait states on the bare engine, through the same calls. */
  String bare(Street street, int serial) {
    String pid = runtime.startProcessInstanceByKey(BareDibao.KEY, "BARE" + serial, Variables.createVariables()
        .putValue("applicationNo", "BARE" + serial).putValue("applicantName", "张三")
        .putValue("streetCode", street.code()).putValue("pilotDistrict", false)
        .putValue("needsLaborAssessment", false).putValue("hadObjection", false).putValue("householdSize", 3)
        .putValue("districtGroup", "district-" + street.districtCode() + "-approver")).getId();
    runJobs(pid);
    complete(pid, "householdInvestigation", street.worker1(),
        Map.of("secondInvestigator", street.worker2(), "findings", "家中无贵重物品,情况属实"));
    complete(pid, "streetReview", street.leader(), Map.of("decision", "approve"));
    fireTimer(pid, "Event_NoticePeriodEnded");
    complete(pid, "districtApproval", street.approver(), Map.of("decision", "approve"));
    return pid;
  }

  Task task(String pid, String key) {
    return tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult();
  }

  private void claim(Task task, String user) {
    identity.setAuthentication(user, groups(user));
    try {
      tasks.claim(task.getId(), user);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Claims (as Tasklist does before completing) and completes as the user, then runs the jobs that follow. */
  void complete(String pid, String key, String user, Map<String, Object> variables) {
    Task task = task(pid, key);
    if (task == null) {
      throw new IllegalStateException("no open task " + key + " in " + pid);
    }
    identity.setAuthentication(user, groups(user));
    try {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
    runJobs(pid);
  }

  void fireTimer(String pid, String activityId) {
    Job timer = management.createJobQuery().rootProcessInstanceId(pid).activityId(activityId).singleResult();
    if (timer == null) {
      throw new IllegalStateException("no timer " + activityId + " in " + pid);
    }
    management.executeJob(timer.getId());
    runJobs(pid);
  }

  /** Every due job of the case (not the future timers), until none is left, as the job executor would. */
  void runJobs(String pid) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = management.createJobQuery().rootProcessInstanceId(pid).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs of " + pid + " do not drain");
  }
}
