package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.ibatis.ognl.Ognl;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's queries read their properties through an accessor that remembers each read method
 * (QueryPropertyAccessPlugin): the same values as OGNL's own lookup, and the task queries that test exactly the
 * properties without a JavaBeans getter still find what they ask for.
 */
@SpringBootTest
@ActiveProfiles("test")
class QueryPropertyAccessPluginTest {

  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications applications;

  @Test
  void everyQueryOfTheEngineIsReadThroughTheCachingAccessor() throws Exception {
    assertThat(OgnlRuntime.getPropertyAccessor(ListQueryParameterObject.class))
        .isSameAs(QueryPropertyAccessPlugin.ACCESSOR);
  }

  @Test
  void thePropertiesWithoutAGetterAreReadAsOgnlReadsThem() throws Exception {
    TaskQueryImpl query = (TaskQueryImpl) tasks.createTaskQuery().withCandidateGroups().taskUnassigned();
    OgnlContext context = Ognl.createDefaultContext(query);
    for (String property : List.of("withCandidateGroups", "withoutCandidateGroups", "assigned", "isOrQueryActive",
        "withCandidateUsers", "assignee")) {
      Object cached = QueryPropertyAccessPlugin.ACCESSOR.getPossibleProperty(context, query, property);
      Object ognl = new org.apache.ibatis.ognl.ObjectPropertyAccessor().getPossibleProperty(context, query, property);
      assertThat(cached).as(property).isEqualTo(ognl);
    }
    assertThat(QueryPropertyAccessPlugin.ACCESSOR.getPossibleProperty(context, query, "withCandidateGroups")).isEqualTo(true);
    assertThat(QueryPropertyAccessPlugin.ACCESSOR.getPossibleProperty(context, query, "withoutCandidateGroups")).isEqualTo(false);
  }

  @Test
  void taskQueriesOnThosePropertiesFindTheirTasks() {
    DibaoScenario scenario = new DibaoScenario(applications, tasks, management, identity);
    String first = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String second = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    scenario.runJobs();
    Task claimed = scenario.task(first, "householdInvestigation");
    tasks.claim(claimed.getId(), "xf1-worker1");
    Task open = scenario.task(second, "householdInvestigation");

    List<String> both = List.of(first, second);
    List<String> unassigned = tasks.createTaskQuery().processInstanceIdIn(both.toArray(String[]::new)).withCandidateGroups()
        .taskUnassigned().listPage(0, 10).stream().map(Task::getId).toList();
    assertThat(unassigned).containsExactly(open.getId());
    List<String> assigned = tasks.createTaskQuery().processInstanceIdIn(both.toArray(String[]::new)).taskAssigned()
        .listPage(0, 10).stream().map(Task::getId).toList();
    assertThat(assigned).containsExactly(claimed.getId());
    assertThat(tasks.createTaskQuery().processInstanceIdIn(both.toArray(String[]::new)).withoutCandidateGroups().count())
        .isZero();
    assertThat(tasks.createTaskQuery().processInstanceIdIn(both.toArray(String[]::new)).or().taskAssignee("xf1-worker1")
        .taskCandidateGroup("no-such-group").endOr().listPage(0, 10)).extracting(Task::getId).containsExactly(claimed.getId());
  }
}
