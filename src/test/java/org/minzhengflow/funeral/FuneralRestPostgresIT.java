package org.minzhengflow.funeral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * 惠民殡葬 through the REST APIs as the demo users on PostgreSQL: the hotline takes the call, the street confirms
 * the declared category, the funeral home confirms the services in Tasklist's calls, the waiver is capped; a second
 * report for the same deceased is 409, bad reports 400 with every field, other roles 403; the month is sampled
 * for the call-back and its figures are served.
 */
class FuneralRestPostgresIT extends PostgresIntegrationTest {

  @Test
  void aDeclaredCategoryIsConfirmedTheServicesCappedAndTheCallBackCounted() {
    Http http = http();
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String deceased = TestIds.idNumber("230110", LocalDate.of(1942, 7, 7), 77, true);
    Map<String, Object> report = Map.of("streetCode", "230110001",
        "deceased", Map.of("name", "赵老兵", "idNumber", deceased, "dateOfDeath", today.toString(),
            "categories", List.of("PRIORITY_CARE")),
        "caller", Map.of("name", "赵子", "phone", "13900000000", "relation", "儿子"),
        "services", List.of(Map.of("kind", "TRANSPORT"), Map.of("kind", "STORAGE", "days", 4), Map.of("kind", "CREMATION")));

    assertThat(http.post("dl1-worker1", "/api/funeral/applications", report).status()).isEqualTo(403);
    Http.Response bad = http.post("hotline1", "/api/funeral/applications", Map.of("streetCode", "230110001",
        "deceased", Map.of("name", "x", "idNumber", deceased, "dateOfDeath", today.plusDays(2).toString()),
        "caller", Map.of("name", "赵子", "phone", "13900000000", "relation", "儿子"),
        "services", List.of(Map.of("kind", "FIREWORKS"), Map.of("kind", "STORAGE", "days", -1))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("deceased.dateOfDeath", "services[0].kind", "services[1].days");

    Http.Response created = http.post("hotline1", "/api/funeral/applications", report);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    assertThat(http.post("xf1-worker1", "/api/funeral/applications", report).status()).isEqualTo(409);

    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", pid, "eligibilityConfirmation"),
        Map.of("decision", "approve"));
    String confirmation = awaitTask(http, "funeral-home1", pid, "serviceConfirmation");
    assertThat(complete(http, "funeral-home1", confirmation, Map.of("transport", true, "cremation", true)).status())
        .isEqualTo(400);
    assertThat(complete(http, "funeral-home1", confirmation,
        Map.of("transport", true, "storageDays", 4, "cremation", true, "cremationFee", 190)).status()).isEqualTo(204);

    JsonNode status = http.await("hotline1", "/api/funeral/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    // 200 + 3 × 110 (of 4 days) + 190
    assertThat(status.get("waivedAmount").decimalValue()).isEqualByComparingTo("720");
    assertThat(status.get("kind").asText()).isEqualTo("funeral");
    assertThat(status.get("services")).extracting(s -> s.get("kind").asText())
        .containsExactly("TRANSPORT", "STORAGE", "CREMATION");
    assertThat(status.get("history")).extracting(h -> h.get("step").asText())
        .contains("submitted", "eligibility", "eligibilityConfirmation", "serviceConfirmation");
    assertThat(http.get("dl1-worker1", "/api/funeral/applications/" + no).status()).isEqualTo(403);
    assertThat(http.get("funeral-home1", "/api/applications/" + no + "/notices").json().get(0).get("text").asText())
        .contains("合计减免720元");

    assertThat(http.get("xf1-worker1", "/api/funeral/satisfaction?month=" + today.toString().substring(0, 7)).status())
        .isEqualTo(403);
    assertThat(http.get("hotline1", "/api/funeral/satisfaction?month=2027-13").status()).isEqualTo(400);
    JsonNode figures = http.get("hotline1", "/api/funeral/satisfaction?month=" + today.toString().substring(0, 7)).json();
    assertThat(figures.get("finished").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(figures.get("sampled").asInt()).isZero();
  }
}
