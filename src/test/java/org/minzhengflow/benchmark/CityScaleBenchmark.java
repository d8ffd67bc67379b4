package org.minzhengflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.minzhengflow.MinzhengFlowApplication;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.OrganizationSetup;
import org.minzhengflow.support.EmbeddedPostgres;
import org.minzhengflow.support.Http;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The measurements of issue 9, in one JVM on one real PostgreSQL (zonky embedded binaries), the whole
 * application with history level full and authorizations on, in this order:
 * <ol>
 *   <li>whole 低保 cases through the product against {@link BareDibao}, interleaved, 1 and 2 client threads;</li>
 *   <li>the same with {@code benchmark.history} finished cases in history (growth);</li>
 *   <li>Tasklist at {@code benchmark.tasks} open tasks over {@code benchmark.streets} streets: every default
 *       filter's first page and count as a street caseworker, a district bureau and the city bureau, and the
 *       same first pages on the bare engine (no authentication, so no authorization check);</li>
 *   <li>intake over HTTP, {@code benchmark.intakeClients} clients, job executor running, jobs drained;</li>
 *   <li>a payment run of {@code benchmark.paymentLines} lines in one district ({@link PaymentsWorkload});</li>
 *   <li>a re-review campaign of {@code benchmark.campaignBenefits} active benefits in one street ({@link CampaignWorkload}).</li>
 * </ol>
 * Writes {@code target/benchmarks.md} and prints, as its last line, the BENCH line. It never fails on speed.
 * Run: {@code ./mvnw -Pbenchmark verify} (see docs/benchmarks.md for the knobs).
 */
class CityScaleBenchmark {

  static final int CASES = Integer.getInteger("benchmark.cases", 1000);
  static final int WARMUP = Integer.getInteger("benchmark.warmup", 30);
  static final int STREETS = Integer.getInteger("benchmark.streets", 200);
  static final int TASKS = Integer.getInteger("benchmark.tasks", 100_000);
  static final int HISTORY = Integer.getInteger("benchmark.history", 100_000);
  static final int HISTORY_TEMPLATES = Integer.getInteger("benchmark.historyTemplates", 100);
  static final int INTAKE = Integer.getInteger("benchmark.intake", 5000);
  static final int INTAKE_CLIENTS = Integer.getInteger("benchmark.intakeClients", 8);
  static final int QUERIES = Integer.getInteger("benchmark.queries", 200);
  static final int SERIES_SECONDS = Integer.getInteger("benchmark.seriesSeconds", 40);
  /** Cases of the growth run (with history); fewer than {@code cases} by default, since they may be far slower. */
  static final int GROWTH_CASES = Integer.getInteger("benchmark.growthCases", Math.min(CASES, 300));

  /** Which workloads run (all by default): any of cases, growth, tasklist, intake, payments, campaign; growth needs cases. */
  static final List<String> WORKLOADS = List.of(System.getProperty("benchmark.workloads", "cases,growth,tasklist,intake,payments,campaign").split(","));

  static final List<String> STREET_FILTERS = List.of("我的待办", "本街道待认领", "即将超期", "本辖区全部任务");
  static final List<String> BUREAU_FILTERS = List.of("我的待办", "本单位待认领", "即将超期", "本辖区全部任务");

  private ConfigurableApplicationContext app;
  private int port;
  private ProcessEngine engine;
  /** Camunda as it ships on the same database, during the Tasklist workload. */
  private ProcessEngine stock;
  private DibaoApplications applications;
  private JdbcTemplate jdbc;
  private DataSource dataSource;

  private Report report;
  private Cases cases;
  private RowCopier copier;
  private List<Cases.Street> streets;

  record WholeCases(int threads, int cases, double productPerSecond, double barePerSecond, Stats product, Stats bare) {
    double ratio() {
      return barePerSecond / productPerSecond;
    }
  }

  /**
   * One filter of one role: the product's page and count, stock Camunda's same filter page and count ({@link StockCamunda}),
   * the bare engine's hand-written task query for the same tasks, and the product's REST page and count.
   */
  record Series(String role, String user, String firstUser, String filter, Stats list, Stats count, Stats stockList,
      Stats stockCount, Stats bareList, long firstCount, Stats restList, Stats restCount) {}

  /**
   * The whole application as production runs it on PostgreSQL (the postgres profile's connection pool) with the
   * test profile's demo organisation, as {@code PostgresIntegrationTest} has it, on a new database of the embedded
   * PostgreSQL, on a random port. Started and stopped here rather than by the Spring test framework so that it is
   * stopped before the BENCH line is printed.
   */
  @Test
  void cityScale() throws Exception {
    String url = EmbeddedPostgres.newDatabase();
    // the production profile's database settings (application-postgres.yaml: the connection pool, its timeout), then the
    // test profile's demo organisation; command-line arguments take precedence over both
    app = new SpringApplicationBuilder(MinzhengFlowApplication.class).profiles("postgres", "test").run(
        "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--server.port=0",
        // a job executor exists but only runs during the intake workload; elsewhere the clients run the jobs
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.generic-properties.properties.job-executor-activate=false",
        "--logging.level.org.minzhengflow=warn");
    String bench;
    try {
      port = ((WebServerApplicationContext) app).getWebServer().getPort();
      engine = app.getBean(ProcessEngine.class);
      applications = app.getBean(DibaoApplications.class);
      jdbc = app.getBean(JdbcTemplate.class);
      dataSource = app.getBean(DataSource.class);
      ProcessEngines.registerProcessEngine(engine);
      bench = run();
    } finally {
      app.close();
    }
    // the last line this JVM prints (also the last line of target/benchmarks.md)
    System.out.println(bench);
    System.out.flush();
  }

  private String run() throws Exception {
    // the starter starts its job executor when the application is ready; the clients run the jobs themselves
    // until the intake workload, which starts it again
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobExecutor.isActive()) {
      jobExecutor.shutdown();
    }
    Instant started = Instant.now();
    report = new Report(Path.of("target", "benchmarks.md"));
    cases = new Cases(engine, applications);
    copier = new RowCopier(jdbc, dataSource);
    machine();
    BareDibao.deploy(engine);
    streets = CityOrganization.create(STREETS, jdbc, new TransactionTemplate(app.getBean(PlatformTransactionManager.class)),
        app.getBean(OrganizationSetup.class), app.getBean(JurisdictionRepository.class), engine.getIdentityService());
    report.line("Organisation: %d streets over %d districts, %d users, %d authorization rows before any case."
        .formatted(streets.size(), CityOrganization.DISTRICTS.size(), count("act_id_user"), count("act_ru_authorization")));

    WholeCases empty1 = null;
    double growth = Double.NaN;
    double bareGrowth = Double.NaN; // the bare engine's own G in the same run: what history does to Camunda itself
    if (WORKLOADS.contains("cases")) {
      // 1. whole cases on an (almost) empty database
      empty1 = wholeCases(1, CASES);
      WholeCases empty2 = wholeCases(2, CASES);
      // 4. growth: the same with finished cases in history
      boolean grown = WORKLOADS.contains("growth");
      long historyRows = grown ? history() : 0;
      Map<String, long[]> before = tableStats();
      WholeCases history1 = grown ? wholeCases(1, GROWTH_CASES) : null; // read only when grown
      Map<String, long[]> after = tableStats();
      if (grown) { // without the growth run G stays NaN (not measured), not the empty run divided by itself
        growth = history1.productPerSecond() / empty1.productPerSecond();
        bareGrowth = history1.barePerSecond() / empty1.barePerSecond();
      }
      report.lines("", "## Workload 1 — whole cases (product vs bare engine, interleaved A B A B)", "",
          "| database | client threads | cases each | product cases/s | bare cases/s | R = bare ÷ product | product ms/case p50 / p95 | bare ms/case p50 / p95 |",
          "| --- | --- | --- | --- | --- | --- | --- | --- |");
      var runs = new java.util.ArrayList<>(List.of(Map.entry("empty", empty1), Map.entry("empty", empty2)));
      if (grown) {
        runs.add(Map.entry("+%,d finished cases".formatted(HISTORY), history1));
      }
      for (var w : runs) {
        WholeCases r = w.getValue();
        report.line("| %s | %d | %d | %.2f | %.2f | **%.2f** | %s / %s | %s / %s |".formatted(w.getKey(), r.threads(), r.cases(),
            r.productPerSecond(), r.barePerSecond(), r.ratio(), Stats.ms(r.product().p50()), Stats.ms(r.product().p95()),
            Stats.ms(r.bare().p50()), Stats.ms(r.bare().p95())));
      }
      if (grown) {
        report.line("").line(("Growth G = product cases/s with %,d finished cases (%,d rows copied) ÷ on the empty database = **%.2f**;"
            + " the bare engine's own G in the same run = %.2f").formatted(HISTORY, historyRows, growth, bareGrowth));
        scans(before, after, 2 * (GROWTH_CASES + WARMUP));
      }
      report.save();


    }
    // 2. Tasklist at scale
    double t = Double.NaN;
    double c = Double.NaN;
    double tb = Double.NaN; // stock Camunda's same filter page
    double tbQuery = Double.NaN; // the bare engine's hand-written task query
    double cb = Double.NaN; // stock Camunda's same filter count
    double restPage = Double.NaN;
    double restCount = Double.NaN;
    if (WORKLOADS.contains("tasklist")) {
      openTasks();
      List<Series> tasklist = tasklist();
      t = tasklist.stream().mapToDouble(s -> s.list().p95()).max().orElse(Double.NaN);
      c = tasklist.stream().mapToDouble(s -> s.count().p95()).max().orElse(Double.NaN);
      tb = tasklist.stream().mapToDouble(s -> s.stockList().p95()).max().orElse(Double.NaN);
      tbQuery = tasklist.stream().mapToDouble(s -> s.bareList().p95()).max().orElse(Double.NaN);
      cb = tasklist.stream().mapToDouble(s -> s.stockCount().p95()).max().orElse(Double.NaN);
      restPage = tasklist.stream().mapToDouble(s -> s.restList().p95()).max().orElse(Double.NaN);
      restCount = tasklist.stream().mapToDouble(s -> s.restCount().p95()).max().orElse(Double.NaN);
      explain(tasklist);
      explainAcquisition();
      report.save();
    }

    // 3. intake over HTTP
    Stats intake = WORKLOADS.contains("intake") ? intake() : Stats.ofNanos(List.of());
    report.save();

    // 5. a district's monthly payment run
    PaymentsWorkload.Result payments = null;
    if (WORKLOADS.contains("payments")) {
      payments = PaymentsWorkload.run(jdbc, port, app.getBean(java.time.Clock.class));
      report.lines("", "## Workload 5 — a payment run (社会化发放)", "",
          "| benefits in the district | lines | missing account | total ¥ | POST /api/payments/runs s | lines/s | bank file s | bank file bytes |",
          "| --- | --- | --- | --- | --- | --- | --- | --- |",
          "| %,d | %,d | %,d | %s | **%.2f** | %,.0f | %.2f | %,d |".formatted(payments.benefits(), payments.lines(),
              payments.missingAccount(), payments.total().setScale(2).toPlainString(), payments.runSeconds(), payments.linesPerSecond(),
              payments.fileSeconds(), payments.fileBytes()));
      report.save();
    }
    // 6. a re-review campaign of a street's active benefits
    CampaignWorkload.Result campaign = null;
    if (WORKLOADS.contains("campaign")) {
      Cases.Street where = streets.stream().filter(s -> !s.pilot() && s != CityOrganization.XF1).reduce((a, b) -> b)
          .orElse(CityOrganization.XF1);
      var env = app.getEnvironment();
      String executor = "core-pool-size=%s max-pool-size=%s max-jobs-per-acquisition=%s".formatted(
          env.getProperty("camunda.bpm.job-execution.core-pool-size", "3 (default)"),
          env.getProperty("camunda.bpm.job-execution.max-pool-size", "10 (default)"),
          env.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition", "3 (default)"));
      campaign = CampaignWorkload.run(engine, jdbc, port, cases, copier, where,
          env.getProperty("app.reviews.batch-size", Integer.class, 200), executor);
      campaignReport(campaign);
      report.save();
      CampaignWorkload.check(campaign);
    }
    double paymentSeconds = payments == null ? Double.NaN : payments.runSeconds();
    double paymentRate = payments == null ? Double.NaN : payments.linesPerSecond();
    double ratio = empty1 == null ? Double.NaN : empty1.ratio();
    double productPerSecond = empty1 == null ? Double.NaN : empty1.productPerSecond();
    double barePerSecond = empty1 == null ? Double.NaN : empty1.barePerSecond();

    report.lines("", "## Summary", "",
        "- R (1 thread, empty database) = %.2f — target ≤ 1.3".formatted(ratio),
        ("- Tasklist worst first page p95 T = %s ms (target ≤ 50 and ≤ TB), worst count p95 C = %s ms (target ≤ 100); stock Camunda's same "
            + "filters without authorizations: worst first page p95 TB = %s ms, worst count p95 %s ms; the bare engine's hand-written task "
            + "queries: worst first page p95 %s ms").formatted(Stats.ms(t), Stats.ms(c), Stats.ms(tb), Stats.ms(cb), Stats.ms(tbQuery)),
        "- the same over HTTP as Tasklist sends it (HAL with the list columns' variables): worst page p95 %s ms, worst count p95 %s ms"
            .formatted(Stats.ms(restPage), Stats.ms(restCount)),
        "- intake p95 = %s ms at %d clients (target ≤ 100)".formatted(Stats.ms(intake.p95()), INTAKE_CLIENTS),
        "- G = %.2f (target ≥ 0.9); the bare engine's G in the same run = %.2f".formatted(growth, bareGrowth),
        "- payment run of %,d lines: %.2f s, %,.0f lines/s (target < 60 s)".formatted(PaymentsWorkload.LINES, paymentSeconds, paymentRate),
        "- campaign of %,d benefits: request %s ms, %s reviews started/s, all started in %s min, all at their home visit in %s min (issue 10: minutes)"
            .formatted(CampaignWorkload.BENEFITS, campaign == null ? "–" : Stats.ms(campaign.requestMs()),
                campaign == null ? "–" : "%.1f".formatted(campaign.startedPerSecond()),
                campaign == null ? "–" : "%.1f".formatted(campaign.startSeconds() / 60),
                campaign == null ? "–" : "%.1f".formatted(campaign.settleSeconds() / 60)),
        "- whole run: %s".formatted(Duration.between(started, Instant.now()).withNanos(0)), "");
    String bench = "BENCH ratio=%.2f product_cases_per_s=%.2f baseline_cases_per_s=%.2f tasklist_p95_ms=%s tasklist_count_p95_ms=%s tasklist_bare_p95_ms=%s intake_p95_ms=%s growth=%.2f payment_run_s=%.2f payment_lines_per_s=%.0f campaign_request_ms=%s campaign_reviews_per_s=%.1f growth_bare=%.2f tasklist_bare_query_p95_ms=%s tasklist_bare_count_p95_ms=%s"
        .formatted(ratio, productPerSecond, barePerSecond, Stats.ms(t), Stats.ms(c), Stats.ms(tb),
            Stats.ms(intake.p95()), growth, paymentSeconds, paymentRate,
            campaign == null ? "–" : Stats.ms(campaign.requestMs()), campaign == null ? Double.NaN : campaign.startedPerSecond(), bareGrowth,
            Stats.ms(tbQuery), Stats.ms(cb));
    report.quiet(bench);
    report.save();
    return bench;
  }

  private void campaignReport(CampaignWorkload.Result r) {
    report.lines("", "## Workload 6 — a re-review campaign (专项复核)", "",
        ("Street %s: %,d active 低保 benefits (one real approved case, its application rows copied in SQL in %.0f s). "
            + "`POST /api/dibao/reviews {\"streetCode\"}` as the district bureau, job executor running (%s), "
            + "`app.reviews.batch-size`=%d.").formatted(r.street(), r.benefits(), r.copySeconds(), r.jobExecutor(), r.batchSize()), "",
        "| benefits | requested | POST ms | repeated POST during the drain p50 / p95 / max ms (n) | all reviews started | reviews started/s | all at 复核入户调查 | open reviews | benefits without exactly one | requests left | failed jobs / incidents |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        "| %,d | %,d | **%s** | %s / %s / %s (%d) | %.1f min | **%.1f** | %.1f min | %,d | %,d | %,d | %d / %d |".formatted(r.benefits(),
            r.requested(), Stats.ms(r.requestMs()), Stats.ms(r.repeats().p50()), Stats.ms(r.repeats().p95()),
            Stats.ms(r.repeats().max()), r.repeats().n(), r.startSeconds() / 60, r.startedPerSecond(),
            r.settleSeconds() / 60, r.openReviews(), r.wrongBenefits(), r.requestsLeft(), r.failedJobs(), r.incidents()));
    if (!r.finished()) {
      report.line("").line("**Not finished** within benchmark.campaignMinutes=%d: the figures are those reached.".formatted(CampaignWorkload.MINUTES));
    }
    report.lines("", "The select of the campaign's `insert … select` (`EXPLAIN (ANALYZE, BUFFERS)` before the request):", "", "```");
    r.plan().forEach(report::line);
    report.lines("```");
    report.lines("", "Drain (every 30th sample): seconds since the request, reviews started, reviews at their home visit:", "",
        "| s | started | at 复核入户调查 |", "| --- | --- | --- |");
    List<CampaignWorkload.Sample> samples = r.samples();
    for (int i = 0; i < samples.size(); i++) {
      if (i % 30 == 0 || i == samples.size() - 1) {
        CampaignWorkload.Sample s = samples.get(i);
        report.line("| %.0f | %,d | %,d |".formatted(s.seconds(), s.started(), s.atHomeVisit()));
      }
    }
  }

  // ---------------------------------------------------------------- machine

  private void machine() throws Exception {
    String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
        .findFirst().orElse("MemTotal: ?").replaceAll("\\s+", " ");
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    report.lines("# minzheng-flow benchmarks (issue 9)", "",
        "Run at %s. Machine: %d cores (%s), %s; Java %s; %s."
            .formatted(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), cpu, memory,
                System.getProperty("java.version"), jdbc.queryForObject("select version()", String.class)),
        "PostgreSQL settings: " + String.join(", ", jdbc.queryForList(
            "select name || '=' || setting || coalesce(unit, '') from pg_settings where name in "
                + "('shared_buffers','work_mem','synchronous_commit','fsync','max_connections','random_page_cost','effective_cache_size') order by name",
            String.class)) + ".",
        "Engine: history level %s, authorizations %s, connection pool %s (the postgres profile's). Knobs: cases=%d growthCases=%d warmup=%d streets=%d tasks=%d history=%d intake=%d intakeClients=%d queries=%d seriesSeconds=%d."
            .formatted(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistory(),
                engine.getProcessEngineConfiguration().isAuthorizationEnabled() ? "on" : "off",
                app.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10 (Hikari's default)"),
                CASES, GROWTH_CASES, WARMUP, STREETS, TASKS, HISTORY, INTAKE, INTAKE_CLIENTS, QUERIES, SERIES_SECONDS), "");
    report.save();
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  /** Per table: sequential scans, rows read by them, index scans, rows fetched by them (pg_stat_user_tables). */
  private Map<String, long[]> tableStats() throws InterruptedException {
    Thread.sleep(1500); // backends flush their statistics about once a second
    Map<String, long[]> stats = new LinkedHashMap<>();
    jdbc.query("select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0) from pg_stat_user_tables",
        rs -> {
          stats.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
        });
    return stats;
  }

  /** The tables read most during the growth run: where a case's time goes once history is large. */
  private void scans(Map<String, long[]> before, Map<String, long[]> after, int cases) {
    report.lines("", "Rows read per case (product and bare together, %d cases) during the growth run, by table (pg_stat_user_tables), the ten largest:".formatted(cases), "",
        "| table | seq scans / case | rows read by seq scans / case | index scans / case | rows fetched by index / case | rows in table |",
        "| --- | --- | --- | --- | --- | --- |");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), diff(e.getValue(), before.getOrDefault(e.getKey(), new long[4]))))
        .sorted((a, b) -> Long.compare(b.getValue()[1] + b.getValue()[3], a.getValue()[1] + a.getValue()[3]))
        .limit(10)
        .forEach(e -> report.line("| %s | %.1f | %,.0f | %.1f | %,.0f | %,d |".formatted(e.getKey(), e.getValue()[0] / (double) cases,
            e.getValue()[1] / (double) cases, e.getValue()[2] / (double) cases, e.getValue()[3] / (double) cases,
            jdbc.queryForObject("select n_live_tup from pg_stat_user_tables where relname = ?", Long.class, e.getKey()))));
  }

  private static long[] diff(long[] a, long[] b) {
    return new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]};
  }

  // ---------------------------------------------------------------- workload 1

  /**
   * {@code total} product cases and as many bare ones, split over the client threads; each thread alternates
   * bare, product, bare, product … on street 230110001 as its demo users. Cases/s of one kind = its cases ÷
   * the time the threads spent on that kind (per thread, averaged).
   */
  private WholeCases wholeCases(int threads, int total) throws Exception {
    int perThread = Math.max(1, total / threads);
    AtomicInteger serial = new AtomicInteger();
    Cases.Street street = CityOrganization.XF1;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[][]>> futures = new ArrayList<>();
    List<String> productPids = Collections.synchronizedList(new ArrayList<>());
    List<String> barePids = Collections.synchronizedList(new ArrayList<>());
    for (int th = 0; th < threads; th++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < WARMUP; i++) {
          cases.bare(street, serial.incrementAndGet());
          cases.product(street, Cases.Stop.FINISHED);
        }
        long[][] nanos = new long[2][perThread];
        for (int i = 0; i < perThread; i++) {
          long t0 = System.nanoTime();
          barePids.add(cases.bare(street, serial.incrementAndGet()));
          long t1 = System.nanoTime();
          productPids.add(cases.product(street, Cases.Stop.FINISHED));
          long t2 = System.nanoTime();
          nanos[0][i] = t2 - t1;
          nanos[1][i] = t1 - t0;
        }
        return nanos;
      }));
    }
    List<Long> product = new ArrayList<>();
    List<Long> bare = new ArrayList<>();
    double productSeconds = 0;
    double bareSeconds = 0;
    for (Future<long[][]> f : futures) {
      long[][] nanos = f.get();
      for (long n : nanos[0]) {
        product.add(n);
        productSeconds += n / 1e9 / threads;
      }
      for (long n : nanos[1]) {
        bare.add(n);
        bareSeconds += n / 1e9 / threads;
      }
    }
    pool.shutdown();
    checkOutcomes(productPids, barePids);
    WholeCases result = new WholeCases(threads, product.size(), product.size() / productSeconds, bare.size() / bareSeconds,
        Stats.ofNanos(product), Stats.ofNanos(bare));
    System.out.printf("whole cases, %d thread(s): product %.2f/s, bare %.2f/s, R %.2f%n", threads,
        result.productPerSecond(), result.barePerSecond(), result.ratio());
    return result;
  }

  /** Every product case approved with its benefit written; every bare case ended. */
  private void checkOutcomes(List<String> productPids, List<String> barePids) {
    long approved = 0;
    for (List<String> chunk : chunks(productPids)) {
      approved += jdbc.queryForObject("select count(*) from app_case c join benefit_record b on b.application_no = c.application_no "
          + "where c.status = 'APPROVED' and b.status = 'ACTIVE' and c.process_instance_id in (" + placeholders(chunk) + ")",
          Long.class, chunk.toArray());
    }
    long ended = 0;
    for (List<String> chunk : chunks(barePids)) {
      ended += engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(chunk))
          .completed().count();
    }
    if (approved != productPids.size() || ended != barePids.size()) {
      throw new IllegalStateException("cases did not finish as expected: %d of %d product cases approved with a benefit, %d of %d bare cases ended"
          .formatted(approved, productPids.size(), ended, barePids.size()));
    }
  }

  private static List<List<String>> chunks(List<String> all) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 500) {
      chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
    }
    return chunks;
  }

  private static String placeholders(List<?> values) {
    return String.join(",", Collections.nCopies(values.size(), "?"));
  }

  // ---------------------------------------------------------------- data at scale

  /** Drives one template case per street (of those given) to {@code stop} through the product; returns their batch. */
  private RowCopier.Batch templates(List<Cases.Street> where, Cases.Stop stop) {
    long from = copier.mark();
    for (Cases.Street street : where) {
      cases.product(street, stop);
    }
    return new RowCopier.Batch(from, copier.mark());
  }

  /** {@code benchmark.history} finished cases: real cases over the streets, each copied in SQL. */
  private long history() {
    long t0 = System.nanoTime();
    int templates = Math.min(HISTORY_TEMPLATES, HISTORY);
    List<Cases.Street> where = new ArrayList<>();
    for (int i = 0; i < templates; i++) {
      where.add(streets.get(i % streets.size()));
    }
    RowCopier.Batch batch = templates(where, Cases.Stop.FINISHED);
    Map<String, Long> perTable = copier.rowsPerTable(batch);
    long rows = copier.copy(batch, HISTORY / templates - 1);
    copier.analyze();
    report.lines("", "## Data: %,d finished cases in history".formatted(HISTORY), "",
        "%d real cases (streets in turn, two-level and pilot) copied %d times each in SQL: %,d rows in %.0f s. Rows one finished case writes (average of the templates):"
            .formatted(templates, HISTORY / templates - 1, rows, (System.nanoTime() - t0) / 1e9), "",
        "| table | rows per case |", "| --- | --- |");
    perTable.forEach((table, n) -> report.line("| %s | %.1f |".formatted(table, n / (double) templates)));
    report.line("| **all** | **%.1f** |".formatted(perTable.values().stream().mapToLong(Long::longValue).sum() / (double) templates));
    report.save();
    return rows;
  }

  /**
   * {@code benchmark.tasks} open tasks over the streets: per street 60 % waiting for the home visit, 5 %
   * of them claimed by the street's first caseworker, 20 % at the street review, 15 % at the district
   * approval (pilot districts have none: their share waits for the home visit).
   */
  private void openTasks() {
    long t0 = System.nanoTime();
    int per = Math.max(4, TASKS / streets.size());
    int claimed = Math.max(1, Math.round(per * 0.05f));
    int review = Math.max(1, Math.round(per * 0.20f));
    int approval = Math.max(1, Math.round(per * 0.15f));
    List<Cases.Street> twoLevel = streets.stream().filter(s -> !s.pilot()).toList();
    List<Cases.Street> pilot = streets.stream().filter(Cases.Street::pilot).toList();
    Map<String, Long> perTable = new LinkedHashMap<>();
    long rows = 0;
    rows += copier.copy(templates(twoLevel, Cases.Stop.INVESTIGATION), per - claimed - review - approval - 1);
    rows += copier.copy(templates(pilot, Cases.Stop.INVESTIGATION), per - claimed - review - 1);
    rows += copier.copy(templates(streets, Cases.Stop.INVESTIGATION_CLAIMED), claimed - 1);
    RowCopier.Batch atReview = templates(streets, Cases.Stop.STREET_REVIEW);
    perTable.putAll(copier.rowsPerTable(atReview));
    rows += copier.copy(atReview, review - 1);
    rows += copier.copy(templates(twoLevel, Cases.Stop.DISTRICT_APPROVAL), approval - 1);
    copier.analyze();
    TaskService tasks = engine.getTaskService();
    report.lines("", "## Data: open tasks", "",
        "Per street %d open 低保 cases (%d at the home visit, %d of them claimed, %d at the street review, %d at the district approval), one real case per street and state, copied in SQL: %,d rows in %.0f s."
            .formatted(per, per - review - approval, claimed, review, approval, rows, (System.nanoTime() - t0) / 1e9),
        "Now: %,d open tasks, %,d running process instances, %,d authorization rows, %,d task identity links, %,d jobs, %,d historic process instances."
            .formatted(tasks.createTaskQuery().count(), engine.getRuntimeService().createProcessInstanceQuery().count(),
                count("act_ru_authorization"), count("act_ru_identitylink"), count("act_ru_job"), count("act_hi_procinst")),
        "", "Rows of one case waiting at the street review (average over the streets):", "", "| table | rows per case |", "| --- | --- |");
    perTable.forEach((table, n) -> report.line("| %s | %.1f |".formatted(table, n / (double) streets.size())));
    report.save();
  }

  // ---------------------------------------------------------------- workload 2

  private List<Series> tasklist() {
    List<String> streetUsers = new ArrayList<>();
    streetUsers.add(CityOrganization.XF1.worker1());
    streets.stream().filter(s -> !s.pilot() && s != CityOrganization.XF1).limit(9).forEach(s -> streetUsers.add(s.worker1()));
    List<String> districtUsers = CityOrganization.DISTRICTS.stream().filter(d -> !d.equals(CityOrganization.PILOT_DISTRICT))
        .map(CityOrganization::approver).toList();
    List<Series> all = new ArrayList<>();
    stock = StockCamunda.start(dataSource);
    try {
      tasklistSeries(all, streetUsers, districtUsers);
    } finally {
      stock.close();
    }
    report.lines("", "## Workload 2 — Tasklist at %,d open tasks".formatted(engine.getTaskService().createTaskQuery().count()), "",
        "Each filter as Tasklist asks for it: `filterService.listPage(filter, createTaskQuery().orderByTaskCreateTime().desc(), 0, 15)` "
            + "and `filterService.count(filter)` under the user's engine authentication (what `/engine-rest/filter/{id}/list` and `/count` run). "
            + "Stock Camunda: the same calls on the same filters, user and database through a second engine in this JVM built from Camunda's "
            + "own standalone configuration, without the product's engine plugins and with authorizations off (`StockCamunda`; what a "
            + "Tasklist of Camunda as it ships would run; OGNL's property accessors are JVM-wide, so change 33 serves it too). "
            + "Bare query: the filter's own task query for that user written out by hand (assignee / candidate groups + unassigned / "
            + "candidate groups incl. claimed + due before now + 2 days / candidate groups incl. claimed) with the same order and page, on "
            + "stock Camunda without an authentication — no filter read, no authorization check. The three pages are timed in "
            + "turns on the same user (the order rotating), the two counts likewise. Users rotate within a role "
            + "(street caseworker: xf1-worker1 and the first caseworkers of 9 generated two-level streets; district bureau: the 8 two-level districts' approvers). "
            + "n = timed queries per series after 5 warm-up queries (a series stops early after %d s).".formatted(SERIES_SECONDS), "",
        "REST: the same first page and count over HTTP as Tasklist sends them (`POST /engine-rest/filter/{id}/list?firstResult=0&maxResults=15` "
            + "with `Accept: application/hal+json`, sorted by creation time, so the answer embeds the list columns' variables, the assignees and "
            + "the process definitions; `GET /engine-rest/filter/{id}/count`), HTTP Basic as the user, one client.", "",
        "| role | filter | count seen | first page p50 / p95 ms | stock Camunda's page p50 / p95 ms | bare query page p50 / p95 ms | count p50 / p95 ms | stock Camunda's count p50 / p95 ms | REST page p50 / p95 ms | REST count p50 / p95 ms | n (page / count / REST) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (Series s : all) {
      report.line("| %s (%s) | %s | %,d | %s / **%s** | %s / **%s** | %s / **%s** | %s / **%s** | %s / **%s** | %s / **%s** | %s / **%s** | %d / %d / %d |".formatted(
          s.role(), s.user(), s.filter(), s.firstCount(), Stats.ms(s.list().p50()), Stats.ms(s.list().p95()),
          Stats.ms(s.stockList().p50()), Stats.ms(s.stockList().p95()), Stats.ms(s.bareList().p50()), Stats.ms(s.bareList().p95()),
          Stats.ms(s.count().p50()), Stats.ms(s.count().p95()), Stats.ms(s.stockCount().p50()), Stats.ms(s.stockCount().p95()),
          Stats.ms(s.restList().p50()), Stats.ms(s.restList().p95()), Stats.ms(s.restCount().p50()), Stats.ms(s.restCount().p95()),
          s.list().n(), s.count().n(), s.restList().n()));
    }
    return all;
  }

  private void tasklistSeries(List<Series> all, List<String> streetUsers, List<String> districtUsers) {
    for (String filter : STREET_FILTERS) {
      all.add(series("street caseworker", streetUsers, filter));
    }
    for (String filter : BUREAU_FILTERS) {
      all.add(series("district bureau", districtUsers, filter));
    }
    for (String filter : BUREAU_FILTERS) {
      all.add(series("city bureau", List.of("city-approver"), filter));
    }
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest first page and the slowest count, as the engine sends them. */
  private void explain(List<Series> tasklist) {
    Series page = tasklist.stream().max(java.util.Comparator.comparingDouble(s -> s.list().p95())).orElseThrow();
    Series count = tasklist.stream().max(java.util.Comparator.comparingDouble(s -> s.count().p95())).orElseThrow();
    FilterService filters = engine.getFilterService();
    report.lines("", "### Where the time goes: the slowest first page (%s, %s) and the slowest count (%s, %s)"
        .formatted(page.firstUser(), page.filter(), count.firstUser(), count.filter()), "",
        "The SQL as the engine sends it (from MyBatis' statement log), then `EXPLAIN (ANALYZE, BUFFERS)` on the same database.", "");
    List<String> plans = new ArrayList<>();
    String pageFilter = filters.createFilterQuery().filterName(page.filter()).singleResult().getId();
    plans.addAll(Explain.plans(jdbc, () -> asUser(page.firstUser(), () -> filters.listPage(pageFilter,
        engine.getTaskService().createTaskQuery().orderByTaskCreateTime().desc(), 0, 15))));
    String countFilter = filters.createFilterQuery().filterName(count.filter()).singleResult().getId();
    plans.addAll(Explain.plans(jdbc, () -> asUser(count.firstUser(), () -> filters.count(countFilter))));
    for (String plan : plans) {
      report.lines("```", plan.strip(), "```", "");
    }
  }

  /**
   * The job executor's acquisition as Camunda 7.24 sends it on PostgreSQL (no priorities, not deployment-aware: the
   * product's settings; the text of {@code JobEntity.selectNextJobsToExecute}, as auto_explain logged it), under
   * {@code EXPLAIN (ANALYZE, BUFFERS)} on the database with every open case's timers: whether it reads the due jobs or
   * the whole job table (docs/benchmarks.md change 31). Read-only: it locks nothing.
   */
  private void explainAcquisition() {
    String now = "'" + java.sql.Timestamp.from(java.time.Instant.now()) + "'";
    String sql = """
        select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
        from ACT_RU_JOB RES
        where (RES.RETRIES_ > 0)
          and (RES.DUEDATE_ is null or RES.DUEDATE_ <= NOW)
          and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < NOW)
          and RES.SUSPENSION_STATE_ = 1
          and ((RES.EXCLUSIVE_ = true
                and not exists(select J2.ID_ from ACT_RU_JOB J2
                               where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
                                 and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= NOW)))
               or RES.EXCLUSIVE_ = false)
        LIMIT 3 OFFSET 0""".replace("NOW", now);
    report.lines("", "### The job executor's acquisition on this database (%,d rows in `ACT_RU_JOB`, %,d of them due)"
        .formatted(count("ACT_RU_JOB"), jdbc.queryForObject(
            "select count(*) from ACT_RU_JOB where DUEDATE_ is null or DUEDATE_ <= now()", Long.class)), "",
        "`EXPLAIN (ANALYZE, BUFFERS)` of the engine's acquisition query (its text from auto_explain, the times now):", "", "```");
    jdbc.query("explain (analyze, buffers) " + sql, rs -> {
      report.lines(rs.getString(1));
    });
    report.lines("```");
  }

  private Series series(String role, List<String> users, String filterName) {
    FilterService filters = engine.getFilterService();
    TaskService tasks = engine.getTaskService();
    String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
    long firstCount = asUser(users.get(0), () -> filters.count(filterId));
    // the product's page, stock Camunda's and the bare query timed in turns, as the whole cases are: the machine's
    // slow and quick moments fall on all alike, so their p95s compare the queries rather than the minutes they ran in
    FilterService stockFilters = stock.getFilterService();
    TaskService stockTasks = stock.getTaskService();
    long stockCount = asUser(stock, users.get(0), () -> stockFilters.count(filterId));
    if (stockCount != firstCount) {
      throw new IllegalStateException("stock Camunda counts %d tasks in %s for %s, the product %d".formatted(stockCount, filterName,
          users.get(0), firstCount));
    }
    Stats[] pages = measureInterleaved(users, List.of(
        user -> asUser(user, () -> filters.listPage(filterId, tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15).size()),
        user -> asUser(stock, user, () -> stockFilters.listPage(filterId,
            stockTasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15).size()),
        user -> {
          stock.getIdentityService().clearAuthentication();
          return bareQuery(filterName, user).orderByTaskCreateTime().desc().listPage(0, 15).size();
        }));
    Stats[] counts = measureInterleaved(users, List.of(
        user -> asUser(user, () -> filters.count(filterId)),
        user -> asUser(stock, user, () -> stockFilters.count(filterId))));
    Http http = new Http(port);
    Map<String, Object> sorting = Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")));
    Stats restList = measure(users, user -> rest(http.postHal(user, "/engine-rest/filter/" + filterId
        + "/list?firstResult=0&maxResults=15", sorting)));
    Stats restCount = measure(users, user -> rest(http.get(user, "/engine-rest/filter/" + filterId + "/count")));
    System.out.printf("tasklist %s %s: page p95 %s ms (stock %s, bare query %s), count p95 %s ms (stock %s), REST page p95 %s ms, REST count p95 %s ms%n",
        role, filterName, Stats.ms(pages[0].p95()), Stats.ms(pages[1].p95()), Stats.ms(pages[2].p95()), Stats.ms(counts[0].p95()),
        Stats.ms(counts[1].p95()), Stats.ms(restList.p95()), Stats.ms(restCount.p95()));
    return new Series(role, String.join(",", users.size() > 2 ? List.of(users.get(0), "…") : users), users.get(0), filterName,
        pages[0], counts[0], pages[1], counts[1], pages[2], firstCount, restList, restCount);
  }

  private static Object rest(Http.Response response) {
    if (response.status() != 200) {
      throw new AssertionError("Tasklist's request failed: " + response.status() + " " + response.body());
    }
    return response.body().length();
  }

  /** The filter's task query for the user written out, on stock Camunda: no filter, no authentication, no plugin. */
  private TaskQuery bareQuery(String filterName, String user) {
    TaskQuery query = stock.getTaskService().createTaskQuery();
    return switch (filterName) {
      case "我的待办" -> query.taskAssignee(user);
      case "本街道待认领", "本单位待认领" -> query.taskCandidateGroupIn(cases.groups(user)).taskUnassigned();
      case "即将超期" -> query.taskCandidateGroupIn(cases.groups(user)).includeAssignedTasks()
          .dueBefore(Date.from(Instant.now().plus(Duration.ofDays(2))));
      default -> query.taskCandidateGroupIn(cases.groups(user)).includeAssignedTasks();
    };
  }

  private <T> T asUser(String user, Supplier<T> call) {
    return asUser(engine, user, call);
  }

  private <T> T asUser(ProcessEngine on, String user, Supplier<T> call) {
    IdentityService identity = on.getIdentityService();
    identity.setAuthentication(user, cases.groups(user));
    try {
      return call.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  private Stats measure(List<String> users, java.util.function.Function<String, Object> query) {
    for (int i = 0; i < 5; i++) {
      query.apply(users.get(i % users.size()));
    }
    List<Long> nanos = new ArrayList<>();
    long end = System.nanoTime() + SERIES_SECONDS * 1_000_000_000L;
    for (int i = 0; i < QUERIES && System.nanoTime() < end; i++) {
      time(query, users.get(i % users.size()), nanos);
    }
    return Stats.ofNanos(nanos);
  }

  /**
   * Queries timed in turns on the same user, the order rotating from one round to the next (A B C, B C A, C A B …), so
   * that none always runs first (on a cache another just warmed) or always last; the same warm-up and limits as
   * {@link #measure}. Returns each query's times, in the order given.
   */
  private Stats[] measureInterleaved(List<String> users, List<java.util.function.Function<String, Object>> queries) {
    int n = queries.size();
    for (int i = 0; i < 5; i++) {
      for (java.util.function.Function<String, Object> query : queries) {
        query.apply(users.get(i % users.size()));
      }
    }
    List<List<Long>> nanos = new ArrayList<>();
    for (int q = 0; q < n; q++) {
      nanos.add(new ArrayList<>());
    }
    long end = System.nanoTime() + SERIES_SECONDS * 1_000_000_000L;
    for (int i = 0; i < QUERIES && System.nanoTime() < end; i++) {
      String user = users.get(i % users.size());
      for (int k = 0; k < n; k++) {
        int q = (i + k) % n;
        time(queries.get(q), user, nanos.get(q));
      }
    }
    return nanos.stream().map(Stats::ofNanos).toArray(Stats[]::new);
  }

  private static void time(java.util.function.Function<String, Object> query, String user, List<Long> nanos) {
    long t0 = System.nanoTime();
    query.apply(user);
    nanos.add(System.nanoTime() - t0);
  }

  // ---------------------------------------------------------------- workload 3

  private Stats intake() throws Exception {
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    long investigationsBefore = engine.getTaskService().createTaskQuery().taskDefinitionKey("householdInvestigation").count();
    List<Cases.Street> clients = new ArrayList<>();
    clients.add(CityOrganization.XF1);
    clients.add(CityOrganization.DL1);
    streets.stream().filter(s -> s != CityOrganization.XF1 && s != CityOrganization.DL1).limit(Math.max(0, INTAKE_CLIENTS - 2))
        .forEach(clients::add);
    int perClient = Math.max(1, INTAKE / INTAKE_CLIENTS);
    int warmup = Math.min(10, perClient);
    boolean statements = pgStatementsReset();
    long[] cpuBefore = cpu();
    jobExecutor.start();
    ExecutorService pool = Executors.newFixedThreadPool(INTAKE_CLIENTS);
    List<Future<List<Long>>> futures = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger ready = new AtomicInteger();
    long[] startedAt = new long[1];
    for (int i = 0; i < INTAKE_CLIENTS; i++) {
      Cases.Street street = clients.get(i % clients.size());
      futures.add(pool.submit(() -> {
        Http http = new Http(port);
        for (int w = 0; w < warmup; w++) {
          post(http, street, failures);
        }
        synchronized (startedAt) {
          if (ready.incrementAndGet() == INTAKE_CLIENTS) {
            // statistics as a database in use has them (autovacuum's analyze): run alone on a new database, the engine's
            // tables were empty when the pooled connections planned their statements, and PostgreSQL kept those plans
            // (a variable fetch by execution walked the index of task variables: 5 ms, half the database's time,
            // docs/benchmarks.md change 31); an analyze makes it plan them again. The full run analyzes after its data.
            jdbc.execute("analyze");
            startedAt[0] = System.nanoTime();
            startedAt.notifyAll();
          }
          while (ready.get() < INTAKE_CLIENTS) {
            startedAt.wait();
          }
        }
        List<Long> nanos = new ArrayList<>();
        for (int n = 0; n < perClient; n++) {
          long t0 = System.nanoTime();
          post(http, street, failures);
          nanos.add(System.nanoTime() - t0);
        }
        return nanos;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : futures) {
      all.addAll(f.get());
    }
    double postSeconds = (System.nanoTime() - startedAt[0]) / 1e9;
    pool.shutdown();
    long drainStart = System.nanoTime();
    long deadline = drainStart + Duration.ofMinutes(30).toNanos();
    var management = engine.getManagementService();
    while (management.createJobQuery().executable().count() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    long[] cpuAfter = cpu();
    jobExecutor.shutdown();
    long left = management.createJobQuery().executable().count();
    long failed = management.createJobQuery().withException().count();
    long incidents = engine.getRuntimeService().createIncidentQuery().count();
    long submitted = (long) (warmup + perClient) * INTAKE_CLIENTS;
    long investigations = engine.getTaskService().createTaskQuery().taskDefinitionKey("householdInvestigation").count()
        - investigationsBefore;
    Stats stats = Stats.ofNanos(all);
    report.lines("", "## Workload 3 — intake over HTTP", "",
        "`POST /api/dibao/applications` (HTTP Basic, a 3-person 低保 household, every member a new person), %d concurrent clients, each the first caseworker of its own street (xf1-worker1, dl1-worker1, generated streets), job executor running (%d threads, as configured), on the database above; %d warm-up requests per client not counted."
            .formatted(INTAKE_CLIENTS, jobThreads(), warmup), "",
        "| applications | clients | throughput /s | p50 ms | p95 ms | max ms | failed requests | jobs drained after the last response | executable jobs left | failed jobs / incidents | new home-visit tasks |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        "| %,d | %d | %.1f | %s | **%s** | %s | %d | %.1f s | %d | %d / %d | %,d of %,d |".formatted(all.size(), INTAKE_CLIENTS,
            all.size() / postSeconds, Stats.ms(stats.p50()), Stats.ms(stats.p95()), Stats.ms(stats.max()), failures.get(),
            drainSeconds, left, failed, incidents, investigations, submitted));
    if (cpuBefore != null && cpuAfter != null) {
      // CPU time is what the shared machine's load moves least: per application, warm-up, posts and drained jobs
      report.lines("", "CPU time per application (all %,d posted, until their jobs were drained): this JVM (server, job executor and the HTTP clients) %.1f ms, PostgreSQL %.1f ms; the whole machine was busy %.1f ms per application (other processes included)."
          .formatted(submitted, (cpuAfter[0] - cpuBefore[0]) / 1e6 / submitted, (cpuAfter[1] - cpuBefore[1]) / 1e6 / submitted,
              (cpuAfter[2] - cpuBefore[2]) / 1e6 / submitted));
    }
    if (statements) {
      pgStatements("intake (posts and drained jobs)", submitted);
    }
    if (failures.get() > 0 || left > 0 || failed > 0 || incidents > 0 || investigations != submitted) {
      throw new IllegalStateException("intake did not complete cleanly: " + failures.get() + " failed requests, " + left
          + " jobs left, " + failed + " failed jobs, " + incidents + " incidents, " + investigations + " of " + submitted + " cases at the home visit");
    }
    return stats;
  }

  /**
   * With {@code -Dbenchmark.pgStatements=true} and {@code -Dpostgres.config=shared_preload_libraries=pg_stat_statements}:
   * resets PostgreSQL's statement statistics before a workload, so that {@link #pgStatements} shows where the
   * database's time went (a measurement aid; off by default, the extension costs a little on every statement).
   */
  private boolean pgStatementsReset() {
    if (!Boolean.getBoolean("benchmark.pgStatements")) {
      return false;
    }
    jdbc.execute("create extension if not exists pg_stat_statements");
    jdbc.queryForList("select pg_stat_statements_reset()");
    return true;
  }

  /** The 25 statements that took the database's most execution time since the reset, per item of the workload. */
  private void pgStatements(String workload, long items) {
    report.lines("", "PostgreSQL statements of " + workload + " by total execution time (pg_stat_statements), per item of "
        + items + ":", "", "| ms per item | calls per item | mean ms | rows per call | statement |", "| --- | --- | --- | --- | --- |");
    jdbc.query("select total_exec_time, calls, mean_exec_time, rows, query from pg_stat_statements"
        + " where query not like '%pg_stat_statements%' order by total_exec_time desc limit 25", rs -> {
      String query = rs.getString(5).replaceAll("\\s+", " ").replace("|", "\\|");
      report.lines("| %.3f | %.2f | %.3f | %.1f | `%s` |".formatted(rs.getDouble(1) / items, rs.getDouble(2) / items,
          rs.getDouble(3), rs.getDouble(4) / Math.max(1, rs.getLong(2)),
          query.length() > 160 ? query.substring(0, 160) + "…" : query));
    });
    Double total = jdbc.queryForObject("select sum(total_exec_time) from pg_stat_statements"
        + " where query not like '%pg_stat_statements%'", Double.class);
    report.lines("", "All statements: %.2f ms of execution per item.".formatted(total == null ? 0 : total / items));
  }

  /**
   * CPU nanoseconds used so far by this JVM, by the PostgreSQL processes (Linux: /proc) and by the whole machine
   * (all cores); null where /proc cannot be read.
   */
  private static long[] cpu() {
    try {
      long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
      long ticks = 0;
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          try {
            if (!Files.readString(proc.resolve("comm")).strip().equals("postgres")) {
              continue;
            }
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          } catch (java.io.IOException | RuntimeException gone) {
            // the process ended meanwhile
          }
        }
      }
      String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = Long.parseLong(all[1]) + Long.parseLong(all[2]) + Long.parseLong(all[3]) + Long.parseLong(all[6])
          + Long.parseLong(all[7]);
      long tick = 10_000_000L; // USER_HZ = 100 on Linux
      return new long[] {jvm, ticks * tick, busy * tick};
    } catch (Exception unavailable) {
      return null;
    }
  }

  private int jobThreads() {
    return app.getEnvironment().getProperty("camunda.bpm.job-execution.max-pool-size", Integer.class, 10);
  }

  private static void post(Http http, Cases.Street street, AtomicInteger failures) {
    Http.Response response = http.post(street.worker1(), "/api/dibao/applications", Ids.poorFamily(street.code()));
    if (response.status() != 201) {
      if (failures.incrementAndGet() <= 3) {
        System.out.println("intake failed: " + response.status() + " " + response.body());
      }
    }
  }
}
