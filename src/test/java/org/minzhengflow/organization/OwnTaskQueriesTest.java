package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.minzhengflow.organization.AuthorizedGroupsPlugin.UnfilteredGroupsAuthorizationManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A task query that asks only for the user's own tasks runs without the engine's authorization join
 * (AuthorizedGroupsPlugin); it must answer exactly what the full check answers, and every other query keeps the
 * check: another street's group, another user's candidates, a pattern of group names.
 */
@SpringBootTest
@ActiveProfiles("test")
class OwnTaskQueriesTest {

  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications applications;

  private List<String> groupsOf(String user) {
    return org.minzhengflow.support.EngineUser.groupsOf(identity, user);
  }

  private <T> T as(String user, java.util.function.Supplier<T> call) {
    return org.minzhengflow.support.EngineUser.as(identity, user, call);
  }

  private static List<String> ids(List<Task> list) {
    return list.stream().map(Task::getId).sorted().toList();
  }

  private boolean candidateOf(Task task, List<String> groups) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(l -> "candidate".equals(l.getType()) && groups.contains(l.getGroupId()));
  }

  @Test
  void ownGroupQueriesAnswerWhatTheFullCheckAnswersAndOtherGroupsStayHidden() {
    DibaoScenario scenario = new DibaoScenario(applications, tasks, management, identity);
    String xf = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String xfClaimed = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String dl = scenario.submit(scenario.poorFamily("230102001"), "dl1-worker1").processInstanceId();
    scenario.runJobs();
    tasks.claim(scenario.task(xfClaimed, "householdInvestigation").getId(), "xf1-worker2");

    for (String user : List.of("xf1-worker1", "xf1-worker2", "dl1-worker1", "xf1-leader")) {
      List<String> groups = groupsOf(user);
      // the full check: every task the user may read (no criteria, so the engine joins the authorizations)
      List<Task> readable = as(user, () -> tasks.createTaskQuery().listPage(0, 2000));
      List<String> expected = ids(readable.stream().filter(t -> candidateOf(t, groups)).toList());
      List<String> own = as(user, () -> ids(tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks()
          .listPage(0, 2000)));
      assertThat(own).as("own groups' tasks of %s", user).isEqualTo(expected);
      assertThat(as(user, () -> tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().count()))
          .isEqualTo(expected.size());
      List<String> assigned = ids(readable.stream().filter(t -> user.equals(t.getAssignee())).toList());
      assertThat(as(user, () -> ids(tasks.createTaskQuery().taskAssignee(user).listPage(0, 2000)))).isEqualTo(assigned);
    }
    assertThat(as("xf1-worker2", () -> ids(tasks.createTaskQuery().taskAssignee("xf1-worker2").listPage(0, 100))))
        .containsExactly(scenario.task(xfClaimed, "householdInvestigation").getId());

    // another street's group: the check stays and hides its tasks, although they exist
    String dlGroup = groupsOf("dl1-worker1").stream().filter(g -> !groupsOf("xf1-worker1").contains(g)).findFirst()
        .orElseThrow();
    assertThat(tasks.createTaskQuery().taskCandidateGroup(dlGroup).count()).isPositive();
    assertThat(as("xf1-worker1", () -> tasks.createTaskQuery().taskCandidateGroup(dlGroup).count())).isZero();
    List<String> mixed = new java.util.ArrayList<>(groupsOf("xf1-worker1"));
    mixed.add(dlGroup);
    assertThat(as("xf1-worker1", () -> ids(tasks.createTaskQuery().taskCandidateGroupIn(mixed).listPage(0, 100))))
        .contains(scenario.task(xf, "householdInvestigation").getId())
        .doesNotContain(scenario.task(dl, "householdInvestigation").getId());
    assertThat(as("xf1-worker1", () -> tasks.createTaskQuery().taskCandidateUser("dl1-worker1").count())).isZero();
    assertThat(as("xf1-worker1", () -> tasks.createTaskQuery().taskCandidateGroupLike("%").count()))
        .isEqualTo(as("xf1-worker1", () -> tasks.createTaskQuery().taskCandidateGroupIn(groupsOf("xf1-worker1")).count()));
    assertThat(as("xf1-worker1", () -> tasks.createTaskQuery().taskAssignee("dl1-worker1").count())).isZero();
  }

  @Test
  void onlyQueriesLimitedToTheUsersOwnLinksSkipTheJoin() {
    List<String> groups = List.of("street-a", "street-a-leaders");
    assertThat(skips(q -> q.taskCandidateGroupIn(groups), groups)).isTrue();
    assertThat(skips(q -> q.taskCandidateGroup("street-a"), groups)).isTrue();
    assertThat(skips(q -> q.taskAssignee("u"), groups)).isTrue();
    assertThat(skips(q -> q.taskOwner("u"), groups)).isTrue();
    assertThat(skips(q -> q.taskCandidateGroupIn(List.of("street-a", "street-b")), groups)).isFalse();
    assertThat(skips(q -> q.taskCandidateGroupLike("street-%"), groups)).isFalse();
    assertThat(skips(q -> q.taskAssignee("other"), groups)).isFalse();
    assertThat(skips(q -> q.processDefinitionKey("dibao"), groups)).isFalse();
    assertThat(skips(q -> q, groups)).isFalse();
    // an or-query on the user's own links does not limit the top level: the check stays
    assertThat(skips(q -> q.or().taskAssignee("u").taskCandidateGroup("street-b").endOr(), groups))
        .isFalse();
  }

  private static boolean skips(java.util.function.Function<TaskQueryImpl, org.camunda.bpm.engine.task.TaskQuery> criteria,
      List<String> groups) {
    TaskQueryImpl query = new TaskQueryImpl();
    criteria.apply(query);
    return UnfilteredGroupsAuthorizationManager.asksOnlyForOwnTasks(query, "u", groups);
  }

}
