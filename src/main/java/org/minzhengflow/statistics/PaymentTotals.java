package org.minzhengflow.statistics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Monthly payment totals per district from the payment runs ({@code payment_run}: one run per district and month,
 * its {@code total}). The payments come from their own migration, which a database may not have yet; this reads
 * the table when it is there and answers no months when it is not, instead of failing the whole statistics.
 * The table and its month column ({@code run_month}, or {@code month}) are looked up in {@code information_schema}
 * (in the connection's schema: another application's table of that name elsewhere is not ours);
 * once found they are remembered (a table does not disappear while the application runs), while "not there" is
 * asked again at the next request (a cheap catalogue query), so a migration applied meanwhile counts at once.
 */
@Component
public class PaymentTotals {

  public record Month(String month, String districtCode, BigDecimal total) {}

  /** The month column names this reads, in order of preference; only these are ever put into SQL. */
  static final List<String> MONTH_COLUMNS = List.of("run_month", "month");

  private final JdbcClient jdbc;
  private volatile String monthColumn;

  public PaymentTotals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Month> monthly(LocalDate from, LocalDate to, List<String> districts) {
    String column = monthColumn();
    if (column == null) {
      return List.of();
    }
    Map<String, Object> params = new HashMap<>();
    params.put("first", from.withDayOfMonth(1));
    params.put("last", to);
    String inDistricts = "";
    if (districts != null) {
      inDistricts = " and r.district_code in (:districts)";
      params.put("districts", districts);
    }
    return jdbc.sql("select r." + column + ", r.district_code, sum(r.total) from payment_run r"
            + " where r." + column + " >= :first and r." + column + " <= :last" + inDistricts
            + " group by r." + column + ", r.district_code order by r." + column + ", r.district_code")
        .params(params)
        .query((rs, i) -> new Month(month(rs.getObject(1)), rs.getString(2), rs.getBigDecimal(3)))
        .list();
  }

  private String monthColumn() {
    String known = monthColumn;
    if (known != null) {
      return known;
    }
    Set<String> columns = jdbc.sql("select column_name from information_schema.columns"
            + " where lower(table_name) = 'payment_run' and lower(table_schema) = lower(current_schema)")
        .query(String.class).list().stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    if (!columns.contains("district_code") || !columns.contains("total")) {
      return null;
    }
    for (String candidate : MONTH_COLUMNS) {
      if (columns.contains(candidate)) {
        monthColumn = candidate;
        return candidate;
      }
    }
    return null;
  }

  private static String month(Object value) {
    LocalDate date = value instanceof java.sql.Date d ? d.toLocalDate()
        : value instanceof Timestamp t ? t.toLocalDateTime().toLocalDate()
        : value instanceof LocalDate l ? l : LocalDate.parse(value.toString().substring(0, 10));
    return date.toString().substring(0, 7);
  }
}
