package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/**
 * 现场核查: besides the decision ({@code ${reviewDecision}}, listed before this listener) the
 * inspector records {@code inspectedOccupiedBeds}, a whole number from 0 to the institution's beds;
 * the operating subsidy is calculated on it. The decision is kept as {@code inspectionDecision},
 * which the parallel department tasks of the green channel cannot overwrite.
 */
@Component("nursingHomeSiteInspection")
public class SiteInspectionRules implements TaskListener {

  static final String FIELD = "inspectedOccupiedBeds";

  private final NursingHomeCases cases;

  public SiteInspectionRules(NursingHomeCases cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    String applicationNo = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(FIELD);
      task.getExecution().removeVariable("inspectionDecision");
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    NursingHomeCase c = cases.get(applicationNo);
    Integer beds = wholeNumber(task.getVariable(FIELD));
    if (beds == null) {
      throw ReviewRules.invalid(FIELD, "请填写实地核查的入住床位数(整数)");
    }
    if (beds < 0 || beds > c.beds()) {
      throw ReviewRules.invalid(FIELD, "实地核查入住床位数必须在0至" + c.beds() + "(机构总床位)之间");
    }
    cases.setInspectedOccupiedBeds(applicationNo, beds);
    task.getExecution().setVariable(FIELD, beds);
    task.getExecution().setVariable("inspectionDecision", task.getVariable("decision"));
  }

  /** The value as a whole number, whether the form sent a number or text; null when it is none. */
  static Integer wholeNumber(Object value) {
    if (value == null) {
      return null;
    }
    try {
      BigDecimal number = new BigDecimal(value.toString().trim());
      if (number.stripTrailingZeros().scale() > 0 || number.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        return null;
      }
      return number.intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
