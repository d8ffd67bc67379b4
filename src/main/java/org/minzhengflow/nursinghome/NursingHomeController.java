package org.minzhengflow.nursinghome;

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
public class NursingHomeController {

  private final NursingHomeApplications applications;
  private final NursingHomeObjections objections;

  public NursingHomeController(NursingHomeApplications applications, NursingHomeObjections objections) {
    this.applications = applications;
    this.objections = objections;
  }

  @PostMapping("/api/nursing-home/applications")
  @ResponseStatus(HttpStatus.CREATED)
  public CaseIntake.Submitted submit(@RequestBody(required = false) NursingHomeApplicationRequest request,
      HttpServletRequest http) {
    return applications.submit(request, CurrentUser.of(http));
  }

  @GetMapping("/api/nursing-home/applications/{applicationNo}")
  public Map<String, Object> status(@PathVariable String applicationNo, HttpServletRequest http) {
    return applications.status(applicationNo, CurrentUser.of(http));
  }

  /** An objection raised during the public notice (公示), recorded by the district or city bureau. */
  @PostMapping("/api/nursing-home/applications/{applicationNo}/objections")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> object(@PathVariable String applicationNo,
      @RequestBody(required = false) Map<String, Object> body, HttpServletRequest http) {
    Object text = body == null ? null : body.get("objection");
    objections.raise(applicationNo, text instanceof String s ? s : null, CurrentUser.of(http));
    return Map.of("applicationNo", applicationNo, "status", "IN_REVIEW");
  }
}
