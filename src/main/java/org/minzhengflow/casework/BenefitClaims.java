package org.minzhengflow.casework;

import java.util.Collection;
import java.util.List;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.identification.IdNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "At most one open application or active benefit per person and benefit", held by the primary key
 * of {@code benefit_claim}: a Java check gives the friendly 409 first, the constraint settles races.
 */
@Repository
public class BenefitClaims {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public BenefitClaims(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * 409 naming who is already covered (ID numbers masked), before anything is stored: the intake asks before it
   * takes a number, then claims with {@link #claimChecked}.
   */
  public void requireFree(String benefit, Collection<String> idNumbers, String benefitName) {
    requireFree(benefit, idNumbers, benefitName, "以下人员", IdNumber::mask);
  }

  public void requireFreeForInstitution(String benefit, String creditCode, String benefitName) {
    requireFree(benefit, List.of(creditCode), benefitName, "该机构", code -> "(统一社会信用代码" + code + ")");
  }

  /**
   * Claims for people {@link #requireFree} found free earlier in the same transaction: one batch, no second
   * look-up. A request for the same person that claimed in between is stopped by the primary key (a
   * {@code DuplicateKeyException}: 409 "已有相同的申请…") — the second look-up narrowed that window, it never
   * closed it.
   */
  public void claimChecked(String benefit, String applicationNo, Collection<String> keys) {
    batch.batchUpdate("insert into benefit_claim (id_number, benefit, application_no) values (?, ?, ?)",
        keys.stream().map(id -> new Object[] {id, benefit, applicationNo}).toList());
  }

  private void requireFree(String benefit, Collection<String> keys, String benefitName, String who,
      java.util.function.UnaryOperator<String> shown) {
    List<String> taken = jdbc.sql("select id_number, application_no from benefit_claim where benefit = :benefit and id_number in (:ids)")
        .param("benefit", benefit).param("ids", keys)
        .query((rs, i) -> shown.apply(rs.getString(1)) + "(" + rs.getString(2) + ")").list();
    if (!taken.isEmpty()) {
      throw ApiException.conflict(who + "已有正在办理的" + benefitName + "申请或正在享受" + benefitName + ":"
          + String.join("、", taken));
    }
  }

  /** The case ended without a benefit (or the benefit ended): the people may apply again. */
  public void release(String applicationNo) {
    jdbc.sql("delete from benefit_claim where application_no = ?").param(applicationNo).update();
  }
}
