package org.minzhengflow.benchmark;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.minzhengflow.review.ConflictOfInterest;
import org.minzhengflow.review.SeparationOfDuties;

/**
 * The bare engine's 低保 case: exactly the wait states of the product's main path, and nothing of its logic.
 * Same async steps (verification, close-relative check, assessment, notice publication, grant), the same
 * three user tasks with the same candidate groups and a due date, each with a non-interrupting
 * escalation timer, the non-interrupting whole-case timer (event subprocess), the notice as a called
 * process (business key in, a variable out) waiting on an event-based gateway for its 7-day timer or an
 * objection message. Service tasks evaluate {@code ${true}}; no listener, no DMN, no tables.
 */
final class BareDibao {

  static final String KEY = "bareDibao";

  private BareDibao() {}

  static final String XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://minzhengflow.org/benchmark">
        <message id="Message_BareObjection" name="BareObjection" />
        <process id="bareDibao" name="bare dibao" isExecutable="true" camunda:historyTimeToLive="P3650D">
          <startEvent id="start" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="verify" />
          <serviceTask id="verify" camunda:asyncBefore="true" camunda:expression="${true}" />
          <sequenceFlow id="f2" sourceRef="verify" targetRef="closeRelatives" />
          <serviceTask id="closeRelatives" camunda:asyncBefore="true" camunda:expression="${true}" />
          <sequenceFlow id="f3" sourceRef="closeRelatives" targetRef="householdInvestigation" />
          <userTask id="householdInvestigation" camunda:candidateGroups="street-${streetCode}-caseworker" camunda:dueDate="2099-01-01T17:30:00" />
          <boundaryEvent id="investigationOverdue" attachedToRef="householdInvestigation" cancelActivity="false">
            <timerEventDefinition><timeDate>2099-01-01T17:30:00</timeDate></timerEventDefinition>
          </boundaryEvent>
          <sequenceFlow id="f3e" sourceRef="investigationOverdue" targetRef="endEscalated1" />
          <endEvent id="endEscalated1" />
          <sequenceFlow id="f4" sourceRef="householdInvestigation" targetRef="assess" />
          <serviceTask id="assess" camunda:asyncBefore="true" camunda:expression="${true}" />
          <sequenceFlow id="f5" sourceRef="assess" targetRef="streetReview" />
          <userTask id="streetReview" camunda:candidateGroups="street-${streetCode}-leader" camunda:dueDate="2099-01-01T17:30:00" />
          <boundaryEvent id="reviewOverdue" attachedToRef="streetReview" cancelActivity="false">
            <timerEventDefinition><timeDate>2099-01-01T17:30:00</timeDate></timerEventDefinition>
          </boundaryEvent>
          <sequenceFlow id="f5e" sourceRef="reviewOverdue" targetRef="endEscalated2" />
          <endEvent id="endEscalated2" />
          <sequenceFlow id="f6" sourceRef="streetReview" targetRef="notice" />
          <callActivity id="notice" calledElement="bareNotice">
            <extensionElements>
              <camunda:in businessKey="#{execution.processBusinessKey}" />
              <camunda:in source="streetCode" target="streetCode" />
              <camunda:out source="objectionRaised" target="objectionRaised" />
            </extensionElements>
          </callActivity>
          <sequenceFlow id="f7" sourceRef="notice" targetRef="districtApproval" />
          <userTask id="districtApproval" camunda:candidateGroups="${districtGroup}" camunda:dueDate="2099-01-01T17:30:00" />
          <boundaryEvent id="approvalOverdue" attachedToRef="districtApproval" cancelActivity="false">
            <timerEventDefinition><timeDate>2099-01-01T17:30:00</timeDate></timerEventDefinition>
          </boundaryEvent>
          <sequenceFlow id="f7e" sourceRef="approvalOverdue" targetRef="endEscalated3" />
          <endEvent id="endEscalated3" />
          <sequenceFlow id="f8" sourceRef="districtApproval" targetRef="grant" />
          <serviceTask id="grant" camunda:asyncBefore="true" camunda:expression="${true}" />
          <sequenceFlow id="f9" sourceRef="grant" targetRef="end" />
          <endEvent id="end" />
          <subProcess id="caseDeadline" triggeredByEvent="true">
            <startEvent id="caseOverdue" isInterrupting="false">
              <timerEventDefinition><timeDate>2099-01-01T17:30:00</timeDate></timerEventDefinition>
            </startEvent>
            <sequenceFlow id="s1" sourceRef="caseOverdue" targetRef="caseEscalated" />
            <endEvent id="caseEscalated" />
          </subProcess>
        </process>
        <process id="bareNotice" name="bare notice" isExecutable="true" camunda:historyTimeToLive="P3650D">
          <startEvent id="noticeStart" />
          <sequenceFlow id="n1" sourceRef="noticeStart" targetRef="publish" />
          <serviceTask id="publish" camunda:asyncBefore="true" camunda:expression="${true}" />
          <sequenceFlow id="n2" sourceRef="publish" targetRef="period" />
          <eventBasedGateway id="period" />
          <sequenceFlow id="n3" sourceRef="period" targetRef="Event_NoticePeriodEnded" />
          <intermediateCatchEvent id="Event_NoticePeriodEnded">
            <timerEventDefinition><timeDuration>P7D</timeDuration></timerEventDefinition>
          </intermediateCatchEvent>
          <sequenceFlow id="n4" sourceRef="Event_NoticePeriodEnded" targetRef="noticeEnd" />
          <endEvent id="noticeEnd">
            <extensionElements><camunda:executionListener expression="${execution.setVariable('objectionRaised', false)}" event="start" /></extensionElements>
          </endEvent>
          <sequenceFlow id="n5" sourceRef="period" targetRef="objection" />
          <intermediateCatchEvent id="objection"><messageEventDefinition messageRef="Message_BareObjection" /></intermediateCatchEvent>
          <sequenceFlow id="n6" sourceRef="objection" targetRef="objectionEnd" />
          <endEvent id="objectionEnd" />
        </process>
      </definitions>
      """;

  /**
   * Deploys the bare processes and takes off what the product's parse listeners put on them (the 回避 and the
   * one-person-one-role listeners).
   */
  static void deploy(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().name("benchmark-bare").addString("bare-dibao.bpmn", XML).deploy();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(KEY).list()) {
      ProcessDefinitionEntity entity = configuration.getCommandExecutorTxRequired().execute(
          context -> configuration.getDeploymentCache().findDeployedProcessDefinitionById(definition.getId()));
      for (String task : List.of("householdInvestigation", "streetReview", "districtApproval")) {
        ActivityImpl activity = entity.findActivity(task);
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          for (Map.Entry<String, List<TaskListener>> e : behavior.getTaskDefinition().getTaskListeners().entrySet()) {
            e.getValue().removeIf(listener -> listener instanceof ConflictOfInterest || listener instanceof SeparationOfDuties);
          }
        }
      }
    }
  }
}
