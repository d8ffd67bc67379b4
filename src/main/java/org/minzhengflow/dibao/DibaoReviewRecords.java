package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of the 低保 re-reviews ({@code dibao_review}, V12): what started a review, what it found and decided;
 * the updated incomes of its home visit; the members who left a household; and the queue of reviews requested but
 * not started yet. "At most one open review per benefit" is the unique {@code open_application_no}.
 */
@Repository
public class DibaoReviewRecords {

  public static final Set<String> TRIGGERS = Set.of("DUE", "CAMPAIGN", "DEATH", "HUKOU_MOVED_OUT");

  public record Review(String reviewNo, String applicationNo, boolean open, String trigger, String reason,
      String benefit, BigDecimal amountBefore, Boolean findings, BigDecimal standard, BigDecimal perCapitaIncome,
      BigDecimal householdIncome, BigDecimal incomeRatio, String proposedOutcome, BigDecimal proposedAmount,
      String outcome, BigDecimal monthlyAmount, LocalDate lastMonth, Instant startedAt, Instant decidedAt) {}

  /** A review requested (campaign, due date) and waiting to be started by the batch job. */
  public record Request(String applicationNo, String trigger, String reason, String requestedBy) {}

  /** An updated figure of the review's home visit and what verification found for the member. */
  public record Income(BigDecimal monthlyIncome, BigDecimal verifiedIncome) {}

  private final JdbcClient jdbc;

  public DibaoReviewRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String reviewNo, String applicationNo, String trigger, String reason, String by, Instant at,
      String benefit, BigDecimal amountBefore) {
    jdbc.sql("""
        insert into dibao_review (review_no, application_no, open_application_no, review_trigger, reason, started_by,
                                  started_at, benefit, amount_before)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(reviewNo, applicationNo, applicationNo, trigger, truncate(reason, 500), by, Timestamp.from(at), benefit,
            amountBefore)
        .update();
  }

  /** The open review of a household's benefit, if any. */
  public Optional<String> openReviewOf(String applicationNo) {
    return jdbc.sql("select review_no from dibao_review where open_application_no = ?").param(applicationNo)
        .query(String.class).optional();
  }

  public Optional<Review> find(String reviewNo) {
    return jdbc.sql(SELECT + " where review_no = ?").param(reviewNo).query(DibaoReviewRecords::map).optional();
  }

  public Review get(String reviewNo) {
    return find(reviewNo).orElseThrow(() -> new IllegalStateException("no dibao review " + reviewNo));
  }

  /** Every review of a household's case, oldest first. */
  public List<Review> ofApplication(String applicationNo) {
    return jdbc.sql(SELECT + " where application_no = ? order by started_at, review_no").param(applicationNo)
        .query(DibaoReviewRecords::map).list();
  }

  public void setFindings(String reviewNo, boolean findings) {
    jdbc.sql("update dibao_review set findings = ? where review_no = ?").params(findings, reviewNo).update();
  }

  /** What verification found per member (null: nothing on record); replaces an earlier run's figures. */
  public void setVerifiedIncomes(String reviewNo, Map<String, BigDecimal> verifiedById, List<String> idNumbers) {
    for (String id : idNumbers) {
      BigDecimal verified = verifiedById.get(id);
      if (jdbc.sql("update dibao_review_income set verified_income = ? where review_no = ? and id_number = ?")
          .params(verified, reviewNo, id).update() == 0) {
        jdbc.sql("insert into dibao_review_income (review_no, id_number, verified_income) values (?, ?, ?)")
            .params(reviewNo, id, verified).update();
      }
    }
  }

  /** The monthly incomes the home visit found, per member (assignments: a repeated visit replaces them). */
  public void setIncomes(String reviewNo, Map<String, BigDecimal> incomeById) {
    incomeById.forEach((id, income) -> {
      if (jdbc.sql("update dibao_review_income set monthly_income = ? where review_no = ? and id_number = ?")
          .params(income, reviewNo, id).update() == 0) {
        jdbc.sql("insert into dibao_review_income (review_no, id_number, monthly_income) values (?, ?, ?)")
            .params(reviewNo, id, income).update();
      }
    });
  }

  public Map<String, Income> incomes(String reviewNo) {
    Map<String, Income> incomes = new LinkedHashMap<>();
    jdbc.sql("select id_number, monthly_income, verified_income from dibao_review_income where review_no = ? order by id_number")
        .param(reviewNo)
        .query((rs, i) -> incomes.put(rs.getString(1), new Income(rs.getBigDecimal(2), rs.getBigDecimal(3)))).list();
    return incomes;
  }

  public void setAssessment(String reviewNo, BigDecimal standard, BigDecimal perCapitaIncome, BigDecimal householdIncome,
      BigDecimal incomeRatio, String proposedOutcome, BigDecimal proposedAmount) {
    jdbc.sql("""
        update dibao_review set standard = ?, per_capita_income = ?, household_income = ?, income_ratio = ?,
               proposed_outcome = ?, proposed_amount = ?
        where review_no = ?""")
        .params(standard, perCapitaIncome, householdIncome, incomeRatio, proposedOutcome, proposedAmount, reviewNo)
        .update();
  }

  /** The outcome: the review is no longer open, so the benefit may be reviewed again. */
  public void decide(String reviewNo, String outcome, BigDecimal monthlyAmount, LocalDate lastMonth, Instant at) {
    jdbc.sql("""
        update dibao_review set outcome = ?, monthly_amount = ?, last_month = ?, decided_at = ?, open_application_no = null
        where review_no = ?""")
        .params(outcome, monthlyAmount, lastMonth == null ? null : Date.valueOf(lastMonth), Timestamp.from(at), reviewNo)
        .update();
  }

  /** Stores the spot-check draw once; later calls keep the first draw (idempotent retries). */
  public boolean sampleOnce(String reviewNo, boolean sampled) {
    jdbc.sql("update dibao_review set spot_checked = ? where review_no = ? and spot_checked is null")
        .params(sampled, reviewNo).update();
    return jdbc.sql("select spot_checked from dibao_review where review_no = ?").param(reviewNo)
        .query(Boolean.class).single();
  }

  // ------------------------------------------------------------------ members who left the household

  /** Records that a member left (died, moved the 户籍 away); false when it was recorded before. */
  public boolean memberLeft(String applicationNo, String idNumber, String type, LocalDate date, String by, Instant at) {
    boolean known = jdbc.sql("select count(*) from dibao_member_left where application_no = ? and id_number = ?")
        .params(applicationNo, idNumber).query(Integer.class).single() > 0;
    if (known) {
      return false;
    }
    jdbc.sql("""
        insert into dibao_member_left (application_no, id_number, event_type, event_date, recorded_by, recorded_at)
        values (?, ?, ?, ?, ?, ?)""")
        .params(applicationNo, idNumber, type, Date.valueOf(date), by, Timestamp.from(at)).update();
    return true;
  }

  public Set<String> membersLeft(String applicationNo) {
    return Set.copyOf(jdbc.sql("select id_number from dibao_member_left where application_no = ?")
        .param(applicationNo).query(String.class).list());
  }

  // ------------------------------------------------------------------ the queue of requested reviews

  /**
   * Requests a re-review of every ACTIVE 低保 / 定期定量救助 benefit of a street or a district (exactly one of the
   * two) in one statement, skipping benefits with an open or an already requested review. Returns how many.
   */
  // "not in" over the queue, not "not exists": the queue is read once (a hashed or materialized subplan). With
  // "not exists" and the statistics of an empty queue, PostgreSQL chose a nested-loop anti join that scanned the
  // queue again for every row inserted, reading the statement's own new (invisible) rows: 94 s for 100,000 benefits
  // (docs/benchmarks.md, campaigns). application_no is the queue's primary key, so never null.
  public int requestInScope(String streetCode, String districtCode, String trigger, String reason, String by,
      Instant at) {
    String scope = streetCode != null ? "b.street_code = :scope" : "c.district_code = :scope";
    return jdbc.sql("""
        insert into dibao_review_request (application_no, review_trigger, reason, requested_by, requested_at)
        select b.application_no, :trigger, :reason, :by, :at
        from benefit_record b join app_case c on c.application_no = b.application_no
        where b.status = 'ACTIVE' and b.benefit in ('DIBAO', 'REGULAR_FIXED') and c.kind = 'dibao'""" + " and " + scope + "\n" + """
          and not exists (select 1 from dibao_review r where r.open_application_no = b.application_no)
          and b.application_no not in (select q.application_no from dibao_review_request q)""")
        .param("trigger", trigger).param("reason", truncate(reason, 500)).param("by", by)
        .param("at", Timestamp.from(at)).param("scope", streetCode != null ? streetCode : districtCode)
        .update();
  }

  /** Requests the re-review of every ACTIVE benefit whose next review date is on or before {@code day}. */
  public int requestDue(LocalDate day, String reason, Instant at) {
    return jdbc.sql("""
        insert into dibao_review_request (application_no, review_trigger, reason, requested_by, requested_at)
        select b.application_no, 'DUE', :reason, null, :at
        from benefit_record b join app_case c on c.application_no = b.application_no
        where b.status = 'ACTIVE' and b.benefit in ('DIBAO', 'REGULAR_FIXED') and c.kind = 'dibao'
          and b.next_review_date <= :day
          and not exists (select 1 from dibao_review r where r.open_application_no = b.application_no)
          and b.application_no not in (select q.application_no from dibao_review_request q)""")
        .param("reason", reason).param("at", Timestamp.from(at)).param("day", Date.valueOf(day)).update();
  }

  /**
   * The oldest requests, at most {@code limit}, locked until the batch's transaction ends; those another batch loop
   * holds are skipped, so parallel loops never start the same request.
   */
  public List<Request> nextRequests(int limit) {
    return jdbc.sql("""
        select application_no, review_trigger, reason, requested_by from dibao_review_request
        order by requested_at, application_no fetch first ? rows only for update skip locked""")
        .param(limit).query((rs, i) -> new Request(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  public void removeRequest(String applicationNo) {
    jdbc.sql("delete from dibao_review_request where application_no = ?").param(applicationNo).update();
  }

  public boolean anyRequests() {
    return jdbc.sql("select count(*) from dibao_review_request").query(Long.class).single() > 0;
  }

  private static final String SELECT = """
      select review_no, application_no, open_application_no, review_trigger, reason, benefit, amount_before, findings,
             standard, per_capita_income, household_income, income_ratio, proposed_outcome, proposed_amount, outcome,
             monthly_amount, last_month, started_at, decided_at
      from dibao_review""";

  private static Review map(ResultSet rs, int i) throws SQLException {
    Date last = rs.getDate(17);
    Timestamp decided = rs.getTimestamp(19);
    return new Review(rs.getString(1), rs.getString(2), rs.getString(3) != null, rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getBigDecimal(7), (Boolean) rs.getObject(8, Boolean.class), rs.getBigDecimal(9),
        rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), rs.getBigDecimal(14),
        rs.getString(15), rs.getBigDecimal(16), last == null ? null : last.toLocalDate(),
        rs.getTimestamp(18).toInstant(), decided == null ? null : decided.toInstant());
  }

  private static String truncate(String s, int max) {
    return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
  }
}
