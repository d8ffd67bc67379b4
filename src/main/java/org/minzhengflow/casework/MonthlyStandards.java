package org.minzhengflow.casework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The monthly 低保 standard per person on a day (processes/dibao-standard.dmn), the yardstick other assistance is
 * measured in — 临时救助 caps and limits are multiples of it. Annual (rural) standards count as a twelfth a month.
 */
@Component
public class MonthlyStandards {

  private final DecisionTables tables;

  public MonthlyStandards(DecisionTables tables) {
    this.tables = tables;
  }

  /** Null when no dated row covers the day. */
  public BigDecimal on(LocalDate day, String areaType) {
    List<Map<String, Object>> rows = tables.evaluate("dibaoStandard", Map.of(
        "applicationDate", DecisionTables.day(day), "areaType", areaType));
    if (rows.isEmpty()) {
      return null;
    }
    BigDecimal amount = new BigDecimal(rows.get(0).get("standard").toString());
    return "YEAR".equals(rows.get(0).get("period")) ? amount.divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP)
        : amount.setScale(2, RoundingMode.HALF_UP);
  }
}
