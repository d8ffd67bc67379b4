package org.minzhengflow.review;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** How a rule inside an engine command (a listener) reads the case. */
public final class RuleContext {

  private RuleContext() {}

  /**
   * Runs the rule's engine calls without the current user's authorization check: a rule reads the whole case, whoever
   * asks, and the user's own rights could hide another unit's steps or tasks from it.
   */
  public static <T> T withoutAuthorizationCheck(Supplier<T> work) {
    CommandContext context = Context.getCommandContext();
    boolean enabled = context != null && context.isAuthorizationCheckEnabled();
    if (enabled) {
      context.disableAuthorizationCheck();
    }
    try {
      return work.get();
    } finally {
      if (enabled) {
        context.enableAuthorizationCheck();
      }
    }
  }
}
