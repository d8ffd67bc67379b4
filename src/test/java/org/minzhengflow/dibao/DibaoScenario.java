package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.minzhengflow.casework.CaseIntake;
import org.minzhengflow.identification.TestIds;
import org.minzhengflow.support.CaseDriver;

/** Builds dibao applications and drives cases the way staff and the job executor would. */
public class DibaoScenario extends CaseDriver {

  private final DibaoApplications applications;
  /** Shared by all scenarios of a test run: the database outlives one test. */
  private static final java.util.concurrent.atomic.AtomicInteger SERIAL = new java.util.concurrent.atomic.AtomicInteger(100);

  public DibaoScenario(DibaoApplications applications, TaskService tasks, ManagementService management,
      IdentityService identity) {
    super(tasks, management, identity);
    this.applications = applications;
  }

  /** A fresh valid ID number (unique within this scenario run). */
  public String id(LocalDate birth, boolean male) {
    return TestIds.idNumber("230110", birth, SERIAL.getAndAdd(2) % 998 + 1, male);
  }

  public DibaoApplicationRequest.Member member(String name, String id, String relation, int income, String capacity) {
    return new DibaoApplicationRequest.Member(name, id, relation, BigDecimal.valueOf(income), capacity, null, false);
  }

  public DibaoApplicationRequest request(String street, String area, List<DibaoApplicationRequest.Member> members) {
    return new DibaoApplicationRequest(street, area, members.get(0).idNumber(), "13800000000", members,
        new DibaoApplicationRequest.Assets(BigDecimal.valueOf(1000), 0, 1, 0, false));
  }

  /** Three people, 500 yuan a month together: a 低保 household on the 732 yuan standard. */
  public DibaoApplicationRequest poorFamily(String street) {
    List<DibaoApplicationRequest.Member> members = new ArrayList<>();
    members.add(member("张三", id(LocalDate.of(1980, 1, 1), true), "SELF", 300, "FULL"));
    members.add(member("李四", id(LocalDate.of(1982, 2, 2), false), "SPOUSE", 200, "FULL"));
    members.add(member("张小", id(LocalDate.of(2015, 3, 3), true), "CHILD", 0, "FULL"));
    return request(street, "URBAN", members);
  }

  public CaseIntake.Submitted submit(DibaoApplicationRequest request, String user) {
    return applications.submit(request, staff(user));
  }

  public void investigate(String pid, String user, String second) {
    complete(pid, "householdInvestigation", user, Map.of("secondInvestigator", second, "findings", "家中无贵重物品,情况属实"));
  }

  public void review(String pid, String key, String user, String decision, String opinion) {
    complete(pid, key, user, opinion == null ? Map.of("decision", decision) : Map.of("decision", decision, "opinion", opinion));
  }
}
