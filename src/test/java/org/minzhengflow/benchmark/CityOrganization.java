package org.minzhengflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.OrganizationSetup;
import org.minzhengflow.organization.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A city of 200 streets over Harbin's nine urban districts (the two demo streets among them), set up as
 * the product sets up any jurisdiction: rows in {@code jurisdiction}, then {@link OrganizationSetup} (as at
 * start, under the start-up lock) creates their groups, rights and filter grants; every generated street
 * gets two caseworkers and a leader, every district without a demo approver an approver (password demo).
 */
final class CityOrganization {

  static final List<String> DISTRICTS = List.of("230102", "230103", "230104", "230108", "230109", "230110", "230111",
      "230112", "230113");
  static final String PILOT_DISTRICT = "230102";
  static final Cases.Street XF1 = new Cases.Street("230110001", "230110", false, "xf1-worker1", "xf1-worker2",
      "xf1-leader", "xf-approver");
  static final Cases.Street DL1 = new Cases.Street("230102001", "230102", true, "dl1-worker1", "dl1-worker2",
      "dl1-leader", "dl-approver");

  private CityOrganization() {}

  static String approver(String district) {
    return switch (district) {
      case "230110" -> "xf-approver";
      case "230102" -> "dl-approver";
      default -> "a" + district + "-approver";
    };
  }

  /** Creates the streets, their groups, filter grants and users; returns every street with its staff. */
  static List<Cases.Street> create(int count, JdbcTemplate jdbc, TransactionTemplate transaction, OrganizationSetup setup,
      JurisdictionRepository jurisdictions, IdentityService identity) {
    Map<String, String> districtNames = new java.util.HashMap<>();
    jdbc.query("select code, name from jurisdiction where level = 'DISTRICT'",
        rs -> { districtNames.put(rs.getString(1), rs.getString(2)); });
    List<Cases.Street> streets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String district = DISTRICTS.get(i % DISTRICTS.size());
      int number = i / DISTRICTS.size() + 1;
      String code = district + "%03d".formatted(number);
      boolean pilot = district.equals(PILOT_DISTRICT);
      if (code.equals(XF1.code())) {
        streets.add(XF1);
        continue;
      }
      if (code.equals(DL1.code())) {
        streets.add(DL1);
        continue;
      }
      jdbc.update("insert into jurisdiction (code, name, level, parent_code, pilot_one_level) values (?, ?, 'STREET', ?, false)"
          + " on conflict (code) do nothing", code, districtNames.get(district) + "第" + number + "街道", district);
      streets.add(new Cases.Street(code, district, pilot, "w" + code + "-1", "w" + code + "-2", "l" + code,
          approver(district)));
    }
    // jurisdictions are cached as reference data that change by migration only: read them again
    ReflectionTestUtils.setField(jurisdictions, "byCode", null);
    transaction.executeWithoutResult(status -> {
      jdbc.queryForObject("select name from app_lock where name = 'organization-setup' for update", String.class);
      setup.run();
    });
    for (Cases.Street street : streets) {
      if (street == XF1 || street == DL1) {
        continue;
      }
      user(identity, street.worker1(), Role.STREET_CASEWORKER.groupId(street.code()));
      user(identity, street.worker2(), Role.STREET_CASEWORKER.groupId(street.code()));
      user(identity, street.leader(), Role.STREET_LEADER.groupId(street.code()));
    }
    for (String district : DISTRICTS) {
      user(identity, approver(district), Role.DISTRICT_APPROVER.groupId(district));
    }
    return streets;
  }

  private static void user(IdentityService identity, String id, String group) {
    if (identity.createUserQuery().userId(id).count() > 0) {
      return;
    }
    User user = identity.newUser(id);
    user.setFirstName(id);
    user.setLastName("测试");
    user.setPassword("demo");
    identity.saveUser(user);
    identity.createMembership(id, group);
  }
}
