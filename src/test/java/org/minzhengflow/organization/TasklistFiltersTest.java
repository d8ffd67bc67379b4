package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Tasklist filters say in their query which tasks a member of staff may see (their groups' tasks, also
 * once claimed by a colleague; their own in 我的待办), so the database can start from the user's groups; together
 * they must show exactly what the authorizations allow — no more (another street) and no less (a colleague's
 * claimed task, a delegated one, an escalated one).
 */
@SpringBootTest
@ActiveProfiles("test")
class TasklistFiltersTest {

  static final List<String> STAFF = List.of("xf1-worker1", "xf1-worker2", "xf1-leader", "xf-approver", "dl1-worker1",
      "dl1-leader", "dl-approver", "city-approver", "assessor1", "fire-reviewer");

  @Autowired FilterService filters;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications applications;

  private static List<String> union(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().sorted().toList();
  }

  private List<String> ids(List<Task> list) {
    return list.stream().map(Task::getId).sorted().toList();
  }

  private <T> T as(String user, java.util.function.Supplier<T> call) {
    return org.minzhengflow.support.EngineUser.as(identity, user, call);
  }

  @Test
  void everyStaffFilterShowsExactlyTheTasksTheUserMaySee() {
    DibaoScenario scenario = new DibaoScenario(applications, tasks, management, identity);
    // open tasks in both streets: unclaimed, claimed by a colleague, delegated, escalated to the level above
    String xf1 = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String xf2 = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String xf3 = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String dl1 = scenario.submit(scenario.poorFamily("230102001"), "dl1-worker1").processInstanceId();
    scenario.runJobs();
    Task claimed = scenario.task(xf1, "householdInvestigation");
    tasks.claim(claimed.getId(), "xf1-worker1");
    Task delegated = scenario.task(xf2, "householdInvestigation");
    tasks.claim(delegated.getId(), "xf1-worker2");
    tasks.delegateTask(delegated.getId(), "xf1-leader");
    scenario.fireTimer(xf3, "Event_HouseholdInvestigationOverdue");
    scenario.investigate(dl1, "dl1-worker1", "dl1-worker2");

    Filter all = filters.createFilterQuery().filterName("本辖区全部任务").singleResult();
    Filter dueSoon = filters.createFilterQuery().filterName("即将超期").singleResult();
    Filter mine = filters.createFilterQuery().filterName("我的待办").singleResult();
    java.util.Date inTwoDays = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now().plusDays(2));
    int checked = 0;
    for (String user : STAFF) {
      List<String> mayRead = as(user, () -> ids(tasks.createTaskQuery().listPage(0, 2000)));
      List<String> inFilter = as(user, () -> ids(filters.listPage(all.getId(), 0, 2000)));
      List<String> assigned = as(user, () -> ids(filters.listPage(mine.getId(), 0, 2000)));
      assertThat(union(inFilter, assigned)).as("本辖区全部任务 + 我的待办 of %s", user).isEqualTo(mayRead);
      assertThat(as(user, () -> filters.count(all.getId()))).isEqualTo(inFilter.size());
      List<String> dueReadable = as(user, () -> ids(tasks.createTaskQuery().dueBefore(inTwoDays).listPage(0, 2000)));
      List<String> dueAssigned = as(user, () -> ids(tasks.createTaskQuery().taskAssignee(user).dueBefore(inTwoDays)
          .listPage(0, 2000)));
      assertThat(union(as(user, () -> ids(filters.listPage(dueSoon.getId(), 0, 2000))), dueAssigned))
          .as("即将超期 + 我的待办 due soon of %s", user).isEqualTo(dueReadable);
      checked += mayRead.size();
    }
    // the xf tasks are seen by both caseworkers, the leader (delegated, escalated), dl1 by its leader
    assertThat(checked).isGreaterThanOrEqualTo(8);
    // the cases above are in the lists where the organisation says they belong
    List<String> colleague = as("xf1-worker2", () -> ids(filters.listPage(all.getId(), 0, 2000)));
    assertThat(colleague).contains(claimed.getId()).doesNotContain(scenario.task(dl1, "streetReview").getId());
    assertThat(as("xf1-leader", () -> ids(filters.listPage(all.getId(), 0, 2000))))
        .contains(scenario.task(xf3, "householdInvestigation").getId()).doesNotContain(delegated.getId());
    assertThat(as("xf1-leader", () -> ids(filters.listPage(mine.getId(), 0, 2000)))).contains(delegated.getId());
    assertThat(as("dl1-leader", () -> ids(filters.listPage(all.getId(), 0, 2000))))
        .contains(scenario.task(dl1, "streetReview").getId()).doesNotContain(claimed.getId());
  }

  @Autowired OrganizationSetup setup;

  @Test
  void aFilterOfAnEarlierReleaseIsBroughtUpToDateAtStart() {
    Filter all = filters.createFilterQuery().filterName("本辖区全部任务").singleResult();
    String current = new org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter().toJson(all.getQuery());
    all.setQuery(tasks.createTaskQuery());
    filters.saveFilter(all);
    setup.run();
    Filter after = filters.getFilter(all.getId());
    assertThat(new org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter().toJson(after.getQuery())).isEqualTo(current)
        .contains("includeAssignedTasks").doesNotContain("orQueries");
    assertThat(filters.createFilterQuery().filterName("本辖区全部任务").count()).isEqualTo(1);
  }

  @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;

  @Test
  void staffReadTheProcessNamesThroughOneGlobalGrantNotOneRowPerGroup() {
    assertThat(as("xf1-worker1", () -> repository.createProcessDefinitionQuery().processDefinitionKey("dibao").count()))
        .isPositive();
    assertThat(as("assessor1", () -> repository.createProcessDefinitionQuery().processDefinitionKey("eldercare").count()))
        .isPositive();
    // rows on "*" are tested for every task a task query looks at: only the global one and the administrators'
    var onAny = authorizations.createAuthorizationQuery()
        .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION)
        .resourceId(org.camunda.bpm.engine.authorization.Authorization.ANY).list();
    assertThat(onAny).extracting(a -> a.getGroupId() == null ? "*" : a.getGroupId())
        .containsExactlyInAnyOrder("*", "camunda-admin");
  }

  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @Test
  void theEngineKeepsTheUsersGroupsWithoutScanningEveryGroupThatHoldsAnAuthorization() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Object manager = configuration.getCommandExecutorTxRequired().execute(context -> context.getAuthorizationManager());
    assertThat(manager).isInstanceOf(AuthorizedGroupsPlugin.UnfilteredGroupsAuthorizationManager.class);
    // a group without any authorization changes nothing: a user in it sees what the user's other groups allow
    identity.saveGroup(identity.newGroup("no-rights-" + System.nanoTime()));
    List<String> normal = as("xf1-worker1", () -> ids(tasks.createTaskQuery().listPage(0, 2000)));
    identity.setAuthentication("xf1-worker1", List.of("street-230110001-caseworker", "no-such-group-at-all"));
    try {
      assertThat(ids(tasks.createTaskQuery().listPage(0, 2000))).isEqualTo(normal);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void administratorsHaveTheirOwnOverviewOfEveryTask() {
    Filter everything = filters.createFilterQuery().filterName("全部任务(系统管理员)").singleResult();
    assertThat(everything).isNotNull();
    assertThat(as("admin", () -> filters.count(everything.getId()))).isEqualTo(tasks.createTaskQuery().count());
    assertThat(as("xf1-worker1", () -> filters.createFilterQuery().filterName("全部任务(系统管理员)").count())).isZero();
  }

  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

  @Test
  void everyFilterListsTheApplicantTheStreetAndTheCaseDeadline() {
    for (Filter f : filters.createFilterQuery().list()) {
      assertThat(f.getProperties().get("variables")).as(f.getName()).isEqualTo(List.of(
          java.util.Map.of("name", "applicantName", "label", "申请人"),
          java.util.Map.of("name", "streetName", "label", "街道(乡镇)"),
          java.util.Map.of("name", "applicationNo", "label", "申请编号"),
          java.util.Map.of("name", "caseDeadline", "label", "全案办结期限")));
    }
    // and every case carries them (set at intake by the core, for every kind)
    DibaoScenario scenario = new DibaoScenario(applications, tasks, management, identity);
    var submitted = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1");
    var variables = runtime.getVariables(submitted.processInstanceId());
    assertThat(variables.get("applicantName")).isNotNull();
    assertThat(variables.get("streetName")).isEqualTo("香坊大街街道");
    assertThat((String) variables.get("caseDeadline")).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void theListColumnsOfAnEarlierReleaseAreBroughtUpToDateAtStartAndTheRestIsKept() {
    Filter mine = filters.createFilterQuery().filterName("我的待办").singleResult();
    java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(mine.getProperties());
    Object priority = old.get("priority");
    old.put("variables", List.of(java.util.Map.of("name", "applicationNo", "label", "申请编号"),
        java.util.Map.of("name", "applicantName", "label", "申请人")));
    old.put("priority", -11);
    mine.setProperties(old);
    filters.saveFilter(mine);

    setup.run();
    setup.run();
    Filter after = filters.getFilter(mine.getId());
    assertThat(after.getProperties().get("variables")).isEqualTo(OrganizationSetup.LIST_VARIABLES);
    assertThat(after.getProperties().get("priority")).isEqualTo(-11);
    assertThat(after.getProperties().get("description")).isEqualTo(old.get("description"));
    assertThat(filters.createFilterQuery().filterName("我的待办").count()).isEqualTo(1);
    java.util.Map<String, Object> restored = new java.util.LinkedHashMap<>(after.getProperties());
    restored.put("priority", priority);
    after.setProperties(restored);
    filters.saveFilter(after);
  }
}
