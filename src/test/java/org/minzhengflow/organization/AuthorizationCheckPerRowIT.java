package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.minzhengflow.support.EngineStatements;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the engine's authorization join runs per row (AuthorizationCheckPerRowPlugin): the SQL really is the
 * lateral form, and each street still sees exactly its own cases — tasks, process instances, their variables and
 * their history — while the administrator sees both.
 */
class AuthorizationCheckPerRowIT extends PostgresIntegrationTest {

  @Autowired DibaoApplications applications;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  private <T> T as(String user, java.util.function.Supplier<T> call) {
    return org.minzhengflow.support.EngineUser.as(identity, user, call);
  }

  @Test
  void eachStreetSeesExactlyItsOwnCasesThroughThePerRowCheck() {
    DibaoScenario scenario = new DibaoScenario(applications, tasks, management, identity);
    String xf = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1").processInstanceId();
    String dl = scenario.submit(scenario.poorFamily("230102001"), "dl1-worker1").processInstanceId();
    List<String> both = List.of(xf, dl);

    List<String> statements = EngineStatements.during(() -> {
      for (String[] view : new String[][] {{"xf1-worker1", xf}, {"dl1-worker1", dl}}) {
        String user = view[0];
        String own = view[1];
        assertThat(as(user, () -> runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(both))
            .listPage(0, 10)).stream().map(p -> p.getId()).toList()).as("%s: process instances", user).containsExactly(own);
        assertThat(as(user, () -> history.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(both))
            .listPage(0, 10)).stream().map(p -> p.getId()).toList()).as("%s: history", user).containsExactly(own);
        assertThat(as(user, () -> runtime.createVariableInstanceQuery().processInstanceIdIn(both.toArray(String[]::new))
            .variableName("applicationNo").listPage(0, 10)).stream().map(v -> v.getProcessInstanceId()).toList())
            .as("%s: variables", user).containsExactly(own);
        assertThat(as(user, () -> history.createHistoricVariableInstanceQuery().processInstanceIdIn(both.toArray(String[]::new))
            .variableName("applicationNo").listPage(0, 10)).stream().map(v -> v.getProcessInstanceId()).toList())
            .as("%s: historic variables", user).containsExactly(own);
        assertThat(as(user, () -> runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(both)).count()))
            .isOne();
      }
      assertThat(as("admin", () -> runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(both)).count()))
          .isEqualTo(2);
    });
    // the queries above as the engine sent them: each one's authorization sub-select is the per-row form
    assertThat(statements).filteredOn(s -> s.contains("FROM ACT_RU_AUTHORIZATION A")).hasSizeGreaterThanOrEqualTo(10)
        .allSatisfy(s -> assertThat(s).containsIgnoringCase("join lateral").containsIgnoringCase("offset 0"));
  }

  @Autowired javax.sql.DataSource dataSource;

  /** A planner setting as a connection of the application's pool has it. */
  private String setting(String name) throws Exception {
    try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
         var result = statement.executeQuery("show " + name)) {
      result.next();
      return result.getString(1);
    }
  }

  @Test
  void everyConnectionPlansForDataInMemoryOrOnSsd() throws Exception {
    // PostgresPlannerSettings: without it a street's first Tasklist page walked every open task of the city
    assertThat(setting("random_page_cost")).isEqualTo("1.1");
  }

  @Test
  void everyConnectionStartsParallelWorkersOnlyForLargeQueries() throws Exception {
    // PostgresPlannerSettings: with PostgreSQL's 1000 a district bureau's Tasklist count waited for a worker process
    assertThat(setting("parallel_setup_cost")).isEqualTo("10000");
  }
}
