package org.minzhengflow.eldercare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * Through the REST APIs as the demo users on PostgreSQL: a dibao household is approved first, then
 * its elder — whose 低保 status the system finds on its own — is granted a nursing subsidy.
 */
class ElderCareRestPostgresIT extends PostgresIntegrationTest {

  @Test
  void elderOfAnApprovedDibaoHouseholdGetsANursingSubsidy() {
    Http http = http();
    String son = TestIds.idNumber("230110", LocalDate.of(1968, 8, 8), 41, true);
    String elder = TestIds.idNumber("230110", LocalDate.now().minusYears(81), 42, false);
    Map<String, Object> household = Map.of("streetCode", "230110001", "areaType", "URBAN", "applicantIdNumber", son,
        "members", List.of(DibaoRestPostgresIT.member("孙大", son, "SELF", 500), DibaoRestPostgresIT.member("孙奶奶", elder,
            "PARENT", 0)),
        "assets", Map.of("financialAssets", 0, "vehicles", 0, "houses", 1, "nonResidentialProperties", 0,
            "businessRegistered", false));

    // before the household is on record the elder has no status: refused with the reason
    Map<String, Object> nursing = Map.of("streetCode", "230110001", "subsidyType", "NURSING",
        "elder", Map.of("name", "孙奶奶", "idNumber", elder, "hukouType", "URBAN", "hasEmployeePension", false,
            "livingAlone", false, "lostOnlyChild", false));
    Http.Response early = http.post("xf1-worker1", "/api/eldercare/applications", nursing);
    assertThat(early.status()).isEqualTo(422);
    assertThat(early.json().get("message").asText()).contains("未查到");

    Http.Response dibao = http.post("xf1-worker1", "/api/dibao/applications", household);
    assertThat(dibao.status()).as(dibao.body()).isEqualTo(201);
    String dibaoPid = dibao.json().get("processInstanceId").asText();
    complete(http, "xf1-worker2", awaitTask(http, "xf1-worker2", dibaoPid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker1", "findings", "老人卧床,儿子无固定工作"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", dibaoPid, "streetReview"), Map.of("decision", "approve"));
    Http.Response timer = noticeTimers(http, dibaoPid);
    http.post("admin", "/engine-rest/job/" + timer.json().get(0).get("id").asText() + "/execute", Map.of());
    complete(http, "xf-approver", awaitTask(http, "xf-approver", dibaoPid, "districtApproval"),
        Map.of("decision", "approve"));
    http.await("xf1-worker1", "/api/dibao/applications/" + dibao.json().get("applicationNo").asText(),
        r -> "APPROVED".equals(r.json().path("status").asText()));

    Http.Response created = http.post("xf1-worker1", "/api/eldercare/applications", nursing);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    assertThat(http.post("xf1-worker2", "/api/eldercare/applications", nursing).status()).isEqualTo(409);

    String assessment = awaitTask(http, "assessor1", pid, "abilityAssessment");
    assertThat(complete(http, "assessor1", assessment, Map.of("abilityGrade", "HALF")).status()).isEqualTo(400);
    assertThat(complete(http, "assessor1", assessment, Map.of("abilityGrade", "MODERATE")).status()).isEqualTo(204);
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    assertThat(http.get("dl-approver", "/engine-rest/task?maxResults=5&processInstanceId=" + pid).json().size()).isZero();
    complete(http, "xf-approver", awaitTask(http, "xf-approver", pid, "districtApproval"),
        Map.of("decision", "approve", "opinion", "同意"));

    JsonNode status = http.await("xf1-worker1", "/api/eldercare/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    assertThat(status.get("assistanceStatus").asText()).isEqualTo("DIBAO");
    assertThat(status.get("category").asText()).isEqualTo("ASSISTED");
    assertThat(status.get("categoryName").asText()).isEqualTo("半失能老年人护理补贴");
    assertThat(status.get("monthlyAmount").decimalValue()).isEqualByComparingTo("50");
    assertThat(status.get("history")).extracting(h -> h.get("step").asText())
        .contains("submitted", "abilityAssessment", "streetReview", "districtApproval");
    assertThat(http.get("dl1-worker1", "/api/eldercare/applications/" + no).status()).isEqualTo(403);

    // the elder moves away: the subsidy ends from next month
    Http.Response moved = http.post("xf1-worker1", "/api/persons/" + elder + "/events",
        Map.of("type", "HUKOU_MOVED_OUT", "date", LocalDate.now().toString()));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().get("endedApplications").get(0).asText()).isEqualTo(no);
    JsonNode ended = http.get("xf1-worker1", "/api/eldercare/applications/" + no).json();
    assertThat(ended.get("benefitEnded").get("fromMonth").asText())
        .isEqualTo(LocalDate.now().withDayOfMonth(1).plusMonths(1).toString());
  }
}
