package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * A household approved through the REST APIs, then re-reviewed by a district campaign (专项清理) to a new amount:
 * the campaign call, the review's tasks in Tasklist's engine REST API, the outcome in the review's status, the
 * household's status and the benefit registry — on real PostgreSQL with the job executor draining the campaign.
 */
public class DibaoReviewRestPostgresIT extends PostgresIntegrationTest {

  @Test
  void anApprovedHouseholdIsReReviewedByACampaignToANewAmount() {
    Http http = http();
    Map<String, Object> body = DibaoRestPostgresIT.application("230110001");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> members = (List<Map<String, Object>>) body.get("members");
    String husband = (String) members.get(0).get("idNumber");
    String wife = (String) members.get(1).get("idNumber");

    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "住房简陋,情况属实"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    http.await("xf1-worker1", "/api/dibao/applications/" + no, r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText()));
    String timer = noticeTimers(http, pid).json().get(0).get("id").asText();
    assertThat(http.post("admin", "/engine-rest/job/" + timer + "/execute", Map.of()).status()).isEqualTo(204);
    complete(http, "xf-approver", awaitTask(http, "xf-approver", pid, "districtApproval"), Map.of("decision", "approve"));
    JsonNode approved = http.await("xf1-worker1", "/api/dibao/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    // ceil(732 × 2 − 500) = 964
    assertThat(approved.get("monthlyAmount").decimalValue()).isEqualByComparingTo("964");
    assertThat(approved.get("reviews")).isEmpty();

    // the campaign: the district bureau of that district only, every field named when wrong
    Map<String, Object> campaign = Map.of("streetCode", "230110001", "reason", "2026年低保专项清理");
    assertThat(http.post("dl-approver", "/api/dibao/reviews", campaign).status()).isEqualTo(403);
    assertThat(http.post("xf1-leader", "/api/dibao/reviews", campaign).status()).isEqualTo(403);
    Http.Response invalid = http.post("xf-approver", "/api/dibao/reviews", Map.of());
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("streetCode", "districtCode", "reason");
    Http.Response started = http.post("xf-approver", "/api/dibao/reviews", campaign);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().get("started").asInt()).isGreaterThanOrEqualTo(1);

    // the job executor starts the requested reviews behind the request
    JsonNode household = http.await("xf1-worker1", "/api/dibao/applications/" + no,
        r -> r.json().path("reviews").size() == 1).json();
    String reviewNo = household.get("reviews").get(0).get("reviewNo").asText();
    assertThat(reviewNo).startsWith("FC");
    JsonNode review = http.await("xf1-worker1", "/api/dibao/reviews/" + reviewNo,
        r -> r.status() == 200 && r.json().path("openSteps").toString().contains("reviewInvestigation")).json();
    assertThat(review.get("applicationNo").asText()).isEqualTo(no);
    assertThat(review.get("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(review.get("trigger").asText()).isEqualTo("CAMPAIGN");
    assertThat(review.path("outcome").isMissingNode() || review.get("outcome").isNull()).isTrue();
    String reviewPid = review.get("processInstanceId").asText();
    assertThat(http.get("dl1-worker1", "/api/dibao/reviews/" + reviewNo).status()).isEqualTo(403);
    assertThat(http.get("xf1-worker1", "/api/dibao/reviews/FC2000999999").status()).isEqualTo(404);
    // one open review per benefit
    assertThat(http.post("xf-approver", "/api/dibao/reviews", Map.of("applicationNo", no, "reason", "再次复核"))
        .status()).isEqualTo(409);
    assertThat(http.get("xf-approver", "/api/applications?kind=dibao-review&q=" + reviewNo).json()
        .get("total").asInt()).isOne();

    // the tasks, as Tasklist completes them: the home visit finds the husband earns more now
    String investigation = awaitTask(http, "xf1-worker1", reviewPid, "reviewInvestigation");
    Http.Response wrong = complete(http, "xf1-worker1", investigation, Map.of("secondInvestigator", "xf1-worker2",
        "findings", "复核入户", "updatedIncomes", "{\"" + husband + "\":600}"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("updatedIncomes");
    assertThat(complete(http, "xf1-worker1", investigation, Map.of("secondInvestigator", "xf1-worker2",
        "findings", "复核入户:丈夫已在社区公益岗位就业", "updatedIncomes",
        "{\"" + husband + "\":600,\"" + wife + "\":100}")).status()).isEqualTo(204);
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", reviewPid, "streetReview"),
        Map.of("decision", "approve", "opinion", "同意调整"));
    complete(http, "xf-approver", awaitTask(http, "xf-approver", reviewPid, "districtApproval"),
        Map.of("decision", "approve"));

    JsonNode done = http.await("xf1-worker1", "/api/dibao/reviews/" + reviewNo,
        r -> "REVIEWED".equals(r.json().path("status").asText())).json();
    assertThat(done.get("outcome").asText()).isEqualTo("ADJUST");
    // ceil(732 × 2 − 700) = 764
    assertThat(done.get("monthlyAmount").decimalValue()).isEqualByComparingTo("764");
    assertThat(done.get("reasons").toString()).contains("调整保障金额");
    assertThat(done.get("history")).extracting(h -> h.get("step").asText())
        .contains("submitted", "verification", "reviewInvestigation", "streetReview", "districtApproval",
            "reviewOutcome");
    JsonNode after = http.get("xf1-worker1", "/api/dibao/applications/" + no).json();
    assertThat(after.get("reviews").get(0).get("outcome").asText()).isEqualTo("ADJUST");
    assertThat(after.get("reviews").get(0).get("status").asText()).isEqualTo("REVIEWED");
    JsonNode benefit = http.get("xf1-worker1", "/api/persons/" + husband + "/benefits").json().get(0);
    assertThat(benefit.get("monthlyAmount").decimalValue()).isEqualByComparingTo("764");
    assertThat(benefit.get("status").asText()).isEqualTo("ACTIVE");
    JsonNode notices = http.get("xf1-worker1", "/api/applications/" + no + "/notices").json();
    assertThat(notices).extracting(n -> n.get("kind").asText()).contains("REVIEW_OUTCOME");
  }
}
