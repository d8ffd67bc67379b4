package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;

/**
 * 低保 cases of 香坊大街街道 (230110001, a two-level district) driven over HTTP as staff and Tasklist do: application,
 * 入户调查, 街道审核, the 公示 timer (moved to now as an operator would), 区级审批. Every case is a two-person household
 * on 500 yuan a month: a 低保 approval of 964 yuan.
 */
final class DibaoOverHttp {

  static final String STREET = "230110001";
  static final String DISTRICT = "230110";
  /** Unique households across the whole test JVM (one database per test class, but never the same person twice). */
  private static final AtomicInteger SERIAL = new AtomicInteger();

  record Case(String applicationNo, String processInstanceId) {}

  private DibaoOverHttp() {}

  static Map<String, Object> application() {
    int n = SERIAL.getAndIncrement();
    // a different birth day for every household keeps the ID numbers apart; the sequence adds more room
    LocalDate born = LocalDate.of(1960, 1, 1).plusDays(n % 7000);
    int seq = 2 * (n / 7000) + 1;
    String self = TestIds.idNumber(DISTRICT, born, seq, true);
    // same birthday, next sequence: a different birthday could be the next household's (29 February + 2 years)
    String wife = TestIds.idNumber(DISTRICT, born, seq + 1, false);
    return Map.of("streetCode", STREET, "areaType", "URBAN", "applicantIdNumber", self, "phone", "13800000000",
        "members", List.of(member("刘一", self, "SELF", 400), member("陈二", wife, "SPOUSE", 100)),
        "assets", Map.of("financialAssets", 2000, "vehicles", 0, "houses", 1, "nonResidentialProperties", 0,
            "businessRegistered", false));
  }

  private static Map<String, Object> member(String name, String id, String relation, int income) {
    return Map.of("name", name, "idNumber", id, "relation", relation, "monthlyIncome", income, "laborCapacity", "FULL",
        "seriousIllness", false);
  }

  static Case submit(Http http) {
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", application());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Case(created.json().get("applicationNo").asText(), created.json().get("processInstanceId").asText());
  }

  /** The open task of that key in the case as the user sees it, or null. */
  static String task(Http http, String user, String pid, String key) {
    Http.Response tasks = http.get(user, "/engine-rest/task?maxResults=5&processInstanceId=" + pid
        + "&taskDefinitionKey=" + key);
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    return tasks.json().isEmpty() ? null : tasks.json().get(0).get("id").asText();
  }

  static String awaitTask(Http http, String user, String pid, String key, long seconds) {
    long end = System.currentTimeMillis() + seconds * 1000;
    while (System.currentTimeMillis() < end) {
      String id = task(http, user, pid, key);
      if (id != null) {
        return id;
      }
      AppNode.sleep(250);
    }
    throw new AssertionError("no " + key + " task in " + pid + " within " + seconds + " s");
  }

  /** Claims (again, after a crash: a claim by the same user is accepted) and completes; the completion's status. */
  static int complete(Http http, String user, String taskId, Map<String, Object> values) {
    Http.Response claim = http.post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    Http.Response done = http.post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    return done.status();
  }

  /** Who completes each step, and with what. */
  static String user(String key) {
    return switch (key) {
      case "householdInvestigation" -> "xf1-worker1";
      case "streetReview" -> "xf1-leader";
      case "districtApproval" -> "xf-approver";
      default -> throw new IllegalArgumentException(key);
    };
  }

  static Map<String, Object> values(String key) {
    return switch (key) {
      case "householdInvestigation" -> Map.of("secondInvestigator", "xf1-worker2", "findings", "住房简陋,无贵重家电");
      case "streetReview" -> Map.of("decision", "approve", "opinion", "情况属实");
      case "districtApproval" -> Map.of("decision", "approve", "opinion", "同意纳入");
      default -> throw new IllegalArgumentException(key);
    };
  }

  static void completeStep(Http http, Case c, String key) {
    String id = awaitTask(http, user(key), c.processInstanceId(), key, 120);
    int status = complete(http, user(key), id, values(key));
    assertThat(status).as("%s of %s", key, c.applicationNo()).isEqualTo(204);
  }

  /**
   * Ends the 7-day public notices now, as an operator does in Cockpit: the due date of every waiting notice timer is
   * set to the past, so a job executor (of whichever node) fires it. Returns how many were moved.
   */
  static int endNotices(Http http) {
    Http.Response jobs = http.get("admin", "/engine-rest/job?activityId=Event_NoticePeriodEnded&maxResults=1000");
    assertThat(jobs.status()).as(jobs.body()).isEqualTo(200);
    int moved = 0;
    for (JsonNode job : jobs.json()) {
      if (job.path("duedate").asText("").startsWith("2020")) {
        continue;
      }
      Http.Response r = http.put("admin", "/engine-rest/job/" + job.get("id").asText() + "/duedate",
          Map.of("duedate", "2020-01-01T00:00:00.000+0800"));
      if (r.status() == 204) {
        moved++;
      }
    }
    return moved;
  }

  /**
   * Ends the notices of the cases as they start (their publication is a job), until every case waits for the
   * district's approval.
   */
  static void passNotices(Http http, StoppablePostgres db, List<Case> cases, long seconds) {
    long end = System.currentTimeMillis() + seconds * 1000;
    String in = "'" + String.join("','", cases.stream().map(Case::processInstanceId).toList()) + "'";
    long waiting = 0;
    while (System.currentTimeMillis() < end) {
      waiting = db.count("select count(*) from act_ru_task where task_def_key_ = 'districtApproval' and proc_inst_id_ in ("
          + in + ")");
      if (waiting == cases.size()) {
        return;
      }
      endNotices(http);
      AppNode.sleep(1000);
    }
    throw new AssertionError(waiting + " of " + cases.size() + " cases past their notice after " + seconds + " s");
  }

  /** Waits until every case has the status (read from the case table, which follows the engine at every step). */
  static void awaitStatus(StoppablePostgres db, List<Case> cases, String status, long seconds) {
    long end = System.currentTimeMillis() + seconds * 1000;
    String in = "'" + String.join("','", cases.stream().map(Case::applicationNo).toList()) + "'";
    long n = 0;
    while (System.currentTimeMillis() < end) {
      n = db.count("select count(*) from app_case where status = ? and application_no in (" + in + ")", status);
      if (n == cases.size()) {
        return;
      }
      AppNode.sleep(500);
    }
    throw new AssertionError(n + " of " + cases.size() + " cases " + status + " after " + seconds + " s: "
        + db.rows("select application_no, status from app_case where application_no in (" + in + ")"));
  }
}
