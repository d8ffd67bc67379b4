package org.minzhengflow.casework;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people a case concerns, whatever the process: used by the close-relative rules. */
@Repository
public class CasePeople {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public CasePeople(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** The people (ID number, name) of a new case, in one batch rather than a statement each. */
  public void add(String applicationNo, List<Map.Entry<String, String>> people) {
    batch.batchUpdate("insert into case_person (application_no, id_number, name) values (?, ?, ?)",
        people.stream().map(p -> new Object[] {applicationNo, p.getKey(), p.getValue()}).toList());
  }

  public List<String> idNumbers(String applicationNo) {
    return jdbc.sql("select id_number from case_person where application_no = ?")
        .param(applicationNo).query(String.class).list();
  }

  /**
   * Is this member of staff a registered close relative (近亲属备案, {@code staff_relative}) of anyone the case concerns?
   * One statement: asked on every claim, completion and hand-over of a task.
   */
  public boolean staffIsRelative(String staffUserId, String applicationNo) {
    return jdbc.sql("""
        select count(*) from case_person p join staff_relative r on r.id_number = p.id_number
        where p.application_no = ? and r.staff_user_id = ?""")
        .params(applicationNo, staffUserId).query(Integer.class).single() > 0;
  }
}
