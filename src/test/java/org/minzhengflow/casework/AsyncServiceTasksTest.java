package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service task of every model in processes/ is a job of its own once the engine has parsed it
 * (asyncBefore, from {@link AsyncServiceTasks}), whatever the designer set in Modeler.
 */
class AsyncServiceTasksTest {

  static ProcessEngine engine;

  @BeforeAll
  static void engine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:async-service-tasks;DB_CLOSE_DELAY=1000");
    configuration.setJobExecutorActivate(false);
    configuration.setProcessEngineName("async-service-tasks");
    configuration.setProcessEnginePlugins(List.of(new AsyncServiceTasks()));
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void everyServiceTaskOfEveryModelIsAsyncBefore() throws IOException {
    List<Path> models;
    try (Stream<Path> list = Files.list(Path.of("processes"))) {
      models = list.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    var deployment = engine.getRepositoryService().createDeployment();
    List<String> serviceTasks = new ArrayList<>();
    for (Path model : models) {
      deployment.addInputStream(model.getFileName().toString(), Files.newInputStream(model));
      Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(ServiceTask.class)
          .forEach(t -> serviceTasks.add(t.getId()));
    }
    String deploymentId = deployment.deploy().getId();
    assertThat(serviceTasks).hasSizeGreaterThan(20);

    List<String> notAsync = new ArrayList<>();
    int checked = 0;
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
        .deploymentId(deploymentId).list()) {
      ProcessDefinitionEntity parsed = (ProcessDefinitionEntity) ((RepositoryServiceImpl) engine.getRepositoryService())
          .getDeployedProcessDefinition(definition.getId());
      for (ActivityImpl activity : all(parsed)) {
        if (serviceTasks.contains(activity.getId())) {
          checked++;
          if (!activity.isAsyncBefore()) {
            notAsync.add(definition.getKey() + "/" + activity.getId());
          }
        }
      }
    }
    assertThat(checked).isEqualTo(serviceTasks.size());
    assertThat(notAsync).isEmpty();
  }

  private static List<ActivityImpl> all(ScopeImpl scope) {
    List<ActivityImpl> activities = new ArrayList<>();
    for (ActivityImpl a : scope.getActivities()) {
      activities.add(a);
      activities.addAll(all(a));
    }
    return activities;
  }
}
