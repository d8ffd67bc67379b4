package org.minzhengflow.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's death or 户籍 moving out, reported once by staff: every benefit module applies it to its own
 * benefits ({@link PersonEventHandler}) in one transaction — elder-care subsidies end, a 低保 household is
 * re-reviewed or, alone, ends. Recording the same event again changes nothing.
 */
@Service
public class PersonEvents {

  public record Event(String type, String date, String note) {}

  public record Ended(String idNumber, String type, List<String> endedApplications, LocalDate fromMonth,
      List<String> reviewsStarted) {}

  private final List<PersonEventHandler> handlers;
  private final Clock clock;

  public PersonEvents(List<PersonEventHandler> handlers, Clock clock) {
    this.handlers = handlers;
    this.clock = clock;
  }

  @Transactional
  public Ended record(String idNumber, Event event, StaffUser user) {
    Problems p = new Problems();
    IdNumber id = p.idNumber("idNumber", idNumber);
    LocalDate date = null;
    if (event == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    if (p.required("type", event.type()) && !List.of("DEATH", "HUKOU_MOVED_OUT").contains(event.type())) {
      p.add("type", "事件类型必须是 DEATH(死亡)或 HUKOU_MOVED_OUT(户籍迁出)");
    }
    if (p.required("date", event.date())) {
      try {
        date = LocalDate.parse(event.date());
        if (date.isAfter(LocalDate.now(clock))) {
          p.add("date", "事件日期不能晚于今天");
        }
      } catch (java.time.format.DateTimeParseException e) {
        p.add("date", "日期格式应为 YYYY-MM-DD");
      }
    }
    p.maxLength("note", event.note(), 500);
    p.throwIfAny();

    LocalDate fromMonth = date.withDayOfMonth(1).plusMonths(1);
    String reason = ("DEATH".equals(event.type()) ? "死亡" : "户籍迁出") + "(" + date + ")"
        + (event.note() == null || event.note().isBlank() ? "" : ":" + event.note().trim());
    PersonEventHandler.Event validated = new PersonEventHandler.Event(id, event.type(), date, event.note(), fromMonth,
        reason);
    List<String> ended = new ArrayList<>();
    List<String> reviews = new ArrayList<>();
    for (PersonEventHandler handler : handlers) {
      PersonEventHandler.Outcome outcome = handler.handle(validated, user);
      ended.addAll(outcome.endedApplications());
      reviews.addAll(outcome.reviewsStarted());
    }
    return new Ended(id.value(), event.type(), ended, fromMonth, reviews);
  }
}
