package org.minzhengflow.casework;

import java.util.Optional;
import org.minzhengflow.api.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The bank account a case's benefit is paid to (社会化发放), given on the application as
 * {@code "payment":{"bankName","accountNo"}}. Full numbers leave the application only in a district's bank file;
 * everything else shows {@link #mask}.
 */
@Repository
public class PaymentAccounts {

  /** As the application sends it. */
  public record Payment(String bankName, String accountNo) {}

  private final JdbcClient jdbc;

  public PaymentAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Checks an optional account: both fields, a bank name of at most 100 characters, 12–30 digits. */
  public static void validate(Payment payment, Problems p) {
    if (payment == null) {
      return;
    }
    if (p.required("payment.bankName", payment.bankName())) {
      p.maxLength("payment.bankName", payment.bankName().trim(), 100);
    }
    if (p.required("payment.accountNo", payment.accountNo())
        && !payment.accountNo().replace(" ", "").matches("[0-9]{12,30}")) {
      p.add("payment.accountNo", "银行账号应为12至30位数字");
    }
  }

  /** Stores (or replaces) the account of a case; a validated account only. */
  public void save(String applicationNo, Payment payment) {
    if (payment == null) {
      return;
    }
    String account = payment.accountNo().replace(" ", "");
    if (jdbc.sql("update case_payment_account set bank_name = ?, account_no = ? where application_no = ?")
        .params(payment.bankName().trim(), account, applicationNo).update() == 0) {
      jdbc.sql("insert into case_payment_account (application_no, bank_name, account_no) values (?, ?, ?)")
          .params(applicationNo, payment.bankName().trim(), account).update();
    }
  }

  public Optional<Payment> of(String applicationNo) {
    return jdbc.sql("select bank_name, account_no from case_payment_account where application_no = ?")
        .param(applicationNo).query((rs, i) -> new Payment(rs.getString(1), rs.getString(2))).optional();
  }

  /** All but the last four digits hidden. */
  public static String mask(String accountNo) {
    if (accountNo == null) {
      return null;
    }
    int keep = Math.min(4, accountNo.length());
    return "*".repeat(accountNo.length() - keep) + accountNo.substring(accountNo.length() - keep);
  }
}
