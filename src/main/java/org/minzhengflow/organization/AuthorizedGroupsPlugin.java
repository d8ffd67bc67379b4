package org.minzhengflow.organization;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Camunda's authorization manager first drops the user's groups that hold no authorization at all, and to know
 * them it reads {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} in every authenticated command —
 * every claim, completion, Tasklist list and count. The per-case read grants make that table grow with every case
 * ever started (1.44 million rows with 100,000 finished cases: 350 ms per command, docs/benchmarks.md). Dropping
 * those groups changes no answer — a group without authorization rows matches no row of any check — so this manager
 * keeps the user's groups as they are and the query is never sent.
 */
@Component
public class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

  /** The engine's manager without the per-command scan of every group that holds an authorization. */
  public static class UnfilteredGroupsAuthorizationManager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? List.of() : authenticatedGroupIds;
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new GenericManagerFactory(UnfilteredGroupsAuthorizationManager.class) {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }
    });
    configuration.setCustomSessionFactories(factories);
  }
}
