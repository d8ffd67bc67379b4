package org.minzhengflow.organization;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo organisation of CONTRACT.md (password {@code demo} for everyone). Loaded only when the
 * database has no user at all and {@code app.demo.enabled} is true, so it can never overwrite or
 * add to a real organisation.
 */
@Component
public class DemoOrganization {

  static final String PASSWORD = "demo";
  private static final Logger LOG = LoggerFactory.getLogger(DemoOrganization.class);

  private record DemoUser(String id, String lastName, String firstName, List<String> groups) {}

  private final IdentityService identity;

  public DemoOrganization(IdentityService identity) {
    this.identity = identity;
  }

  public boolean loadIfEmpty() {
    if (identity.createUserQuery().count() > 0) {
      return false;
    }
    String xf1 = "230110001";
    String dl1 = "230102001";
    List<DemoUser> users = List.of(
        new DemoUser("admin", "管理员", "系统", List.of(Role.ADMIN.groupId(null))),
        new DemoUser("xf1-worker1", "王", "经办一", List.of(Role.STREET_CASEWORKER.groupId(xf1))),
        new DemoUser("xf1-worker2", "李", "经办二", List.of(Role.STREET_CASEWORKER.groupId(xf1))),
        new DemoUser("xf1-leader", "张", "主任", List.of(Role.STREET_LEADER.groupId(xf1))),
        new DemoUser("xf-approver", "刘", "科长", List.of(Role.DISTRICT_APPROVER.groupId("230110"))),
        new DemoUser("dl1-worker1", "陈", "经办一", List.of(Role.STREET_CASEWORKER.groupId(dl1))),
        new DemoUser("dl1-worker2", "杨", "经办二", List.of(Role.STREET_CASEWORKER.groupId(dl1))),
        new DemoUser("dl1-leader", "赵", "主任", List.of(Role.STREET_LEADER.groupId(dl1))),
        new DemoUser("dl-approver", "黄", "科长", List.of(Role.DISTRICT_APPROVER.groupId("230102"))),
        new DemoUser("assessor1", "周", "评估员", List.of(Role.ASSESSMENT_AGENCY.groupId(null))),
        new DemoUser("fire-reviewer", "吴", "消防审查", List.of(Role.FIRE_REVIEWER.groupId(null))),
        new DemoUser("market-reviewer", "郑", "市场监管审查", List.of(Role.MARKET_REVIEWER.groupId(null))),
        new DemoUser("health-reviewer", "孙", "卫健审查", List.of(Role.HEALTH_REVIEWER.groupId(null))),
        new DemoUser("city-approver", "马", "处长", List.of(Role.CITY_APPROVER.groupId("230100"))),
        new DemoUser("hotline1", "冯", "热线接线员", List.of(Role.HOTLINE.groupId(null))),
        new DemoUser("funeral-home1", "何", "殡仪馆业务员", List.of(Role.FUNERAL_HOME.groupId(null))));
    for (DemoUser demo : users) {
      User user = identity.newUser(demo.id());
      user.setLastName(demo.lastName());
      user.setFirstName(demo.firstName());
      user.setEmail(demo.id() + "@demo.minzheng.local");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      demo.groups().forEach(group -> identity.createMembership(demo.id(), group));
    }
    LOG.warn("Demo organisation loaded: {} users with password 'demo'. Not for production.", users.size());
    return true;
  }
}
