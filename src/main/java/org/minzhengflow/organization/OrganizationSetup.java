package org.minzhengflow.organization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates, idempotently and in every environment, what the organisation needs in Camunda: one
 * group per role and jurisdiction, the administrators' rights, Tasklist access and the Tasklist
 * filters of each role. Users are not created here (see {@link DemoOrganization} and {@link AdminAccount}).
 */
@Component
public class OrganizationSetup {

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationSetup.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final JurisdictionRepository jurisdictions;

  public OrganizationSetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
      TaskService tasks, JurisdictionRepository jurisdictions) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.jurisdictions = jurisdictions;
  }

  public void run() {
    List<String> streetGroups = new ArrayList<>();
    List<String> bureauGroups = new ArrayList<>();
    List<String> roleGroups = new ArrayList<>();
    for (Jurisdiction j : jurisdictions.list()) {
      switch (j.level()) {
        case STREET -> {
          streetGroups.add(group(Role.STREET_CASEWORKER, j));
          streetGroups.add(group(Role.STREET_LEADER, j));
        }
        case DISTRICT -> bureauGroups.add(group(Role.DISTRICT_APPROVER, j));
        case CITY -> bureauGroups.add(group(Role.CITY_APPROVER, j));
      }
    }
    for (Role role : List.of(Role.ASSESSMENT_AGENCY, Role.FIRE_REVIEWER, Role.MARKET_REVIEWER, Role.HEALTH_REVIEWER,
        Role.HOTLINE, Role.FUNERAL_HOME)) {
      roleGroups.add(group(role, null));
    }
    String admins = group(Role.ADMIN, null);
    for (Resource resource : Resources.values()) {
      grant(admins, resource, Authorization.ANY, Permissions.ALL);
    }

    List<String> staff = new ArrayList<>(streetGroups);
    staff.addAll(bureauGroups);
    staff.addAll(roleGroups);
    for (String group : staff) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    }
    // Process names in Tasklist; reading a definition reveals no case. One global row rather than one per group:
    // every task query of every user tests the rows granted on "*" for each task it looks at, so hundreds of
    // group rows there made each Tasklist click cost hundreds of row checks per task (docs/benchmarks.md).
    globalReadOfProcessDefinitions(admins);
    for (String group : bureauGroups) {
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    TaskQuery mine = tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}");
    TaskQuery claimable = tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
        .taskUnassigned();
    // The tasks of the user's groups, also once a colleague has claimed them; what is assigned to the user from
    // outside their groups (a transfer, a delegation) is in 我的待办. Saying so in the query's own criteria lets the
    // database start from the user's groups, and lets the engine skip its authorization join for it: the engine
    // granted READ on exactly these tasks itself (AuthorizedGroupsPlugin, docs/benchmarks.md). An or() with the
    // assignee here spans two tables, which made PostgreSQL read every open task of the city for each click.
    TaskQuery dueSoon = visible(tasks.createTaskQuery().dueBeforeExpression("${dateTime().plusDays(2).toDate()}"));
    TaskQuery all = visible(tasks.createTaskQuery());
    filter("我的待办", mine, -10, "已认领、由我办理的任务", staff);
    filter("本街道待认领", claimable, -5, "本街道尚未认领的任务,认领后办理", streetGroups);
    filter("本单位待认领", claimable, -5, "本单位尚未认领的任务,认领后办理", concat(bureauGroups, roleGroups));
    filter("即将超期", dueSoon, 0, "本单位两天内到期或已超期的任务(按工作日计算的期限);交我办理的见「我的待办」", staff);
    filter("本辖区全部任务", all, 10, "本单位的全部待办任务,含同事已认领的;转办、委派给我的见「我的待办」", staff);
    // administrators are candidates of nothing: their overview is every open task
    filter("全部任务(系统管理员)", tasks.createTaskQuery(), 20, "全市全部待办任务(仅系统管理员)", List.of());
    LOG.info("Organisation ready: {} groups, Tasklist filters per role", staff.size() + 1);
  }

  private String group(Role role, Jurisdiction jurisdiction) {
    String id = role.groupId(jurisdiction == null ? null : jurisdiction.code());
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(role.groupName(jurisdiction == null ? null : jurisdiction.name()));
      group.setType(role == Role.ADMIN ? "SYSTEM" : "WORKFLOW");
      identity.saveGroup(group);
    }
    return id;
  }

  /** Restricts a query to the tasks of the current user's groups, claimed or not. */
  private static TaskQuery visible(TaskQuery query) {
    return query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
  }

  /**
   * The process variables Tasklist shows with each task of a filter's list (its {@code variables} property):
   * the applicant and the street (by name) first, then the case's number and the legal last day of the whole case
   * on the working-day calendar; the step's own deadline is the task's due date, which Tasklist shows by itself. Every process sets
   * these at intake (CaseIntake).
   */
  static final List<Map<String, Object>> LIST_VARIABLES = List.of(
      Map.of("name", "applicantName", "label", "申请人"),
      Map.of("name", "streetName", "label", "街道(乡镇)"),
      Map.of("name", "applicationNo", "label", "申请编号"),
      Map.of("name", "caseDeadline", "label", "全案办结期限"));

  /**
   * Creates the application's own filter, or brings its query and its list columns up to date: these filters
   * belong to the application (a changed definition reaches databases set up by an earlier release at the next
   * start). Priority, description and the other properties stay as they are.
   */
  private void filter(String name, TaskQuery query, int priority, String description, List<String> groups) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter != null) {
      boolean changed = false;
      if (!sameQuery(filter, query)) {
        filter.setQuery(query);
        changed = true;
      }
      Map<String, Object> properties = filter.getProperties() == null ? new LinkedHashMap<>()
          : new LinkedHashMap<>(filter.getProperties());
      if (!LIST_VARIABLES.equals(properties.get("variables"))) {
        properties.put("variables", LIST_VARIABLES);
        filter.setProperties(properties);
        changed = true;
      }
      if (changed) {
        filters.saveFilter(filter);
      }
    }
    if (filter == null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("priority", priority);
      properties.put("description", description);
      properties.put("refresh", true);
      properties.put("variables", LIST_VARIABLES);
      filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
      filters.saveFilter(filter);
    }
    for (String group : groups) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    boolean exists = authorizations.createAuthorizationQuery().groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).hasPermission(permission).count() > 0;
    if (!exists) {
      Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
      auth.addPermission(permission);
      authorizations.saveAuthorization(auth);
    }
  }

  /** The stored query as the engine serialises it, compared with the current definition. */
  private static boolean sameQuery(Filter filter, TaskQuery query) {
    JsonTaskQueryConverter json = new JsonTaskQueryConverter();
    return json.toJson((TaskQuery) filter.getQuery()).equals(json.toJson(query));
  }

  private void globalReadOfProcessDefinitions(String admins) {
    boolean exists = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(Resources.PROCESS_DEFINITION).resourceId(Authorization.ANY).hasPermission(Permissions.READ)
        .count() > 0;
    if (!exists) {
      Authorization global = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
      global.setResource(Resources.PROCESS_DEFINITION);
      global.setResourceId(Authorization.ANY);
      global.addPermission(Permissions.READ);
      authorizations.saveAuthorization(global);
    }
    // the per-group rows of earlier releases
    for (Authorization old : authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.PROCESS_DEFINITION).resourceId(Authorization.ANY).list()) {
      if (old.getGroupId() != null && !old.getGroupId().equals(admins)
          && !old.isPermissionGranted(Permissions.ALL)) {
        authorizations.deleteAuthorization(old.getId());
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
