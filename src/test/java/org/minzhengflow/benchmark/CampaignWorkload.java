package org.minzhengflow.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.minzhengflow.support.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Workload "campaign" (issue 10: a re-review campaign of 100,000 active benefits must start in minutes, batched,
 * the job executor draining behind, no request blocking for the whole campaign). One real 低保 case is driven to
 * its approval in one street through the product; its application rows (case, household and members, people,
 * claims, benefit and its changes, readers, history) are copied {@code benchmark.campaignBenefits} − 1 times in SQL
 * by {@link RowCopier} (new numbers, new valid ID numbers). Then, with the job executor running (the starter's
 * defaults), the district bureau sends {@code POST /api/dibao/reviews {"streetCode", "reason"}} over HTTP (timed),
 * and the harness follows the drain: the {@code benefitDaily} batch loop starting {@code app.reviews.batch-size}
 * reviews per job until the queue is empty, and the verification job of every review until each waits at its
 * home visit (复核入户调查). While it drains the same campaign request is sent again (it must answer at once with
 * {@code started: 0}: every benefit is queued or under review). Fails unless every benefit of the street has
 * exactly one open review waiting at its home visit, no request is left and no job failed.
 */
final class CampaignWorkload {

  static final int BENEFITS = Integer.getInteger("benchmark.campaignBenefits", 100_000);
  /** The drain is followed this long at most; then the figures so far are reported and the workload fails. */
  static final int MINUTES = Integer.getInteger("benchmark.campaignMinutes", 120);
  /** Campaign requests sent again while the campaign drains (timed). */
  static final int REPEATS = Integer.getInteger("benchmark.campaignRepeats", 20);

  /** A sample of the drain: seconds since the request, reviews started, reviews at their home visit. */
  record Sample(double seconds, long started, long atHomeVisit) {}

  record Result(String street, int benefits, long requested, double copySeconds, double requestMs, Stats repeats,
      int repeatFailures, double startSeconds, double settleSeconds, long openReviews, long atHomeVisit,
      long wrongBenefits, long requestsLeft, long failedJobs, long incidents, int batchSize, String jobExecutor,
      boolean finished, List<Sample> samples, List<String> plan) {
    double startedPerSecond() {
      return openReviews / startSeconds;
    }
  }

  private CampaignWorkload() {}

  static Result run(ProcessEngine engine, JdbcTemplate jdbc, int port, Cases cases, RowCopier copier,
      Cases.Street street, int batchSize, String jobExecutorSettings) throws Exception {
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobExecutor.isActive()) {
      jobExecutor.shutdown();
    }
    ManagementService management = engine.getManagementService();
    long failedBefore = management.createJobQuery().withException().count();
    long incidentsBefore = engine.getRuntimeService().createIncidentQuery().count();

    // the households: one real approved case, its application rows copied
    long t0 = System.nanoTime();
    long from = copier.mark();
    cases.product(street, Cases.Stop.FINISHED);
    RowCopier.Batch batch = new RowCopier.Batch(from, copier.mark());
    copier.copy(batch, BENEFITS - 1, true);
    jdbc.execute("analyze");
    double copySeconds = (System.nanoTime() - t0) / 1e9;
    String scope = """
        from benefit_record b join app_case c on c.application_no = b.application_no
        where c.street_code = ? and c.kind = 'dibao' and b.status = 'ACTIVE' and b.benefit in ('DIBAO', 'REGULAR_FIXED')""";
    long benefits = jdbc.queryForObject("select count(*) " + scope, Long.class, street.code());

    // the plan of the campaign's set-based request (its select part, read only), for the report
    List<String> plan = jdbc.queryForList("explain (analyze, buffers) select b.application_no " + scope.replace("?", "'" + street.code() + "'")
        + " and not exists (select 1 from dibao_review r where r.open_application_no = b.application_no)"
        + " and b.application_no not in (select q.application_no from dibao_review_request q)", String.class);

    jobExecutor.start();
    Http http = new Http(port);
    Map<String, String> body = Map.of("streetCode", street.code(), "reason", "2026年度低保专项复核");
    long r0 = System.nanoTime();
    // the first request with a client that waits as long as it takes (Http gives up after 30 s): its time is the figure
    java.net.http.HttpResponse<String> first;
    try {
      first = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + port + "/api/dibao/reviews"))
          .timeout(Duration.ofMinutes(30)).header("Content-Type", "application/json")
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
              (street.approver() + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.write(body))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      jobExecutor.shutdown();
      throw new IllegalStateException(e);
    }
    long requestNanos = System.nanoTime() - r0;
    System.out.printf("campaign: request answered %d in %.0f ms%n", first.statusCode(), requestNanos / 1e6);
    if (first.statusCode() != 202) {
      jobExecutor.shutdown();
      throw new AssertionError("campaign refused: " + first.statusCode() + " " + first.body());
    }
    long requested = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.body()).get("started").asLong();

    // the drain, sampled every second; the same request again in between
    List<Sample> samples = new ArrayList<>();
    List<Long> repeats = new ArrayList<>();
    int repeatFailures = 0;
    long deadline = r0 + Duration.ofMinutes(MINUTES).toNanos();
    double startSeconds = Double.NaN;
    double settleSeconds = Double.NaN;
    long started = 0;
    long atHomeVisit = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      if (repeats.size() < REPEATS && Double.isNaN(startSeconds)) {
        long q0 = System.nanoTime();
        Http.Response again = http.post(street.approver(), "/api/dibao/reviews", body);
        repeats.add(System.nanoTime() - q0);
        if (again.status() != 202 || again.json().get("started").asLong() != 0) {
          repeatFailures++;
        }
      }
      double seconds = (System.nanoTime() - r0) / 1e9;
      started = openReviews(jdbc, street.code());
      atHomeVisit = atHomeVisit(engine);
      samples.add(new Sample(seconds, started, atHomeVisit));
      if (samples.size() % 30 == 0) {
        System.out.printf("campaign: %.0f s, %,d of %,d reviews started, %,d at their home visit%n", seconds, started,
            requested, atHomeVisit);
      }
      if (Double.isNaN(startSeconds) && queued(jdbc) == 0
          && engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("benefitDaily").count() == 0) {
        startSeconds = seconds;
      }
      if (!Double.isNaN(startSeconds) && management.createJobQuery().executable().count() == 0) {
        settleSeconds = seconds;
        break;
      }
    }
    jobExecutor.shutdown();
    boolean finished = !Double.isNaN(settleSeconds);
    // counted again once no job is left: the loop's last sample was taken before it asked for the jobs, while the last
    // ones still ran (a full run stopped at 99,998 of 100,000 that way, with no job, failure or incident left)
    atHomeVisit = atHomeVisit(engine);
    double elapsed = samples.isEmpty() ? (System.nanoTime() - r0) / 1e9 : samples.get(samples.size() - 1).seconds();
    long wrong = jdbc.queryForObject("select count(*) " + scope
        + " and (select count(*) from dibao_review r where r.open_application_no = b.application_no) <> 1", Long.class,
        street.code());
    Result result = new Result(street.code(), (int) benefits, requested, copySeconds, requestNanos / 1e6,
        Stats.ofNanos(repeats), repeatFailures, finished ? startSeconds : elapsed, finished ? settleSeconds : elapsed,
        openReviews(jdbc, street.code()), atHomeVisit, wrong, queued(jdbc),
        management.createJobQuery().withException().count() - failedBefore,
        engine.getRuntimeService().createIncidentQuery().count() - incidentsBefore, batchSize,
        jobExecutorSettings, finished, samples, plan);
    return result;
  }

  /** Fails unless the campaign did all its work (after the report is written). */
  static void check(Result r) {
    if (!r.finished() || r.requested() != r.benefits() || r.openReviews() != r.benefits() || r.wrongBenefits() != 0
        || r.atHomeVisit() < r.benefits() || r.requestsLeft() != 0 || r.failedJobs() != 0 || r.incidents() != 0
        || r.repeatFailures() != 0) {
      throw new AssertionError("campaign did not complete cleanly: " + r);
    }
  }

  /** Reviews of the campaign waiting at their first human step (复核入户调查). */
  private static long atHomeVisit(ProcessEngine engine) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey("dibaoReview")
        .taskDefinitionKey("reviewInvestigation").count();
  }

  private static long openReviews(JdbcTemplate jdbc, String street) {
    return jdbc.queryForObject("""
        select count(*) from dibao_review r join app_case c on c.application_no = r.application_no
        where r.open_application_no is not null and c.street_code = ?""", Long.class, street);
  }

  private static long queued(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from dibao_review_request", Long.class);
  }
}
