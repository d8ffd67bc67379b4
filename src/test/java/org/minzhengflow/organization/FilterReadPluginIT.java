package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;
import org.junit.jupiter.api.Test;
import org.minzhengflow.support.EngineStatements;
import org.minzhengflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL, as in production, a filter is read with its READ check in one statement (FilterReadPlugin); who may
 * read which filter, and what a caller hears otherwise, must stay exactly the engine's: the filter of one's own role,
 * not another role's (403 over REST), a grant to the user alone or on every filter, an administrator, no filter at all.
 */
class FilterReadPluginIT extends PostgresIntegrationTest {

  static final String ADMIN_OVERVIEW = "全部任务(系统管理员)";

  @Autowired FilterService filters;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired ProcessEngineConfigurationImpl configuration;

  private <T> T as(String user, java.util.function.Supplier<T> call) {
    return org.minzhengflow.support.EngineUser.as(identity, user, call);
  }

  private String idOf(String name) {
    return filters.createFilterQuery().filterName(name).singleResult().getId();
  }

  @Test
  void theEngineReadsFiltersThroughTheOneStatementManager() {
    Object manager = configuration.getCommandExecutorTxRequired().execute(context -> context.getSession(FilterManager.class));
    assertThat(manager).isInstanceOf(FilterReadPlugin.OneStatementFilterManager.class);
  }

  @Test
  void aTasklistCountThroughAFilterSendsTheFilterAndItsCheckAsOneStatement() {
    String street = idOf("本街道待认领");
    List<String> groups = org.minzhengflow.support.EngineUser.groupsOf(identity, "xf1-worker1");
    identity.setAuthentication("xf1-worker1", groups);
    List<String> statements;
    try {
      statements = EngineStatements.during(() -> filters.count(street));
    } finally {
      identity.clearAuthentication();
    }
    // the filter with its READ check, then the task count (the engine's way: the check, the filter, the count)
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).contains("ACT_RU_FILTER").contains("ACT_RU_AUTHORIZATION")
        // the user's groups as one array: the statement without a dynamic part (change 37)
        .contains("= any (");
    assertThat(statements.get(1)).contains("ACT_RU_TASK").doesNotContain("ACT_RU_FILTER");
  }

  @Test
  void staffReadTheirRolesFiltersAndNotAnotherRoles() {
    String street = idOf("本街道待认领");
    Filter read = as("xf1-worker1", () -> filters.getFilter(street));
    assertThat(read.getName()).isEqualTo("本街道待认领");
    assertThat(read.getProperties()).containsKey("variables");
    assertThat(as("xf1-worker1", () -> filters.count(street))).isNotNegative();

    // the district bureau's filter is not the street caseworker's: the engine's own refusal, on every way in
    String district = idOf("本单位待认领");
    assertThat(as("dl-approver", () -> filters.getFilter(district).getName())).isEqualTo("本单位待认领");
    assertThatThrownBy(() -> as("xf1-worker1", () -> filters.getFilter(district)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("READ").hasMessageContaining(district);
    assertThatThrownBy(() -> as("xf1-worker1", () -> filters.count(district))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as("xf1-worker1", () -> filters.listPage(district, 0, 15)))
        .isInstanceOf(AuthorizationException.class);

    String overview = idOf(ADMIN_OVERVIEW);
    assertThatThrownBy(() -> as("city-approver", () -> filters.getFilter(overview)))
        .isInstanceOf(AuthorizationException.class);
    assertThat(as("admin", () -> filters.getFilter(overview).getName())).isEqualTo(ADMIN_OVERVIEW);
    // without authentication (the application's own calls) every filter is read
    assertThat(filters.getFilter(overview).getName()).isEqualTo(ADMIN_OVERVIEW);
  }

  @Test
  void aGrantToTheUserAloneOrOnEveryFilterIsHonoured() {
    String district = idOf("本单位待认领");
    Authorization own = grant("dl1-worker1", district);
    Authorization every = null;
    try {
      assertThat(as("dl1-worker1", () -> filters.getFilter(district).getName())).isEqualTo("本单位待认领");
      String overview = idOf(ADMIN_OVERVIEW);
      assertThatThrownBy(() -> as("dl1-worker1", () -> filters.getFilter(overview)))
          .isInstanceOf(AuthorizationException.class);
      every = grant("dl1-worker1", Authorization.ANY);
      assertThat(as("dl1-worker1", () -> filters.getFilter(overview).getName())).isEqualTo(ADMIN_OVERVIEW);
    } finally {
      authorizations.deleteAuthorization(own.getId());
      if (every != null) {
        authorizations.deleteAuthorization(every.getId());
      }
    }
    assertThatThrownBy(() -> as("dl1-worker1", () -> filters.getFilter(district)))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void aFilterThatDoesNotExistIsNoneForAdministratorsAndUnreadableForStaff() {
    String missing = "no-such-filter";
    assertThat(as("admin", () -> filters.getFilter(missing))).isNull();
    assertThatThrownBy(() -> as("admin", () -> filters.count(missing))).isInstanceOf(NullValueException.class)
        .hasMessageContaining("No filter found");
    // as in the engine: a member of staff without a grant on that id is refused before anything is looked up
    assertThatThrownBy(() -> as("xf1-worker1", () -> filters.getFilter(missing)))
        .isInstanceOf(AuthorizationException.class);
  }

  private Authorization grant(String user, String filterId) {
    Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setUserId(user);
    auth.setResource(Resources.FILTER);
    auth.setResourceId(filterId);
    auth.addPermission(Permissions.READ);
    return authorizations.saveAuthorization(auth);
  }
}
