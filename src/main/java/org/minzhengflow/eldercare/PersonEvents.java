package org.minzhengflow.eldercare;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Death or moving the 户籍 away ends every active elder-care subsidy of the person from the month
 * after the event, with a history entry and a notice on each case. Recording the same event again
 * changes nothing.
 */
@Service
public class PersonEvents {

  public record Event(String type, String date, String note) {}

  public record Ended(String idNumber, String type, List<String> endedApplications, LocalDate fromMonth) {}

  private final ElderCareCases cases;
  private final BenefitRecords benefits;
  private final BenefitClaims claims;
  private final CaseHistory history;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final JurisdictionAccess access;
  private final Clock clock;

  public PersonEvents(ElderCareCases cases, BenefitRecords benefits, BenefitClaims claims, CaseHistory history,
      CaseNotices notices, NoticeTemplates texts, JurisdictionAccess access, Clock clock) {
    this.cases = cases;
    this.benefits = benefits;
    this.claims = claims;
    this.history = history;
    this.notices = notices;
    this.texts = texts;
    this.access = access;
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

    List<String> active = cases.activeOf(id.value());
    for (String applicationNo : active) {
      if (!access.canSeeStreetCase(user, cases.get(applicationNo).streetCode())) {
        throw ApiException.forbidden("无权处理其他辖区人员的补贴");
      }
    }
    LocalDate fromMonth = date.withDayOfMonth(1).plusMonths(1);
    String reason = ("DEATH".equals(event.type()) ? "死亡" : "户籍迁出") + "(" + date + ")"
        + (event.note() == null || event.note().isBlank() ? "" : ":" + event.note().trim());
    List<String> ended = new ArrayList<>();
    for (String applicationNo : active) {
      ElderCareCase c = cases.get(applicationNo);
      if (benefits.end(applicationNo, fromMonth, reason)) {
        claims.release(applicationNo);
        history.record(applicationNo, c.processInstanceId(), null, "benefitEnded", "停发补贴", user.userId(), null,
            "因" + reason + ",自" + fromMonth.getYear() + "年" + fromMonth.getMonthValue() + "月起停发");
        Map<String, Object> values = Map.of(
            "elder", c.elderName(),
            "subsidy", ElderCareApplications.typeName(c.subsidyType()),
            "reason", reason,
            "year", fromMonth.getYear(),
            "month", fromMonth.getMonthValue());
        notices.issue(applicationNo, CaseNotices.Kind.REVOCATION, texts.render("eldercare.ended.title", values),
            texts.render("eldercare.ended.body", values));
        ended.add(applicationNo);
      }
    }
    return new Ended(id.value(), event.type(), ended, fromMonth);
  }
}
