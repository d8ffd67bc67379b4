package org.minzhengflow.dibao;

import java.util.Date;
import org.minzhengflow.calendar.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * Working-day deadlines of the dibao steps for BPMN expressions, e.g.
 * {@code camunda:dueDate="${dibaoDeadlines.due('streetReview')}"}; the number of days comes from
 * the policy table, the counting from the official calendar.
 */
@Component("dibaoDeadlines")
public class DibaoDeadlines {

  private final DibaoTables tables;
  private final WorkingDays workingDays;

  public DibaoDeadlines(DibaoTables tables, WorkingDays workingDays) {
    this.tables = tables;
    this.workingDays = workingDays;
  }

  public int days(String step) {
    DibaoPolicy p = tables.policy("URBAN");
    return switch (step) {
      case "householdInvestigation" -> p.investigationDays();
      case "laborCapacityAssessment" -> p.laborAssessmentDays();
      case "streetReview" -> p.streetReviewDays();
      case "districtApproval" -> p.districtApprovalDays();
      case "districtSpotCheck" -> p.spotCheckDays();
      default -> throw new IllegalArgumentException("no deadline for step " + step);
    };
  }

  public Date due(String step) {
    return workingDays.due(days(step));
  }

  public String dueIso(String step) {
    return workingDays.dueIso(days(step));
  }

  /** The whole case must be decided within this many working days of acceptance (timer for escalation). */
  public String caseDueIso() {
    return workingDays.dueIso(tables.policy("URBAN").caseDays());
  }

  /** The public notice runs for calendar days (ISO-8601 duration for the timer). */
  public String noticeDuration() {
    return "P" + tables.policy("URBAN").noticeDays() + "D";
  }
}
