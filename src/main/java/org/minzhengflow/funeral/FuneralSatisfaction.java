package org.minzhengflow.funeral;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly satisfaction call-back (Mudanjiang: 30 % of the month's finished cases, ≥ 98 % satisfied): a month
 * is sampled once (primary key of funeral_sampling), at the table's rate, each sampled family gets one
 * {@code funeralCallback} process for the hotline; the figures come from what the hotline recorded.
 */
@Service
public class FuneralSatisfaction {

  public static final String CALLBACK_PROCESS = "funeralCallback";

  private final JdbcClient jdbc;
  private final FuneralTables tables;
  private final RuntimeService runtime;
  private final Clock clock;
  private final Random random = new SecureRandom();

  public FuneralSatisfaction(JdbcClient jdbc, FuneralTables tables, RuntimeService runtime, Clock clock) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** The month before the current one: what the monthly timer samples. */
  public YearMonth lastMonth() {
    return YearMonth.now(clock).minusMonths(1);
  }

  /**
   * Samples a month's finished cases once: ceil(rate × finished) at random, a call-back task each. Returns the
   * number sampled (0 when the month was sampled before).
   */
  @Transactional
  public int sample(YearMonth month) {
    LocalDate first = month.atDay(1);
    if (jdbc.sql("select count(*) from funeral_sampling where sample_month = ?").param(Date.valueOf(first))
        .query(Integer.class).single() > 0) {
      return 0;
    }
    List<String> finished = new ArrayList<>(jdbc.sql("""
        select f.application_no from funeral_application f
        where f.finished_at >= ? and f.finished_at < ? order by f.application_no""")
        .params(start(first), start(first.plusMonths(1))).query(String.class).list());
    BigDecimal rate = tables.policy(first).callbackRate();
    int count = BigDecimal.valueOf(finished.size()).multiply(rate).setScale(0, RoundingMode.CEILING).intValue();
    Collections.shuffle(finished, random);
    List<String> sampled = finished.subList(0, Math.min(count, finished.size()));
    jdbc.sql("insert into funeral_sampling (sample_month, finished, sampled, sampled_at) values (?, ?, ?, ?)")
        .params(Date.valueOf(first), finished.size(), sampled.size(), Timestamp.from(clock.instant())).update();
    for (String applicationNo : sampled) {
      jdbc.sql("insert into funeral_callback (application_no, sample_month) values (?, ?)")
          .params(applicationNo, Date.valueOf(first)).update();
      String streetCode = jdbc.sql("select street_code from funeral_application where application_no = ?")
          .param(applicationNo).query(String.class).single();
      String pid = runtime.startProcessInstanceByKey(CALLBACK_PROCESS, applicationNo, Variables.createVariables()
          .putValue("applicationNo", applicationNo).putValue("streetCode", streetCode)).getId();
      jdbc.sql("update funeral_callback set process_instance_id = ? where application_no = ?")
          .params(pid, applicationNo).update();
    }
    return sampled.size();
  }

  /**
   * One try of the hotline: reached (and satisfied or not, with a comment) ends the call-back; the table's last
   * unreached try ends it as unreached. Returns whether the call-back is over.
   */
  public boolean recordTry(String applicationNo, boolean reached, Boolean satisfied, String comment) {
    int tries = jdbc.sql("select tries from funeral_callback where application_no = ?").param(applicationNo)
        .query(Integer.class).single() + 1;
    LocalDate month = jdbc.sql("select sample_month from funeral_callback where application_no = ?")
        .param(applicationNo).query(Date.class).single().toLocalDate();
    boolean over = reached || tries >= tables.policy(month).callbackTries();
    jdbc.sql("""
        update funeral_callback set tries = ?, reached = ?, satisfied = ?, comment = ?, finished_at = ?
        where application_no = ?""")
        .params(tries, over ? reached : null, reached ? satisfied : null, comment,
            over ? Timestamp.from(clock.instant()) : null, applicationNo)
        .update();
    return over;
  }

  /** finished, sampled, reached, satisfied, unreached, pending and the satisfaction rate (satisfied ÷ reached). */
  public Map<String, Object> figures(YearMonth month) {
    LocalDate first = month.atDay(1);
    int finished = jdbc.sql("select count(*) from funeral_application where finished_at >= ? and finished_at < ?")
        .params(start(first), start(first.plusMonths(1))).query(Integer.class).single();
    Map<String, Object> counts = jdbc.sql("""
        select count(*),
               coalesce(sum(case when reached = true then 1 else 0 end), 0),
               coalesce(sum(case when satisfied = true then 1 else 0 end), 0),
               coalesce(sum(case when reached = false then 1 else 0 end), 0),
               coalesce(sum(case when finished_at is null then 1 else 0 end), 0)
        from funeral_callback where sample_month = ?""")
        .param(Date.valueOf(first))
        .query((rs, i) -> Map.<String, Object>of("sampled", rs.getInt(1), "reached", rs.getInt(2),
            "satisfied", rs.getInt(3), "unreached", rs.getInt(4), "pending", rs.getInt(5)))
        .single();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("month", month.toString());
    body.put("finished", finished);
    body.put("sampled", counts.get("sampled"));
    body.put("reached", counts.get("reached"));
    body.put("satisfied", counts.get("satisfied"));
    body.put("unreached", counts.get("unreached"));
    body.put("pending", counts.get("pending"));
    int reached = (Integer) counts.get("reached");
    body.put("rate", reached == 0 ? null
        : BigDecimal.valueOf((Integer) counts.get("satisfied")).divide(BigDecimal.valueOf(reached), 4, RoundingMode.HALF_UP));
    return body;
  }

  private Timestamp start(LocalDate day) {
    return Timestamp.from(day.atStartOfDay(clock.getZone()).toInstant());
  }
}
