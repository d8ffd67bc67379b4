package org.minzhengflow.eldercare;

import jakarta.servlet.http.HttpServletRequest;
import org.minzhengflow.api.CurrentUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Person events reported by staff (death, 户籍 moved out); elder-care subsidies end with them. */
@RestController
public class PersonEventsController {

  private final PersonEvents events;

  public PersonEventsController(PersonEvents events) {
    this.events = events;
  }

  /** Death or 户籍 moving out: every active elder-care subsidy of the person ends from the next month. */
  @PostMapping("/api/persons/{idNumber}/events")
  public PersonEvents.Ended event(@PathVariable String idNumber,
      @RequestBody(required = false) PersonEvents.Event event, HttpServletRequest http) {
    return events.record(idNumber, event, CurrentUser.of(http));
  }
}
