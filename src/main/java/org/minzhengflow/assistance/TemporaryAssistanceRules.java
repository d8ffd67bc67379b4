package org.minzhengflow.assistance;

import static org.minzhengflow.review.ReviewRules.invalid;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.Yuan;
import org.springframework.stereotype.Component;

/**
 * Completion rules of the 临时救助 tasks, every problem named by its field:
 * <ul>
 *   <li>{@code streetEmergencyGrant}, {@code streetReview}, {@code districtApproval} approving: {@code grantedAmount}
 *       above 0 and within the case's cap (the district may leave it, keeping the street's); {@code cash} (yes/no)
 *       for an emergency grant. Sets {@code aboveStreetLimit} for the model.</li>
 *   <li>{@code followUpVerification} and {@code expenditureVerification}: {@code findings}; the follow-up also
 *       {@code justified} (yes/no).</li>
 * </ul>
 * Attached after {@code reviewDecision}, which has checked {@code decision} and {@code opinion}.
 */
@Component("temporaryAssistanceRules")
public class TemporaryAssistanceRules implements TaskListener {

  private final TemporaryAssistanceCases cases;

  public TemporaryAssistanceRules(TemporaryAssistanceCases cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    TemporaryAssistanceCases.Case c = cases.get(task.getExecution().getProcessBusinessKey());
    switch (task.getTaskDefinitionKey()) {
      case "followUpVerification", "expenditureVerification" -> verification(task, c);
      default -> decision(task, c);
    }
  }

  private void verification(DelegateTask task, TemporaryAssistanceCases.Case c) {
    Object findings = task.getVariable("findings");
    if (findings == null || findings.toString().isBlank()) {
      throw invalid("findings", "请填写核实情况");
    }
    if (findings.toString().length() > 2000) {
      throw invalid("findings", "核实情况不能超过2000字");
    }
    boolean justified = true;
    if ("followUpVerification".equals(task.getTaskDefinitionKey())) {
      if (!(task.getVariable("justified") instanceof Boolean b)) {
        throw invalid("justified", "请确认先行救助是否符合条件(是/否)");
      }
      justified = b;
    }
    cases.setVerification(c.applicationNo(), justified, findings.toString().trim());
    task.getExecution().setVariable("justified", justified);
  }

  private void decision(DelegateTask task, TemporaryAssistanceCases.Case c) {
    if (!"approve".equals(task.getVariable("decision"))) {
      return;
    }
    Object raw = task.getVariable("grantedAmount");
    BigDecimal amount;
    if (raw == null && "districtApproval".equals(task.getTaskDefinitionKey()) && c.grantedAmount() != null) {
      amount = c.grantedAmount();
    } else {
      try {
        amount = raw == null ? null : new BigDecimal(raw.toString());
      } catch (NumberFormatException e) {
        amount = null;
      }
      if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
        throw invalid("grantedAmount", "请填写救助金额(大于0,最多两位小数)");
      }
      if (amount.compareTo(c.capAmount()) > 0) {
        throw invalid("grantedAmount", "救助金额不能超过本案上限" + Yuan.format(c.capAmount()) + "元");
      }
    }
    boolean cash = false;
    if ("streetEmergencyGrant".equals(task.getTaskDefinitionKey())) {
      Object rawCash = task.getVariable("cash");
      if (rawCash != null && !(rawCash instanceof Boolean)) {
        throw invalid("cash", "是否现金发放应为是/否");
      }
      cash = Boolean.TRUE.equals(rawCash);
    } else {
      cash = c.paidInCash();
    }
    cases.setGranted(c.applicationNo(), amount, cash);
    task.getExecution().setVariable("aboveStreetLimit", amount.compareTo(c.streetLimit()) > 0);
  }
}
