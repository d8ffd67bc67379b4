package org.minzhengflow.organization;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jurisdictions are reference data that change by migration only, so they are read once and kept
 * in memory: every case start and every authorization decision looks them up.
 */
@Repository
public class JurisdictionRepository {

  private final JdbcClient jdbc;
  private volatile Map<String, Jurisdiction> byCode;

  public JurisdictionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Jurisdiction> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(all().get(code));
  }

  public Optional<Jurisdiction> findStreet(String code) {
    return find(code).filter(Jurisdiction::isStreet);
  }

  public Optional<Jurisdiction> findDistrict(String code) {
    return find(code).filter(j -> j.level() == Jurisdiction.Level.DISTRICT);
  }

  /** The district a street belongs to. */
  public Jurisdiction districtOf(Jurisdiction street) {
    return find(street.parentCode()).orElseThrow();
  }

  public Jurisdiction city() {
    return all().values().stream().filter(j -> j.level() == Jurisdiction.Level.CITY).findFirst().orElseThrow();
  }

  public List<Jurisdiction> list() {
    return List.copyOf(all().values());
  }

  private Map<String, Jurisdiction> all() {
    Map<String, Jurisdiction> current = byCode;
    if (current == null) {
      current = jdbc.sql("select code, name, level, parent_code, pilot_one_level from jurisdiction order by code")
          .query((rs, i) -> new Jurisdiction(rs.getString(1), rs.getString(2),
              Jurisdiction.Level.valueOf(rs.getString(3)), rs.getString(4), rs.getBoolean(5)))
          .list().stream()
          .collect(Collectors.toMap(Jurisdiction::code, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
      byCode = current;
    }
    return current;
  }
}
