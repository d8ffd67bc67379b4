package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.CaseDriver;

/** Builds nursing-home applications and drives cases the way staff and the job executor would. */
public class NursingHomeScenario extends CaseDriver {

  public static final String XF = "230110"; // 香坊区
  public static final Map<String, String> REVIEWERS = Map.of("fire", "fire-reviewer", "market", "market-reviewer",
      "health", "health-reviewer");
  public static final Map<String, String> GROUPS = Map.of("fire", "dept-fire", "market", "dept-market",
      "health", "dept-health");
  /** Shared by all scenarios of a test run: the database outlives one test. */
  private static final AtomicInteger SERIAL = new AtomicInteger(1000);

  private final NursingHomeApplications applications;

  public NursingHomeScenario(NursingHomeApplications applications, TaskService tasks, ManagementService management,
      IdentityService identity) {
    super(tasks, management, identity);
    this.applications = applications;
  }

  /** A fresh valid credit code, distinct within the test run. */
  public static String creditCode() {
    return TestIds.creditCode("91230110MA1" + String.format("%06d", SERIAL.getAndIncrement()));
  }

  /** An institution as the district bureau would file it; change what a test needs. */
  public static class Institution {
    public String name = "香坊区康乐养老院";
    public String creditCode = creditCode();
    public String filingNo = "黑哈香民养备2024001号";
    public String operatingSince = LocalDate.now().minusYears(2).toString();
    public Integer beds = 120;
    public Integer newBeds = 40;
    public Integer occupiedBeds = 80;
    public Integer localResidents = 70;
    public Map<String, Integer> residentsByAbility = new LinkedHashMap<>(
        Map.of("INTACT", 30, "MILD", 20, "MODERATE", 15, "SEVERE", 10, "COMPLETE", 5));
    public Integer starRating = 2;
    public Boolean fireSafetyApproved = true;
    public Boolean siteRented = false;
    public Integer leaseYears = 0;
    public Boolean renovation = null;

    public NursingHomeApplicationRequest.Institution build() {
      return new NursingHomeApplicationRequest.Institution(name, creditCode, filingNo, operatingSince, beds, newBeds,
          occupiedBeds, localResidents, residentsByAbility, starRating, fireSafetyApproved, siteRented, leaseYears,
          renovation);
    }
  }

  public static NursingHomeApplicationRequest request(String policy, boolean green, Institution institution) {
    NursingHomeApplicationRequest.Loan loan = "INTEREST_SUBSIDY".equals(policy)
        ? new NursingHomeApplicationRequest.Loan(new BigDecimal("1500000"), new BigDecimal("0.35")) : null;
    return new NursingHomeApplicationRequest(XF, policy, green, institution.build(), loan);
  }

  public static NursingHomeApplicationRequest request(String policy, boolean green) {
    return request(policy, green, new Institution());
  }

  public CaseIntake.Submitted submit(NursingHomeApplicationRequest request, String user) {
    return applications.submit(request, staff(user));
  }

  public Task departmentTask(String processInstanceId, String department) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("departmentOpinion")
        .taskCandidateGroup(GROUPS.get(department)).includeAssignedTasks().singleResult();
  }

  public void review(String pid, String key, String user, String decision, String opinion) {
    complete(task(pid, key), user, decision(decision, opinion));
  }

  public void inspect(String pid, String decision, Object inspectedBeds, String opinion) {
    Map<String, Object> variables = decision(decision, opinion);
    if (inspectedBeds != null) {
      variables.put("inspectedOccupiedBeds", inspectedBeds);
    }
    complete(task(pid, "siteInspection"), "xf-approver", variables);
  }

  public void departmentOpinion(String pid, String department, String decision, String opinion) {
    complete(departmentTask(pid, department), REVIEWERS.get(department), decision(decision, opinion));
  }

  public void allDepartmentsApprove(String pid) {
    for (String department : List.of("fire", "market", "health")) {
      departmentOpinion(pid, department, "approve", null);
    }
  }

  private static Map<String, Object> decision(String decision, String opinion) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("decision", decision);
    if (opinion != null) {
      variables.put("opinion", opinion);
    }
    return variables;
  }
}
