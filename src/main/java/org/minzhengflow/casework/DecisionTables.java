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

  /** Which deployed version is the latest, as last asked of the database. */
  private record Latest(String definitionId, long askedAt) {}

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final long recheckNanos;
  private final Map<Key, List<Map<String, Object>>> results = new ConcurrentHashMap<>();
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  /**
   * {@code app.decisions.recheck-seconds}: how long the latest version of a table is taken as known before
   * the database is asked again (a case asks dozens of times; a new version, also one deployed by another
   * node, is in force at most this long after its deployment). 0 asks every time.
   */
  public DecisionTables(DecisionService decisions, RepositoryService repository,
      @org.springframework.beans.factory.annotation.Value("${app.decisions.recheck-seconds:10}") long recheckSeconds) {
    this.decisions = decisions;
    this.repository = repository;
    this.recheckNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(recheckSeconds);
  }

  /**
   * A day as the dated tables take it ({@code typeRef="date"} inputs such as {@code applicationDate}, {@code onDate}):
   * Camunda 7.24 converts them to {@link java.util.Date} and rejects {@code LocalDate}; the rules are date-time
   * intervals, so the start of the day falls on the right day.
   */
  public static java.util.Date day(java.time.LocalDate day) {
    return java.util.Date.from(day.atStartOfDay(java.time.ZoneId.systemDefault()).toInstant());
  }

  /** The matched rows (outputs by name) of the latest version of the decision. */
  public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> inputs) {
    Key key = new Key(latestId(decisionKey), new java.util.HashMap<>(inputs));
    List<Map<String, Object>> cached = results.get(key);
    if (cached != null) {
      return cached;
    }
    DmnDecisionResult result = decisions.evaluateDecisionById(key.definitionId())
        .variables(Variables.fromMap(inputs)).evaluate();
    List<Map<String, Object>> rows = result.getResultList().stream()
        .map(row -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(row))).toList();
    if (results.size() >= MAX_ENTRIES) {
      results.clear();
    }
    results.put(key, rows);
    return rows;
  }

  private String latestId(String decisionKey) {
    long now = System.nanoTime();
    Latest known = latest.get(decisionKey);
    if (known != null && now - known.askedAt() < recheckNanos) {
      return known.definitionId();
    }
    DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
        .latestVersion().withoutTenantId().singleResult();
    if (definition == null) {
      throw new IllegalStateException("decision table " + decisionKey + " is not deployed");
    }
    latest.put(decisionKey, new Latest(definition.getId(), now));
    return definition.getId();
  }

  /** Forget which versions are the latest (after a deployment on this node). */
  public void recheck() {
    latest.clear();
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
