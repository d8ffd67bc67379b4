package org.minzhengflow.eldercare;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.casework.CaseIntake;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ElderCareController {

  private final ElderCareApplications applications;
  private final PersonEvents events;

  public ElderCareController(ElderCareApplications applications, PersonEvents events) {
    this.applications = applications;
    this.events = events;
  }

  @PostMapping("/api/eldercare/applications")
  @ResponseStatus(HttpStatus.CREATED)
  public CaseIntake.Submitted submit(@RequestBody(required = false) ElderCareRequest request,
      HttpServletRequest http) {
    return applications.submit(request, CurrentUser.of(http));
  }

  @GetMapping("/api/eldercare/applications/{applicationNo}")
  public Map<String, Object> status(@PathVariable String applicationNo, HttpServletRequest http) {
    return applications.status(applicationNo, CurrentUser.of(http));
  }

  /** Death or 户籍 moving out: every active elder-care subsidy of the person ends from the next month. */
  @PostMapping("/api/persons/{idNumber}/events")
  public PersonEvents.Ended event(@PathVariable String idNumber,
      @RequestBody(required = false) PersonEvents.Event event, HttpServletRequest http) {
    return events.record(idNumber, event, CurrentUser.of(http));
  }
}
