package org.minzhengflow.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.minzhengflow.MinzhengFlowApplication;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.support.EmbeddedPostgres;
import org.minzhengflow.support.Http;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SQL statements per operation — a figure the load of other processes on the machine cannot move, unlike
 * timings. Not part of {@code ./mvnw verify} (the name matches no include pattern) nor of the benchmark
 * profile; run it alone:
 *
 * <pre>./mvnw -q test -Dtest=StatementCounts -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The application starts as in {@link CityScaleBenchmark} (test profile, demo organisation, embedded
 * PostgreSQL, job executor stopped), its data source wrapped so that every statement it executes is
 * recorded. Then, after one warm-up of each: one intake over HTTP ({@code POST /api/dibao/applications}),
 * each job of that case up to its home visit, claim and complete of the home visit, and every Tasklist
 * filter's first page and count as {@code xf1-worker1} under its engine authentication. Writes
 * {@code target/statements.md}: statements (a JDBC batch counts each of its rows) and round trips (a batch
 * counts once) per operation, then each operation's statements, grouped.
 */
class StatementCounts {

  /** One execution: the SQL, and whether it went as a row of a JDBC batch. */
  record Executed(String sql, boolean batched) {}

  private static final List<Executed> RECORDED = new ArrayList<>();
  private static volatile boolean recording;
  private static final ThreadLocal<Integer> BATCH = ThreadLocal.withInitial(() -> 0);
  private static final List<Integer> BATCHES = new ArrayList<>();
  private static final java.util.concurrent.atomic.AtomicLong COMMITS = new java.util.concurrent.atomic.AtomicLong();
  private static final java.util.concurrent.atomic.AtomicLong JDBC_NANOS = new java.util.concurrent.atomic.AtomicLong();

  /** Rounds of every operation; the first half warms up (JIT, caches), the second is timed, the last is shown. */
  private static final int ROUNDS = Integer.getInteger("statements.rounds", 30);

  private final Map<String, List<Long>> walls = new LinkedHashMap<>();
  private ProcessEngine engine;
  private final StringBuilder out = new StringBuilder("# SQL statements per operation\n\n");
  private final StringBuilder details = new StringBuilder();

  @Test
  void statementsPerOperation() throws Exception {
    String url = EmbeddedPostgres.newDatabase();
    ConfigurableApplicationContext app = new SpringApplicationBuilder(MinzhengFlowApplication.class).profiles("test")
        .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
          @Override
          public Object postProcessAfterInitialization(Object bean, String name) {
            return bean instanceof DataSource ds && "dataSource".equals(name) ? recording(ds) : bean;
          }
        }))
        .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres", "--server.port=0",
            "--camunda.bpm.job-execution.enabled=true",
            "--camunda.bpm.generic-properties.properties.job-executor-activate=false",
            "--logging.level.org.minzhengflow=warn");
    try {
      engine = app.getBean(ProcessEngine.class);
      ProcessEngines.registerProcessEngine(engine);
      out.append("Engine: authorizationCheckRevokes = %s.\n\n".formatted(
          ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getAuthorizationCheckRevokes()));
      JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
      if (jobExecutor.isActive()) {
        jobExecutor.shutdown();
      }
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      Http http = new Http(port);
      Cases cases = new Cases(engine, app.getBean(DibaoApplications.class));
      out.append("| operation | statements | round trips | of them selects | commits | wall ms (median of the timed rounds) | in JDBC ms (last round) |\n"
          + "| --- | --- | --- | --- | --- | --- | --- |\n");
      BareDibao.deploy(engine);
      for (int round = 0; round < ROUNDS; round++) {
        boolean shown = round == ROUNDS - 1; // the first round warms caches (definitions, jurisdictions, decisions)
        // workload 1's two kinds of whole case, exactly as the benchmark drives them: where R's difference is sent
        int serial = round;
        measure(shown, "whole case: product (workload 1, two-level street)", () -> cases.product(CityOrganization.XF1,
            Cases.Stop.FINISHED));
        measure(shown, "whole case: bare engine (workload 1)", () -> cases.bare(CityOrganization.XF1, serial));
        String pid = measure(shown, "intake: POST /api/dibao/applications", () -> {
          Http.Response response = http.post("xf1-worker1", "/api/dibao/applications", Ids.poorFamily("230110001"));
          if (response.status() != 201) {
            throw new IllegalStateException(response.status() + " " + response.body());
          }
          return response.json().get("processInstanceId").asText();
        });
        ManagementService management = engine.getManagementService();
        for (int i = 0; i < 20; i++) {
          List<Job> due = management.createJobQuery().rootProcessInstanceId(pid).executable().list();
          if (due.isEmpty()) {
            break;
          }
          for (Job job : due) {
            var definition = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
            String activity = definition == null ? job.getId()
                : definition.getActivityId() + " (" + definition.getJobType() + " " + definition.getJobConfiguration() + ")";
            measure(shown, "job " + activity, () -> {
              management.executeJob(job.getId());
              return null;
            });
          }
        }
        Task visit = cases.task(pid, "householdInvestigation");
        IdentityService identity = engine.getIdentityService();
        List<String> groups = cases.groups("xf1-worker1");
        measure(shown, "claim 入户调查 (xf1-worker1, authenticated)", () -> asUser(identity, groups, () -> {
          engine.getTaskService().claim(visit.getId(), "xf1-worker1");
          return null;
        }));
        measure(shown, "complete 入户调查 (xf1-worker1, authenticated)", () -> asUser(identity, groups, () -> {
          engine.getTaskService().complete(visit.getId(), Map.of("secondInvestigator", "xf1-worker2",
              "findings", "家中无贵重物品,情况属实"));
          return null;
        }));
        FilterService filters = engine.getFilterService();
        for (var filter : filters.createFilterQuery().list()) {
          if (!List.of("我的待办", "本街道待认领", "即将超期", "本辖区全部任务").contains(filter.getName())) {
            continue;
          }
          measure(shown, "Tasklist " + filter.getName() + " first page (listPage 0, 15)", () -> asUser(identity, groups,
              () -> filters.listPage(filter.getId(), engine.getTaskService().createTaskQuery().orderByTaskCreateTime().desc(), 0, 15)));
          measure(shown, "Tasklist " + filter.getName() + " count", () -> asUser(identity, groups,
              () -> filters.count(filter.getId())));
          // what Tasklist really sends: the REST call with HAL, so the list columns' variables, the assignees and the
          // process definitions come with the page, and HTTP Basic's user and group look-up before it
          measure(shown, "REST " + filter.getName() + " first page (HAL, as Tasklist)", () -> http.postHal("xf1-worker1",
              "/engine-rest/filter/" + filter.getId() + "/list?firstResult=0&maxResults=15",
              java.util.Map.of("sorting", List.of(java.util.Map.of("sortBy", "created", "sortOrder", "desc")))).status());
          measure(shown, "REST " + filter.getName() + " count", () -> http.get("xf1-worker1",
              "/engine-rest/filter/" + filter.getId() + "/count").status());
        }
        // the bare engine's nearest query (no filter, no authentication, so no authorization check): the fixed cost
        // of a filter call under authentication is the difference
        measure(shown, "bare engine: candidate-group first page, no authentication", () -> engine.getTaskService()
            .createTaskQuery().taskCandidateGroupIn(groups).taskUnassigned().orderByTaskCreateTime().desc().listPage(0, 15));
        measure(shown, "bare engine: candidate-group count, no authentication", () -> engine.getTaskService()
            .createTaskQuery().taskCandidateGroupIn(groups).taskUnassigned().count());
      }
    } finally {
      app.close();
    }
    Path file = Path.of("target", "statements.md");
    Files.writeString(file, out + "\n" + details);
    System.out.println(out);
    System.out.println("details in " + file.toAbsolutePath());
  }

  private static <T> T asUser(IdentityService identity, List<String> groups, Supplier<T> call) {
    identity.setAuthentication("xf1-worker1", groups);
    try {
      return call.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  private <T> T measure(boolean shown, String what, Supplier<T> operation) {
    synchronized (RECORDED) {
      RECORDED.clear();
    }
    synchronized (BATCHES) {
      BATCHES.clear();
    }
    JDBC_NANOS.set(0);
    COMMITS.set(0);
    recording = true;
    T result;
    long t0 = System.nanoTime();
    try {
      result = operation.get();
    } finally {
      recording = false;
    }
    long wall = System.nanoTime() - t0;
    List<Long> timed = walls.computeIfAbsent(what, k -> new ArrayList<>());
    timed.add(wall);
    if (!shown) {
      return result;
    }
    List<Long> second = new ArrayList<>(timed.subList(timed.size() / 2, timed.size()));
    java.util.Collections.sort(second);
    long median = second.get(second.size() / 2);
    List<Executed> executed;
    synchronized (RECORDED) {
      executed = new ArrayList<>(RECORDED);
    }
    long batchedRows = executed.stream().filter(Executed::batched).count();
    long batches;
    synchronized (BATCHES) {
      batches = BATCHES.size();
      BATCHES.clear();
    }
    long trips = executed.size() - batchedRows + batches;
    long selects = executed.stream().filter(e -> e.sql().stripLeading().toLowerCase().startsWith("select")
        || e.sql().stripLeading().toLowerCase().startsWith("with")).count();
    out.append("| %s | %d | %d | %d | %d | %.1f | %.1f |\n".formatted(what, executed.size(), trips, selects, COMMITS.get(), median / 1e6,
        JDBC_NANOS.get() / 1e6));
    Map<String, Integer> grouped = new LinkedHashMap<>();
    for (Executed e : executed) {
      grouped.merge((e.batched() ? "[batch] " : "") + e.sql().replaceAll("\\s+", " ").trim(), 1, Integer::sum);
    }
    details.append("## ").append(what).append("\n\n");
    grouped.forEach((sql, n) -> details.append("- ").append(n).append(" × `")
        .append(sql.length() > 300 ? sql.substring(0, 300) + "…" : sql).append("`\n"));
    details.append('\n');
    return result;
  }

  private static void record(String sql, boolean batched) {
    if (recording) {
      synchronized (RECORDED) {
        RECORDED.add(new Executed(sql, batched));
      }
    }
  }

  private static DataSource recording(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(StatementCounts.class.getClassLoader(), new Class<?>[] {DataSource.class},
        forward(target, (proxy, method, args, result) -> method.getName().equals("getConnection")
            ? connection((Connection) result) : result));
  }

  private static Connection connection(Connection target) {
    return (Connection) Proxy.newProxyInstance(StatementCounts.class.getClassLoader(), new Class<?>[] {Connection.class},
        forward(target, (proxy, method, args, result) -> {
          if (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall")) {
            return statement((Statement) result, (String) args[0]);
          }
          if (method.getName().equals("commit") && recording) {
            COMMITS.incrementAndGet();
          }
          if (method.getName().equals("createStatement")) {
            return statement((Statement) result, null);
          }
          return result;
        }));
  }

  private static Statement statement(Statement target, String preparedSql) {
    Class<?> type = target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    List<String> pendingBatch = new ArrayList<>();
    return (Statement) Proxy.newProxyInstance(StatementCounts.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("addBatch")) {
            pendingBatch.add(args != null && args.length == 1 ? (String) args[0] : preparedSql);
          } else if (name.equals("executeBatch")) {
            if (recording && !pendingBatch.isEmpty()) {
              pendingBatch.forEach(sql -> record(sql, true));
              synchronized (BATCHES) {
                BATCHES.add(pendingBatch.size());
              }
            }
            pendingBatch.clear();
          } else if (name.startsWith("execute")) {
            record(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql, false);
          }
          long t0 = System.nanoTime();
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            if (recording && name.startsWith("execute")) {
              JDBC_NANOS.addAndGet(System.nanoTime() - t0);
            }
          }
        });
  }

  interface After {
    Object apply(Object proxy, java.lang.reflect.Method method, Object[] args, Object result) throws Throwable;
  }

  private static InvocationHandler forward(Object target, After after) {
    return (proxy, method, args) -> {
      try {
        return after.apply(proxy, method, args, method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
