package org.minzhengflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conventions every model in {@code processes/} and {@code forms/} must follow, so that what is
 * deployed can be opened in the Modeler, shows Chinese labels in Tasklist and Cockpit, is cleaned
 * up by history cleanup, opens a real form for every human task and survives a failing service.
 * Each test reports every violation of one file at once, by element id.
 */
class ModelConventionsTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Form id → file, read from forms/*.form (files that are not valid JSON are reported by their own test). */
  private static Map<String, Path> formIds;

  @BeforeAll
  static void readFormIds() throws IOException {
    formIds = new HashMap<>();
    for (Path form : files(FORMS, ".form")) {
      try {
        JsonNode id = JSON.readTree(form.toFile()).get("id");
        if (id != null && id.isTextual()) {
          formIds.put(id.textValue(), form);
        }
      } catch (IOException notJson) {
        // reported by formsAreValidJsonWithIdAndSchemaVersion
      }
    }
  }

  static List<Path> bpmnFiles() throws IOException {
    return files(PROCESSES, ".bpmn");
  }

  static List<Path> dmnFiles() throws IOException {
    return files(PROCESSES, ".dmn");
  }

  static List<Path> formFiles() throws IOException {
    return files(FORMS, ".form");
  }

  @Test
  void modelDirectoriesHoldModels() throws IOException {
    assertThat(bpmnFiles()).as("BPMN files in %s", PROCESSES.toAbsolutePath()).isNotEmpty();
    assertThat(formFiles()).as("form files in %s", FORMS.toAbsolutePath()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void bpmnFollowsConventions(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<String> violations = new ArrayList<>();

    Set<String> shapes = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).stream()
        .map(BpmnShape::getBpmnElement).filter(e -> e != null).forEach(e -> shapes.add(e.getId()));
    Set<String> edges = new HashSet<>();
    model.getModelElementsByType(BpmnEdge.class).stream()
        .map(BpmnEdge::getBpmnElement).filter(e -> e != null).forEach(e -> edges.add(e.getId()));

    for (Process process : model.getModelElementsByType(Process.class)) {
      String ttl = process.getCamundaHistoryTimeToLiveString();
      if (process.isExecutable() && (ttl == null || ttl.isBlank())) {
        violations.add(process.getId() + ": executable process without camunda:historyTimeToLive");
      }
    }

    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = describe(node);
      if (!shapes.contains(node.getId())) {
        violations.add(id + ": no shape in the diagram (BPMNShape)");
      }
      if (node.getName() == null || !CHINESE.matcher(node.getName()).find()) {
        violations.add(id + ": name must contain Chinese characters, is " + quote(node.getName()));
      }
    }

    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!edges.contains(flow.getId())) {
        violations.add(describe(flow) + ": no edge in the diagram (BPMNEdge)");
      }
    }

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String id = describe(task);
      if (task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().isBlank()) {
        violations.add(id + ": user task without camunda:candidateGroups");
      }
      String formRef = task.getCamundaFormRef();
      if (formRef == null || formRef.isBlank()) {
        violations.add(id + ": user task without camunda:formRef");
      } else if (!formIds.containsKey(formRef)) {
        violations.add(id + ": camunda:formRef " + quote(formRef) + " is the id of no form in " + FORMS
            + "/*.form (known: " + formIds.keySet() + ")");
      }
    }

    // Retries are set once for the engine (failedJobRetryTimeCycle) and asyncBefore by AsyncServiceTasks at parse
    // time (AsyncServiceTasksTest): a model that sets its own cycle would silently differ from every other step.
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      boolean ownCycle = task.getExtensionElements() != null
          && !task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list()
              .isEmpty();
      if (ownCycle) {
        violations.add(describe(task) + ": sets its own camunda:failedJobRetryTimeCycle; the engine-wide cycle applies");
      }
    }

    // Role lanes: who does what is visible in Modeler and Cockpit; every step of a process sits in one lane.
    for (Process process : model.getModelElementsByType(Process.class)) {
      var laneSets = process.getLaneSets();
      if (laneSets.isEmpty()) {
        violations.add(process.getId() + ": no role lanes (laneSet)");
        continue;
      }
      Map<String, Integer> inLanes = new HashMap<>();
      laneSets.forEach(set -> set.getLanes().forEach(lane -> {
        if (lane.getName() == null || !CHINESE.matcher(lane.getName()).find()) {
          violations.add("lane " + lane.getId() + ": name must contain Chinese characters");
        }
        lane.getFlowNodeRefs().forEach(node -> inLanes.merge(node.getId(), 1, Integer::sum));
      }));
      for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
        int lanes = inLanes.getOrDefault(node.getId(), 0);
        if (lanes != 1) {
          violations.add(describe(node) + ": in " + lanes + " lanes, must be in exactly one");
        }
      }
    }

    // A called process (the shared public notice) must run under the case's business key, or objections
    // correlated by application number and its read rights would not reach it.
    for (org.camunda.bpm.model.bpmn.instance.CallActivity call
        : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.CallActivity.class)) {
      boolean businessKey = call.getExtensionElements() != null && call.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn.class).list().stream()
          .anyMatch(in -> in.getCamundaBusinessKey() != null);
      if (!businessKey) {
        violations.add(describe(call) + ": call activity without <camunda:in businessKey=\"#{execution.processBusinessKey}\"/>");
      }
    }

    assertThat(violations).as("convention violations in %s", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("dmnFiles")
  void dmnParsesWithTheDmnEngine(Path file) throws IOException {
    DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(file)) {
      List<DmnDecision> decisions = engine.parseDecisions(in);
      assertThat(decisions).as("decisions in %s", file).isNotEmpty();
    }
  }

  @Test
  void formsAreValidJsonWithIdAndSchemaVersion() throws IOException {
    List<String> violations = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path form : formFiles()) {
      String expectedId = form.getFileName().toString().replaceFirst("\\.form$", "");
      JsonNode json;
      try {
        json = JSON.readTree(form.toFile());
      } catch (IOException e) {
        violations.add(form + ": not valid JSON: " + e.getMessage());
        continue;
      }
      if (json == null || !json.isObject()) {
        violations.add(form + ": not a JSON object");
        continue;
      }
      JsonNode id = json.get("id");
      if (id == null || !id.isTextual() || id.textValue().isBlank()) {
        violations.add(form + ": no \"id\"");
      } else {
        if (!id.textValue().equals(expectedId)) {
          violations.add(form + ": \"id\" is " + quote(id.textValue()) + ", must be the file name " + quote(expectedId));
        }
        Path other = seen.put(id.textValue(), form);
        if (other != null) {
          violations.add(form + ": \"id\" " + quote(id.textValue()) + " is also the id of " + other);
        }
      }
      if (json.get("schemaVersion") == null || json.get("schemaVersion").isNull()) {
        violations.add(form + ": no \"schemaVersion\"");
      }
    }
    assertThat(violations).as("form violations").isEmpty();
  }

  private static String describe(BaseElement element) {
    return element.getElementType().getTypeName() + " " + element.getId();
  }

  private static String quote(String text) {
    return text == null ? "(none)" : "\"" + text + "\"";
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
