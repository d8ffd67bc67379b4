package org.minzhengflow.organization;

import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, every query's authorization check probes the authorization indexes per row instead of testing
 * each row against every grant of the user's groups.
 *
 * <p>The engine joins each query with a sub-select of all authorization rows of the user and their groups on the
 * resource types of the check, and tests the ids in the join condition ({@code RESOURCE_ID_ in (RES.ID_, D.KEY_,
 * '*')}). A district bureau's group holds a read grant on every case of its district; PostgreSQL materialises them
 * and tests each row of the query against each grant (docs/benchmarks.md: 118,680 pairs for 345 tasks at 20,000
 * open tasks, growing with the square of the district's cases). Camunda picks that sub-select per database by a
 * suffix ({@code authCheckMethodSuffix}, "_mssql" for SQL Server); this plugin sets a suffix of its own for PostgreSQL
 * and adds the fragment ({@code mybatis/authorization-check-per-row.xml}) whose sub-select also names the ids of
 * each check, as a lateral sub-select that PostgreSQL runs per row: a few index probes each. Same rows as the engine's
 * form: the sub-select only adds id conditions that the join condition tests anyway.
 */
@Component
public class AuthorizationCheckPerRowPlugin extends AbstractProcessEnginePlugin {

  static final String SUFFIX = "_perRow";
  private static final String FRAGMENTS = "mybatis/authorization-check-per-row.xml";
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // read when the engine parses its SQL mappings (after preInit): statements that include the fragment wait for
    // it as MyBatis' incomplete statements until postInit adds it
    DbSqlSessionFactory.databaseSpecificAuthCheckMethodSuffix.put(DbSqlSessionFactory.POSTGRES, SUFFIX);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // The map is static: Cockpit builds a MyBatis configuration of its own later (its plugins' queries, on the first
    // Cockpit request) from the same map, without this fragment — it keeps the engine's form (docs/benchmarks.md).
    DbSqlSessionFactory.databaseSpecificAuthCheckMethodSuffix.remove(DbSqlSessionFactory.POSTGRES);
    EngineMappings.add(configuration, FRAGMENTS, mybatis -> mybatis.getSqlFragments().containsKey(
        "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.authCheckJoinWithoutOnClauseWithBinding" + SUFFIX));
  }

  /**
   * Whether the check can go per row: alternatives (any one grant suffices), each naming the query's column of its
   * resource id. Called from the fragment; the column is spliced into the SQL, so only a plain {@code ALIAS.COLUMN_}
   * is taken.
   */
  public static boolean perRow(List<PermissionCheck> atomicChecks, Boolean disjunctive) {
    return Boolean.TRUE.equals(disjunctive) && atomicChecks != null && !atomicChecks.isEmpty()
        && atomicChecks.stream().allMatch(c -> c.getResourceIdQueryParam() != null
            && COLUMN.matcher(c.getResourceIdQueryParam()).matches());
  }
}
