package org.minzhengflow.calendar;

import java.util.Date;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Working-day time limits of process steps kept in configuration ({@code app.deadlines.<process>.<step>}),
 * for BPMN: {@code camunda:dueDate="${deadlines.due('eldercare', 'streetReview')}"}.
 */
@Component("deadlines")
public class StepDeadlines {

  private final Environment environment;
  private final WorkingDays workingDays;

  public StepDeadlines(Environment environment, WorkingDays workingDays) {
    this.environment = environment;
    this.workingDays = workingDays;
  }

  public int days(String process, String step) {
    Integer days = environment.getProperty("app.deadlines." + process + "." + step, Integer.class);
    if (days == null || days < 0) {
      throw new IllegalStateException("no working-day limit configured at app.deadlines." + process + "." + step);
    }
    return days;
  }

  public Date due(String process, String step) {
    return workingDays.due(days(process, step));
  }

  public String dueIso(String process, String step) {
    return workingDays.dueIso(days(process, step));
  }
}
