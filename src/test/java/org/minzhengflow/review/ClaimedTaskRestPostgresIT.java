package org.minzhengflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * A claimed task is its assignee's: a colleague of the same group, who may see it and whom Camunda would let
 * complete it over the REST API, is refused (403, nothing changes) until it is handed over; the assignee completes it.
 */
class ClaimedTaskRestPostgresIT extends PostgresIntegrationTest {

  @Test
  void onlyTheAssigneeCompletesAClaimedTask() {
    Http http = http();
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String pid = created.json().get("processInstanceId").asText();
    String task = awaitTask(http, "xf1-worker1", pid, "householdInvestigation");
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);

    Map<String, Object> findings = Map.of("variables", Map.of(
        "secondInvestigator", Map.of("value", "xf1-worker1"), "findings", Map.of("value", "住房简陋,家庭成员均在家")));
    Http.Response colleague = http.post("xf1-worker2", "/engine-rest/task/" + task + "/complete", findings);
    assertThat(colleague.status()).as(colleague.body()).isEqualTo(403);
    assertThat(colleague.json().path("message").asText()).contains("已由xf1-worker1认领办理", "转办");
    // the person comes before the form: naming themselves as second investigator would be a 400, but they may not
    // complete the task at all
    Http.Response ownForm = http.post("xf1-worker2", "/engine-rest/task/" + task + "/complete", Map.of("variables",
        Map.of("secondInvestigator", Map.of("value", "xf1-worker2"), "findings", Map.of("value", "住房简陋,家庭成员均在家"))));
    assertThat(ownForm.status()).as(ownForm.body()).isEqualTo(403);
    assertThat(ownForm.json().path("message").asText()).contains("已由xf1-worker1认领办理");
    Http.Response still = http.get("xf1-worker1", "/engine-rest/task/" + task);
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.json().path("assignee").asText()).isEqualTo("xf1-worker1");

    Map<String, Object> own = Map.of("variables", Map.of(
        "secondInvestigator", Map.of("value", "xf1-worker2"), "findings", Map.of("value", "住房简陋,家庭成员均在家")));
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + task + "/complete", own).status()).isEqualTo(204);
    awaitTask(http, "xf1-leader", pid, "streetReview");
  }
}
