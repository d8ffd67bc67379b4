package org.minzhengflow.organization;

import static org.camunda.bpm.engine.impl.util.EnsureUtil.ensureNotNull;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.filter.FilterQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;
import org.springframework.stereotype.Component;

/**
 * A filter read with its READ check in one statement instead of two.
 *
 * <p>Every list and count Tasklist runs through a filter reads the filter first, and the REST API's list reads it three
 * times (its list columns, the page, the count: three commands). The engine reads it in two statements each time: the
 * READ check on the filter, then the row — so six of the ten statements of a Tasklist page were about the filter,
 * part of what the product's filter pages cost more than the bare engine's same task query (docs/benchmarks.md,
 * change 32). This manager reads the row with the same READ check in its SQL (the user's grants on that filter or on
 * every filter; none for an administrator or without authentication, as the engine's check): in a statement of its own
 * ({@code mybatis/filter-read.xml}, change 37: the engine's dynamic statement cost more to build than to run), or in
 * the engine's own filter query by id when the engine is configured to check revokes. Only when that finds nothing —
 * no such filter, or one the user may not read — does it ask the engine's way, so the answer stays the engine's own:
 * its {@code AuthorizationException}, or null for the caller's "no filter found".
 */
@Component
public class FilterReadPlugin extends AbstractProcessEnginePlugin {

  static final String READABLE = "selectReadableFilterById";
  static final String READABLE_CHECKED = "selectReadableFilterByIdChecked_postgres";
  private static final String MAPPINGS = "mybatis/filter-read.xml";

  /** The engine's filter manager, with the read by id in one statement. */
  public static class OneStatementFilterManager extends FilterManager {
    @Override
    @SuppressWarnings("unchecked")
    public FilterEntity findFilterById(String filterId) {
      ensureNotNull("Invalid filter id", "filterId", filterId);
      FilterQueryImpl byId = new FilterQueryImpl();
      byId.filterId(filterId);
      configureQuery(byId, Resources.FILTER);
      AuthorizationCheck check = byId.getAuthCheck();
      List<Filter> readable;
      if (check.isRevokeAuthorizationCheckEnabled()) {
        // revokes count: the engine's own check, in its own filter query (what findFiltersByQueryCriteria runs once
        // it has configured the query as above)
        readable = getDbEntityManager().selectList("selectFilterByQueryCriteria", byId);
      } else if (!DbSqlSessionFactory.POSTGRES.equals(getDbSqlSession().getDbSqlSessionFactory().getDatabaseType())) {
        readable = getDbEntityManager().selectList(READABLE, byId);
      } else if (check.getShouldPerformAuthorizatioCheck() && check.getAuthUserId() != null
          && check.getPermissionChecks().getAtomicChecks().size() == 1
          && check.getPermissionChecks().getCompositeChecks().isEmpty()) {
        PermissionCheck read = check.getPermissionChecks().getAtomicChecks().get(0);
        List<String> groups = check.getAuthGroupIds();
        readable = getDbEntityManager().selectList(READABLE_CHECKED, Map.of("filterId", filterId,
            "userId", check.getAuthUserId(),
            "groupIds", groups == null ? new String[0] : groups.toArray(String[]::new),
            "resourceType", read.getResource().resourceType(), "perms", read.getPerms()));
      } else {
        readable = getDbEntityManager().selectList(READABLE + "_postgres", byId);
      }
      return readable.size() == 1 ? (FilterEntity) readable.get(0) : super.findFilterById(filterId);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineManagers.replace(configuration, FilterManager.class, OneStatementFilterManager::new);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    EngineMappings.add(configuration, MAPPINGS, mybatis -> mybatis.hasStatement(
        "org.camunda.bpm.engine.impl.persistence.entity.FilterEntity." + READABLE, false));
  }
}
