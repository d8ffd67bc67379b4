package org.minzhengflow.casework;

import java.util.Collection;
import java.util.List;
import org.minzhengflow.api.ApiException;
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

  /** Claims the benefit for every person, or throws 409 naming who is already covered. */
  public void claim(String benefit, String applicationNo, Collection<String> idNumbers, String benefitName) {
    List<String> taken = jdbc.sql("select id_number, application_no from benefit_claim where benefit = :benefit and id_number in (:ids)")
        .param("benefit", benefit).param("ids", idNumbers)
        .query((rs, i) -> maskedId(rs.getString(1)) + "(" + rs.getString(2) + ")").list();
    if (!taken.isEmpty()) {
      throw ApiException.conflict("以下人员已有正在办理的" + benefitName + "申请或正在享受" + benefitName + ":"
          + String.join("、", taken));
    }
    for (String id : idNumbers) {
      jdbc.sql("insert into benefit_claim (id_number, benefit, application_no) values (?, ?, ?)")
          .params(id, benefit, applicationNo).update();
    }
  }

  /** The case ended without a benefit (or the benefit ended): the people may apply again. */
  public void release(String applicationNo) {
    jdbc.sql("delete from benefit_claim where application_no = ?").param(applicationNo).update();
  }

  private static String maskedId(String id) {
    return id.length() == 18 ? id.substring(0, 6) + "********" + id.substring(14) : id;
  }
}
