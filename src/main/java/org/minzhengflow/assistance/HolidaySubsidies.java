package org.minzhengflow.assistance;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.DecisionTables;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.StaffUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 节日补贴: one city-level call per holiday and year (primary key of holiday_subsidy_call) adds one line per
 * household with a 低保 or 定期定量救助 benefit payable in the month, at the table's amount; the districts' runs of
 * that month pay them. Set-based, so a city's households are added in one statement per benefit.
 */
@Service
public class HolidaySubsidies {

  static final Set<String> HOLIDAYS = Set.of("SPRING_FESTIVAL", "MID_AUTUMN", "NATIONAL_DAY", "NEW_YEAR");
  static final List<String> BENEFITS = List.of("DIBAO", "REGULAR_FIXED");

  public record Call(String holiday, Integer year, String month) {}

  public record Added(String holiday, int year, String month, int households, BigDecimal total) {}

  private final JdbcClient jdbc;
  private final DecisionTables tables;
  private final CandidateGroups groups;
  private final Clock clock;

  public HolidaySubsidies(JdbcClient jdbc, DecisionTables tables, CandidateGroups groups, Clock clock) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.groups = groups;
    this.clock = clock;
  }

  @Transactional
  public Added call(Call call, StaffUser user) {
    if (!user.isAdmin() && !user.hasGroup(groups.cityApprovers())) {
      throw ApiException.forbidden("节日补贴由市民政局统一发放");
    }
    if (call == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    if (p.required("holiday", call.holiday()) && !HOLIDAYS.contains(call.holiday())) {
      p.add("holiday", "节日必须是 SPRING_FESTIVAL(春节)、MID_AUTUMN(中秋)、NATIONAL_DAY(国庆)、NEW_YEAR(元旦)之一");
    }
    YearMonth month = null;
    if (p.required("month", call.month())) {
      month = p.month("month", call.month().trim());
    }
    if (p.required("year", call.year()) && (call.year() < 2000 || call.year() > 2100)) {
      p.add("year", "年份无效");
    } else if (month != null && call.year() != null && month.getYear() != call.year() && month.getYear() != call.year() - 1) {
      p.add("month", "发放月份应在" + call.year() + "年或其前一年年底");
    }
    p.throwIfAny();
    if (month.isBefore(YearMonth.now(clock))) {
      throw ApiException.conflict("发放月份" + month + "已过,节日补贴只能随本月或以后的批次发放");
    }
    LocalDate first = month.atDay(1);
    try {
      jdbc.sql("""
          insert into holiday_subsidy_call (holiday, holiday_year, pay_month, households, total, called_by, called_at)
          values (?, ?, ?, 0, 0, ?, ?)""")
          .params(call.holiday(), call.year(), Date.valueOf(first), user.userId(), Timestamp.from(clock.instant()))
          .update();
    } catch (DuplicateKeyException calledBefore) {
      // the primary key (holiday, year) decides, also between two calls at once
      throw ApiException.conflict(call.year() + "年" + name(call.holiday()) + "补贴已发放过,同一节日每年只发一次");
    }
    for (String benefit : BENEFITS) {
      List<Map<String, Object>> rows = tables.evaluate("holidaySubsidy", Map.of("onDate", DecisionTables.day(first), "holiday", call.holiday(),
          "benefit", benefit));
      if (rows.isEmpty()) {
        continue;
      }
      BigDecimal amount = new BigDecimal(rows.get(0).get("amount").toString());
      jdbc.sql("""
          insert into holiday_subsidy (holiday, holiday_year, application_no, benefit, street_code, pay_month, amount)
          select ?, ?, application_no, benefit, street_code, ?, ? from benefit_record
          where benefit = ? and status in ('ACTIVE', 'GRADUAL_EXIT') and start_month <= ?
            and (end_month is null or end_month > ?)""")
          .params(call.holiday(), call.year(), Date.valueOf(first), amount, benefit, Date.valueOf(first),
              Date.valueOf(first))
          .update();
    }
    Map<String, Object> totals = jdbc.sql("""
        select count(*), coalesce(sum(amount), 0) from holiday_subsidy where holiday = ? and holiday_year = ?""")
        .params(call.holiday(), call.year())
        .query((rs, i) -> Map.<String, Object>of("households", rs.getInt(1), "total", rs.getBigDecimal(2))).single();
    jdbc.sql("update holiday_subsidy_call set households = ?, total = ? where holiday = ? and holiday_year = ?")
        .params(totals.get("households"), totals.get("total"), call.holiday(), call.year()).update();
    return new Added(call.holiday(), call.year(), month.toString(), (Integer) totals.get("households"),
        (BigDecimal) totals.get("total"));
  }

  static String name(String holiday) {
    return switch (holiday) {
      case "SPRING_FESTIVAL" -> "春节";
      case "MID_AUTUMN" -> "中秋";
      case "NATIONAL_DAY" -> "国庆";
      default -> "元旦";
    };
  }
}
