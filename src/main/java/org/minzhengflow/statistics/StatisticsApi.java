package org.minzhengflow.statistics;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.FieldProblem;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.organization.StaffUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/statistics?from=YYYY-MM-DD&to=YYYY-MM-DD&districtCode=…}: the business figures of
 * CONTRACT.md "Statistics" for district bureaus (their district), the city bureau and administrators.
 * Who may ask is checked before what is asked, so a street learns nothing from the validation either.
 */
@RestController
public class StatisticsApi {

  /** Longest range: three years, enough for year-on-year comparisons, bounded for the database. */
  static final int MAX_YEARS = 3;

  private final Statistics statistics;
  private final StatisticsScope scope;

  public StatisticsApi(Statistics statistics, StatisticsScope scope) {
    this.statistics = statistics;
    this.scope = scope;
  }

  @GetMapping("/api/statistics")
  public Statistics.Result statistics(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String districtCode,
      HttpServletRequest http) {
    StaffUser user = CurrentUser.of(http);
    scope.visibleDistricts(user);
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate start = date(from, "from", "开始日期", problems);
    LocalDate end = date(to, "to", "结束日期", problems);
    if (start != null && end != null) {
      if (start.isAfter(end)) {
        problems.add(new FieldProblem("to", "结束日期不能早于开始日期"));
      } else if (!end.isBefore(start.plusYears(MAX_YEARS))) {
        problems.add(new FieldProblem("to", "统计区间不能超过" + MAX_YEARS + "年"));
      }
    }
    String district = districtCode == null || districtCode.isBlank() ? null : districtCode.trim();
    if (district != null && !(district.matches("\\d{6}") && scope.isDistrict(district))) {
      problems.add(new FieldProblem("districtCode", "区县代码无效:应为本市区县的6位代码"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return statistics.figures(start, end, scope.districtsFor(user, district));
  }

  private static LocalDate date(String value, String field, String label, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new FieldProblem(field, label + "必填,格式为YYYY-MM-DD"));
      return null;
    }
    if (value.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(value.trim());
      } catch (DateTimeParseException e) {
        // reported below: a well-formed but impossible date such as 2026-02-30
      }
    }
    problems.add(new FieldProblem(field, label + "格式应为YYYY-MM-DD(有效日期)"));
    return null;
  }
}
