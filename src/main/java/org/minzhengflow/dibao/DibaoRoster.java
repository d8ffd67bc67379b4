package org.minzhengflow.dibao;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.BenefitMonths;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.StaffUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 阳光低保: the street's list of 低保 households for the notice board — name, household size and the amount of the
 * month, never an ID number or an address. It lives with 低保 because the household size is the 低保 case's
 * members; which benefits are paid in a month, and how much, is the registry's rule ({@link BenefitMonths}).
 */
@RestController
public class DibaoRoster {

  private final JdbcClient jdbc;
  private final JurisdictionRepository jurisdictions;
  private final JurisdictionAccess access;
  private final Clock clock;

  public DibaoRoster(JdbcClient jdbc, JurisdictionRepository jurisdictions, JurisdictionAccess access, Clock clock) {
    this.jdbc = jdbc;
    this.jurisdictions = jurisdictions;
    this.access = access;
    this.clock = clock;
  }

  /** The roster of a street for a month (this month when none is given). */
  @GetMapping("/api/dibao/roster")
  public List<Map<String, Object>> roster(@RequestParam(required = false) String streetCode,
      @RequestParam(required = false) String month, HttpServletRequest http) {
    StaffUser user = CurrentUser.of(http);
    Problems p = new Problems();
    if (p.required("streetCode", streetCode) && jurisdictions.findStreet(streetCode).isEmpty()) {
      p.add("streetCode", "不是本市的街道代码");
    }
    YearMonth ym = YearMonth.now(clock);
    if (month != null) {
      ym = p.month("month", month);
    }
    p.throwIfAny();
    if (!access.canSeeStreetCase(user, streetCode)) {
      throw ApiException.forbidden("无权查看其他辖区的低保公示名单");
    }
    return jdbc.sql("""
        select r.payee_name, r.household_size, r.amount from (
          select b.application_no, b.payee_name,
                 (select count(*) from dibao_member m where m.application_no = b.application_no) as household_size,
                 %s as amount
          from benefit_record b
          where b.benefit = 'DIBAO' and b.street_code = :street and %s) r
        where r.amount > 0
        order by r.payee_name, r.application_no""".formatted(BenefitMonths.amount("b", ":month"),
            BenefitMonths.payable("b", ":month")))
        .param("street", streetCode).param("month", Date.valueOf(ym.atDay(1)))
        .query((rs, i) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("name", rs.getString(1));
          row.put("householdSize", rs.getInt(2));
          row.put("monthlyAmount", rs.getBigDecimal(3));
          return row;
        })
        .list();
  }
}
