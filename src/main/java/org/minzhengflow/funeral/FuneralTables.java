package org.minzhengflow.funeral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.minzhengflow.casework.DecisionTables;
import org.springframework.stereotype.Component;

/** The rules of 惠民殡葬 in {@code processes/funeral-waiver.dmn}: the city's categories, the caps, the call-back. */
@Component
public class FuneralTables {

  /** A category of the city's list; {@code REGISTRY} ones are found in the records, {@code DECLARED} confirmed by the street. */
  public record Category(String code, String name, String source) {

    public boolean declared() {
      return "DECLARED".equals(source);
    }
  }

  public record Cap(String service, String name, BigDecimal unitCap, int maxUnits, String unit) {}

  public record Policy(int centenarianAge, BigDecimal callbackRate, int callbackTries) {}

  private final DecisionTables tables;

  public FuneralTables(DecisionTables tables) {
    this.tables = tables;
  }

  public Optional<Category> category(String code) {
    List<Map<String, Object>> rows = tables.evaluate("funeralCategory", Map.of("category", code));
    return rows.stream().findFirst()
        .map(row -> new Category(code, (String) row.get("name"), (String) row.get("source")));
  }

  public Cap cap(LocalDate dateOfDeath, String service) {
    Map<String, Object> row = tables.single("funeralServiceCap", Map.of("dateOfDeath", DecisionTables.day(dateOfDeath), "service", service));
    return new Cap(service, (String) row.get("name"), new BigDecimal(row.get("unitCap").toString()),
        ((Number) row.get("maxUnits")).intValue(), (String) row.get("unit"));
  }

  public Policy policy(LocalDate on) {
    Map<String, Object> row = tables.single("funeralPolicy", Map.of("onDate", DecisionTables.day(on)));
    return new Policy(((Number) row.get("centenarianAge")).intValue(), new BigDecimal(row.get("callbackRate").toString()),
        ((Number) row.get("callbackTries")).intValue());
  }
}
