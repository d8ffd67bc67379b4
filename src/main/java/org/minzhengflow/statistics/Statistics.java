package org.minzhengflow.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.minzhengflow.calendar.WorkingDays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of {@code GET /api/statistics}, each a grouped query over the case table (and the engine's task
 * table for overdue tasks): the database does the counting, whatever the number of cases.
 *
 * <ul>
 *   <li>{@code received}: submitted in [from, to]; {@code inReview}: those of them still IN_REVIEW or PUBLIC_NOTICE.
 *   <li>{@code approved}, {@code rejected}, {@code referred} (and {@code revoked}): decided in [from, to], by the
 *       case's status now (a case approved in the range and revoked later by a spot check counts as revoked).
 *   <li>{@code avgWorkingDaysToDecision}: over the cases decided in the range, working days on the official
 *       calendar from the day of submission (exclusive) to the day of decision (inclusive); null without decisions.
 *   <li>{@code overdueTasks}: open tasks past their due date <em>now</em>, whatever the range — a late task of an
 *       old case is as late as one of this month's, and the range is about receipt and decisions.
 * </ul>
 * Days are the office's days ({@code app.zone}): the range's ends are instants at the office's midnight.
 */
@Service
public class Statistics {

  /** Display order of the kinds (the case table's CHECK). */
  static final List<String> KINDS = List.of("dibao", "eldercare", "nursing-home", "funeral", "temporary-assistance");

  /** One row of {@code byKind}; the average stays in the body as null when there is nothing to average. */
  public record KindFigures(String kind, String districtCode, String districtName, long received, long inReview,
      long approved, long rejected, long referred, long revoked, long overdueTasks,
      @JsonInclude(JsonInclude.Include.ALWAYS) Double avgWorkingDaysToDecision) {}

  public record Result(List<KindFigures> byKind, List<PaymentTotals.Month> payments) {}

  private final JdbcClient jdbc;
  private final WorkingDays workingDays;
  private final Clock clock;
  private final PaymentTotals payments;
  private final StatisticsScope scope;

  public Statistics(JdbcClient jdbc, WorkingDays workingDays, Clock clock, PaymentTotals payments,
      StatisticsScope scope) {
    this.jdbc = jdbc;
    this.workingDays = workingDays;
    this.clock = clock;
    this.payments = payments;
    this.scope = scope;
  }

  /** Figures for [from, to] (office dates, inclusive) in these districts (null: all). */
  @Transactional(readOnly = true)
  public Result figures(LocalDate from, LocalDate to, List<String> districts) {
    ZoneId zone = workingDays.zone();
    Map<String, Object> params = new HashMap<>();
    params.put("from", Timestamp.from(from.atStartOfDay(zone).toInstant()));
    params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
    params.put("now", Timestamp.from(clock.instant()));
    String inDistricts = "";
    if (districts != null) {
      inDistricts = " and c.district_code in (:districts)";
      params.put("districts", districts);
    }
    Map<String, Row> rows = new HashMap<>();

    jdbc.sql("select c.kind, c.district_code, count(*) as received,"
            + " sum(case when c.status in ('IN_REVIEW', 'PUBLIC_NOTICE') then 1 else 0 end) as in_review"
            + " from app_case c where c.submitted_at >= :from and c.submitted_at < :to" + inDistricts
            + " group by c.kind, c.district_code")
        .params(params).query(rs -> {
          Row row = row(rows, rs.getString(1), rs.getString(2));
          row.received = rs.getLong(3);
          row.inReview = rs.getLong(4);
        });

    // Decisions grouped by the office dates of submission and decision: the working days of each pair of dates
    // are counted once, in Java, on the official calendar (holidays and 调休 are data, not SQL).
    String submittedDay = officeDate("c.submitted_at");
    String decidedDay = officeDate("c.decided_at");
    Map<String, Integer> daysOfPair = new HashMap<>();
    jdbc.sql("select c.kind, c.district_code, c.status, " + submittedDay + ", " + decidedDay + ", count(*)"
            + " from app_case c where c.decided_at >= :from and c.decided_at < :to" + inDistricts
            + " group by c.kind, c.district_code, c.status, " + submittedDay + ", " + decidedDay)
        .params(params).query(rs -> {
          Row row = row(rows, rs.getString(1), rs.getString(2));
          long n = rs.getLong(6);
          switch (rs.getString(3)) {
            case "APPROVED" -> row.approved += n;
            case "REJECTED" -> row.rejected += n;
            case "REFERRED" -> row.referred += n;
            case "REVOKED" -> row.revoked += n;
            default -> {
              // decided once and open again cannot happen (decided_at is set on the first decision only and the
              // statuses after a decision are decided ones); not a decision of the range if it ever did
              return;
            }
          }
          LocalDate submitted = rs.getDate(4).toLocalDate();
          LocalDate decided = rs.getDate(5).toLocalDate();
          int days = daysOfPair.computeIfAbsent(submitted + "/" + decided,
              k -> workingDays.workingDaysBetween(submitted, decided));
          row.decided += n;
          row.decisionDays += days * n;
        });

    // The task's own process instance carries the application number as business key (also a called process
    // started for the case), so the join finds the case through the instance's execution row, by primary keys.
    jdbc.sql("select c.kind, c.district_code, count(*) from ACT_RU_TASK t"
            + " join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_"
            + " join app_case c on c.application_no = e.BUSINESS_KEY_"
            + " where t.DUE_DATE_ < :now" + inDistricts
            + " group by c.kind, c.district_code")
        .params(params).query(rs -> {
          row(rows, rs.getString(1), rs.getString(2)).overdue = rs.getLong(3);
        });

    List<KindFigures> byKind = new ArrayList<>();
    rows.values().stream()
        .sorted(Comparator.comparing((Row r) -> r.district).thenComparing(r -> kindOrder(r.kind)))
        .forEach(r -> byKind.add(new KindFigures(r.kind, r.district, scope.name(r.district), r.received, r.inReview,
            r.approved, r.rejected, r.referred, r.revoked, r.overdue,
            r.decided == 0 ? null : Math.round(10.0 * r.decisionDays / r.decided) / 10.0)));
    return new Result(byKind, payments.monthly(from, to, districts));
  }

  /**
   * The office date of a timestamp column. Timestamps are stored as the JVM's local time (JDBC), so the column is
   * moved by the difference between the office's zone and the JVM's before taking its date; none when they are
   * the same zone, as in the usual deployment (a JVM zone with summer time is an hour off near midnight then).
   */
  private String officeDate(String column) {
    Instant now = clock.instant();
    long minutes = (workingDays.zone().getRules().getOffset(now).getTotalSeconds()
        - TimeZone.getDefault().toZoneId().getRules().getOffset(now).getTotalSeconds()) / 60;
    if (minutes == 0) {
      return "cast(" + column + " as date)";
    }
    return "cast(" + column + (minutes > 0 ? " + " : " - ") + "interval '" + Math.abs(minutes) + "' minute as date)";
  }

  private static int kindOrder(String kind) {
    int i = KINDS.indexOf(kind);
    return i < 0 ? KINDS.size() : i;
  }

  private static Row row(Map<String, Row> rows, String kind, String district) {
    return rows.computeIfAbsent(kind + "|" + district, k -> new Row(kind, district));
  }

  /** Accumulates one kind and district while the queries are read. */
  private static final class Row {
    final String kind;
    final String district;
    long received;
    long inReview;
    long approved;
    long rejected;
    long referred;
    long revoked;
    long overdue;
    long decided;
    long decisionDays;

    Row(String kind, String district) {
      this.kind = kind;
      this.district = district;
    }
  }
}
