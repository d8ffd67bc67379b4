package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.Test;

/** Which task queries take the group-first page, and how long a group's count is trusted for that choice. */
class CandidateGroupPagePluginTest {

  @Test
  void candidateGroupQueriesOrderedByTheTasksOwnColumnsFit() {
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupIn(List.of("a", "b"))
        .taskUnassigned().orderByTaskCreateTime().desc())).isTrue();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a")
        .includeAssignedTasks().dueBefore(new java.util.Date()).orderByDueDate().asc().orderByTaskId().asc())).isTrue();
  }

  @Test
  void whatTheFencedFormWouldNotReproduceExactlyDoesNotFit() {
    assertThat(CandidateGroupPagePlugin.fits(new TaskQueryImpl())).as("no group").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskAssignee("u"))).as("assignee").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a").taskInvolvedUser("u")))
        .as("involved user").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().or().taskCandidateGroup("a")
        .taskAssignee("u").endOr())).as("or").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupLike("street-%")))
        .as("group pattern").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a")
        .orderByProcessVariable("applicantName", ValueType.STRING).asc())).as("ordered by a variable").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a")
        .orderByTaskNameCaseInsensitive().asc())).as("ordered by the lower-cased name").isFalse();
    assertThat(CandidateGroupPagePlugin.fits((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a")
        .taskNameLike("%调查%").orderByTaskName().asc())).as("the name itself").isTrue();
  }

  @Test
  void aGroupIsCountedOnceWithinTheAgeAndAgainAfterIt() {
    AtomicLong now = new AtomicLong(1_000);
    CandidateGroupPagePlugin.GroupSizes sizes = new CandidateGroupPagePlugin.GroupSizes(60, now::get);
    List<List<String>> asked = new ArrayList<>();
    java.util.function.Function<List<String>, Map<String, Long>> count = groups -> {
      asked.add(groups);
      return Map.of("a", 300L, "b", 4_800L);
    };
    assertThat(sizes.tasksOf(List.of("a", "b", "c"), count)).isEqualTo(5_100);
    assertThat(asked).containsExactly(List.of("a", "b", "c"));

    now.addAndGet(60);
    assertThat(sizes.tasksOf(List.of("a", "a"), count)).as("within the age, counted once").isEqualTo(300);
    assertThat(asked).hasSize(1);

    now.addAndGet(1);
    assertThat(sizes.tasksOf(List.of("a", "d"), count)).as("a again, and d never counted").isEqualTo(300);
    assertThat(asked).containsExactly(List.of("a", "b", "c"), List.of("a", "d"));
    assertThat(sizes.tasksOf(List.of("b"), count)).as("b as old as a: counted again").isEqualTo(4_800);
    assertThat(asked).containsExactly(List.of("a", "b", "c"), List.of("a", "d"), List.of("b"));
  }

  @Test
  void aQueryByDueDateTakesTheGroupFirstFormUpToItsOwnLimit() {
    CandidateGroupPagePlugin.Limits limits = new CandidateGroupPagePlugin.Limits(1_000, 5_000);
    assertThat(limits.of((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a").taskUnassigned())).isEqualTo(1_000);
    assertThat(limits.of((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a").includeAssignedTasks()
        .dueBefore(new java.util.Date()))).as("即将超期").isEqualTo(5_000);
    assertThat(limits.of((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a").dueAfter(new java.util.Date())))
        .isEqualTo(5_000);
    assertThat(limits.of((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("a").followUpBefore(new java.util.Date())))
        .as("a follow-up date is no due date").isEqualTo(1_000);
  }
}
