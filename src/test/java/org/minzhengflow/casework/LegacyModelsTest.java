package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzhengflow.dibao.DibaoApplications;
import org.minzhengflow.dibao.DibaoScenario;
import org.minzhengflow.nursinghome.NursingHomeApplications;
import org.minzhengflow.nursinghome.NursingHomeScenario;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Cases that were running when the case core arrived stay on the models of release 0.1 (the engine keeps
 * each instance on its version): their expressions still resolve, their notices are published, objections
 * reach them, and their status follows their milestones. The 0.1 models are deployed as the latest version
 * for the test and removed after it.
 */
@SpringBootTest
@ActiveProfiles("test")
class LegacyModelsTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired DibaoApplications dibao;
  @Autowired NursingHomeApplications nursingHomes;
  @Autowired CaseRecords records;
  @Autowired CaseObjections objections;
  @Autowired CaseNotices notices;

  String deployment;

  @BeforeEach
  void deployRelease01() {
    AbstractAssertions.init(engine);
    deployment = repository.createDeployment().name("release 0.1 models")
        .addClasspathResource("legacy/dibao-0.1.bpmn")
        .addClasspathResource("legacy/nursing-home-support-0.1.bpmn")
        .deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repository.deleteDeployment(deployment, true);
    AbstractAssertions.reset();
  }

  @Test
  void aDibaoCaseOnTheOldModelRunsToApprovalWithATrueStatus() {
    DibaoScenario scenario = new DibaoScenario(dibao, tasks, management, identity);
    var submitted = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1");
    scenario.runJobs();
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(submitted.processInstanceId()).singleResult();
    assertThat(repository.getProcessDefinition(pi.getProcessDefinitionId()).getDeploymentId()).isEqualTo(deployment);
    assertThat(pi).isWaitingAt("householdInvestigation");
    assertThat(scenario.task(pi.getId(), "householdInvestigation").getDueDate()).isNotNull();

    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(pi).isWaitingAt("Gateway_NoticePeriod");
    assertThat(records.get(pi.getBusinessKey()).status()).isEqualTo(CaseStatus.PUBLIC_NOTICE);
    assertThat(notices.of(pi.getBusinessKey())).extracting(CaseNotices.Notice::kind).containsExactly(CaseNotices.Kind.PUBLIC_NOTICE);

    objections.raise("dibao", pi.getBusinessKey(), "邻居反映有出租收入", scenario.staff("xf1-worker2"));
    scenario.runJobs();
    assertThat(pi).isWaitingAt("householdInvestigation");
    assertThat(records.get(pi.getBusinessKey()).status()).isEqualTo(CaseStatus.IN_REVIEW);

    scenario.investigate(pi.getId(), "xf1-worker1", "xf1-worker2");
    scenario.review(pi.getId(), "streetReview", "xf1-leader", "approve", null);
    assertThat(records.get(pi.getBusinessKey()).status()).isEqualTo(CaseStatus.PUBLIC_NOTICE);
    scenario.fireTimer(pi.getId(), "Event_NoticePeriodEnded");
    assertThat(records.get(pi.getBusinessKey()).status()).isEqualTo(CaseStatus.IN_REVIEW);
    scenario.review(pi.getId(), "districtApproval", "xf-approver", "approve", null);
    assertThat(pi).isEnded();
    assertThat(records.get(pi.getBusinessKey()).status()).isEqualTo(CaseStatus.APPROVED);
  }

  @Test
  void aRejectionOnTheOldModelSetsItsOutcome() {
    DibaoScenario scenario = new DibaoScenario(dibao, tasks, management, identity);
    var submitted = scenario.submit(scenario.poorFamily("230110001"), "xf1-worker1");
    scenario.runJobs();
    scenario.investigate(submitted.processInstanceId(), "xf1-worker1", "xf1-worker2");
    scenario.review(submitted.processInstanceId(), "streetReview", "xf1-leader", "reject", "有经营收入");
    assertThat(records.get(submitted.applicationNo()).status()).isEqualTo(CaseStatus.REJECTED);
    assertThat(records.reasons(submitted.applicationNo())).containsExactly("审核意见:有经营收入");
  }

  @Test
  void aNursingHomeCaseOnTheOldModelRunsToApproval() {
    NursingHomeScenario scenario = new NursingHomeScenario(nursingHomes, tasks, management, identity);
    var submitted = scenario.submit(NursingHomeScenario.request("CONSTRUCTION_SUBSIDY", false), "xf-approver");
    scenario.runJobs();
    String pid = submitted.processInstanceId();
    scenario.review(pid, "materialReview", "xf-approver", "approve", "材料齐全");
    scenario.inspect(pid, "approve", 80, null);
    scenario.allDepartmentsApprove(pid);
    scenario.review(pid, "cityApproval", "city-approver", "approve", null);
    assertThat(records.get(submitted.applicationNo()).status()).isEqualTo(CaseStatus.PUBLIC_NOTICE);
    scenario.fireTimer(pid, "Event_NoticePeriodEnded");
    assertThat(records.get(submitted.applicationNo()).status()).isEqualTo(CaseStatus.APPROVED);
    assertThat(notices.of(submitted.applicationNo())).extracting(CaseNotices.Notice::kind)
        .contains(CaseNotices.Kind.PUBLIC_NOTICE, CaseNotices.Kind.APPROVAL);
  }
}
