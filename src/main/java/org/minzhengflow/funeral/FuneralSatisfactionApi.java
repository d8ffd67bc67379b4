package org.minzhengflow.funeral;

import jakarta.servlet.http.HttpServletRequest;
import java.time.YearMonth;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The satisfaction figures of a month for the hotline and the city bureau; sampling a month now (operators). */
@RestController
public class FuneralSatisfactionApi {

  private final FuneralSatisfaction satisfaction;
  private final CandidateGroups groups;

  public FuneralSatisfactionApi(FuneralSatisfaction satisfaction, CandidateGroups groups) {
    this.satisfaction = satisfaction;
    this.groups = groups;
  }

  @GetMapping("/api/funeral/satisfaction")
  public Map<String, Object> figures(@RequestParam(required = false) String month, HttpServletRequest http) {
    allowed(CurrentUser.of(http));
    return satisfaction.figures(month(month));
  }

  public record SampleRequest(String month) {}

  /** The monthly timer's step for a given month (e.g. after an outage); a month is sampled once. */
  @PostMapping("/api/funeral/satisfaction/samples")
  @ResponseStatus(HttpStatus.CREATED)
  public Map<String, Object> sample(@RequestBody(required = false) SampleRequest request, HttpServletRequest http) {
    allowed(CurrentUser.of(http));
    YearMonth month = month(request == null ? null : request.month());
    if (month.isAfter(satisfaction.lastMonth())) {
      throw new InvalidInputException("month", "只能抽取已结束的月份");
    }
    return Map.of("month", month.toString(), "sampled", satisfaction.sample(month));
  }

  private void allowed(StaffUser user) {
    if (!user.isAdmin() && !user.hasGroup(groups.hotline()) && !user.hasGroup(groups.cityApprovers())) {
      throw ApiException.forbidden("只有12349热线、市民政局或系统管理员可以查看惠民殡葬回访情况");
    }
  }

  private static YearMonth month(String month) {
    org.minzhengflow.api.Problems p = new org.minzhengflow.api.Problems();
    YearMonth parsed = p.required("month", month) ? p.month("month", month.trim()) : null;
    p.throwIfAny();
    return parsed;
  }
}
