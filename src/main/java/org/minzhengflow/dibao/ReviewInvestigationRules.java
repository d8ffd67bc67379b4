package org.minzhengflow.dibao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.casework.Yuan;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/**
 * 复核入户调查 ({@code reviewInvestigation}): two investigators of the street as for a new case
 * ({@code secondInvestigator}, {@code findings}), and {@code updatedIncomes}, a JSON object ID number → monthly income
 * in yuan for every member still in the household (pre-filled with the figures before). Stored with the review;
 * every problem is a 400 naming its field, and nothing is stored then.
 */
@Component("dibaoReviewInvestigation")
public class ReviewInvestigationRules implements TaskListener {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Beyond this a monthly income is a typing error (yuan; the table's ratios never come near it). */
  static final BigDecimal MAX_INCOME = new BigDecimal("10000000");

  private final DibaoReviewRecords records;
  private final DibaoReviews reviews;
  private final DibaoCases cases;
  private final HomeVisitRules homeVisits;
  private final CaseHistory history;
  private final ReviewRules reviewRules;

  public ReviewInvestigationRules(DibaoReviewRecords records, DibaoReviews reviews, DibaoCases cases,
      HomeVisitRules homeVisits, CaseHistory history, ReviewRules reviewRules) {
    this.records = records;
    this.reviews = reviews;
    this.cases = cases;
    this.homeVisits = homeVisits;
    this.history = history;
    this.reviewRules = reviewRules;
  }

  @Override
  public void notify(DelegateTask task) {
    String reviewNo = task.getExecution().getProcessBusinessKey();
    DibaoReviewRecords.Review review = records.get(reviewNo);
    DibaoCase household = cases.get(review.applicationNo());
    List<Member> members = reviews.reviewedMembers(review, household);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable("secondInvestigator");
      task.getExecution().removeVariable("findings");
      Map<String, Object> before = new LinkedHashMap<>();
      members.forEach(m -> before.put(m.idNumber(), m.countedIncome()));
      task.getExecution().setVariable("updatedIncomes", write(before));
      task.getExecution().setVariable("irregularIncome", cases.irregularIncome(review.applicationNo()));
      return;
    }
    String completer = reviewRules.actor(task);
    String second = homeVisits.secondInvestigator(task, completer, reviewNo);
    String findings = HomeVisitRules.findings(task, "复核入户调查情况");
    Map<String, BigDecimal> incomes = incomes(task.getVariable("updatedIncomes"), members);
    records.setIncomes(reviewNo, incomes);
    // odd jobs or seasonal work found at the visit bring the next re-review forward to six months (dibaoReviewInterval)
    Object irregular = task.getVariable("irregularIncome");
    if (irregular != null && !(irregular instanceof Boolean)) {
      throw ReviewRules.invalid("irregularIncome", "收入是否不固定应为是/否");
    }
    if (irregular != null) {
      cases.setIrregularIncome(review.applicationNo(), (Boolean) irregular);
    }
    StringBuilder figures = new StringBuilder();
    for (Member m : members) {
      figures.append(m.name()).append(Yuan.format(incomes.get(m.idNumber()))).append("元;");
    }
    history.record(reviewNo, task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(), task.getName(),
        completer, null, "调查人:" + completer + "、" + second + "。" + findings + " 核实月收入:" + figures);
  }

  /** The updated incomes, one for each member still in the household, none for anybody else. */
  static Map<String, BigDecimal> incomes(Object value, List<Member> members) {
    if (value == null || value.toString().isBlank()) {
      throw ReviewRules.invalid("updatedIncomes", "请填写复核核实的家庭成员月收入");
    }
    JsonNode node;
    try {
      node = JSON.readTree(value.toString());
    } catch (JsonProcessingException e) {
      throw ReviewRules.invalid("updatedIncomes", "复核核实的月收入不是有效的JSON,应为{\"身份证号\":月收入(元)}");
    }
    if (node == null || !node.isObject()) {
      throw ReviewRules.invalid("updatedIncomes", "复核核实的月收入应为JSON对象:{\"身份证号\":月收入(元)}");
    }
    Map<String, BigDecimal> incomes = new LinkedHashMap<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String id = names.next();
      if (members.stream().noneMatch(m -> m.idNumber().equalsIgnoreCase(id))) {
        throw ReviewRules.invalid("updatedIncomes", "身份证号" + IdNumber.mask(id) + "不是该家庭现有成员(已死亡或迁出的成员不再计入)");
      }
    }
    for (Member m : members) {
      JsonNode income = node.get(m.idNumber());
      if (income == null) {
        throw ReviewRules.invalid("updatedIncomes", "请填写" + m.name() + "(身份证号" + IdNumber.mask(m.idNumber())
            + ")复核核实的月收入");
      }
      BigDecimal amount;
      try {
        amount = income.isNumber() ? income.decimalValue() : new BigDecimal(income.asText().trim());
      } catch (NumberFormatException e) {
        throw ReviewRules.invalid("updatedIncomes", m.name() + "的月收入应为数字(元)");
      }
      if (amount.signum() < 0 || amount.compareTo(MAX_INCOME) > 0 || amount.scale() > 2) {
        throw ReviewRules.invalid("updatedIncomes", m.name() + "的月收入应为不小于0的金额(元,最多两位小数)");
      }
      incomes.put(m.idNumber(), amount);
    }
    return incomes;
  }

  private static String write(Map<String, Object> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
