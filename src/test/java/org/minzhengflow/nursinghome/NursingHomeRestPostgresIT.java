package org.minzhengflow.nursinghome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * A whole nursing-home operating-subsidy case through the REST APIs only, as the demo users, on
 * real PostgreSQL with the job executor running: the district files, reviews the materials and
 * inspects the site; fire, market and health give opinions; the city approves; the operator ends
 * the public notice. Shares the application context (and database) of the other end-to-end tests.
 */
public class NursingHomeRestPostgresIT extends PostgresIntegrationTest {


  private static int serial = 100;

  public static Map<String, Object> application(String policy) {
    String creditCode = TestIds.creditCode("91230110MA2" + String.format("%06d", serial++));
    Map<String, Object> institution = new LinkedHashMap<>();
    institution.put("name", "香坊区夕阳红养老中心");
    institution.put("creditCode", creditCode);
    institution.put("filingNo", "黑哈香民养备2023018号");
    institution.put("operatingSince", LocalDate.now().minusYears(3).toString());
    institution.put("beds", 120);
    institution.put("newBeds", 120);
    institution.put("occupiedBeds", 80);
    institution.put("localResidents", 70);
    institution.put("residentsByAbility", Map.of("INTACT", 30, "MILD", 20, "MODERATE", 15, "SEVERE", 10, "COMPLETE", 5));
    institution.put("starRating", 2);
    institution.put("fireSafetyApproved", true);
    institution.put("siteRented", false);
    institution.put("leaseYears", 0);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("districtCode", "230110");
    body.put("policy", policy);
    body.put("greenChannel", false);
    body.put("institution", institution);
    body.put("loan", Map.of("amount", 0, "newHireStaffRatio", 0));
    return body;
  }

  @Test
  void operatingSubsidyFromFilingToApprovalThroughTheRestApis() {
    Http http = http();
    Map<String, Object> body = application("OPERATING_SUBSIDY");

    assertThat(http.post(null, "/api/nursing-home/applications", body).status()).isEqualTo(401);
    assertThat(http.post("dl-approver", "/api/nursing-home/applications", body).status()).isEqualTo(403);
    assertThat(http.post("fire-reviewer", "/api/nursing-home/applications", body).status()).isEqualTo(403);
    Http.Response created = http.post("xf-approver", "/api/nursing-home/applications", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    assertThat(created.json().get("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(http.post("xf-approver", "/api/nursing-home/applications", body).status()).isEqualTo(409);

    // 区民政局: material review and site inspection
    String material = awaitTask(http, "xf-approver", pid, "materialReview");
    assertThat(http.get("dl-approver", "/engine-rest/task?maxResults=50&processInstanceId=" + pid).json().size()).isZero();
    assertThat(http.get("dl-approver", "/api/nursing-home/applications/" + no).status()).isEqualTo(403);
    assertThat(http.get("xf-approver", "/api/nursing-home/applications/NH1999000001").status()).isEqualTo(404);
    assertThat(complete(http, "xf-approver", material, Map.of("decision", "approve", "opinion", "备案及材料齐全")).status())
        .isEqualTo(204);

    String inspection = awaitTask(http, "xf-approver", pid, "siteInspection");
    Http.Response noBeds = complete(http, "xf-approver", inspection, Map.of("decision", "approve"));
    assertThat(noBeds.status()).isEqualTo(400);
    assertThat(noBeds.json().get("errors").get(0).get("field").asText()).isEqualTo("inspectedOccupiedBeds");
    Http.Response tooMany = complete(http, "xf-approver", inspection, Map.of("decision", "approve", "inspectedOccupiedBeds", 500));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(complete(http, "xf-approver", inspection,
        Map.of("decision", "approve", "opinion", "实地入住60张", "inspectedOccupiedBeds", 60)).status()).isEqualTo(204);

    // the three departments, each seeing only its own task
    for (String[] department : new String[][] {{"fire-reviewer", "消防设施完好"}, {"market-reviewer", "无违法经营记录"},
        {"health-reviewer", "医养结合服务规范"}}) {
      String task = awaitTask(http, department[0], pid, "departmentOpinion");
      assertThat(complete(http, department[0], task, Map.of("decision", "approve", "opinion", department[1])).status())
          .isEqualTo(204);
    }

    // 市民政局 sees every department's opinion and the amount on the inspected beds
    String approval = awaitTask(http, "city-approver", pid, "cityApproval");
    assertThat(http.get("xf-approver", "/engine-rest/task?maxResults=5&taskDefinitionKey=cityApproval&processInstanceId="
        + pid).json().size()).isZero();
    Http.Response summary = http.get("city-approver", "/engine-rest/task/" + approval + "/variables/caseSummary");
    assertThat(summary.status()).as(summary.body()).isEqualTo(200);
    assertThat(summary.json().get("value").asText()).contains("消防设施完好", "无违法经营记录", "医养结合服务规范", "20250");
    assertThat(complete(http, "city-approver", approval, Map.of("decision", "approve", "opinion", "同意")).status())
        .isEqualTo(204);

    JsonNode notice = http.await("fire-reviewer", "/api/nursing-home/applications/" + no,
        r -> "PUBLIC_NOTICE".equals(r.json().path("status").asText())).json();
    assertThat(notice.get("approvedAmount").decimalValue()).isEqualByComparingTo("20250");

    // the operator ends the notice early by executing its timer job
    Http.Response timers = noticeTimers(http, pid);
    assertThat(timers.json().size()).isEqualTo(1);
    assertThat(http.post("admin", "/engine-rest/job/" + timers.json().get(0).get("id").asText() + "/execute", Map.of())
        .status()).isEqualTo(204);

    JsonNode done = http.await("xf-approver", "/api/nursing-home/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    assertThat(done.get("policy").asText()).isEqualTo("OPERATING_SUBSIDY");
    // min(60 inspected, 70 local) × (30×200 + 20×300 + 15×400 + 10×600 + 5×600) ÷ 80 = 60 × 337.5
    assertThat(done.get("approvedAmount").decimalValue()).isEqualByComparingTo("20250");
    assertThat(done.get("breakdown").toString()).contains("60张 × 337.5元 = 20250元/月");
    assertThat(done.get("departmentOpinions")).extracting(o -> o.get("department").asText())
        .containsExactlyInAnyOrder("fire", "market", "health");
    assertThat(done.get("history")).extracting(h -> h.get("step").asText()).contains("submitted", "precheck",
        "materialReview", "siteInspection", "departmentOpinion", "cityApproval");
    assertThat(done.get("history")).extracting(h -> h.path("user").asText())
        .contains("xf-approver", "fire-reviewer", "market-reviewer", "health-reviewer", "city-approver");
  }

  @Test
  void invalidApplicationIsRefusedWithEveryFieldAndAFailedPrecheckEndsAtOnce() {
    Http http = http();
    Map<String, Object> body = application("CONSTRUCTION_SUBSIDY");
    @SuppressWarnings("unchecked")
    Map<String, Object> institution = (Map<String, Object>) body.get("institution");
    institution.put("creditCode", "91230110MA2000000X");
    institution.remove("filingNo");
    institution.put("occupiedBeds", 130);
    institution.put("operatingSince", "2024/01/15");
    body.put("districtCode", "230199");
    Http.Response invalid = http.post("xf-approver", "/api/nursing-home/applications", body);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText()).contains("districtCode",
        "institution.creditCode", "institution.filingNo", "institution.occupiedBeds", "institution.operatingSince",
        "institution.residentsByAbility");

    Map<String, Object> young = application("CONSTRUCTION_SUBSIDY");
    @SuppressWarnings("unchecked")
    Map<String, Object> youngInstitution = (Map<String, Object>) young.get("institution");
    youngInstitution.put("operatingSince", LocalDate.now().minusMonths(6).toString());
    youngInstitution.put("siteRented", true);
    youngInstitution.put("leaseYears", 3);
    Http.Response created = http.post("admin", "/api/nursing-home/applications", young);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode rejected = http.await("city-approver", "/api/nursing-home/applications/" + created.json().get("applicationNo").asText(),
        r -> "REJECTED".equals(r.json().path("status").asText())).json();
    assertThat(rejected.get("reasons")).hasSize(2);
    assertThat(rejected.get("reasons").toString()).contains("12个月", "不足5年");
    // nothing is left open: the same institution may apply again
    assertThat(http.post("xf-approver", "/api/nursing-home/applications", young).status()).isEqualTo(201);
  }
}
