package org.minzhengflow.dibao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.casework.CaseHistory;
import org.minzhengflow.review.ReviewRules;
import org.springframework.stereotype.Component;

/**
 * 劳动能力鉴定: on create the task is pre-filled with the members who declared reduced capacity;
 * on complete {@code assessedLaborCapacity} must give FULL / PARTIAL / NONE for each of them
 * (a JSON object by ID number, as a JSON or String variable); the results are stored per member.
 */
@Component("dibaoLaborAssessment")
public class LaborAssessmentRules implements TaskListener {

  private static final Set<String> CAPACITIES = Set.of("FULL", "PARTIAL", "NONE");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DibaoCases cases;
  private final CaseHistory history;
  private final ReviewRules reviews;

  public LaborAssessmentRules(DibaoCases cases, CaseHistory history, ReviewRules reviews) {
    this.cases = cases;
    this.history = history;
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    DibaoCase c = cases.get(task.getExecution().getProcessBusinessKey());
    Map<String, String> declared = new LinkedHashMap<>();
    c.members().stream().filter(m -> !"FULL".equals(m.laborCapacity()))
        .forEach(m -> declared.put(m.idNumber(), m.laborCapacity()));
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().setVariable("assessedLaborCapacity", write(declared));
      return;
    }
    JsonNode assessed = read(task.getVariable("assessedLaborCapacity"));
    Map<String, String> results = new LinkedHashMap<>();
    for (String id : declared.keySet()) {
      JsonNode value = assessed.get(id);
      if (value == null || !value.isTextual() || !CAPACITIES.contains(value.textValue())) {
        throw ReviewRules.invalid("assessedLaborCapacity",
            "请为身份证号" + IdNumber.mask(id) + "的成员给出评估结果 FULL/PARTIAL/NONE");
      }
      results.put(id, value.textValue());
    }
    results.forEach((id, capacity) -> cases.setAssessedCapacity(c.applicationNo(), id, capacity));
    task.getExecution().setVariable("needsLaborAssessment", false);
    history.record(c.applicationNo(), task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(),
        task.getName(), reviews.actor(task), null, "劳动能力评估结果:" + summary(results, c));
  }

  private static String summary(Map<String, String> results, DibaoCase c) {
    StringBuilder text = new StringBuilder();
    for (Member m : c.members()) {
      String r = results.get(m.idNumber());
      if (r != null) {
        text.append(m.name()).append(" ").append(CaseSummary.capacity(r)).append(";");
      }
    }
    return text.toString();
  }

  private static JsonNode read(Object value) {
    if (value == null) {
      throw ReviewRules.invalid("assessedLaborCapacity", "请填写劳动能力评估结果");
    }
    try {
      JsonNode node = JSON.readTree(value.toString());
      if (node == null || !node.isObject()) {
        throw ReviewRules.invalid("assessedLaborCapacity", "评估结果须为JSON对象:{\"身份证号\":\"FULL|PARTIAL|NONE\"}");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ReviewRules.invalid("assessedLaborCapacity", "评估结果不是有效的JSON");
    }
  }

  private static String write(Map<String, String> declared) {
    try {
      return JSON.writeValueAsString(declared);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
