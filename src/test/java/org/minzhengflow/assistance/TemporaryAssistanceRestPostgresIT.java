package org.minzhengflow.assistance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * 临时救助 through the REST APIs as the demo users on PostgreSQL: an emergency granted first by the street and
 * verified afterwards; bad input 400 naming the fields, another street 403, a second open case 409.
 */
class TemporaryAssistanceRestPostgresIT extends PostgresIntegrationTest {

  @Test
  void anEmergencyIsGrantedFirstAndVerifiedAfterwards() {
    Http http = http();
    String id = TestIds.idNumber("230110", LocalDate.of(1979, 9, 9), 91, true);
    Map<String, Object> application = Map.of("streetCode", "230110001", "type", "EMERGENCY",
        "applicant", Map.of("name", "孙某", "idNumber", id), "householdSize", 3, "reason", "车祸致主要劳动力住院",
        "requestedAmount", 1500, "payment", Map.of("bankName", "中国建设银行", "accountNo", "6217000000000000123"));

    Http.Response bad = http.post("xf1-worker1", "/api/temporary-assistance/applications",
        Map.of("streetCode", "230110001", "type", "LOTTERY", "householdSize", 0, "requestedAmount", -1));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("type", "applicant", "householdSize", "reason", "requestedAmount");
    assertThat(http.post("dl1-worker1", "/api/temporary-assistance/applications", application).status()).isEqualTo(403);

    Http.Response created = http.post("xf1-worker1", "/api/temporary-assistance/applications", application);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    assertThat(http.post("xf1-worker2", "/api/temporary-assistance/applications", application).status()).isEqualTo(409);

    String grant = awaitTask(http, "xf1-leader", pid, "streetEmergencyGrant");
    // three people on 732: cap 6588
    assertThat(complete(http, "xf1-leader", grant, Map.of("decision", "approve", "grantedAmount", 7000)).status())
        .isEqualTo(400);
    assertThat(complete(http, "xf1-leader", grant, Map.of("decision", "approve", "grantedAmount", 1500)).status())
        .isEqualTo(204);
    JsonNode granted = http.await("xf1-worker1", "/api/temporary-assistance/applications/" + no,
        r -> "APPROVED".equals(r.json().path("status").asText())).json();
    assertThat(granted.get("grantedAmount").decimalValue()).isEqualByComparingTo("1500");
    assertThat(granted.get("capAmount").decimalValue()).isEqualByComparingTo("6588");
    assertThat(granted.get("openSteps").get(0).asText()).isEqualTo("followUpVerification");

    complete(http, "xf1-worker2", awaitTask(http, "xf1-worker2", pid, "followUpVerification"),
        Map.of("justified", true, "findings", "医院诊断证明属实"));
    JsonNode done = http.await("xf1-worker1", "/api/temporary-assistance/applications/" + no,
        r -> r.json().path("openSteps").isEmpty() && r.json().path("justified").asBoolean()).json();
    assertThat(done.get("status").asText()).isEqualTo("APPROVED");
    assertThat(done.get("history")).extracting(h -> h.get("step").asText())
        .contains("submitted", "limits", "streetEmergencyGrant");
    assertThat(http.get("dl1-worker1", "/api/temporary-assistance/applications/" + no).status()).isEqualTo(403);
    // the case is over (its last step is a job): the household may apply again for a new hardship
    http.await("admin", "/engine-rest/history/process-instance/" + pid,
        r -> "COMPLETED".equals(r.json().path("state").asText()));
    assertThat(http.post("xf1-worker1", "/api/temporary-assistance/applications", application).status()).isEqualTo(201);
  }
}
