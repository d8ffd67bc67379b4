package org.minzhengflow.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes many cases out of a few real ones, in SQL. The template cases are driven through the product
 * first; every row they wrote — engine runtime and history, authorizations, byte arrays, and the
 * application's own tables — is found by the PostgreSQL transaction that wrote it ({@code xmin} within
 * the batch's transaction range), then inserted again {@code copies} times with new ids of the same length
 * (see {@link #newId}), the application number a new number from the product's counter (which
 * is moved on), every person a new valid ID number (region 230199), the application's generated keys new
 * values. So the copies are exactly the rows the product writes per case, in the same shape and size.
 * Open tasks of the copies get creation times spread back by a minute per copy and due dates by up to
 * 19 days, so the create-time order and the "due soon" filter see a realistic spread.
 */
final class RowCopier {

  /** A range of PostgreSQL transactions: the rows written by the template cases. */
  record Batch(long fromXid, long toXid) {}

  /** Engine columns holding ids of the rows being copied. */
  private static final Set<String> ENGINE_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_",
      "parent_id_", "super_exec_", "act_inst_id_", "parent_act_inst_id_", "call_proc_inst_id_", "task_id_",
      "parent_task_id_", "bytearray_id_", "var_scope_", "var_inst_id_", "job_id_", "exception_stack_id_",
      "job_exception_stack_id_", "process_instance_id_", "super_process_instance_id_", "dec_inst_id_",
      "root_dec_inst_id_", "resource_id_", "operation_id_", "cause_incident_id_", "root_cause_incident_id_",
      "configuration_", "execution_id", "history_configuration_");
  /** Engine tables never copied: configuration, definitions, identity, filters, metrics. */
  private static final Set<String> ENGINE_SKIPPED = Set.of("act_ge_property", "act_ge_schema_log", "act_ru_filter",
      "act_ru_meter_log", "act_ru_task_meter_log", "act_ru_jobdef", "act_ru_batch", "act_hi_batch");

  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private long personSerial;

  RowCopier(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    jdbc.execute("""
        create or replace function bench_id_number(f17 text) returns text language sql immutable as $$
          select f17 || substr('10X98765432', (sum(substr(f17, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
          from generate_series(1, 17) i
        $$""");
  }

  /** The current transaction id; rows written after this call have an {@code xmin} at or above it. */
  long mark() {
    return jdbc.queryForObject("select txid_current() % 4294967296", Long.class);
  }

  /** How many rows per table the batch holds (for the report). */
  Map<String, Long> rowsPerTable(Batch batch) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : tables()) {
      long n = jdbc.queryForObject("select count(*) from " + table + " x where " + inBatch(batch), Long.class);
      if (n > 0) {
        rows.put(table, n);
      }
    }
    return rows;
  }

  /** Inserts the batch's rows {@code copies} more times; returns the number of rows inserted. */
  long copy(Batch batch, int copies) {
    return copy(batch, copies, false);
  }

  /**
   * As {@link #copy(Batch, int)}; with {@code applicationOnly} only the application's tables (the case, its
   * household, benefit, readers, history …), not the engine's: for finished cases whose engine rows are history only.
   */
  long copy(Batch batch, int copies, boolean applicationOnly) {
    if (copies <= 0) {
      return 0;
    }
    long inserted = 0;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      // the copies reference each other in every direction; foreign keys are checked by the product's own rows
      s.execute("set session_replication_role = replica");
      s.execute("drop table if exists bench_nmap, bench_pmap");
      s.execute("create temp table bench_nmap as select t.application_no as old, g.n, "
          + "substr(t.application_no, 1, 6) || lpad((coalesce((select max(last_value) from application_counter where prefix = 'DB'), 0) "
          + "  + row_number() over (order by t.application_no, g.n))::text, 6, '0') as new "
          + "from app_case t cross join generate_series(1, " + copies + ") g(n) where " + inBatch(batch, "t"));
      s.execute("create index on bench_nmap (old, n)");
      s.execute("create temp table bench_pmap as select p.old, g.n, bench_id_number('230199' "
          + "|| to_char(date '1940-01-01' + ((" + personSerial + " + row_number() over (order by p.old, g.n)) / 500)::int, 'YYYYMMDD') "
          + "|| lpad(((((" + personSerial + " + row_number() over (order by p.old, g.n)) % 500) * 2) + substr(p.old, 17, 1)::int % 2)::text, 3, '0')) as new "
          + "from (select distinct id_number as old from case_person x where " + inBatch(batch) + ") p "
          + "cross join generate_series(1, " + copies + ") g(n)");
      s.execute("create index on bench_pmap (old, n)");
      s.execute("analyze bench_nmap");
      s.execute("analyze bench_pmap");
      personSerial += jdbc.queryForObject("select count(*) from case_person x where " + inBatch(batch), Long.class) * copies;
      for (String table : tables()) {
        if (applicationOnly && table.startsWith("act_")) {
          continue;
        }
        inserted += s.executeUpdate(insert(table, batch, copies));
      }
      s.execute("update application_counter set last_value = last_value + (select count(*) from bench_nmap) "
          + "where prefix = 'DB' and counter_year = (select max(substr(old, 3, 4)::int) from bench_nmap)");
      s.execute("drop table bench_nmap, bench_pmap");
      s.execute("set session_replication_role = origin");
    } catch (SQLException e) {
      throw new IllegalStateException("copying rows failed", e);
    }
    return inserted;
  }

  /** Fresh statistics after a bulk load, as autovacuum would give them a little later. */
  void analyze() {
    jdbc.execute("vacuum analyze");
  }

  private String insert(String table, Batch batch, int copies) {
    boolean engine = table.startsWith("act_");
    List<String> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    jdbc.query("select column_name, is_identity, coalesce(column_default, '') from information_schema.columns "
        + "where table_schema = current_schema() and table_name = ? order by ordinal_position", rs -> {
          String column = rs.getString(1);
          if ("YES".equals(rs.getString(2)) || rs.getString(3).startsWith("nextval")) {
            return; // generated key: the copy gets its own
          }
          columns.add(column);
          values.add(value(table, column, engine));
        }, table);
    return "insert into " + table + " (" + String.join(", ", columns) + ") select " + String.join(", ", values)
        + " from " + table + " x cross join generate_series(1, " + copies + ") g(n) where " + inBatch(batch);
  }

  private static String value(String table, String column, boolean engine) {
    String number = "(select m.new from bench_nmap m where m.old = x.%s and m.n = g.n)";
    String person = "(select p.new from bench_pmap p where p.old = x.%s and p.n = g.n)";
    if (engine) {
      if (ENGINE_IDS.contains(column)) {
        return newId("x." + column);
      }
      if (column.equals("business_key_")) {
        return "coalesce(" + number.formatted(column) + ", x." + column + ")";
      }
      if (column.equals("text_") && Set.of("act_ru_variable", "act_hi_varinst", "act_hi_detail").contains(table)) {
        return "case when x.name_ = 'applicationNo' then coalesce(" + number.formatted(column) + ", x.text_) else x.text_ end";
      }
      if (table.equals("act_ru_task") && column.equals("create_time_")) {
        return "x.create_time_ - g.n * interval '1 minute'";
      }
      if (table.equals("act_ru_task") && column.equals("due_date_")) {
        return "x.due_date_ - (g.n % 20) * interval '1 day'";
      }
      return "x." + column;
    }
    return switch (column) {
      case "application_no" -> number.formatted(column);
      case "process_instance_id", "task_id" -> newId("x." + column);
      case "id_number", "applicant_id_number" -> "coalesce(" + person.formatted(column) + ", x." + column + ")";
      default -> "x." + column;
    };
  }

  /**
   * The copy's id, as long as the template's: the engine's ids end with the node part of a time-based UUID,
   * the same 12 hex digits in every id of this engine; the copy number takes its place (prefixed {@code c},
   * so it never equals an id the engine generates). Other values get a suffix.
   */
  private static String newId(String column) {
    return "case when %1$s ~ '-[0-9a-f]{12}$' then left(%1$s, -12) || 'c' || lpad(to_hex(g.n), 11, '0') else %1$s || '-' || g.n end"
        .formatted(column);
  }

  private static String inBatch(Batch batch) {
    return inBatch(batch, "x");
  }

  private static String inBatch(Batch batch, String alias) {
    return alias + ".xmin::text::bigint >= " + batch.fromXid() + " and " + alias + ".xmin::text::bigint < " + batch.toXid();
  }

  /** Engine tables first (byte arrays, executions, tasks …), then the case row, then every table of a case. */
  private List<String> tables() {
    List<String> engine = jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema() "
        + "and table_type = 'BASE TABLE' and table_name like 'act\\_%' order by table_name", String.class);
    engine.removeIf(t -> ENGINE_SKIPPED.contains(t) || t.startsWith("act_re_") || t.startsWith("act_id_"));
    List<String> application = jdbc.queryForList("select c.table_name from information_schema.columns c join information_schema.tables t "
        + "on t.table_schema = c.table_schema and t.table_name = c.table_name where c.table_schema = current_schema() "
        + "and t.table_type = 'BASE TABLE' and c.column_name = 'application_no' and c.table_name not like 'bench\\_%' "
        + "order by case c.table_name when 'app_case' then 0 else 1 end, c.table_name", String.class);
    List<String> all = new ArrayList<>(engine);
    all.addAll(application);
    return all;
  }
}
