package org.minzhengflow.organization;

import java.util.Collection;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Grants the groups of a case's jurisdiction read access to that one process instance and its
 * history, so that Cockpit, Tasklist and the REST API show a case only to its own street, district
 * and city. Tasks are covered by Camunda's automatic candidate-group authorizations.
 */
@Component
public class CaseAuthorizations {

  private final AuthorizationService authorizations;

  public CaseAuthorizations(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  public void grantRead(String processInstanceId, Collection<String> groupIds) {
    for (String groupId : groupIds) {
      grant(groupId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
      grant(groupId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
    }
  }

  private void grant(String groupId, Resources resource, String resourceId, Permission permission) {
    Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setGroupId(groupId);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    auth.addPermission(permission);
    authorizations.saveAuthorization(auth);
  }
}
