package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.support.EngineStatements;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL, a candidate-group page is computed from the group's own tasks (CandidateGroupPagePlugin): a street
 * whose open tasks are older than every other street's still sees exactly its newest tasks first, page by page, as
 * the engine's own form of the query returns them — and Tasklist's filters of a role take that form.
 */
class CandidateGroupPagePluginIT extends PostgresIntegrationTest {

  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;
  @Autowired ProcessEngineConfigurationImpl configuration;

  private final List<String> created = new ArrayList<>();
  private final String backlog = "gfp-" + UUID.randomUUID() + "-backlog";
  private final String busy = "gfp-" + UUID.randomUUID() + "-busy";

  @AfterEach
  void deleteTasks() {
    created.forEach(id -> tasks.deleteTask(id, true));
  }

  /** A task of {@code group} created at {@code at} (the order a page is sorted by), claimed by {@code assignee} or not. */
  private String task(String group, Instant at, String name, String assignee) {
    TaskEntity task = (TaskEntity) tasks.newTask();
    task.setName(name);
    task.setCreateTime(Date.from(at));
    task.setAssignee(assignee);
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), group);
    created.add(task.getId());
    return task.getId();
  }

  /** The backlog street's 12 tasks (3 of them claimed), all older than the busy street's 40. */
  private void backlogBehindBusyStreet() {
    Instant start = Instant.parse("2026-01-05T08:00:00Z");
    for (int i = 0; i < 12; i++) {
      task(backlog, start.plusSeconds(60L * i), "backlog-" + i, i % 4 == 1 ? "someone" : null);
    }
    for (int i = 0; i < 40; i++) {
      task(busy, start.plusSeconds(86_400L + 60L * i), "busy-" + i, null);
    }
  }

  private static List<String> names(List<Task> page) {
    return page.stream().map(Task::getName).toList();
  }

  @Test
  void theEngineQueriesTasksThroughTheGroupFirstManager() {
    Object manager = configuration.getCommandExecutorTxRequired().execute(context -> context.getSession(TaskManager.class));
    assertThat(manager).isInstanceOf(CandidateGroupPagePlugin.GroupFirstTaskManager.class);
  }

  @Test
  void aSmallGroupsPagesComeFromItsOwnTasksNewestFirstAsTheEnginesOwnFormGivesThem() {
    backlogBehindBusyStreet();
    List<String> statements = EngineStatements.during(() ->
        tasks.createTaskQuery().taskCandidateGroup(backlog).taskUnassigned().orderByTaskCreateTime().desc().listPage(0, 4));
    assertThat(page(statements)).contains("offset 0").contains("ACT_RU_IDENTITYLINK");

    // unclaimed only, newest first: 11, 10, 8, 7 | 6, 4, 3, 2 | 0 (1, 5 and 9 are claimed)
    TaskQuery unassigned = tasks.createTaskQuery().taskCandidateGroup(backlog).taskUnassigned().orderByTaskCreateTime().desc();
    assertThat(names(unassigned.listPage(0, 4))).containsExactly("backlog-11", "backlog-10", "backlog-8", "backlog-7");
    assertThat(names(unassigned.listPage(4, 4))).containsExactly("backlog-6", "backlog-4", "backlog-3", "backlog-2");
    assertThat(names(unassigned.listPage(8, 4))).containsExactly("backlog-0");
    assertThat(unassigned.listPage(12, 4)).isEmpty();

    // the same query in a form this plugin leaves to the engine (an "or" of one condition): the same pages
    for (int first = 0; first < 14; first += 3) {
      TaskQuery enginesForm = tasks.createTaskQuery().or().taskCandidateGroup(backlog).endOr().taskUnassigned()
          .orderByTaskCreateTime().desc();
      TaskQuery groupFirst = tasks.createTaskQuery().taskCandidateGroup(backlog).taskUnassigned()
          .orderByTaskCreateTime().desc();
      assertThat(names(groupFirst.listPage(first, 3))).as("page from %d", first)
          .isEqualTo(names(enginesForm.listPage(first, 3)));
    }
    // claimed ones included, oldest first, by name: the order is the query's, whatever it is
    assertThat(names(tasks.createTaskQuery().taskCandidateGroupIn(List.of(backlog, busy)).includeAssignedTasks()
        .orderByTaskName().asc().listPage(0, 3))).containsExactly("backlog-0", "backlog-1", "backlog-10");
    assertThat(names(tasks.createTaskQuery().taskCandidateGroup(backlog).includeAssignedTasks()
        .orderByTaskCreateTime().asc().listPage(0, 2))).containsExactly("backlog-0", "backlog-1");
  }

  @Test
  void queriesItCannotReproduceExactlyKeepTheEnginesForm() {
    backlogBehindBusyStreet();
    List<String> orQuery = EngineStatements.during(() -> tasks.createTaskQuery().or().taskCandidateGroup(backlog)
        .taskAssignee("someone").endOr().orderByTaskCreateTime().desc().listPage(0, 4));
    assertThat(page(orQuery)).doesNotContain("offset 0");
    List<String> byVariable = EngineStatements.during(() -> tasks.createTaskQuery().taskCandidateGroup(backlog)
        .orderByProcessVariable("applicantName", org.camunda.bpm.engine.variable.type.ValueType.STRING).asc().listPage(0, 4));
    assertThat(page(byVariable)).doesNotContain("offset 0");
    List<String> assignee = EngineStatements.during(() -> tasks.createTaskQuery().taskAssignee("someone")
        .orderByTaskCreateTime().desc().listPage(0, 4));
    assertThat(page(assignee)).doesNotContain("offset 0");
    // what the engine's form answers for them is unchanged
    assertThat(names(tasks.createTaskQuery().or().taskCandidateGroup(backlog).taskAssignee("someone").endOr()
        .orderByTaskCreateTime().desc().listPage(0, 4))).containsExactly("backlog-11", "backlog-10", "backlog-9", "backlog-8");
  }

  @Test
  void aStreetCaseworkersTasklistFilterTakesTheGroupFirstForm() {
    String street = filters.createFilterQuery().filterName("本街道待认领").singleResult().getId();
    List<String> groups = org.minzhengflow.support.EngineUser.groupsOf(identity, "xf1-worker1");
    identity.setAuthentication("xf1-worker1", groups);
    List<String> statements;
    try {
      statements = EngineStatements.during(() -> filters.listPage(street,
          tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15));
    } finally {
      identity.clearAuthentication();
    }
    // the user's own groups' candidates: no authorization join (AuthorizedGroupsPlugin), fenced all the same
    assertThat(page(statements)).contains("offset 0").contains("ACT_RU_IDENTITYLINK");
  }

  /** The task query among the statements of a call (a page's tasks may be followed by their process definitions). */
  private static String page(List<String> statements) {
    List<String> pages = statements.stream().filter(s -> s.contains("from ACT_RU_TASK RES")).toList();
    assertThat(pages).hasSize(1);
    return pages.get(0);
  }

  @Test
  void anotherGroupsPageKeepsTheAuthorizationCheckInsideTheFence() {
    backlogBehindBusyStreet();
    List<String> groups = org.minzhengflow.support.EngineUser.groupsOf(identity, "xf1-worker1");
    identity.setAuthentication("xf1-worker1", groups);
    List<Task> page;
    List<String> statements;
    try {
      List<List<Task>> result = new ArrayList<>();
      statements = EngineStatements.during(() -> result.add(tasks.createTaskQuery().taskCandidateGroup(backlog)
          .orderByTaskCreateTime().desc().listPage(0, 15)));
      page = result.get(0);
    } finally {
      identity.clearAuthentication();
    }
    // the backlog street's tasks are its group's to read, not xf1-worker1's
    assertThat(page).isEmpty();
    String sql = page(statements);
    assertThat(sql).contains("offset 0").contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.indexOf("ACT_RU_AUTHORIZATION")).as("the check is part of the fenced query").isLessThan(sql.indexOf("offset 0"));
  }
}
