package org.minzhengflow.casework;

import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Starts a case's process for the application API. Staff have no right to start processes through
 * the engine API (that would skip the application's checks), so the application starts the process
 * itself, after its own validation and authorization, outside the caller's engine authentication.
 */
@Component
public class CaseStarter {

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final CommandExecutor commands;

  public CaseStarter(RuntimeService runtime, IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
    this.commands = ((ServiceImpl) runtime).getCommandExecutor();
  }

  /**
   * The refusal of a case started around the application API (e.g. by an administrator through the
   * engine REST API): 400 on {@code processDefinitionKey}, before anything is stored.
   */
  public static org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException notThroughApi() {
    return new org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException("processDefinitionKey",
        "[processDefinitionKey] 申请须通过应用接口 /api/…/applications 受理,不能直接启动流程");
  }

  /** Transient marker: present only while the application itself starts a case. */
  public static final String ACCEPTED_BY_APPLICATION = "acceptedByApplication";

  /**
   * Starts the process and then runs {@code andThen} with the new instance in the same engine command: what the
   * intake does to the instance right away (its read grants) is flushed with the start, and finds the start's rows
   * in the command's cache instead of reading them back.
   */
  public ProcessInstance start(String processKey, String applicationNo, Map<String, Object> variables,
      Consumer<ProcessInstance> andThen) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      VariableMap withMarker = Variables.fromMap(variables)
          .putValueTyped(ACCEPTED_BY_APPLICATION, Variables.booleanValue(true, true));
      return commands.execute(context -> {
        ProcessInstance instance = runtime.startProcessInstanceByKey(processKey, applicationNo, withMarker);
        andThen.accept(instance);
        return instance;
      });
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
