package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * Whole dibao cases through the REST APIs only, as the demo users, on real PostgreSQL with the job
 * executor running: what another system or a Tasklist user does.
 */
public class DibaoRestPostgresIT extends PostgresIntegrationTest {

  private static int serial = 500;

  public static Map<String, Object> member(String name, String id, String relation, int income) {
    return Map.of("name", name, "idNumber", id, "relation", relation, "monthlyIncome", income, "laborCapacity", "FULL",
        "seriousIllness", false);
  }

  public static Map<String, Object> application(String street) {
    String self = TestIds.idNumber("230102", LocalDate.of(1970, 4, 4), serial++, true);
    String wife = TestIds.idNumber("230102", LocalDate.of(1972, 5, 5), serial++, false);
    return Map.of("streetCode", street, "areaType", "URBAN", "applicantIdNumber", self, "phone", "0451-88888888",
        "members", List.of(member("刘一", self, "SELF", 400), member("陈二", wife, "SPOUSE", 100)),
        "assets", Map.of("financialAssets", 2000, "vehicles", 0, "houses", 1, "nonResidentialProperties", 0,
            "businessRegistered", false));
  }

  @Test
  void twoLevelCaseFromApplicationToApprovalThroughTheRestApis() {
    Http http = new Http(port);
    Map<String, Object> body = application("230110001");

    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    assertThat(created.json().get("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(http.post("xf1-worker2", "/api/dibao/applications", body).status()).isEqualTo(409);

    String investigation = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
    // another street's staff see neither the task nor the case
    assertThat(http.get("dl1-worker1", "/engine-rest/task?maxResults=50&processInstanceId=" + pid).json().size()).isZero();
    assertThat(http.get("dl1-worker1", "/api/dibao/applications/" + no).status()).isEqualTo(403);
    assertThat(http.get("dl1-worker1", "/engine-rest/process-instance/" + pid).status()).isEqualTo(404);

    Http.Response sameTwice = complete(http, "xf1-worker1", investigation,
        Map.of("secondInvestigator", "xf1-worker1", "findings", "住房简陋"));
    assertThat(sameTwice.status()).isEqualTo(400);
    assertThat(sameTwice.json().get("errors").get(0).get("field").asText()).isEqualTo("secondInvestigator");
    assertThat(complete(http, "xf1-worker1", investigation,
        Map.of("secondInvestigator", "xf1-worker2", "findings", "住房简陋,无贵重家电")).status()).isEqualTo(204);

    String review = awaitTask(http, "xf1-leader", pid, "streetReview");
    assertThat(complete(http, "xf1-leader", review, Map.of("decision", "return")).status()).isEqualTo(400);
    assertThat(complete(http, "xf1-leader", review, Map.of("decision", "approve", "opinion", "情况属实")).status())
        .isEqualTo(204);

    JsonNode status = http.await("xf1-worker1", "/api/dibao/applications/" + no,
        r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText())).json();
    // ceil(732 × 2 − 500) = 964
    assertThat(status.get("monthlyAmount").decimalValue()).isEqualByComparingTo("964");
    assertThat(status.get("standard").decimalValue()).isEqualByComparingTo("732");
    assertThat(status.get("perCapitaIncome").decimalValue()).isEqualByComparingTo("250");

    // the operator ends the 7-day notice early by executing its timer job
    Http.Response timers = noticeTimers(http, pid);
    assertThat(timers.json().size()).isEqualTo(1);
    assertThat(http.post("admin", "/engine-rest/job/" + timers.json().get(0).get("id").asText() + "/execute", Map.of())
        .status()).isEqualTo(204);

    String approval = awaitTask(http, "xf-approver", pid, "districtApproval");
    assertThat(http.get("xf1-worker1", "/engine-rest/task?maxResults=5&taskDefinitionKey=districtApproval&processInstanceId="
        + pid).json().size()).isZero();
    assertThat(complete(http, "xf-approver", approval, Map.of("decision", "approve")).status()).isEqualTo(204);

    JsonNode done = http.await("xf1-worker1", "/api/dibao/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    assertThat(done.get("tier").asText()).isEqualTo("DIBAO");
    assertThat(done.get("history")).extracting(h -> h.get("step").asText())
        .contains("submitted", "verification", "householdInvestigation", "streetReview", "districtApproval");
  }

  @Test
  void pilotDistrictStreetDecisionIsFinalAndInvalidInputIsRefused() {
    Http http = new Http(port);
    Map<String, Object> body = application("230102001");
    Http.Response invalid = http.post("dl1-worker1", "/api/dibao/applications",
        Map.of("streetCode", "230102001", "areaType", "URBAN", "applicantIdNumber", "230102197004040000",
            "members", List.of(), "assets", Map.of()));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("applicantIdNumber", "members", "assets.financialAssets");
    assertThat(http.post(null, "/api/dibao/applications", body).status()).isEqualTo(401);
    assertThat(http.post("xf1-worker1", "/api/dibao/applications", body).status()).isEqualTo(403);

    Http.Response created = http.post("dl1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    complete(http, "dl1-worker1", awaitTask(http, "dl1-worker1", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "dl1-worker2", "findings", "家庭成员均在家,情况属实"));
    complete(http, "dl1-leader", awaitTask(http, "dl1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    http.await("dl1-worker1", "/api/dibao/applications/" + no, r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText()));

    assertThat(http.post("dl1-worker2", "/api/dibao/applications/" + no + "/objections",
        Map.of("objection", "邻居反映申请人有出租收入")).status()).isEqualTo(202);
    complete(http, "dl1-worker2", awaitTask(http, "dl1-worker2", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "dl1-worker1", "findings", "核实无出租收入"));
    complete(http, "dl1-leader", awaitTask(http, "dl1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    http.await("dl1-worker1", "/api/dibao/applications/" + no, r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText()));
    Http.Response timers = noticeTimers(http, pid);
    http.post("admin", "/engine-rest/job/" + timers.json().get(0).get("id").asText() + "/execute", Map.of());

    JsonNode done = http.await("dl-approver", "/api/dibao/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    assertThat(done.get("history")).extracting(h -> h.get("step").asText())
        .contains("objection").doesNotContain("districtApproval");
  }

  @Test
  void concurrentSubmissionsGetDistinctNumbersAndAHouseholdIsAcceptedExactlyOnce() throws Exception {
    Http http = http();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Http.Response>> different = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Map<String, Object> body = application("230110001");
        different.add(pool.submit(() -> http.post("xf1-worker1", "/api/dibao/applications", body)));
      }
      java.util.Set<String> numbers = new java.util.HashSet<>();
      for (var future : different) {
        Http.Response r = future.get();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        numbers.add(r.json().get("applicationNo").asText());
      }
      assertThat(numbers).hasSize(8);

      Map<String, Object> same = application("230110001");
      List<java.util.concurrent.Future<Http.Response>> twins = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        twins.add(pool.submit(() -> http.post("xf1-worker2", "/api/dibao/applications", same)));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var future : twins) {
        statuses.add(future.get().status());
      }
      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(s -> s == 201).count()).isOne();
    } finally {
      pool.shutdownNow();
    }
  }
}
