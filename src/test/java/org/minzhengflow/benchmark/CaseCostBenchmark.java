package org.minzhengflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoApplicationRequest;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a whole 低保 case costs compared with the bare engine: the same wait states (async step,
 * home visit, street review, notice timer, district approval, async grant) in a process without any
 * of the product's logic, run in the same JVM on the same database. Prints the ratio; the target is
 * at most 1.30. Run with {@code ./mvnw -Pbenchmark verify} (not part of the normal test run).
 */
@SpringBootTest
@ActiveProfiles("test")
class CaseCostBenchmark {

  static final int WARMUP = 30;
  static final int CASES = Integer.getInteger("benchmark.cases", 200);

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications applications;

  static BpmnModelInstance bareProcess() {
    return Bpmn.createExecutableProcess("bareDibao").camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("verify").camundaAsyncBefore().camundaExpression("${true}")
        .userTask("householdInvestigation").camundaCandidateGroups("street-230110001-caseworker")
        .userTask("streetReview").camundaCandidateGroups("street-230110001-leader")
        .intermediateCatchEvent("notice").timerWithDuration("P7D")
        .userTask("districtApproval").camundaCandidateGroups("district-230110-approver")
        .serviceTask("grant").camundaAsyncBefore().camundaExpression("${true}")
        .endEvent().done();
  }

  @Test
  void wholeCaseAgainstBareEngine() {
    repository.createDeployment().addModelInstance("bare-dibao.bpmn", bareProcess()).deploy();
    DibaoScenario scenario = new DibaoScenario(applications, tasks, management, identity);

    for (int i = 0; i < WARMUP; i++) {
      bareCase(i);
      productCase(scenario);
    }
    long bare = 0;
    long product = 0;
    // interleaved, so that drift of the machine affects both sides alike
    for (int i = 0; i < CASES; i++) {
      long t0 = System.nanoTime();
      bareCase(WARMUP + i);
      long t1 = System.nanoTime();
      productCase(scenario);
      long t2 = System.nanoTime();
      bare += t1 - t0;
      product += t2 - t1;
    }
    double ratio = (double) product / bare;
    System.out.printf("%nBENCHMARK whole dibao case vs bare engine, %d cases each:%n", CASES);
    System.out.printf("  bare engine   %8.2f ms/case%n", bare / 1e6 / CASES);
    System.out.printf("  minzheng-flow %8.2f ms/case%n", product / 1e6 / CASES);
    System.out.printf("  ratio         %8.2f (target <= 1.30)%n%n", ratio);
  }

  private void bareCase(int i) {
    String pid = runtime.startProcessInstanceByKey("bareDibao", "BARE" + i).getId();
    runJobs(pid);
    completeTask(pid, "householdInvestigation", Map.of("secondInvestigator", "xf1-worker2", "findings", "x"));
    completeTask(pid, "streetReview", Map.of("decision", "approve"));
    runJob(pid, "notice");
    completeTask(pid, "districtApproval", Map.of("decision", "approve"));
    runJobs(pid);
  }

  private void productCase(DibaoScenario scenario) {
    DibaoApplicationRequest request = scenario.poorFamily("230110001");
    String pid = scenario.submit(request, "xf1-worker1").processInstanceId();
    runJobs(pid);
    completeTask(pid, "householdInvestigation", Map.of("secondInvestigator", "xf1-worker2", "findings", "x"));
    runJobs(pid);
    completeTask(pid, "streetReview", Map.of("decision", "approve"));
    runJobs(pid);
    runJob(pid, "Event_NoticePeriodEnded");
    completeTask(pid, "districtApproval", Map.of("decision", "approve"));
    runJobs(pid);
  }

  private void completeTask(String pid, String key, Map<String, Object> variables) {
    String id = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult().getId();
    tasks.complete(id, variables);
  }

  private void runJob(String pid, String activityId) {
    management.executeJob(management.createJobQuery().rootProcessInstanceId(pid).activityId(activityId).singleResult().getId());
  }

  private void runJobs(String pid) {
    List<Job> due;
    while (!(due = new ArrayList<>(management.createJobQuery().rootProcessInstanceId(pid).executable().list())).isEmpty()) {
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
