package org.minzhengflow.verification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The local registry of verification records. */
@Repository
public class VerificationRegistry {

  private final JdbcClient jdbc;
  private final Clock clock;

  public VerificationRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void add(List<VerificationRecord> records) {
    Timestamp now = Timestamp.from(clock.instant());
    for (VerificationRecord r : records) {
      jdbc.sql("insert into verification_record (id_number, kind, amount, note, created_at) values (?, ?, ?, ?, ?)")
          .params(r.idNumber(), r.kind().name(), r.amount(), r.note(), now).update();
    }
  }

  public List<VerificationRecord> find(Collection<String> idNumbers) {
    if (idNumbers.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id_number, kind, amount, note from verification_record where id_number in (:ids) order by id")
        .param("ids", idNumbers)
        .query((rs, i) -> new VerificationRecord(rs.getString(1), VerificationRecord.Kind.valueOf(rs.getString(2)),
            rs.getBigDecimal(3), rs.getString(4)))
        .list();
  }
}
