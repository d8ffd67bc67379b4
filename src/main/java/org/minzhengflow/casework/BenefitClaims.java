package org.minzhengflow.casework;

import java.util.Collection;
import java.util.List;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.identification.IdNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "At most one open application or active benefit per person and benefit", held by the primary key
 * of {@code benefit_claim}: a Java check gives the friendly 409 first, the constraint settles races.
 */
@Repository
public class BenefitClaims {

  private final JdbcClient jdbc;

  public BenefitClaims(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the benefit for every person, or throws 409 naming who is already covered (ID numbers masked). */
  public void claim(String benefit, String applicationNo, Collection<String> idNumbers, String benefitName) {
    claim(benefit, applicationNo, idNumbers, benefitName, "以下人员", IdNumber::mask);
  }

  /** Claims the benefit for an institution (key: its unified social credit code), or throws 409. */
  public void claimForInstitution(String benefit, String applicationNo, String creditCode, String benefitName) {
    claim(benefit, applicationNo, List.of(creditCode), benefitName, "该机构", code -> "(统一社会信用代码" + code + ")");
  }

  /** 409 naming who is already covered, before anything is stored (the intake asks before it takes a number). */
  public void requireFree(String benefit, Collection<String> idNumbers, String benefitName) {
    requireFree(benefit, idNumbers, benefitName, "以下人员", IdNumber::mask);
  }

  public void requireFreeForInstitution(String benefit, String creditCode, String benefitName) {
    requireFree(benefit, List.of(creditCode), benefitName, "该机构", code -> "(统一社会信用代码" + code + ")");
  }

  private void claim(String benefit, String applicationNo, Collection<String> keys, String benefitName, String who,
      java.util.function.UnaryOperator<String> shown) {
    requireFree(benefit, keys, benefitName, who, shown);
    for (String id : keys) {
      jdbc.sql("insert into benefit_claim (id_number, benefit, application_no) values (?, ?, ?)")
          .params(id, benefit, applicationNo).update();
    }
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
