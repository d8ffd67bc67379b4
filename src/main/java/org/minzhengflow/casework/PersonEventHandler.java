package org.minzhengflow.casework;

import java.time.LocalDate;
import java.util.List;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.StaffUser;

/**
 * What a benefit module does when a person dies or moves the 户籍 away ({@code POST /api/persons/{id}/events}).
 * The core validates the event and calls every module in one transaction; a module refuses (403) when the
 * person's case is outside the user's jurisdiction, and then nothing of the event is stored anywhere.
 */
public interface PersonEventHandler {

  /** A validated event: DEATH or HUKOU_MOVED_OUT on {@code date}; benefits it ends, end from {@code fromMonth}. */
  record Event(IdNumber person, String type, LocalDate date, String note, LocalDate fromMonth, String reason) {}

  /** The cases whose benefit ended and the re-reviews started. */
  record Outcome(List<String> endedApplications, List<String> reviewsStarted) {

    public static final Outcome NOTHING = new Outcome(List.of(), List.of());
  }

  Outcome handle(Event event, StaffUser user);
}
