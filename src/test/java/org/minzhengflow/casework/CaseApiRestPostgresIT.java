package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * The case core's endpoints through REST as the demo users on PostgreSQL, for every kind: the status frame
 * ({@code caseDeadline}, {@code openSteps}), objections outside a notice (409, never 500), the extension, the
 * list of visible cases and the notices.
 */
class CaseApiRestPostgresIT extends PostgresIntegrationTest {

  private static int serial = 700;

  private static Map<String, Object> elder(String street) {
    String id = TestIds.idNumber("230110", LocalDate.now().minusYears(85).minusDays(serial), serial++, true);
    return Map.of("streetCode", street, "subsidyType", "HIGH_AGE",
        "elder", Map.of("name", "周老汉", "idNumber", id, "hukouType", "URBAN", "hasEmployeePension", false,
            "livingAlone", false, "lostOnlyChild", false));
  }

  private static String text(Http.Response r, String field) {
    return r.json().path(field).asText();
  }

  @Test
  void objectionsOutsideANoticeAreConflictsForEveryKind() {
    Http http = http();
    Http.Response dibao = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(dibao.status()).as(dibao.body()).isEqualTo(201);
    String dibaoNo = text(dibao, "applicationNo");
    String dibaoPid = text(dibao, "processInstanceId");
    Http.Response elder = http.post("xf1-worker1", "/api/eldercare/applications", elder("230110001"));
    assertThat(elder.status()).as(elder.body()).isEqualTo(201);
    Http.Response home = http.post("xf-approver", "/api/nursing-home/applications",
        org.minzhengflow.nursinghome.NursingHomeRestPostgresIT.application("OPERATING_SUBSIDY"));
    assertThat(home.status()).as(home.body()).isEqualTo(201);
    awaitTask(http, "xf-approver", text(home, "processInstanceId"), "materialReview");

    Map<String, Object> objection = Map.of("objection", "群众反映情况不实");
    for (String[] c : new String[][] {{"dibao", dibaoNo, "xf1-worker1"}, {"eldercare", text(elder, "applicationNo"),
        "xf1-worker1"}, {"nursing-home", text(home, "applicationNo"), "xf-approver"}}) {
      Http.Response r = http.post(c[2], "/api/" + c[0] + "/applications/" + c[1] + "/objections", objection);
      assertThat(r.status()).as(c[0] + ": " + r.body()).isEqualTo(409);
      assertThat(text(r, "message")).isEqualTo("该申请当前不在公示期,不能提出异议");
    }
    // a number of another kind is not found under this kind; an unknown kind is not a path
    assertThat(http.get("xf1-worker1", "/api/eldercare/applications/" + dibaoNo).status()).isEqualTo(404);
    assertThat(http.get("xf1-worker1", "/api/funeral-parlour/applications/" + dibaoNo).status()).isEqualTo(404);

    // the reported case: district approval after the notice of a two-level case — IN_REVIEW, objection 409
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", dibaoPid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "情况属实"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", dibaoPid, "streetReview"), Map.of("decision", "approve"));
    JsonNode onNotice = http.await("xf1-worker1", "/api/dibao/applications/" + dibaoNo,
        r -> "PUBLIC_NOTICE".equals(text(r, "status"))).json();
    assertThat(onNotice.get("openSteps")).isEmpty();
    Http.Response timer = noticeTimers(http, dibaoPid);
    http.post("admin", "/engine-rest/job/" + timer.json().get(0).get("id").asText() + "/execute", Map.of());
    awaitTask(http, "xf-approver", dibaoPid, "districtApproval");
    JsonNode approving = http.get("xf-approver", "/api/dibao/applications/" + dibaoNo).json();
    assertThat(approving.get("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(approving.get("openSteps").toString()).isEqualTo("[\"districtApproval\"]");
    Http.Response late = http.post("xf1-worker1", "/api/dibao/applications/" + dibaoNo + "/objections", objection);
    assertThat(late.status()).as(late.body()).isEqualTo(409);
    // through the engine REST API the same message nobody waits for is a 4xx as well
    Http.Response raw = http.post("admin", "/engine-rest/message", Map.of("messageName", "Objection",
        "businessKey", dibaoNo, "processVariables", Map.of("objection", Map.of("value", "迟到的异议"))));
    assertThat(raw.status()).as(raw.body()).isEqualTo(409);
  }

  @Test
  void statusCarriesTheLegalDeadlineAndTheDistrictMayExtendItOnce() {
    Http http = http();
    Http.Response created = http.post("dl1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230102001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = text(created, "applicationNo");
    JsonNode status = http.await("dl1-worker1", "/api/dibao/applications/" + no,
        r -> r.json().path("openSteps").size() == 1).json();
    LocalDate deadline = LocalDate.parse(status.get("caseDeadline").asText());
    assertThat(deadline).isAfter(LocalDate.now().plusDays(20));
    assertThat(status.get("openSteps").get(0).asText()).isEqualTo("householdInvestigation");
    assertThat(status.get("kind").asText()).isEqualTo("dibao");

    String path = "/api/dibao/applications/" + no + "/extension";
    Http.Response noReason = http.post("dl-approver", path, Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
    assertThat(http.post("dl1-leader", path, Map.of("reason", "人户分离")).status()).isEqualTo(403);
    assertThat(http.post("xf-approver", path, Map.of("reason", "人户分离")).status()).isEqualTo(403);
    Http.Response extended = http.post("dl-approver", path, Map.of("reason", "人户分离,需异地核查"));
    assertThat(extended.status()).as(extended.body()).isEqualTo(200);
    LocalDate longer = LocalDate.parse(text(extended, "caseDeadline"));
    assertThat(longer).isAfter(deadline.plusDays(30));
    Http.Response again = http.post("dl-approver", path, Map.of("reason", "再延长"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(http.get("dl1-worker1", "/api/dibao/applications/" + no).json().get("caseDeadline").asText())
        .isEqualTo(longer.toString());
    // elder-care cases have no extension
    Http.Response elder = http.post("xf1-worker1", "/api/eldercare/applications", elder("230110001"));
    assertThat(http.post("xf-approver", "/api/eldercare/applications/" + text(elder, "applicationNo") + "/extension",
        Map.of("reason", "特殊情况")).status()).isEqualTo(409);
  }

  @Test
  void theListShowsOnlyTheCasesTheCallerMaySee() {
    Http http = http();
    Map<String, Object> xf = DibaoRestPostgresIT.application("230110001");
    String xfNo = text(http.post("xf1-worker1", "/api/dibao/applications", xf), "applicationNo");
    String dlNo = text(http.post("dl1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230102001")),
        "applicationNo");

    List<String> xfSees = numbers(http.get("xf1-worker1", "/api/applications?size=100"));
    assertThat(xfSees).contains(xfNo).doesNotContain(dlNo);
    List<String> dlSees = numbers(http.get("dl1-worker1", "/api/applications?size=100&kind=dibao"));
    assertThat(dlSees).contains(dlNo).doesNotContain(xfNo);
    List<String> citySees = numbers(http.get("city-approver", "/api/applications?size=100&kind=dibao"));
    assertThat(citySees).contains(xfNo, dlNo);
    // the district bureau of another district, a department and the assessment agency see no dibao case
    assertThat(numbers(http.get("dl-approver", "/api/applications?size=100"))).doesNotContain(xfNo);
    assertThat(numbers(http.get("fire-reviewer", "/api/applications?size=100&kind=dibao"))).isEmpty();

    Http.Response byNumber = http.get("xf1-worker1", "/api/applications?q=" + xfNo);
    assertThat(byNumber.json().get("total").asInt()).isEqualTo(1);
    JsonNode item = byNumber.json().get("items").get(0);
    assertThat(item.get("applicationNo").asText()).isEqualTo(xfNo);
    assertThat(item.get("kind").asText()).isEqualTo("dibao");
    assertThat(item.get("applicantName").asText()).isEqualTo("刘一");
    assertThat(item.get("streetCode").asText()).isEqualTo("230110001");
    assertThat(item.get("caseDeadline").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(item.get("submittedAt").isNull()).isFalse();
    // another street's number is not found by q either
    assertThat(http.get("dl1-worker1", "/api/applications?q=" + xfNo).json().get("total").asInt()).isZero();
    // a member's name finds the household's case
    assertThat(numbers(http.get("xf1-worker1", "/api/applications?size=100&q=陈二"))).contains(xfNo);
    assertThat(numbers(http.get("city-approver", "/api/applications?size=100&streetCode=230102001"))).contains(dlNo)
        .doesNotContain(xfNo);
    assertThat(numbers(http.get("city-approver", "/api/applications?size=100&districtCode=230110"))).contains(xfNo)
        .doesNotContain(dlNo);
    assertThat(numbers(http.get("city-approver", "/api/applications?size=100&status=APPROVED"))).doesNotContain(xfNo, dlNo);
    // paging: one item a page
    Http.Response page = http.get("city-approver", "/api/applications?size=1&page=0");
    assertThat(page.json().get("items").size()).isEqualTo(1);
    assertThat(page.json().get("total").asInt()).isGreaterThanOrEqualTo(2);

    Http.Response bad = http.get("xf1-worker1", "/api/applications?kind=foo&status=DONE&size=101&page=-1");
    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("kind", "status", "size", "page");
    assertThat(http.get(null, "/api/applications").status()).isEqualTo(401);
  }

  @Test
  void noticesAreListedWithoutIdNumbers() {
    Http http = http();
    Map<String, Object> application = DibaoRestPostgresIT.application("230110001");
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", application);
    String no = text(created, "applicationNo");
    String pid = text(created, "processInstanceId");
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "情况属实"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    Http.Response notices = http.await("xf1-worker1", "/api/applications/" + no + "/notices", r -> r.json().size() == 1);
    JsonNode notice = notices.json().get(0);
    assertThat(notice.get("kind").asText()).isEqualTo("PUBLIC_NOTICE");
    assertThat(notice.get("text").asText()).contains("刘一", "2人").doesNotContain((String) application.get("applicantIdNumber"));
    assertThat(notice.get("id").asLong()).isPositive();
    assertThat(notice.get("issuedAt").asText()).isNotBlank();
    assertThat(http.get("dl1-worker1", "/api/applications/" + no + "/notices").status()).isEqualTo(403);
    assertThat(http.get("xf1-worker1", "/api/applications/DB1999999999/notices").status()).isEqualTo(404);
  }

  @Test
  void aTaskAColleagueClaimedFirstIsAConflictNotAServerError() {
    Http http = http();
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    String task = awaitTask(http, "xf1-worker1", text(created, "processInstanceId"), "householdInvestigation");
    assertThat(http.post("xf1-worker1", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker1")).status())
        .isEqualTo(204);
    Http.Response second = http.post("xf1-worker2", "/engine-rest/task/" + task + "/claim", Map.of("userId", "xf1-worker2"));
    assertThat(second.status()).as(second.body()).isEqualTo(409);
    assertThat(text(second, "message")).isEqualTo("该任务已被他人认领,请刷新任务列表");
    assertThat(second.body()).doesNotContain("Exception:").doesNotContain("at org.");
  }

  private static List<String> numbers(Http.Response list) {
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> numbers = new ArrayList<>();
    list.json().get("items").forEach(i -> numbers.add(i.get("applicationNo").asText()));
    return numbers;
  }
}
