package org.minzhengflow.payment;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.Problems;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bank's answer to a run's file (回盘): each line PAID or FAILED. All or nothing: a result naming a line the
 * run does not hold, or contradicting a result already recorded, is 409 and nothing is applied. Sending the same
 * results again changes nothing. A FAILED line is paid again by the district's next run.
 */
@Service
public class PaymentResults {

  /** One result; {@code month} (YYYY-MM) tells apart two lines of one case in a run (a month paid again). */
  public record Result(String applicationNo, String status, String reason, YearMonth month) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public PaymentResults(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Reads and checks the body: 400 naming every bad field with its index, e.g. {@code [2].status}. */
  public static List<Result> parse(JsonNode body) {
    Problems p = new Problems();
    if (body == null || !body.isArray() || body.isEmpty()) {
      p.add("body", "应为至少包含一条回盘结果的数组");
      p.throwIfAny();
    }
    List<Result> results = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode r = body.get(i);
      String at = "[" + i + "]";
      if (!r.isObject()) {
        p.add(at, "应为对象");
        continue;
      }
      String no = text(r, "applicationNo");
      String status = text(r, "status");
      String reason = text(r, "reason");
      String month = text(r, "month");
      if (p.required(at + ".applicationNo", no) && !org.minzhengflow.casework.ApplicationNumbers.wellFormed(no)) {
        // refused here rather than named in the 409 below, which would echo whatever was sent
        p.add(at + ".applicationNo", "申请编号格式无效:只能包含字母、数字和连字符(如DB2027000001)");
      }
      if (p.required(at + ".status", status) && !PaymentRuns.PAID.equals(status) && !PaymentRuns.FAILED.equals(status)) {
        p.add(at + ".status", "应为PAID或FAILED");
      }
      if (PaymentRuns.FAILED.equals(status)) {
        p.required(at + ".reason", reason);
      }
      p.maxLength(at + ".reason", reason, 500);
      YearMonth ym = p.month(at + ".month", month);
      if (no != null && !seen.add(no + "|" + month)) {
        p.add(at + ".applicationNo", "同一申请的回盘结果重复");
      }
      results.add(new Result(no, status, reason, ym));
    }
    p.throwIfAny();
    return results;
  }

  /** Applies the results to the run's lines in one transaction. Returns how many lines changed. */
  public int apply(long runId, List<Result> results) {
    return tx.execute(status -> {
      String update = "update payment_line set status = ?, reason = ? where run_id = ? and application_no = ?"
          + " and status = 'PENDING' and (cast(? as date) is null or for_month = cast(? as date))";
      int[][] counts = jdbc.batchUpdate(update, results, 1000, (ps, r) -> {
        Date month = r.month() == null ? null : Date.valueOf(r.month().atDay(1));
        ps.setString(1, r.status());
        ps.setString(2, r.reason());
        ps.setLong(3, runId);
        ps.setString(4, r.applicationNo());
        ps.setDate(5, month);
        ps.setDate(6, month);
      });
      int changed = 0;
      List<String> conflicts = new ArrayList<>();
      int i = 0;
      for (int[] batch : counts) {
        for (int count : batch) {
          Result r = results.get(i++);
          if (count > 0) {
            changed += count;
          } else if (!alreadyRecorded(runId, r)) {
            conflicts.add(r.applicationNo() + (r.month() == null ? "" : "(" + r.month() + ")"));
          }
        }
      }
      if (!conflicts.isEmpty()) {
        status.setRollbackOnly();
        throw ApiException.conflict("以下回盘结果在本批次中没有待发放的对应明细,全部结果均未处理:"
            + String.join("、", conflicts.subList(0, Math.min(20, conflicts.size())))
            + (conflicts.size() > 20 ? "等" + conflicts.size() + "条" : ""));
      }
      return changed;
    });
  }

  /** The same result sent again: every line it names in the run already has that status. */
  private boolean alreadyRecorded(long runId, Result r) {
    Date month = r.month() == null ? null : Date.valueOf(r.month().atDay(1));
    List<String> statuses = jdbc.queryForList("""
        select status from payment_line where run_id = ? and application_no = ?
          and (cast(? as date) is null or for_month = cast(? as date))""", String.class,
        runId, r.applicationNo(), month, month);
    return !statuses.isEmpty() && statuses.stream().allMatch(r.status()::equals);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
