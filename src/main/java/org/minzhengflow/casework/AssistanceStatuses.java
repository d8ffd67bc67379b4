package org.minzhengflow.casework;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's social-assistance status, looked up from this system's own benefit records (the dibao
 * outcome), never asked from the citizen: DIBAO, LOW_INCOME (低收入困难 or 低收入) or NONE. A person
 * whose household is not on record has no status.
 */
@Component
public class AssistanceStatuses {

  public static final String DIBAO = "DIBAO";
  public static final String LOW_INCOME = "LOW_INCOME";
  public static final String NONE = "NONE";

  private final JdbcClient jdbc;

  public AssistanceStatuses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public String of(String idNumber) {
    List<String> benefits = jdbc.sql("""
        select br.benefit from benefit_record br join case_person cp on cp.application_no = br.application_no
        where cp.id_number = ? and br.status in ('ACTIVE', 'GRADUAL_EXIT')
          and br.benefit in ('DIBAO', 'REGULAR_FIXED', 'LOW_INCOME_HARDSHIP', 'LOW_INCOME')""")
        .param(idNumber).query(String.class).list();
    if (benefits.contains("DIBAO")) {
      return DIBAO;
    }
    return benefits.isEmpty() ? NONE : LOW_INCOME;
  }

  /**
   * The assistance benefits a person had on a given day (e.g. the day of death): decided by then and not ended
   * before that month — 低保 ({@code DIBAO}) and the low-income ones ({@code REGULAR_FIXED}, {@code LOW_INCOME…}).
   */
  public List<String> benefitsOn(String idNumber, java.time.LocalDate day, java.time.ZoneId zone) {
    java.time.LocalDate month = day.withDayOfMonth(1);
    return jdbc.sql("""
        select distinct br.benefit from benefit_record br
        join case_person cp on cp.application_no = br.application_no
        join app_case c on c.application_no = br.application_no
        where cp.id_number = ? and c.decided_at < ? and (br.end_month is null or br.end_month > ?)
          and br.benefit in ('DIBAO', 'REGULAR_FIXED', 'LOW_INCOME_HARDSHIP', 'LOW_INCOME')""")
        .params(idNumber, java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()),
            java.sql.Date.valueOf(month))
        .query(String.class).list();
  }

  public static String label(String status) {
    return switch (status) {
      case DIBAO -> "低保";
      case LOW_INCOME -> "低收入";
      case "TEKUN" -> "特困";
      default -> "无在册救助身份";
    };
  }
}
