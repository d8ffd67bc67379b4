package org.minzhengflow.casework;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the DMN tables that hold the rules and figures, remembering each result per deployed
 * version of the table and per input. Evaluating FEEL is by far the costliest part of a case, the
 * same policy rows are asked for at every step, and a table only changes by a new deployment,
 * which gets a new definition id and so is never answered from an older version's results.
 */
@Component
public class DecisionTables {

  static final int MAX_ENTRIES = 10_000;

  private record Key(String definitionId, Map<String, Object> inputs) {}

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final Map<Key, List<Map<String, Object>>> results = new ConcurrentHashMap<>();

  public DecisionTables(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
  }

  /** The matched rows (outputs by name) of the latest version of the decision. */
  public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> inputs) {
    DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
        .latestVersion().withoutTenantId().singleResult();
    if (latest == null) {
      throw new IllegalStateException("decision table " + decisionKey + " is not deployed");
    }
    Key key = new Key(latest.getId(), new java.util.HashMap<>(inputs));
    List<Map<String, Object>> cached = results.get(key);
    if (cached != null) {
      return cached;
    }
    DmnDecisionResult result = decisions.evaluateDecisionById(latest.getId())
        .variables(Variables.fromMap(inputs)).evaluate();
    List<Map<String, Object>> rows = result.getResultList().stream()
        .map(row -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(row))).toList();
    if (results.size() >= MAX_ENTRIES) {
      results.clear();
    }
    results.put(key, rows);
    return rows;
  }

  /** Exactly one row, as the hit policies of the project's tables guarantee for valid input. */
  public Map<String, Object> single(String decisionKey, Map<String, Object> inputs) {
    List<Map<String, Object>> rows = evaluate(decisionKey, inputs);
    if (rows.size() != 1) {
      throw new IllegalStateException(decisionKey + " gave " + rows.size() + " results for " + inputs);
    }
    return rows.get(0);
  }
}
