package org.minzhengflow.payment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recoveries (追缴): money paid, or on its way to the bank, for a month at or after the end of a monthly benefit —
 * a death reported late moves the end month before months already paid. Nothing needs to remember to create them:
 * they are found by comparing the lines with the registry whenever a district's recoveries are listed or a run is
 * made, and stored once per case and month (the unique key), so a recovery found twice is listed once.
 */
@Service
public class PaymentRecoveries {

  public record Recovery(String applicationNo, List<YearMonth> months, BigDecimal amount) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  public PaymentRecoveries(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** Stores the recoveries of a district not stored yet. Returns how many months were added. */
  public int find(String districtCode) {
    for (int attempt = 0; ; attempt++) {
      try {
        return tx.execute(status -> jdbc.sql("""
            insert into payment_recovery (application_no, benefit, for_month, amount, found_at)
            select l.application_no, l.benefit, l.for_month, sum(l.amount), :now
            from payment_line l
            join benefit_record b on b.application_no = l.application_no
            join app_case c on c.application_no = l.application_no
            where c.district_code = :district and not b.one_off and b.end_month is not null
              and l.for_month >= b.end_month and l.status in ('PAID', 'PENDING') and l.amount > 0
              and not exists (select 1 from payment_recovery r
                              where r.application_no = l.application_no and r.for_month = l.for_month)
            group by l.application_no, l.benefit, l.for_month""")
            .param("now", Timestamp.from(clock.instant())).param("district", districtCode).update());
      } catch (DuplicateKeyException raced) {
        // another request stored the same months a moment ago; once more finds only what is left
        if (attempt > 2) {
          throw raced;
        }
      }
    }
  }

  /** The district's recoveries, found first, per case: the months (in order) and what they add up to. */
  public List<Recovery> of(String districtCode) {
    find(districtCode);
    Map<String, List<YearMonth>> months = new LinkedHashMap<>();
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    jdbc.sql("""
        select r.application_no, r.for_month, r.amount from payment_recovery r
        join app_case c on c.application_no = r.application_no
        where c.district_code = ? order by r.application_no, r.for_month""")
        .param(districtCode)
        .query(rs -> {
          String no = rs.getString(1);
          months.computeIfAbsent(no, k -> new ArrayList<>()).add(YearMonth.from(rs.getDate(2).toLocalDate()));
          amounts.merge(no, rs.getBigDecimal(3), BigDecimal::add);
        });
    List<Recovery> list = new ArrayList<>();
    months.forEach((no, m) -> list.add(new Recovery(no, m, amounts.get(no))));
    return list;
  }
}
