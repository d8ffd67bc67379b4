package org.minzhengflow.payment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.PaymentAccounts;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.Role;
import org.minzhengflow.organization.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment endpoints of CONTRACT.md "Payments (社会化发放)". Who may do what: a district's bureau and
 * administrators make, send and settle the district's runs (only they see full account numbers, in the bank file);
 * the city bureau reads every run and recovery, masked.
 */
@RestController
public class PaymentApi {

  /** Items answered at most per page of a run: a district's month fits in one page, a city-sized run pages. */
  static final int MAX_PAGE_SIZE = 10_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PaymentApi.class);

  private final PaymentRuns runs;
  private final PaymentResults results;
  private final PaymentRecoveries recoveries;
  private final JurisdictionRepository jurisdictions;
  private final JdbcClient jdbc;

  public PaymentApi(PaymentRuns runs, PaymentResults results, PaymentRecoveries recoveries,
      JurisdictionRepository jurisdictions, JdbcClient jdbc) {
    this.runs = runs;
    this.results = results;
    this.recoveries = recoveries;
    this.jurisdictions = jurisdictions;
    this.jdbc = jdbc;
  }

  @PostMapping("/api/payments/runs")
  @ResponseStatus(HttpStatus.CREATED)
  public Map<String, Object> create(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
    StaffUser user = CurrentUser.of(http);
    Problems p = new Problems();
    String monthText = text(body, "month");
    String districtCode = text(body, "districtCode");
    YearMonth month = null;
    if (p.required("month", monthText)) {
      month = p.month("month", monthText);
    }
    district(p, "districtCode", districtCode);
    p.throwIfAny();
    if (!mayRun(user, districtCode)) {
      throw ApiException.forbidden("只有本区县民政局可以生成本区县的发放批次");
    }
    PaymentRuns.Run run = runs.create(districtCode, month, user.userId());
    // months paid after an end become visible with the run that shows them; never a reason to refuse the run,
    // which is committed by now (the listing finds them again)
    try {
      recoveries.find(districtCode);
    } catch (RuntimeException e) {
      LOG.warn("Recoveries of district {} not updated after payment run {}", districtCode, run.runId(), e);
    }
    return summary(run);
  }

  @GetMapping("/api/payments/runs/{runId}")
  public Map<String, Object> run(@PathVariable String runId, @RequestParam(required = false) String page,
      @RequestParam(required = false) String size, HttpServletRequest http) {
    StaffUser user = CurrentUser.of(http);
    Problems p = new Problems();
    int pageNo = positive(p, "page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive(p, "size", size, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    p.throwIfAny();
    PaymentRuns.Run run = find(runId);
    if (!mayRun(user, run.districtCode()) && !isCity(user)) {
      throw ApiException.forbidden("无权查看其他区县的发放批次");
    }
    Map<String, Object> body = summary(run);
    body.put("page", pageNo);
    body.put("size", pageSize);
    body.put("items", runs.lines(run.runId(), (int) Math.min(Integer.MAX_VALUE, (long) (pageNo - 1) * pageSize), pageSize)
        .stream().map(PaymentApi::item).toList());
    return body;
  }

  /**
   * The file for the bank (代发文件): CSV in UTF-8, a header row, then one row per line still to be paid (PENDING),
   * with the full account number; no total row, so every row is a transfer — the run's summary carries the total.
   */
  @GetMapping("/api/payments/runs/{runId}/bank-file")
  public void bankFile(@PathVariable String runId, HttpServletRequest http, HttpServletResponse response)
      throws IOException {
    StaffUser user = CurrentUser.of(http);
    PaymentRuns.Run run = find(runId);
    if (!mayRun(user, run.districtCode())) {
      throw ApiException.forbidden("银行代发文件含完整账号,只有本区县民政局可以下载");
    }
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"payment-%s-%s-%d.csv\""
        .formatted(run.districtCode(), run.month(), run.runId()));
    response.setHeader("Cache-Control", "no-store");
    Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    out.write("序号,申请编号,收款人姓名,证件号码,开户银行,银行账号,金额,所属月份\r\n");
    int[] seq = {0};
    jdbc.sql("""
        select application_no, payee_name, payee_id, bank_name, account_no, amount, for_month
        from payment_line where run_id = ? and status = 'PENDING' order by id""")
        .param(run.runId())
        .query(rs -> {
          try {
            out.write(String.join(",", String.valueOf(++seq[0]), csv(rs.getString(1)), csv(rs.getString(2)),
                csv(rs.getString(3)), csv(rs.getString(4)), csv(rs.getString(5)), rs.getBigDecimal(6).toPlainString(),
                YearMonth.from(rs.getDate(7).toLocalDate()).toString()));
            out.write("\r\n");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    out.flush();
  }

  @PostMapping("/api/payments/runs/{runId}/results")
  public Map<String, Object> results(@PathVariable String runId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    StaffUser user = CurrentUser.of(http);
    List<PaymentResults.Result> parsed = PaymentResults.parse(body);
    PaymentRuns.Run run = find(runId);
    if (!mayRun(user, run.districtCode())) {
      throw ApiException.forbidden("只有本区县民政局可以登记本区县的回盘结果");
    }
    int changed = results.apply(run.runId(), parsed);
    Map<String, Object> answer = summary(run);
    answer.put("applied", changed);
    answer.put("statuses", jdbc.sql("select status, count(*) from payment_line where run_id = ? group by status order by status")
        .param(run.runId()).query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
    return answer;
  }

  @GetMapping("/api/payments/recoveries")
  public List<Map<String, Object>> recoveries(@RequestParam(required = false) String districtCode,
      HttpServletRequest http) {
    StaffUser user = CurrentUser.of(http);
    Problems p = new Problems();
    district(p, "districtCode", districtCode);
    p.throwIfAny();
    if (!mayRun(user, districtCode) && !isCity(user)) {
      throw ApiException.forbidden("无权查看其他区县的追缴记录");
    }
    return recoveries.of(districtCode).stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("applicationNo", r.applicationNo());
      m.put("months", r.months().stream().map(YearMonth::toString).toList());
      m.put("amount", r.amount());
      return m;
    }).toList();
  }

  private void district(Problems p, String field, String code) {
    if (p.required(field, code) && jurisdictions.findDistrict(code).isEmpty()) {
      p.add(field, "不是本市的区县代码");
    }
  }

  private boolean mayRun(StaffUser user, String districtCode) {
    return user.isAdmin() || user.hasGroup(Role.DISTRICT_APPROVER.groupId(districtCode));
  }

  private boolean isCity(StaffUser user) {
    return user.hasGroup(Role.CITY_APPROVER.groupId(jurisdictions.city().code()));
  }

  private PaymentRuns.Run find(String runId) {
    long id;
    try {
      id = Long.parseLong(runId);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("未找到该发放批次:" + runId);
    }
    return runs.find(id).orElseThrow(() -> ApiException.notFound("未找到该发放批次:" + runId));
  }

  private static int positive(Problems p, String field, String value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    p.add(field, "应为1至" + max + "之间的整数");
    return fallback;
  }

  private static Map<String, Object> summary(PaymentRuns.Run run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", run.runId());
    m.put("month", run.month().toString());
    m.put("districtCode", run.districtCode());
    m.put("lines", run.lines());
    m.put("total", run.total());
    m.put("missingAccount", run.missingAccount());
    m.put("createdBy", run.createdBy());
    m.put("createdAt", run.createdAt().toInstant().toString());
    return m;
  }

  private static Map<String, Object> item(PaymentRuns.Line l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("applicationNo", l.applicationNo());
    m.put("benefit", l.benefit());
    m.put("forMonth", l.forMonth().toString());
    m.put("payeeName", l.payeeName());
    m.put("idNumber", IdNumber.mask(l.payeeId()));
    m.put("bankName", l.bankName());
    m.put("accountNo", PaymentAccounts.mask(l.accountNo()));
    m.put("amount", l.amount());
    m.put("status", l.status());
    m.put("reason", l.reason());
    m.put("retryOf", l.retryOf());
    return m;
  }

  /** A CSV field, quoted when it holds a separator, a quote or a line break. */
  static String csv(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
