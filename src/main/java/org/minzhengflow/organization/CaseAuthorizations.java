package org.minzhengflow.organization;

import java.util.Collection;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.stereotype.Component;

/**
 * Grants the groups of a case's jurisdiction read access to that one process instance and its
 * history, so that Cockpit, Tasklist and the REST API show a case only to its own street, district
 * and city. Tasks are covered by Camunda's automatic candidate-group authorizations.
 *
 * <p>All grants of a case are saved in one engine command, each exactly as
 * {@link AuthorizationService#saveAuthorization} saves it (same checks, same removal-time data): one
 * command per grant (8 per intake) meant 8 command contexts, 8 flushes and a look-up of the historic process
 * instance for every history grant, which one command reads once (docs/benchmarks.md, change 9). Called inside the
 * command that started the instance (the intake, the notice's start listener), the historic instance just written is
 * taken from that command's cache instead of being read back (change 29).
 */
@Component
public class CaseAuthorizations {

  private final AuthorizationService authorizations;
  private final CommandExecutor commands;

  public CaseAuthorizations(AuthorizationService authorizations) {
    this.authorizations = authorizations;
    this.commands = ((ServiceImpl) authorizations).getCommandExecutor();
  }

  public void grantRead(String processInstanceId, Collection<String> groupIds) {
    commands.execute(context -> {
      for (String groupId : groupIds) {
        new SaveGrantCmd(grant(groupId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ))
            .execute(context);
        new SaveGrantCmd(grant(groupId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
            HistoricProcessInstancePermissions.READ)).execute(context);
      }
      return null;
    });
  }

  private Authorization grant(String groupId, Resources resource, String resourceId, Permission permission) {
    Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setGroupId(groupId);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    auth.addPermission(permission);
    return auth;
  }

  /**
   * {@link SaveAuthorizationCmd} in every respect but one: the historic process instance whose root and removal time
   * a history grant copies is first looked for among the entities the current command has written. The engine asks
   * for it by {@code HistoricProcessInstanceEntity}, while the start of an instance caches it as the history event it
   * inserted, so the engine's own look-up always goes to the database, even for an instance started a moment ago in
   * the same command.
   */
  static final class SaveGrantCmd extends SaveAuthorizationCmd {
    SaveGrantCmd(Authorization authorization) {
      super(authorization);
    }

    @Override
    protected HistoryEvent getHistoricProcessInstance(CommandContext commandContext) {
      HistoryEvent justStarted = commandContext.getDbEntityManager()
          .getCachedEntity(HistoricProcessInstanceEventEntity.class, authorization.getResourceId());
      return justStarted != null ? justStarted : super.getHistoricProcessInstance(commandContext);
    }
  }
}
