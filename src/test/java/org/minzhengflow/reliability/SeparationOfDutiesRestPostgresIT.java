package org.minzhengflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * Item 9 of issue 13, separation of duties, through the APIs a member of staff has (engine REST as Tasklist uses it,
 * the task operations): a registered close relative (近亲属) never gets a task of the case, and nobody decides a case
 * in two roles — neither a member of two groups nor the bureau an overdue step was escalated to. Every operation that
 * would give them a task is tried: claim, complete, 转办, 委派, 加签, 退回, 撤回; each is refused with a Chinese 403 (or
 * 409 where the state already forbids it) and changes nothing: same assignee, same open step, nothing in the history.
 */
class SeparationOfDutiesRestPostgresIT extends PostgresIntegrationTest {

  private static final Map<String, Object> INVESTIGATED_BY_WORKER2 =
      Map.of("secondInvestigator", "xf1-worker1", "findings", "入户核实,情况属实");

  private record Case(String no, String pid, Map<String, Object> body) {}

  private Case newCase(Http http) {
    Map<String, Object> body = DibaoRestPostgresIT.application("230110001");
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Case(created.json().get("applicationNo").asText(), created.json().get("processInstanceId").asText(), body);
  }

  private static JsonNode task(Http http, String taskId) {
    Http.Response r = http.get("admin", "/engine-rest/task/" + taskId);
    assertThat(r.status()).as("the task is still open: " + r.body()).isEqualTo(200);
    return r.json();
  }

  private static String assignee(Http http, String taskId) {
    JsonNode a = task(http, taskId).get("assignee");
    return a == null || a.isNull() ? null : a.asText();
  }

  /** Every entry of the case history as "step/decision/user". */
  private static List<String> history(Http http, Case c) {
    List<String> entries = new ArrayList<>();
    http.get("admin", "/api/dibao/applications/" + c.no()).json().get("history").forEach(e -> entries.add(
        e.path("step").asText() + "/" + e.path("decision").asText() + "/" + e.path("user").asText()));
    return entries;
  }

  /** Refused as the brief asks: 403 (or 409), a Chinese message, the words expected in it. */
  private static void refused(Http.Response r, int status, String... words) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    String message = r.json().get("message").asText();
    assertThat(message).as(r.body()).containsPattern("\\p{IsHan}").contains(words);
    assertThat(r.body()).doesNotContain("[forbidden]", "Exception while");
  }

  private static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> v = new java.util.LinkedHashMap<>();
    values.forEach((k, x) -> v.put(k, Map.of("value", x)));
    return Map.of("variables", v);
  }

  private void fire(Http http, Case c, String activityId) {
    Http.Response jobs = http.await("admin", "/engine-rest/job?maxResults=5&processInstanceId=" + c.pid()
        + "&activityId=" + activityId, r -> r.json().size() == 1);
    Http.Response run = http.post("admin", "/engine-rest/job/" + jobs.json().get(0).get("id").asText() + "/execute", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(204);
  }

  private void endNotice(Http http, Case c) {
    Http.Response timer = noticeTimers(http, c.pid());
    assertThat(http.post("admin", "/engine-rest/job/" + timer.json().get(0).get("id").asText() + "/execute", Map.of())
        .status()).isEqualTo(204);
  }

  @Test
  void aCloseRelativeRegisteredLateNeverGetsATaskOfTheCase() {
    Http http = http();
    Case c = newCase(http);
    assertThat(complete(http, "xf1-worker2", awaitTask(http, "xf1-worker2", c.pid(), "householdInvestigation"),
        INVESTIGATED_BY_WORKER2).status()).isEqualTo(204);
    String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    // found out afterwards: the household is xf1-worker2's sister's
    Http.Response registered = http.post("admin", "/api/staff-relatives", List.of(Map.of(
        "idNumber", c.body().get("applicantIdNumber"), "staffUserId", "xf1-worker2", "relation", "姐妹")));
    assertThat(registered.status()).as(registered.body()).isBetween(200, 204);

    // 撤回: the relative may not take back the step they did
    refused(http.post("xf1-worker2", "/api/applications/" + c.no() + "/withdraw", Map.of("reason", "重新调查")), 403, "近亲属");
    assertThat(assignee(http, review)).isNull();

    // 退回 by the leader to the investigation: the step no longer goes back to the relative who did it
    assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")).status())
        .isEqualTo(204);
    Http.Response back = http.post("xf1-leader", "/api/tasks/" + review + "/return",
        Map.of("toStep", "householdInvestigation", "reason", "请补充调查"));
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    String redo = back.json().get("taskId").asText();
    assertThat(back.json().path("assignee").isMissingNode() || back.json().get("assignee").isNull()).as(back.body()).isTrue();
    assertThat(assignee(http, redo)).isNull();
    assertThat(http.get("admin", "/api/dibao/applications/" + c.no()).body()).contains("回避");

    List<String> before = history(http, c);
    // claim and complete through the engine REST API, as Tasklist does
    refused(http.post("xf1-worker2", "/engine-rest/task/" + redo + "/claim", Map.of("userId", "xf1-worker2")), 403, "近亲属", "回避");
    assertThat(assignee(http, redo)).isNull();
    refused(http.post("xf1-worker2", "/engine-rest/task/" + redo + "/complete", variables(INVESTIGATED_BY_WORKER2)), 403,
        "近亲属");
    assertThat(task(http, redo).get("taskDefinitionKey").asText()).isEqualTo("householdInvestigation");
    // 转办, 委派 and 加签 to the relative, by the colleague who has the task
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + redo + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);
    refused(http.post("xf1-worker1", "/api/tasks/" + redo + "/transfer", Map.of("toUser", "xf1-worker2", "reason", "休假")), 403,
        "近亲属");
    refused(http.post("xf1-worker1", "/api/tasks/" + redo + "/delegate", Map.of("toUser", "xf1-worker2")), 403, "近亲属");
    refused(http.post("xf1-worker1", "/api/tasks/" + redo + "/countersign",
        Map.of("users", List.of("xf1-worker2"), "reason", "请提意见")), 403, "近亲属");
    // and the relative acting on it: 转办, 委派, 加签, 退回 of a task of the case
    refused(http.post("xf1-worker2", "/api/tasks/" + redo + "/transfer", Map.of("toUser", "xf1-worker2", "reason", "x")), 403,
        "近亲属");
    refused(http.post("xf1-worker2", "/api/tasks/" + redo + "/delegate", Map.of("toUser", "xf1-worker1")), 403, "近亲属");
    refused(http.post("xf1-worker2", "/api/tasks/" + redo + "/countersign", Map.of("users", List.of("xf1-leader"),
        "reason", "x")), 403, "近亲属");
    refused(http.post("xf1-worker2", "/api/tasks/" + redo + "/return", Map.of("toStep", "householdInvestigation",
        "reason", "x")), 403, "近亲属");
    assertThat(assignee(http, redo)).isEqualTo("xf1-worker1");
    assertThat(task(http, redo).path("owner").isNull()).isTrue();
    assertThat(history(http, c)).isEqualTo(before);
    Http.Response open = http.get("admin", "/engine-rest/task?maxResults=10&processDefinitionKey=countersigning"
        + "&processVariables=parentTaskId_eq_" + redo);
    assertThat(open.json().size()).as(open.body()).isZero();

    // nor may the colleague name the relative as the second investigator (a field of the form: 400)
    Http.Response second = complete(http, "xf1-worker1", redo, Map.of("secondInvestigator", "xf1-worker2", "findings", "x"));
    assertThat(second.status()).as(second.body()).isEqualTo(400);
    assertThat(second.body()).contains("secondInvestigator", "回避");
    assertThat(assignee(http, redo)).isEqualTo("xf1-worker1");
  }

  @Test
  void aMemberOfTwoGroupsDoesNotDecideTheCaseInBoth() {
    Http http = http();
    // a deputy leader who also investigates: member of the street's caseworkers and of its leaders
    String membership = "/engine-rest/group/street-230110001-leader/members/xf1-worker2";
    assertThat(http.put("admin", membership).status()).isEqualTo(204);
    try {
      Case c = newCase(http);
      assertThat(complete(http, "xf1-worker2", awaitTask(http, "xf1-worker2", c.pid(), "householdInvestigation"),
          INVESTIGATED_BY_WORKER2).status()).isEqualTo(204);
      String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
      Http.Response offered = http.get("xf1-worker2", "/engine-rest/task?maxResults=5&processInstanceId=" + c.pid());
      assertThat(offered.json().size()).as("a candidate of the review by group").isEqualTo(1);
      List<String> before = history(http, c);

      refused(http.post("xf1-worker2", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-worker2")), 403,
          "入户调查", "街道审核");
      refused(http.post("xf1-worker2", "/engine-rest/task/" + review + "/complete", variables(Map.of("decision", "approve"))),
          403, "入户调查");
      // sending the review back is deciding it too
      refused(http.post("xf1-worker2", "/api/tasks/" + review + "/return", Map.of("toStep", "householdInvestigation",
          "reason", "补充")), 403, "入户调查");
      assertThat(assignee(http, review)).isNull();

      assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")).status())
          .isEqualTo(204);
      refused(http.post("xf1-leader", "/api/tasks/" + review + "/transfer", Map.of("toUser", "xf1-worker2", "reason", "出差")),
          403, "入户调查");
      refused(http.post("xf1-leader", "/api/tasks/" + review + "/delegate", Map.of("toUser", "xf1-worker2")), 403, "入户调查");
      refused(http.post("xf1-leader", "/api/tasks/" + review + "/countersign",
          Map.of("users", List.of("xf1-worker2"), "reason", "请提意见")), 403, "入户调查");
      // 撤回 of the leader's step is the leader's alone
      refused(http.post("xf1-worker2", "/api/applications/" + c.no() + "/withdraw", Map.of()), 409, "认领");
      assertThat(assignee(http, review)).isEqualTo("xf1-leader");
      assertThat(task(http, review).path("owner").isNull()).isTrue();
      assertThat(history(http, c)).isEqualTo(before);

      // the leader decides; the deputy still does the steps of the role he took
      assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/complete", variables(Map.of("decision", "approve")))
          .status()).isEqualTo(204);
      assertThat(history(http, c)).contains("streetReview/approve/xf1-leader");
    } finally {
      assertThat(http.delete("admin", membership).status()).isEqualTo(204);
    }
  }

  @Test
  void aStepCompletedWithoutClaimingItCountsAsTheirsToo() {
    Http http = http();
    String membership = "/engine-rest/group/street-230110001-leader/members/xf1-worker2";
    assertThat(http.put("admin", membership).status()).isEqualTo(204);
    try {
      Case c = newCase(http);
      // over the REST API a candidate may complete without claiming: the task keeps no assignee, only the engine's
      // operation log names who completed it
      String visit = awaitTask(http, "xf1-worker2", c.pid(), "householdInvestigation");
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      INVESTIGATED_BY_WORKER2.forEach((k, v) -> values.put(k, Map.of("value", v)));
      assertThat(http.post("xf1-worker2", "/engine-rest/task/" + visit + "/complete", Map.of("variables", values))
          .status()).isEqualTo(204);
      assertThat(http.get("admin", "/engine-rest/history/task?maxResults=1&taskId=" + visit).json().get(0).path("assignee").isNull())
          .isTrue();
      String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
      refused(http.post("xf1-worker2", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-worker2")), 403,
          "入户调查", "街道审核");
      refused(http.post("xf1-worker2", "/engine-rest/task/" + review + "/complete", variables(Map.of("decision", "approve"))),
          403, "入户调查");
      assertThat(assignee(http, review)).isNull();
      // the leader, who did not investigate, takes it
      assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")).status())
          .isEqualTo(204);
    } finally {
      assertThat(http.delete("admin", membership).status()).isEqualTo(204);
    }
  }

  @Test
  void theBureauThatDidAnOverdueStreetReviewDoesNotApproveIt() {
    Http http = http();
    Case c = newCase(http);
    assertThat(complete(http, "xf1-worker2", awaitTask(http, "xf1-worker2", c.pid(), "householdInvestigation"),
        INVESTIGATED_BY_WORKER2).status()).isEqualTo(204);
    awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    fire(http, c, "Event_StreetReviewOverdue");
    // the overdue review is offered to the district bureau, which takes it over
    String review = awaitTask(http, "xf-approver", c.pid(), "streetReview");
    assertThat(complete(http, "xf-approver", review, Map.of("decision", "approve")).status()).isEqualTo(204);
    endNotice(http, c);
    String approval = awaitTask(http, "xf-approver", c.pid(), "districtApproval");
    List<String> before = history(http, c);

    refused(http.post("xf-approver", "/engine-rest/task/" + approval + "/claim", Map.of("userId", "xf-approver")), 403,
        "街道审核", "区民政部门审批");
    refused(http.post("xf-approver", "/engine-rest/task/" + approval + "/complete",
        variables(Map.of("decision", "approve"))), 403, "街道审核");
    refused(http.post("xf-approver", "/api/tasks/" + approval + "/return", Map.of("toStep", "streetReview", "reason", "x")),
        403, "街道审核");
    // unclaimed, and claiming is refused: nothing to hand on
    refused(http.post("xf-approver", "/api/tasks/" + approval + "/transfer", Map.of("toUser", "xf-approver", "reason", "x")),
        409, "认领");
    refused(http.post("xf-approver", "/api/tasks/" + approval + "/delegate", Map.of("toUser", "city-approver")), 409, "认领");
    refused(http.post("xf-approver", "/api/tasks/" + approval + "/countersign", Map.of("users", List.of("city-approver"),
        "reason", "x")), 409, "认领");
    assertThat(assignee(http, approval)).isNull();
    assertThat(history(http, c)).isEqualTo(before);

    // overdue again: the city decides in the district's place
    fire(http, c, "Event_DistrictApprovalOverdue");
    String byCity = awaitTask(http, "city-approver", c.pid(), "districtApproval");
    assertThat(complete(http, "city-approver", byCity, Map.of("decision", "approve", "opinion", "同意")).status())
        .isEqualTo(204);
    assertThat(http.await("admin", "/api/dibao/applications/" + c.no(),
        r -> "APPROVED".equals(r.json().path("status").asText())).json().get("history").toString())
        .contains("city-approver");
  }
}
