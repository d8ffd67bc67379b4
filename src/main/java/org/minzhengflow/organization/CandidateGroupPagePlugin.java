package org.minzhengflow.organization;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a page of a candidate-group task query — every Tasklist filter of a role (本街道待认领,
 * 本单位待认领, 即将超期, 本辖区全部任务) — is computed from the groups' own tasks when the groups have few.
 *
 * <p>The engine's first page "tasks of these groups, newest first, 15" lets PostgreSQL walk the open tasks backwards
 * by creation time and test each for the groups' identity link until it has 15. The planner takes that walk for
 * cheap because it expects the group's tasks to be spread evenly over time; a street whose open tasks are older than
 * the city's newest — a backlog, the normal state of a street — has the walk read every newer task of every other
 * street first: at 20,000 open tasks 3,866 tasks and their links for one page of 本街道待认领 (24 ms, docs/benchmarks.md
 * change 35), at 100,000 up to all of them. A group with few tasks is cheaper the other way round: its links from
 * their index, those tasks, then the page. This manager runs that form ({@code mybatis/candidate-group-page.xml}: the
 * engine's own query, fenced, ordered and paged outside) when the query's groups are candidates of at most
 * {@code app.tasklist.group-first-max-tasks} tasks (1,000; {@code app.tasklist.group-first-max-tasks-by-due}, 5,000, for
 * a query by due date), and the engine's form otherwise: a group of many tasks
 * finds its page quickly on the walk when its tasks are spread over time (at 100,000 open tasks a district's 1,725
 * took 18.7 ms this way, 5–9 ms on the walk; the break-even for a page of 15 is about √(15 · open tasks)). Same rows, same order, same page either way; the counts only choose the plan, so they
 * may be a little old ({@code app.tasklist.group-counts-seconds}).
 *
 * <p>Only for what the fenced form reproduces exactly: one query (no {@code or}), candidate groups only (no candidate
 * user, no group pattern, no involved user), ordered by the task's own columns.
 */
@Component
public class CandidateGroupPagePlugin extends AbstractProcessEnginePlugin {

  static final String PAGE = "selectTaskByQueryCriteria_groupFirst";
  static final String GROUP_COUNTS = "selectCandidateTaskCountsOfGroups";
  private static final String MAPPINGS = "mybatis/candidate-group-page.xml";

  private final GroupSizes sizes;
  private final Limits limits;

  @Autowired
  public CandidateGroupPagePlugin(@Value("${app.tasklist.group-first-max-tasks:1000}") long maxTasks,
      @Value("${app.tasklist.group-first-max-tasks-by-due:5000}") long maxTasksByDue,
      @Value("${app.tasklist.group-counts-seconds:60}") long countsSeconds) {
    this(new Limits(maxTasks, maxTasksByDue), new GroupSizes(countsSeconds * 1_000_000_000L, System::nanoTime));
  }

  CandidateGroupPagePlugin(Limits limits, GroupSizes sizes) {
    this.limits = limits;
    this.sizes = sizes;
  }

  /**
   * Up to how many tasks of its groups a query takes the group-first form: more when it asks for a due date (即将超期),
   * since the walk then passes every task of the groups that is not due as well — at 100,000 open tasks a district's
   * 即将超期 (529 of its 1,725 tasks) took 30.2 ms on the walk and 18.7 ms the group's way, its 本单位待认领 5–9 ms on the
   * walk and 18.7 ms the group's way (docs/benchmarks.md change 35).
   */
  record Limits(long maxTasks, long maxTasksByDue) {
    long of(TaskQueryImpl query) {
      boolean byDue = query.getDueBefore() != null || query.getDueAfter() != null || query.getDueDate() != null;
      return byDue ? maxTasksByDue : maxTasks;
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the database type is known only once init has asked the data source; the manager asks on each query
    EngineManagers.replace(configuration, TaskManager.class, () -> new GroupFirstTaskManager(sizes, limits));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
      return;
    }
    EngineMappings.add(configuration, MAPPINGS,
        mybatis -> mybatis.hasStatement("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity." + PAGE, false));
  }

  /** Whether the fenced form gives exactly the engine's page for this query. */
  static boolean fits(TaskQueryImpl query) {
    if (query.getQueries().size() != 1 || query.getCandidateUser() != null || query.getCandidateGroupLike() != null
        || query.getInvolvedUser() != null || query.isWithCandidateUsers() || query.isTaskNameCaseInsensitive()) {
      return false;
    }
    List<String> groups = query.getCandidateGroups();
    if (groups == null || groups.isEmpty()) {
      return false;
    }
    for (QueryOrderingProperty ordering : query.getOrderingProperties()) {
      if (!ordering.isContainedProperty()) {
        return false;
      }
    }
    return true;
  }

  /** The engine's task manager, with the page of a small group's tasks computed from that group. */
  static class GroupFirstTaskManager extends TaskManager {
    private final GroupSizes sizes;
    private final Limits limits;

    GroupFirstTaskManager(GroupSizes sizes, Limits limits) {
      this.sizes = sizes;
      this.limits = limits;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Task> findTasksByQueryCriteria(TaskQueryImpl query) {
      if (!DbSqlSessionFactory.POSTGRES.equals(getDbSqlSession().getDbSqlSessionFactory().getDatabaseType())
          || !fits(query)) {
        return super.findTasksByQueryCriteria(query);
      }
      List<String> groups = query.getCandidateGroups();
      long tasks = sizes.tasksOf(groups, missing -> {
        Map<String, Long> counted = new java.util.HashMap<>();
        for (Object row : getDbEntityManager().selectList(GROUP_COUNTS, missing)) {
          Map<String, Object> r = (Map<String, Object>) row;
          counted.put((String) r.get("group"), ((Number) r.get("tasks")).longValue());
        }
        return counted;
      });
      if (tasks > limits.of(query)) {
        return super.findTasksByQueryCriteria(query);
      }
      configureQuery(query);
      return getDbEntityManager().selectList(PAGE, query);
    }
  }

  /**
   * How many tasks each group is a candidate of, as last counted, for at most {@code maxAgeNanos}; shared by the
   * engine's commands. Only the choice of plan reads it.
   */
  static final class GroupSizes {
    private record Count(long tasks, long countedAt) {}

    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final long maxAgeNanos;
    private final LongSupplier clock;

    GroupSizes(long maxAgeNanos, LongSupplier clock) {
      this.maxAgeNanos = maxAgeNanos;
      this.clock = clock;
    }

    /** The groups' tasks together; counts the groups not counted lately with {@code count} (absent: none). */
    long tasksOf(List<String> groups, java.util.function.Function<List<String>, Map<String, Long>> count) {
      long now = clock.getAsLong();
      List<String> distinct = groups.stream().distinct().toList();
      List<String> stale = distinct.stream().filter(g -> {
        Count c = counts.get(g);
        return c == null || now - c.countedAt() > maxAgeNanos;
      }).toList();
      if (!stale.isEmpty()) {
        Map<String, Long> counted = count.apply(stale);
        for (String group : stale) {
          counts.put(group, new Count(counted.getOrDefault(group, 0L), now));
        }
        if (counts.size() > 100_000) {
          // groups come from the organisation, so this does not happen; a bound all the same
          counts.clear();
        }
      }
      long total = 0;
      for (String group : distinct) {
        Count c = counts.get(group);
        total += c == null ? 0 : c.tasks();
      }
      return total;
    }
  }
}
