package org.minzhengflow.review;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A rule about who may take part in a case, not about the input: 回避 (a registered close relative) and one person,
 * one role. Thrown by the task listeners on claim, assignment and completion, so the rule holds however a task is
 * reached (Tasklist, {@code /engine-rest}, the task operations, Java). The message carries {@link #MARK}; the engine
 * wraps a listener's exception in its own, and the engine REST error format finds the mark in the answer and turns
 * it into a 403 with the Chinese text alone (security/EngineRestErrorFormat); the application API does the same.
 */
public class CaseRoleRefusal extends ProcessEngineException {

  /** What the error formats look for; also what a caller sees nowhere, as it is cut off. */
  public static final String MARK = "[forbidden] ";

  private final String reason;

  public CaseRoleRefusal(String reason) {
    super(MARK + reason);
    this.reason = reason;
  }

  /** The Chinese sentence for people, without the mark. */
  public String reason() {
    return reason;
  }

  /** This refusal anywhere in the causes of an engine exception (listeners are wrapped), or null. */
  public static CaseRoleRefusal in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CaseRoleRefusal refusal) {
        return refusal;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
