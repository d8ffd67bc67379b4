package org.minzhengflow.dibao;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.BenefitClaims;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseAccess;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.PersonEventHandler;
import org.minzhengflow.organization.StaffUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A member of a household with a live 低保 or 定期定量救助 dies or moves the 户籍 away (DOMAIN.md §5): the member
 * leaves the household (no longer counted, his claim released); a one-person household's benefit ends from next
 * month (notice BENEFIT_ENDED); any other household is re-reviewed now (trigger DEATH / HUKOU_MOVED_OUT, to be
 * finished within three months by the deadline table). A household already in its 渐退期 keeps its end. Reporting
 * the same event again changes nothing; a case outside the user's jurisdiction is 403 before anything is stored.
 */
@Component
public class DibaoPersonEvents implements PersonEventHandler {

  private final JdbcClient jdbc;
  private final DibaoCases cases;
  private final DibaoReviewRecords records;
  private final DibaoReviews reviews;
  private final BenefitRecords benefits;
  private final BenefitClaims claims;
  private final CaseHistory history;
  private final CaseAccess access;
  private final Clock clock;

  public DibaoPersonEvents(JdbcClient jdbc, DibaoCases cases, DibaoReviewRecords records, DibaoReviews reviews,
      BenefitRecords benefits, BenefitClaims claims, CaseHistory history, CaseAccess access, Clock clock) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.records = records;
    this.reviews = reviews;
    this.benefits = benefits;
    this.claims = claims;
    this.history = history;
    this.access = access;
    this.clock = clock;
  }

  /** The 低保 cases with a live benefit (ACTIVE or in 渐退期) the person is a member of. */
  List<String> liveCasesOf(String idNumber) {
    return jdbc.sql("""
        select b.application_no from benefit_record b
        join dibao_member m on m.application_no = b.application_no
        where m.id_number = ? and b.status in ('ACTIVE', 'GRADUAL_EXIT') and b.benefit in ('DIBAO', 'REGULAR_FIXED')
        order by b.application_no""")
        .param(idNumber).query(String.class).list();
  }

  @Override
  public Outcome handle(Event event, StaffUser user) {
    String person = event.person().value();
    List<String> live = liveCasesOf(person);
    for (String applicationNo : live) {
      if (!access.mayRead(user, applicationNo)) {
        throw ApiException.forbidden("无权处理其他辖区人员的低保");
      }
    }
    List<String> ended = new ArrayList<>();
    List<String> started = new ArrayList<>();
    for (String applicationNo : live) {
      if (!records.memberLeft(applicationNo, person, event.type(), event.date(), user.userId(), clock.instant())) {
        continue; // reported before: nothing changes
      }
      DibaoCase c = cases.get(applicationNo);
      jdbc.sql("delete from benefit_claim where application_no = ? and id_number = ?").params(applicationNo, person)
          .update();
      history.record(applicationNo, c.processInstanceId(), null, "memberLeft", "家庭成员变动", user.userId(), null,
          "成员" + event.person().masked() + event.reason());
      BenefitRecords.Benefit b = benefits.get(applicationNo);
      if (reviews.remaining(c).isEmpty()) {
        LocalDate from = event.fromMonth();
        if (benefits.end(applicationNo, from, user.userId(), event.reason())) {
          claims.release(applicationNo);
          history.record(applicationNo, c.processInstanceId(), null, "benefitEnded", "停止发放", user.userId(), null,
              "一人户,因" + event.reason() + ",自" + from.getYear() + "年" + from.getMonthValue() + "月起停发");
          reviews.notifyEnded(c, b, event.reason(), from);
          ended.add(applicationNo);
        }
      } else if (BenefitRecords.ACTIVE.equals(b.status())) {
        reviews.start(applicationNo, event.type(), "成员" + event.person().masked() + event.reason(), user.userId())
            .ifPresent(started::add);
      }
    }
    return new Outcome(ended, started);
  }
}
