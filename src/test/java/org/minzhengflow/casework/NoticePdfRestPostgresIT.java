package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.minzhengflow.support.PostgresIntegrationTest;

/**
 * The printable notices (告知书) through REST on PostgreSQL: an approval and a refusal of real cases as PDF, whose
 * extracted text names the case's district bureau, the reasons and the amount with its calculation; the same
 * access rules as the notices list.
 */
class NoticePdfRestPostgresIT extends PostgresIntegrationTest {

  private static JsonNode notice(Http http, String user, String no, String kind) {
    JsonNode list = http.await(user, "/api/applications/" + no + "/notices", r -> r.status() == 200
        && r.json().findValuesAsText("kind").contains(kind)).json();
    for (JsonNode n : list) {
      if (n.get("kind").asText().equals(kind)) {
        return n;
      }
    }
    throw new AssertionError(list.toString());
  }

  private static String pdfText(Http http, String user, String path) throws IOException {
    Http.Binary pdf = http.getBytes(user, path);
    assertThat(pdf.status()).as(new String(pdf.body())).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    assertThat(pdf.disposition()).startsWith("inline");
    return NoticePdfTest.text(pdf.body());
  }

  @Test
  void anApprovalAndARefusalPrintWithTheBureauTheReasonsAndTheAmount() throws IOException {
    Http http = http();
    // approval: street → public notice → district (two-level 香坊区)
    Http.Response created = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "情况属实"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    JsonNode publicNotice = notice(http, "xf1-worker1", no, "PUBLIC_NOTICE");
    Http.Response timers = noticeTimers(http, pid);
    http.post("admin", "/engine-rest/job/" + timers.json().get(0).get("id").asText() + "/execute", Map.of());
    complete(http, "xf-approver", awaitTask(http, "xf-approver", pid, "districtApproval"), Map.of("decision", "approve"));
    JsonNode approval = notice(http, "xf1-worker1", no, "APPROVAL");
    String path = approval.get("pdf").asText();
    assertThat(path).isEqualTo("/api/applications/" + no + "/notices/" + approval.get("id").asText() + ".pdf");

    String text = pdfText(http, "xf1-worker1", path);
    // ceil(732 × 2 − 500) = 964, as the approval's body explains
    assertThat(text).contains("哈尔滨市香坊区民政局", approval.get("title").asText(), "刘一", no, "每月保障金964元",
        "保障标准每人每月732元", "家庭月收入500元");
    assertThat(text).doesNotContain("行政复议");
    // the district and the city read the case, and print it, too
    assertThat(pdfText(http, "xf-approver", path)).contains("964元");
    assertThat(pdfText(http, "xf1-worker1", publicNotice.get("pdf").asText())).contains("公示", "刘一");

    // refusal: the street leader rejects with a reason
    Http.Response refused = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    String refusedNo = refused.json().get("applicationNo").asText();
    String refusedPid = refused.json().get("processInstanceId").asText();
    complete(http, "xf1-worker1", awaitTask(http, "xf1-worker1", refusedPid, "householdInvestigation"),
        Map.of("secondInvestigator", "xf1-worker2", "findings", "家庭经营小卖部"));
    complete(http, "xf1-leader", awaitTask(http, "xf1-leader", refusedPid, "streetReview"),
        Map.of("decision", "reject", "opinion", "入户发现家庭有稳定经营收入"));
    JsonNode rejection = notice(http, "xf1-worker1", refusedNo, "REJECTION");
    String refusal = pdfText(http, "xf1-worker1", rejection.get("pdf").asText());
    assertThat(refusal).contains("哈尔滨市香坊区民政局", rejection.get("title").asText(), refusedNo,
        "入户发现家庭有稳定经营收入", "60日内依法申请行政复议", "6个月内依法向人民法院提起行政诉讼");
  }

  @Test
  void theSameAccessRulesAsTheNoticesList() {
    Http http = http();
    Http.Response created = http.post("dl1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230102001"));
    String no = created.json().get("applicationNo").asText();
    String pid = created.json().get("processInstanceId").asText();
    complete(http, "dl1-worker1", awaitTask(http, "dl1-worker1", pid, "householdInvestigation"),
        Map.of("secondInvestigator", "dl1-worker2", "findings", "情况属实"));
    complete(http, "dl1-leader", awaitTask(http, "dl1-leader", pid, "streetReview"), Map.of("decision", "approve"));
    String path = notice(http, "dl1-worker1", no, "PUBLIC_NOTICE").get("pdf").asText();

    assertThat(http.getBytes("dl1-worker1", path).status()).isEqualTo(200);
    // pilot district 道里区: the district bureau that issues it
    Http.Binary other = http.getBytes("xf1-worker1", path);
    assertThat(other.status()).isEqualTo(403);
    assertThat(http.getBytes(null, path).status()).isEqualTo(401);
    assertThat(http.getBytes("dl1-worker1", "/api/applications/DB1999999999/notices/1.pdf").status()).isEqualTo(404);
    assertThat(http.getBytes("dl1-worker1", "/api/applications/" + no + "/notices/999999999.pdf").status()).isEqualTo(404);
    assertThat(http.getBytes("dl1-worker1", "/api/applications/" + no + "/notices/abc.pdf").status()).isEqualTo(404);
    // a notice of another case is not found under this one, even for a reader of both
    Http.Response second = http.post("dl1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230102001"));
    String secondNo = second.json().get("applicationNo").asText();
    String id = path.substring(path.lastIndexOf('/') + 1);
    assertThat(http.getBytes("dl1-worker1", "/api/applications/" + secondNo + "/notices/" + id).status()).isEqualTo(404);
  }
}
