package org.minzhengflow.eldercare;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseAccess;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.CaseNotices;
import org.minzhengflow.casework.NoticeTemplates;
import org.minzhengflow.casework.PersonEventHandler;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Death or moving the 户籍 away ends every active elder-care subsidy of the person from the month
 * after the event, with a history entry and a notice on each case. Recording the same event again
 * changes nothing.
 */
@Component
public class ElderCarePersonEvents implements PersonEventHandler {

  private final ElderCareCases cases;
  private final BenefitRecords benefits;
  private final BenefitClaims claims;
  private final CaseHistory history;
  private final CaseNotices notices;
  private final NoticeTemplates texts;
  private final CaseAccess access;

  public ElderCarePersonEvents(ElderCareCases cases, BenefitRecords benefits, BenefitClaims claims, CaseHistory history,
      CaseNotices notices, NoticeTemplates texts, CaseAccess access) {
    this.cases = cases;
    this.benefits = benefits;
    this.claims = claims;
    this.history = history;
    this.notices = notices;
    this.texts = texts;
    this.access = access;
  }

  @Override
  public Outcome handle(Event event, StaffUser user) {
    List<String> active = cases.activeOf(event.person().value());
    for (String applicationNo : active) {
      if (!access.mayRead(user, applicationNo)) {
        throw ApiException.forbidden("无权处理其他辖区人员的补贴");
      }
    }
    LocalDate fromMonth = event.fromMonth();
    String reason = event.reason();
    List<String> ended = new ArrayList<>();
    for (String applicationNo : active) {
      ElderCareCase c = cases.get(applicationNo);
      if (benefits.end(applicationNo, fromMonth, user.userId(), reason)) {
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
    return new Outcome(ended, List.of());
  }
}
