package org.minzhengflow.taskops;

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
 * 转办, 委派, 加签, 退回, 撤回, 抄送 and 催办 through the application API as the demo users on PostgreSQL: each allowed
 * for the right person, refused for another street (403), refused when the engine's state forbids it (409), and
 * recorded in the case history and as a task comment.
 */
class TaskOperationsRestPostgresIT extends PostgresIntegrationTest {

  private static final Map<String, Object> INVESTIGATION =
      Map.of("secondInvestigator", "xf1-worker2", "findings", "入户核实,情况属实");

  private record Case(String no, String pid, Map<String, Object> body) {}

  private Case newCase(Http http) {
    Map<String, Object> body = DibaoRestPostgresIT.application("230110001");
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Case(created.json().get("applicationNo").asText(), created.json().get("processInstanceId").asText(), body);
  }

  private static JsonNode task(Http http, String taskId) {
    Http.Response r = http.get("admin", "/engine-rest/task/" + taskId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> historyDecisions(Http http, Case c) {
    List<String> decisions = new ArrayList<>();
    http.get("xf1-worker1", "/api/dibao/applications/" + c.no()).json().get("history")
        .forEach(e -> decisions.add(e.path("decision").asText()));
    return decisions;
  }

  private static String comments(Http http, String taskId) {
    Http.Response r = http.get("admin", "/engine-rest/task/" + taskId + "/comment");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static List<String> fields(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  @Test
  void transferAndDelegateStayWithinTheTasksGroupAndFollowTheEngine() {
    Http http = http();
    Case c = newCase(http);
    String inv = awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    String path = "/api/tasks/" + inv + "/transfer";
    Map<String, Object> toWorker2 = Map.of("toUser", "xf1-worker2", "reason", "本人下周休假");

    assertThat(http.post("dl1-worker1", path, toWorker2).status()).isEqualTo(403);
    // unclaimed: a colleague has to claim it first
    assertThat(http.post("xf1-worker1", path, toWorker2).status()).isEqualTo(409);
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + inv + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);
    assertThat(fields(http.post("xf1-worker1", path, Map.of()))).containsExactlyInAnyOrder("toUser", "reason");
    assertThat(fields(http.post("xf1-worker1", path, Map.of("toUser", "nobody", "reason", "x")))).containsExactly("toUser");
    Http.Response otherStreet = http.post("xf1-worker1", path, Map.of("toUser", "dl1-worker1", "reason", "x"));
    assertThat(otherStreet.status()).as(otherStreet.body()).isEqualTo(403);
    assertThat(otherStreet.json().get("message").asText()).contains("dl1-worker1");

    Http.Response moved = http.post("xf1-worker1", path, toWorker2);
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(task(http, inv).get("assignee").asText()).isEqualTo("xf1-worker2");
    assertThat(historyDecisions(http, c)).contains("transfer");
    assertThat(comments(http, inv)).contains("【转办】", "本人下周休假");
    // no longer the assignee: a colleague's claimed task is a conflict; the street leader may take it back
    assertThat(http.post("xf1-worker1", path, Map.of("toUser", "xf1-worker1", "reason", "收回")).status()).isEqualTo(409);
    Http.Response byLeader = http.post("xf1-leader", path, Map.of("toUser", "xf1-worker1", "reason", "工作调整"));
    assertThat(byLeader.status()).as(byLeader.body()).isEqualTo(200);

    // 委派: the delegate works on it and gives it back to the owner
    String delegate = "/api/tasks/" + inv + "/delegate";
    assertThat(http.post("xf1-worker2", delegate, Map.of("toUser", "xf1-worker2")).status()).isEqualTo(409);
    Http.Response delegated = http.post("xf1-worker1", delegate, Map.of("toUser", "xf1-worker2"));
    assertThat(delegated.status()).as(delegated.body()).isEqualTo(200);
    JsonNode engine = task(http, inv);
    assertThat(engine.get("owner").asText()).isEqualTo("xf1-worker1");
    assertThat(engine.get("assignee").asText()).isEqualTo("xf1-worker2");
    assertThat(engine.get("delegationState").asText()).isEqualTo("PENDING");
    assertThat(http.post("xf1-worker1", "/api/tasks/" + inv + "/resolve", Map.of()).status()).isEqualTo(403);
    assertThat(http.post("xf1-worker2", "/api/tasks/" + inv + "/transfer", toWorker2).status()).isEqualTo(409);
    Http.Response resolved = http.post("xf1-worker2", "/api/tasks/" + inv + "/resolve", Map.of("opinion", "已入户"));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    engine = task(http, inv);
    assertThat(engine.get("assignee").asText()).isEqualTo("xf1-worker1");
    assertThat(engine.get("delegationState").asText()).isEqualTo("RESOLVED");
    assertThat(http.post("xf1-worker2", "/api/tasks/" + inv + "/resolve", Map.of()).status()).isEqualTo(409);
    assertThat(historyDecisions(http, c)).contains("delegate", "resolve");

    // done: every operation on it is a conflict, never a 500
    assertThat(complete(http, "xf1-worker1", inv, INVESTIGATION).status()).isEqualTo(204);
    assertThat(http.post("xf1-worker1", path, toWorker2).status()).isEqualTo(409);
    assertThat(http.post("xf1-leader", "/api/tasks/" + inv + "/urge", Map.of("message", "快")).status()).isEqualTo(409);
    assertThat(http.post("xf1-worker1", "/api/tasks/no-such-task/transfer", toWorker2).status()).isEqualTo(404);

    // one person, one role: whoever investigated may not take over the street review
    String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")).status())
        .isEqualTo(204);
    Http.Response twoRoles = http.post("xf1-leader", "/api/tasks/" + review + "/countersign",
        Map.of("users", List.of("xf1-worker1"), "reason", "请经办人补充意见"));
    // a refusal of the person named, as for another street's colleague (403, docs/reliability.md §9)
    assertThat(twoRoles.status()).as(twoRoles.body()).isEqualTo(403);
    assertThat(twoRoles.json().get("message").asText()).contains("xf1-worker1", "入户调查");
  }

  @Test
  void countersignOpinionsAreRequiredBeforeTheTaskCanBeCompleted() {
    Http http = http();
    Case c = newCase(http);
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation"), INVESTIGATION);
    String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    String path = "/api/tasks/" + review + "/countersign";
    Map<String, Object> ask = Map.of("users", List.of("xf-approver"), "reason", "家庭收入接近标准,请区局提前给出意见");

    assertThat(http.post("dl1-leader", path, ask).status()).isEqualTo(403);
    assertThat(http.post("xf1-leader", path, ask).status()).isEqualTo(409); // not claimed yet
    assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")).status())
        .isEqualTo(204);
    assertThat(fields(http.post("xf1-leader", path, Map.of("users", List.of())))).containsExactlyInAnyOrder("users", "reason");
    assertThat(http.post("xf1-leader", path, Map.of("users", List.of("dl1-worker1"), "reason", "x")).status()).isEqualTo(403);
    Http.Response asked = http.post("xf1-leader", path, ask);
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    assertThat(http.post("xf1-leader", path, ask).status()).isEqualTo(409);

    // the engine refuses the decision while an opinion is open, through its own REST API too
    Http.Response early = http.post("xf1-leader", "/engine-rest/task/" + review + "/complete",
        Map.of("variables", Map.of("decision", Map.of("value", "approve"))));
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.json().get("message").asText()).contains("加签");
    // and no return while it is open
    assertThat(http.post("xf1-leader", "/api/tasks/" + review + "/return",
        Map.of("toStep", "householdInvestigation", "reason", "补充调查")).status()).isEqualTo(409);

    Http.Response mine = http.get("xf-approver", "/engine-rest/task?maxResults=5&taskDefinitionKey=countersign&assignee=xf-approver"
        + "&processVariables=parentTaskId_eq_" + review);
    assertThat(mine.json().size()).as(mine.body()).isEqualTo(1);
    String countersign = mine.json().get(0).get("id").asText();
    Http.Response empty = http.post("xf-approver", "/engine-rest/task/" + countersign + "/complete", Map.of("variables", Map.of()));
    assertThat(empty.status()).as(empty.body()).isEqualTo(400);
    assertThat(empty.json().get("errors").get(0).get("field").asText()).isEqualTo("opinion");
    assertThat(http.post("xf-approver", "/engine-rest/task/" + countersign + "/complete",
        Map.of("variables", Map.of("opinion", Map.of("value", "同意街道意见")))).status()).isEqualTo(204);

    assertThat(comments(http, review)).contains("【加签】", "【加签意见】", "同意街道意见");
    assertThat(historyDecisions(http, c)).contains("countersign", "opinion");
    Http.Response decided = http.post("xf1-leader", "/engine-rest/task/" + review + "/complete",
        Map.of("variables", Map.of("decision", Map.of("value", "approve"))));
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);
  }

  @Test
  void returnToAnEarlierStepAndWithdrawWhileTheNextStepIsUnclaimed() {
    Http http = http();
    Case c = newCase(http);
    String inv = awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    String withdraw = "/api/applications/" + c.no() + "/withdraw";
    assertThat(http.post("xf1-worker1", withdraw, Map.of()).status()).isEqualTo(409); // nothing done yet
    complete(http, "xf1-worker1", inv, INVESTIGATION);
    String review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");

    assertThat(http.post("dl1-worker1", withdraw, Map.of()).status()).isEqualTo(403);
    assertThat(http.post("xf1-worker2", withdraw, Map.of()).status()).isEqualTo(403);
    Http.Response back = http.post("xf1-worker1", withdraw, Map.of("reason", "调查记录有误"));
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    String again = back.json().get("taskId").asText();
    assertThat(task(http, again).get("taskDefinitionKey").asText()).isEqualTo("householdInvestigation");
    assertThat(task(http, again).get("assignee").asText()).isEqualTo("xf1-worker1");
    assertThat(http.get("admin", "/engine-rest/task/" + review).status()).isEqualTo(404);
    assertThat(historyDecisions(http, c)).contains("withdraw");
    assertThat(comments(http, again)).contains("【撤回】");

    assertThat(complete(http, "xf1-worker1", again, INVESTIGATION).status()).isEqualTo(204);
    review = awaitTask(http, "xf1-leader", c.pid(), "streetReview");
    assertThat(http.post("xf1-leader", "/engine-rest/task/" + review + "/claim", Map.of("userId", "xf1-leader")).status())
        .isEqualTo(204);
    assertThat(http.post("xf1-worker1", withdraw, Map.of()).status()).isEqualTo(409); // claimed now

    String path = "/api/tasks/" + review + "/return";
    assertThat(fields(http.post("xf1-leader", path, Map.of()))).containsExactlyInAnyOrder("toStep", "reason");
    assertThat(fields(http.post("xf1-leader", path, Map.of("toStep", "noSuchStep", "reason", "x")))).containsExactly("toStep");
    assertThat(fields(http.post("xf1-leader", path, Map.of("toStep", "districtApproval", "reason", "x"))))
        .containsExactly("toStep");
    assertThat(fields(http.post("xf1-leader", path, Map.of("toStep", "laborCapacityAssessment", "reason", "x"))))
        .containsExactly("toStep");
    assertThat(http.post("dl1-leader", path, Map.of("toStep", "householdInvestigation", "reason", "x")).status())
        .isEqualTo(403);
    // a caseworker is no street reviewer
    assertThat(http.post("xf1-worker2", path, Map.of("toStep", "householdInvestigation", "reason", "x")).status())
        .isEqualTo(403);

    Http.Response returned = http.post("xf1-leader", path, Map.of("toStep", "householdInvestigation", "reason", "收入材料不全,请补充"));
    assertThat(returned.status()).as(returned.body()).isEqualTo(200);
    String redo = returned.json().get("taskId").asText();
    assertThat(task(http, redo).get("assignee").asText()).isEqualTo("xf1-worker1");
    JsonNode status = http.get("xf1-worker1", "/api/dibao/applications/" + c.no()).json();
    assertThat(status.get("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(status.get("openSteps").toString()).isEqualTo("[\"householdInvestigation\"]");
    assertThat(historyDecisions(http, c)).contains("sendBack");
    assertThat(comments(http, redo)).contains("【退回】", "收入材料不全");
    assertThat(http.post("xf1-leader", path, Map.of("toStep", "householdInvestigation", "reason", "x")).status())
        .isEqualTo(409);
  }

  @Test
  void copiesGiveReadAccessAndUrgingMarksTheTask() {
    Http http = http();
    Case c = newCase(http);
    String inv = awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    String copies = "/api/applications/" + c.no() + "/copies";

    assertThat(http.get("fire-reviewer", "/api/dibao/applications/" + c.no()).status()).isEqualTo(403);
    assertThat(http.post("dl1-worker1", copies, Map.of("users", List.of("fire-reviewer"))).status()).isEqualTo(403);
    assertThat(fields(http.post("xf1-worker1", copies, Map.of()))).containsExactly("users");
    assertThat(fields(http.post("xf1-worker1", copies, Map.of("users", List.of("nobody"))))).containsExactly("users[0]");
    Http.Response copied = http.post("xf1-worker1", copies, Map.of("users", List.of("fire-reviewer"), "reason", "涉及消防隐患,请知悉"));
    assertThat(copied.status()).as(copied.body()).isEqualTo(200);
    Http.Response mine = http.get("fire-reviewer", "/api/copies");
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.body()).contains(c.no(), "xf1-worker1", "涉及消防隐患");
    assertThat(http.get("fire-reviewer", "/api/dibao/applications/" + c.no()).status()).isEqualTo(200);
    assertThat(http.get("fire-reviewer", "/engine-rest/process-instance/" + c.pid()).status()).isEqualTo(200);
    assertThat(http.get("market-reviewer", "/api/dibao/applications/" + c.no()).status()).isEqualTo(403);
    assertThat(http.get("market-reviewer", "/api/copies").body()).doesNotContain(c.no());
    // a copy is for reading: the copied user acts on nothing
    assertThat(http.post("fire-reviewer", "/api/tasks/" + inv + "/urge", Map.of("message", "快")).status()).isEqualTo(403);
    assertThat(historyDecisions(http, c)).contains("copy");

    String urge = "/api/tasks/" + inv + "/urge";
    assertThat(http.post("xf1-worker2", urge, Map.of("message", "快")).status()).isEqualTo(403);
    assertThat(http.post("dl1-leader", urge, Map.of("message", "快")).status()).isEqualTo(403);
    assertThat(fields(http.post("xf1-leader", urge, Map.of()))).containsExactly("message");
    Http.Response urged = http.post("xf1-leader", urge, Map.of("message", "临近办理时限,请今日完成入户"));
    assertThat(urged.status()).as(urged.body()).isEqualTo(200);
    JsonNode engine = task(http, inv);
    assertThat(engine.get("priority").asInt()).isGreaterThan(50);
    Http.Response mark = http.get("admin", "/engine-rest/task/" + inv + "/localVariables/urged");
    assertThat(mark.body()).contains("xf1-leader", "临近办理时限");
    assertThat(http.post("xf-approver", urge, Map.of("message", "区局督办")).status()).isEqualTo(200);
    assertThat(comments(http, inv)).contains("【催办】", "区局督办");
    assertThat(historyDecisions(http, c)).contains("urge");
  }

  @Test
  void aCloseRelativeOfTheHouseholdTakesNoPart() {
    Http http = http();
    Case c = newCase(http);
    String inv = awaitTask(http, "xf1-worker1", c.pid(), "householdInvestigation");
    Http.Response registered = http.post("admin", "/api/staff-relatives", List.of(Map.of(
        "idNumber", c.body().get("applicantIdNumber"), "staffUserId", "xf1-worker2", "relation", "兄弟")));
    assertThat(registered.status()).as(registered.body()).isBetween(200, 204);
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + inv + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);
    Http.Response transfer = http.post("xf1-worker1", "/api/tasks/" + inv + "/transfer",
        Map.of("toUser", "xf1-worker2", "reason", "休假"));
    assertThat(transfer.status()).as(transfer.body()).isEqualTo(403);
    assertThat(transfer.json().get("message").asText()).contains("近亲属");
    assertThat(http.post("xf1-worker1", "/api/tasks/" + inv + "/delegate", Map.of("toUser", "xf1-worker2")).status())
        .isEqualTo(403);
    assertThat(http.post("xf1-worker1", "/api/applications/" + c.no() + "/copies",
        Map.of("users", List.of("xf1-worker2"))).status()).isEqualTo(403);
    assertThat(http.post("xf1-worker2", "/api/applications/" + c.no() + "/copies",
        Map.of("users", List.of("xf1-leader"))).status()).isEqualTo(403);
    assertThat(task(http, inv).get("assignee").asText()).isEqualTo("xf1-worker1");
    assertThat(historyDecisions(http, c)).doesNotContain("transfer", "delegate", "copy");
  }
}
