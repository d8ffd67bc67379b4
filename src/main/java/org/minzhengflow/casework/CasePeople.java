package org.minzhengflow.casework;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people a case concerns, whatever the process: used by the close-relative rules. */
@Repository
public class CasePeople {

  private final JdbcClient jdbc;

  public CasePeople(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(String applicationNo, String idNumber, String name) {
    jdbc.sql("insert into case_person (application_no, id_number, name) values (?, ?, ?)")
        .params(applicationNo, idNumber, name).update();
  }

  public List<String> idNumbers(String applicationNo) {
    return jdbc.sql("select id_number from case_person where application_no = ?")
        .param(applicationNo).query(String.class).list();
  }
}
