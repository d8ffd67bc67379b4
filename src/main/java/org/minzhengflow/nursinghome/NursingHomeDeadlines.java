package org.minzhengflow.nursinghome;

import java.util.Date;
import org.minzhengflow.calendar.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * Working-day deadlines of the nursing-home steps for BPMN expressions, e.g.
 * {@code camunda:dueDate="${nursingHomeDeadlines.due('materialReview', greenChannel)}"}; the number of
 * days comes from {@code processes/nursing-home-policy.dmn} (shorter in the green channel), the
 * counting from the official calendar.
 */
@Component("nursingHomeDeadlines")
public class NursingHomeDeadlines {

  private final NursingHomeTables tables;
  private final WorkingDays workingDays;

  public NursingHomeDeadlines(NursingHomeTables tables, WorkingDays workingDays) {
    this.tables = tables;
    this.workingDays = workingDays;
  }

  public int days(String step, boolean greenChannel) {
    NursingHomeTables.Deadlines d = tables.deadlines(greenChannel);
    return switch (step) {
      case "materialReview" -> d.materialReviewDays();
      case "siteInspection" -> d.siteInspectionDays();
      case "departmentOpinion" -> d.departmentOpinionDays();
      case "cityApproval" -> d.cityApprovalDays();
      default -> throw new IllegalArgumentException("no deadline for step " + step);
    };
  }

  public Date due(String step, boolean greenChannel) {
    return workingDays.due(days(step, greenChannel));
  }

  public String dueIso(String step, boolean greenChannel) {
    return workingDays.dueIso(days(step, greenChannel));
  }

  /** The public notice runs for calendar days (ISO-8601 duration for the timer). */
  public String noticeDuration(boolean greenChannel) {
    return "P" + tables.deadlines(greenChannel).noticeDays() + "D";
  }
}
