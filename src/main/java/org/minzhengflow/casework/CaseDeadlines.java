package org.minzhengflow.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.minzhengflow.calendar.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * Every time limit of every process, from the one deadline table {@code processes/case-deadlines.dmn}
 * (process, step, pilot district, green channel → working days, or calendar days for a public notice),
 * counted on the official working-day calendar. For BPMN expressions:
 * {@code camunda:dueDate="${deadlines.due(execution, 'streetReview')}"}, timers
 * {@code ${deadlines.dueIso(execution, 'streetReview')}} and the whole-case timer {@code ${deadlines.caseDueIso(execution)}}.
 * The process, the district kind ({@code pilotDistrict}) and the channel ({@code greenChannel}) come from the case.
 */
@Component("deadlines")
public class CaseDeadlines {

  /** The step of the table that holds the whole-case limit, and the one for an extended case. */
  public static final String CASE = "case";
  public static final String EXTENDED_CASE = "extendedCase";
  public static final String PUBLIC_NOTICE = "publicNotice";

  private final DecisionTables tables;
  private final WorkingDays workingDays;
  private final CaseRecords records;
  private final Clock clock;

  public CaseDeadlines(DecisionTables tables, WorkingDays workingDays, CaseRecords records, Clock clock) {
    this.tables = tables;
    this.workingDays = workingDays;
    this.records = records;
    this.clock = clock;
  }

  /** A row of the table: working days, or calendar days (public notices); the other is null. */
  public record Limit(Integer workingDays, Integer calendarDays) {}

  /** What started a case, where the table tells it apart (a re-review after a death); "-" for every other case. */
  public static final String ANY_TRIGGER = "-";

  public Limit limit(String process, String step, boolean pilotDistrict, boolean greenChannel) {
    return limit(process, step, pilotDistrict, greenChannel, ANY_TRIGGER);
  }

  public Limit limit(String process, String step, boolean pilotDistrict, boolean greenChannel, String trigger) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("trigger", trigger == null ? ANY_TRIGGER : trigger);
    inputs.put("process", process);
    inputs.put("step", step);
    inputs.put("pilotDistrict", pilotDistrict);
    inputs.put("greenChannel", greenChannel);
    var rows = tables.evaluate("caseDeadlines", inputs);
    if (rows.isEmpty()) {
      throw new IllegalStateException("case-deadlines.dmn has no row for " + process + " / " + step);
    }
    Map<String, Object> row = rows.get(0);
    return new Limit(number(row.get("workingDays")), number(row.get("calendarDays")));
  }

  public int workingDays(String process, String step, boolean pilotDistrict, boolean greenChannel) {
    return workingDays(process, step, pilotDistrict, greenChannel, ANY_TRIGGER);
  }

  public int workingDays(String process, String step, boolean pilotDistrict, boolean greenChannel, String trigger) {
    Integer days = limit(process, step, pilotDistrict, greenChannel, trigger).workingDays();
    if (days == null) {
      throw new IllegalStateException("case-deadlines.dmn: " + process + " / " + step + " is not in working days");
    }
    return days;
  }

  /**
   * The step's working days for the case of {@code execution}; models deployed before the case core
   * (release 0.1) name their process instead, e.g. {@code ${deadlines.due('eldercare', 'streetReview')}},
   * and keep working for the cases still running on them.
   */
  public int workingDays(Object executionOrProcess, String step) {
    if (executionOrProcess instanceof DelegateExecution execution) {
      return workingDays(processKey(execution), step, flag(execution, "pilotDistrict"), flag(execution, "greenChannel"),
          trigger(execution));
    }
    return workingDays((String) executionOrProcess, step, false, false);
  }

  public Date due(Object executionOrProcess, String step) {
    return workingDays.due(workingDays(executionOrProcess, step));
  }

  public String dueIso(Object executionOrProcess, String step) {
    return workingDays.dueIso(workingDays(executionOrProcess, step));
  }

  /** A limit counted from today, for the models of release 0.1 that ask without their case. */
  public Date due(int days) {
    return workingDays.due(days);
  }

  public String dueIsoIn(int days) {
    return workingDays.dueIso(days);
  }

  /** The legal last day of a case accepted today. */
  public LocalDate caseDeadline(String process, boolean pilotDistrict, boolean greenChannel) {
    return caseDeadline(process, pilotDistrict, greenChannel, ANY_TRIGGER);
  }

  /**
   * The legal last day of a case started today by {@code trigger}: working days on the official calendar, or
   * calendar days where the table says so (a re-review after a death or a move: within three months).
   */
  public LocalDate caseDeadline(String process, boolean pilotDistrict, boolean greenChannel, String trigger) {
    LocalDate today = LocalDate.now(clock.withZone(workingDays.zone()));
    Limit limit = limit(process, CASE, pilotDistrict, greenChannel, trigger);
    if (limit.workingDays() == null && limit.calendarDays() != null) {
      return today.plusDays(limit.calendarDays());
    }
    if (limit.workingDays() == null) {
      throw new IllegalStateException("case-deadlines.dmn: " + process + " / case has no limit");
    }
    return workingDays.addWorkingDays(today, limit.workingDays());
  }

  /** The last day of the case once extended: counted from the day it was accepted. */
  public LocalDate extendedDeadline(CaseRecord c, String process) {
    LocalDate accepted = LocalDate.ofInstant(c.submittedAt(), workingDays.zone());
    return workingDays.addWorkingDays(accepted, workingDays(process, EXTENDED_CASE, false, false));
  }

  /** The whole-case timer: end of business on the case's deadline as stored (an extension moves it). */
  public String caseDueIso(DelegateExecution execution) {
    // evaluated when the case's scope starts, before any start listener: a case without a row was not
    // accepted through the application API
    String applicationNo = execution.getProcessBusinessKey();
    CaseRecord c = applicationNo == null ? null : records.find(applicationNo).orElse(null);
    if (c == null) {
      throw CaseStarter.notThroughApi();
    }
    return workingDays.endOfBusinessIso(c.caseDeadline());
  }

  /** The public notice's duration (ISO-8601, calendar days) for the notice timer. */
  public String noticeDuration(DelegateExecution execution) {
    return "P" + noticeDays(processKey(execution), flag(execution, "pilotDistrict"), flag(execution, "greenChannel"))
        + "D";
  }

  /** The calendar days of a process's public notice (公示期). */
  public int noticeDays(String process, boolean pilotDistrict, boolean greenChannel) {
    Integer days = limit(process, PUBLIC_NOTICE, pilotDistrict, greenChannel).calendarDays();
    if (days == null) {
      throw new IllegalStateException("case-deadlines.dmn: the public notice of " + process + " must be in calendar days");
    }
    return days;
  }

  static String processKey(DelegateExecution execution) {
    return ((ExecutionEntity) execution).getProcessDefinition().getKey();
  }

  private static String trigger(DelegateExecution execution) {
    Object trigger = execution.getVariable("trigger");
    return trigger instanceof String t ? t : ANY_TRIGGER;
  }

  private static boolean flag(DelegateExecution execution, String name) {
    return Boolean.TRUE.equals(execution.getVariable(name));
  }

  private static Integer number(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
