package org.minzhengflow.verification;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** 近亲属备案: which people are close relatives of which member of staff. */
@Repository
public class StaffRelatives {

  public record Entry(String idNumber, String staffUserId, String relation) {}

  private final JdbcClient jdbc;

  public StaffRelatives(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers or updates entries; registering the same pair twice keeps one row. */
  public void register(List<Entry> entries) {
    for (Entry e : entries) {
      int updated = jdbc.sql("update staff_relative set relation = ? where id_number = ? and staff_user_id = ?")
          .params(e.relation(), e.idNumber(), e.staffUserId()).update();
      if (updated == 0) {
        jdbc.sql("insert into staff_relative (id_number, staff_user_id, relation) values (?, ?, ?)")
            .params(e.idNumber(), e.staffUserId(), e.relation()).update();
      }
    }
  }

  /** Entries for any of the given people. */
  public List<Entry> among(Collection<String> idNumbers) {
    if (idNumbers.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id_number, staff_user_id, relation from staff_relative where id_number in (:ids)")
        .param("ids", idNumbers)
        .query((rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }
}
