package org.minzhengflow.organization;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Camunda's authorization manager first drops the user's groups that hold no authorization at all, and to know
 * them it reads {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} in every authenticated command —
 * every claim, completion, Tasklist list and count. The per-case read grants make that table grow with every case
 * ever started (1.44 million rows with 100,000 finished cases: 350 ms per command, docs/benchmarks.md). Dropping
 * those groups changes no answer — a group without authorization rows matches no row of any check — so this manager
 * keeps the user's groups as they are and the query is never sent.
 *
 * <p>Second, a task query that itself asks only for the user's own tasks — candidates of the user's groups (or of
 * the user), or assigned to or owned by the user — is not joined with the authorization table again: for exactly
 * those tasks the engine wrote the grant itself ({@code DefaultAuthorizationProvider}: READ for every candidate
 * group and user, the assignee and the owner, created with the link; this application never writes a REVOKE,
 * {@code authorization-check-revokes: never}). The join is what made every Tasklist filter cost a test of each task
 * against each of the user's grants (seconds at 100,000 open tasks, docs/benchmarks.md); the answer is the same,
 * which {@code TasklistFiltersTest} and {@code OwnTaskQueriesTest} check against the full check. Every other task
 * query — another group's candidates, by process, by id, none at all — keeps the engine's check.
 */
@Component
public class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

  /** The engine's manager without the per-command scan of every group that holds an authorization. */
  public static class UnfilteredGroupsAuthorizationManager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? List.of() : authenticatedGroupIds;
    }

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      if (check.isAuthorizationCheckEnabled() && check.getAuthUserId() != null
          && asksOnlyForOwnTasks(query, check.getAuthUserId(), check.getAuthGroupIds())) {
        check.setAuthorizationCheckEnabled(false);
        check.setShouldPerformAuthorizatioCheck(false);
      }
    }

    /**
     * Whether the query's own criteria (the top level: the or-queries can only narrow it further) limit it to tasks
     * whose read grant the engine wrote for this user or one of their groups.
     */
    static boolean asksOnlyForOwnTasks(TaskQueryImpl query, String userId, List<String> groupIds) {
      if (userId.equals(query.getAssignee()) || userId.equals(query.getOwner())) {
        return true;
      }
      if (query.getCandidateGroupLike() != null || query.getCandidateUser() != null && !userId.equals(query.getCandidateUser())) {
        return false;
      }
      List<String> candidateGroups = query.getCandidateGroups();
      if (query.getCandidateUser() != null) {
        // the engine adds the candidate user's groups: the user's own, as authenticated
        return candidateGroups == null || groupIds != null && groupIds.containsAll(candidateGroups);
      }
      return candidateGroups != null && !candidateGroups.isEmpty() && candidateGroups.stream().allMatch(Objects::nonNull)
          && groupIds != null && groupIds.containsAll(candidateGroups);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineManagers.replace(configuration, AuthorizationManager.class, UnfilteredGroupsAuthorizationManager::new);
  }
}
