package org.minzhengflow.support;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.minzhengflow.organization.StaffUser;

/**
 * Drives cases in process tests the way staff and the job executor would: jobs run when due, tasks
 * are claimed and completed under the user's engine authentication, timers are fired on demand.
 */
public class CaseDriver {

  protected final TaskService tasks;
  protected final ManagementService management;
  protected final IdentityService identity;

  public CaseDriver(TaskService tasks, ManagementService management, IdentityService identity) {
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
  }

  public StaffUser staff(String user) {
    return new StaffUser(user, groups(user));
  }

  protected List<String> groups(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  /** Runs every due job (not future timers) until none is left, as the job executor would. */
  public void runJobs() {
    for (int round = 0; round < 50; round++) {
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(j -> j.getRetries() > 0).toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException e) {
          // a failing job keeps its (decremented) retries, as with the job executor
        }
      }
    }
  }

  public Task task(String processInstanceId, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
  }

  public List<Task> tasks(String processInstanceId, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).list();
  }

  /** Claims (when unassigned) and completes the task as the user, then runs the jobs that follow. */
  public void complete(Task task, String user, Map<String, Object> variables) {
    if (task == null) {
      throw new AssertionError("no open task");
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
    runJobs();
  }

  public void complete(String processInstanceId, String key, String user, Map<String, Object> variables) {
    Task task = task(processInstanceId, key);
    if (task == null) {
      throw new AssertionError("no open task " + key);
    }
    complete(task, user, variables);
  }

  /** Fires a timer of the case, also one of a process it called (the shared public notice). */
  public void fireTimer(String processInstanceId, String activityId) {
    Job timer = management.createJobQuery().rootProcessInstanceId(processInstanceId).activityId(activityId).singleResult();
    if (timer == null) {
      throw new AssertionError("no timer at " + activityId);
    }
    management.executeJob(timer.getId());
    runJobs();
  }
}
