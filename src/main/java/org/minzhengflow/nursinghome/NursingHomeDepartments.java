package org.minzhengflow.nursinghome;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The departments whose opinions a nursing-home case needs, for the multi-instance task
 * ({@code camunda:collection="${nursingHomeDepartments.keys()}"}) and for display.
 */
@Component("nursingHomeDepartments")
public class NursingHomeDepartments {

  private static final Map<String, String> LABELS = Map.of("fire", "消防部门", "market", "市场监管部门", "health", "卫生健康部门");
  private static final List<String> KEYS = List.of("fire", "market", "health");

  public List<String> keys() {
    return KEYS;
  }

  public String label(String department) {
    return LABELS.getOrDefault(department, department);
  }
}
