package org.minzhengflow.calendar;

/**
 * Holiday data that cannot be trusted. Thrown while the application starts so that a typo in a
 * data file stops the deployment instead of silently moving deadlines.
 */
public class CalendarDataException extends IllegalStateException {

  public CalendarDataException(String message) {
    super(message);
  }

  public CalendarDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
