package org.minzhengflow.casework;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.Problems;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.StaffUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A person across every benefit: the events staff report (death, 户籍 moved out) and the benefit registry. */
@RestController
public class PersonApi {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  private final PersonEvents events;
  private final BenefitRecords benefits;
  private final CaseAccess access;

  public PersonApi(PersonEvents events, BenefitRecords benefits, CaseAccess access) {
    this.events = events;
    this.benefits = benefits;
    this.access = access;
  }

  /** Death or 户籍 moving out: each benefit module applies it to the person's benefits (see PersonEventHandler). */
  @PostMapping("/api/persons/{idNumber}/events")
  public PersonEvents.Ended event(@PathVariable String idNumber,
      @RequestBody(required = false) PersonEvents.Event event, HttpServletRequest http) {
    return events.record(idNumber, event, CurrentUser.of(http));
  }

  /**
   * Every benefit of a case the person belongs to, with its history of changes: the benefits of cases the user
   * may read; 403 when the person has benefits, but none the user may see.
   */
  @GetMapping("/api/persons/{idNumber}/benefits")
  public List<Map<String, Object>> benefits(@PathVariable String idNumber, HttpServletRequest http) {
    Problems p = new Problems();
    IdNumber id = p.idNumber("idNumber", idNumber);
    p.throwIfAny();
    StaffUser user = CurrentUser.of(http);
    List<BenefitRecords.Benefit> all = benefits.ofPerson(id.value());
    List<BenefitRecords.Benefit> visible = all.stream().filter(b -> access.mayRead(user, b.applicationNo())).toList();
    if (!all.isEmpty() && visible.isEmpty()) {
      throw ApiException.forbidden("无权查看其他辖区人员的救助信息");
    }
    return visible.stream().map(this::view).toList();
  }

  private Map<String, Object> view(BenefitRecords.Benefit b) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("benefit", b.benefit());
    body.put("applicationNo", b.applicationNo());
    body.put("status", b.status());
    body.put("category", b.category());
    body.put("monthlyAmount", b.monthlyAmount());
    body.put("fromMonth", month(b.startMonth()));
    body.put("toMonth", month(b.lastMonth()));
    body.put("nextReviewDate", b.nextReviewDate());
    body.put("endReason", b.endReason());
    body.put("changes", benefits.changes(b.applicationNo()).stream().map(c -> {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("change", c.change());
      change.put("monthlyAmount", c.monthlyAmount());
      change.put("fromMonth", month(c.fromMonth()));
      change.put("reason", c.reason());
      change.put("by", c.by());
      change.put("at", c.at());
      return change;
    }).toList());
    return body;
  }

  private static String month(LocalDate d) {
    return d == null ? null : d.format(MONTH);
  }
}
