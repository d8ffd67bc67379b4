package org.minzhengflow.dibao;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.casework.CaseKind;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.organization.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The re-review (动态管理) of a 低保 or 定期定量救助 household as a case of the core: kind {@code dibao-review},
 * numbers {@code FC…}, process {@code dibaoReview}. Reviews are started by the system (due date, person events)
 * or by a campaign ({@code POST /api/dibao/reviews}), never filed as an application.
 */
@Component
public class DibaoReviewKind implements CaseKind<Object> {

  public static final String KIND = "dibao-review";
  public static final String PROCESS_KEY = "dibaoReview";
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  private final DibaoReviewRecords reviews;

  public DibaoReviewKind(DibaoReviewRecords reviews) {
    this.reviews = reviews;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String numberPrefix() {
    return "FC";
  }

  @Override
  public Class<Object> requestType() {
    return Object.class;
  }

  @Override
  public CaseIntake.Submitted submit(Object request, StaffUser user) {
    throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED,
        "复核不能作为申请受理:到期复核由系统自动启动,专项复核请调用 POST /api/dibao/reviews");
  }

  /** The review's own fields; {@code applicationNo} is the household's 低保 case, {@code reviewNo} this one. */
  @Override
  public Map<String, Object> details(CaseRecord c) {
    DibaoReviewRecords.Review r = reviews.get(c.applicationNo());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reviewNo", r.reviewNo());
    body.put("applicationNo", r.applicationNo());
    body.put("trigger", r.trigger());
    body.put("triggerName", triggerName(r.trigger()));
    body.put("reason", r.reason());
    body.put("benefit", r.benefit());
    body.put("amountBefore", r.amountBefore());
    body.put("perCapitaIncome", r.perCapitaIncome());
    body.put("standard", r.standard());
    body.put("proposedOutcome", r.proposedOutcome());
    body.put("proposedAmount", r.proposedAmount());
    body.put("outcome", r.outcome());
    body.put("monthlyAmount", r.outcome() == null ? null : r.monthlyAmount());
    body.put("lastMonth", r.lastMonth() == null ? null : r.lastMonth().format(MONTH));
    return body;
  }

  static String triggerName(String trigger) {
    return switch (trigger) {
      case "DUE" -> "到期复核";
      case "CAMPAIGN" -> "专项复核";
      case "DEATH" -> "家庭成员死亡";
      case "HUKOU_MOVED_OUT" -> "家庭成员户籍迁出";
      default -> trigger;
    };
  }

  static String outcomeName(String outcome) {
    return switch (outcome) {
      case "CONTINUE" -> "继续保障";
      case "ADJUST" -> "调整金额";
      case "GRADUAL_EXIT" -> "渐退";
      case "STOP" -> "停止保障";
      default -> outcome;
    };
  }
}
