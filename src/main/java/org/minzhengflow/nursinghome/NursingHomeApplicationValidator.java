package org.minzhengflow.nursinghome;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.identification.CreditCode;
import org.minzhengflow.organization.JurisdictionRepository;
import org.springframework.stereotype.Component;

/** Checks a nursing-home application completely and reports every problem at once (一次性告知). */
@Component
public class NursingHomeApplicationValidator {

  static final List<String> ABILITIES = List.of("INTACT", "MILD", "MODERATE", "SEVERE", "COMPLETE");
  static final int MAX_BEDS = 100_000;
  static final BigDecimal MAX_LOAN = new BigDecimal("10000000000");

  private final JurisdictionRepository jurisdictions;
  private final Clock clock;

  public NursingHomeApplicationValidator(JurisdictionRepository jurisdictions, Clock clock) {
    this.jurisdictions = jurisdictions;
    this.clock = clock;
  }

  public void validate(NursingHomeApplicationRequest r) {
    if (r == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    if (p.required("districtCode", r.districtCode()) && jurisdictions.findDistrict(r.districtCode()).isEmpty()) {
      p.add("districtCode", "区县代码不存在");
    }
    NursingHomePolicy policy = null;
    if (p.required("policy", r.policy())) {
      policy = NursingHomePolicy.of(r.policy()).orElse(null);
      if (policy == null) {
        p.add("policy", "扶持项目必须是 CONSTRUCTION_SUBSIDY(建设补贴)、OPERATING_SUBSIDY(运营补贴)或 INTEREST_SUBSIDY(贷款贴息)");
      }
    }
    institution(r.institution(), policy, p);
    loan(r.loan(), policy, p);
    org.minzhengflow.casework.PaymentAccounts.validate(r.payment(), p);
    p.throwIfAny();
  }

  private void institution(NursingHomeApplicationRequest.Institution i, NursingHomePolicy policy, Problems p) {
    if (i == null) {
      p.add("institution", "养老机构信息必须填写");
      return;
    }
    if (p.required("institution.name", i.name())) {
      p.organisationName("institution.name", i.name());
    }
    if (i.creditCode() == null || i.creditCode().isBlank()) {
      p.add("institution.creditCode", "必须填写统一社会信用代码");
    } else if (CreditCode.problem(i.creditCode()) != null) {
      p.add("institution.creditCode", CreditCode.problem(i.creditCode()));
    }
    if (i.filingNo() == null || i.filingNo().isBlank()) {
      p.add("institution.filingNo", "未提供养老机构备案号:养老机构须在民政部门备案(民政部令第66号)后方可申请扶持");
    } else {
      p.maxLength("institution.filingNo", i.filingNo(), 50);
    }
    if (p.required("institution.operatingSince", i.operatingSince())) {
      try {
        LocalDate since = LocalDate.parse(i.operatingSince().trim());
        if (since.isAfter(LocalDate.now(clock))) {
          p.add("institution.operatingSince", "开业日期不能晚于今天");
        } else if (since.getYear() < 1949) {
          p.add("institution.operatingSince", "开业日期无效");
        }
      } catch (DateTimeParseException e) {
        p.add("institution.operatingSince", "开业日期格式无效,应为 YYYY-MM-DD");
      }
    }
    boolean bedsOk = count(p, "institution.beds", i.beds(), true);
    if (bedsOk && i.beds() == 0) {
      p.add("institution.beds", "床位数必须大于0");
      bedsOk = false;
    }
    boolean newOk = count(p, "institution.newBeds", i.newBeds(), true);
    boolean occupiedOk = count(p, "institution.occupiedBeds", i.occupiedBeds(), true);
    boolean localOk = count(p, "institution.localResidents", i.localResidents(), true);
    if (bedsOk && newOk && i.newBeds() > i.beds()) {
      p.add("institution.newBeds", "新增床位(" + i.newBeds() + ")不能多于总床位(" + i.beds() + ")");
    }
    if (bedsOk && occupiedOk && i.occupiedBeds() > i.beds()) {
      p.add("institution.occupiedBeds", "入住床位(" + i.occupiedBeds() + ")不能多于总床位(" + i.beds() + ")");
    }
    if (occupiedOk && localOk && i.localResidents() > i.occupiedBeds()) {
      p.add("institution.localResidents", "本地户籍入住老人(" + i.localResidents() + ")不能多于入住床位(" + i.occupiedBeds() + ")");
    }
    residents(i.residentsByAbility(), occupiedOk ? i.occupiedBeds() : null, p);
    if (i.starRating() != null && (i.starRating() < 0 || i.starRating() > 5)) {
      p.add("institution.starRating", "星级必须是0至5(0表示未评星)");
    }
    if (policy == NursingHomePolicy.OPERATING_SUBSIDY) {
      p.required("institution.starRating", i.starRating());
      p.required("institution.fireSafetyApproved", i.fireSafetyApproved());
    }
    if (Boolean.TRUE.equals(i.siteRented())) {
      if (count(p, "institution.leaseYears", i.leaseYears(), true) && i.leaseYears() > 100) {
        p.add("institution.leaseYears", "租期年数无效");
      }
    } else if (i.leaseYears() != null) {
      count(p, "institution.leaseYears", i.leaseYears(), false);
    }
    if (policy == NursingHomePolicy.CONSTRUCTION_SUBSIDY) {
      p.required("institution.siteRented", i.siteRented());
    }
  }

  private static void residents(Map<String, Integer> byAbility, Integer occupied, Problems p) {
    String field = "institution.residentsByAbility";
    if (byAbility == null) {
      p.add(field, "必须填写入住老人能力等级分布(INTACT、MILD、MODERATE、SEVERE、COMPLETE)");
      return;
    }
    boolean complete = true;
    int sum = 0;
    for (String key : byAbility.keySet()) {
      if (!ABILITIES.contains(key)) {
        p.add(field + "." + key, "能力等级必须是 INTACT、MILD、MODERATE、SEVERE、COMPLETE 之一");
        complete = false;
      }
    }
    for (String ability : ABILITIES) {
      Integer n = byAbility.get(ability);
      if (!count(p, field + "." + ability, n, true)) {
        complete = false;
      } else {
        sum += n;
      }
    }
    if (complete && occupied != null && sum != occupied) {
      p.add(field, "各能力等级人数之和(" + sum + ")应等于入住床位(" + occupied + ")");
    }
  }

  private static void loan(NursingHomeApplicationRequest.Loan loan, NursingHomePolicy policy, Problems p) {
    boolean needed = policy == NursingHomePolicy.INTEREST_SUBSIDY;
    if (loan == null) {
      if (needed) {
        p.add("loan", "申请贷款贴息须填写贷款信息");
      }
      return;
    }
    if (needed ? p.required("loan.amount", loan.amount()) : loan.amount() != null) {
      p.nonNegative("loan.amount", loan.amount());
      if (loan.amount().compareTo(MAX_LOAN) > 0) {
        p.add("loan.amount", "贷款金额数额过大");
      }
    }
    if (needed ? p.required("loan.newHireStaffRatio", loan.newHireStaffRatio()) : loan.newHireStaffRatio() != null) {
      BigDecimal ratio = loan.newHireStaffRatio();
      if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
        p.add("loan.newHireStaffRatio", "新招用人员占比应为0至1之间的小数(如0.3表示30%)");
      }
    }
  }

  /** A required or optional head count: present, not negative, not absurd. True when usable. */
  private static boolean count(Problems p, String field, Integer value, boolean required) {
    if (value == null) {
      if (required) {
        p.add(field, "必须填写");
      }
      return false;
    }
    if (value < 0) {
      p.add(field, "不能为负数");
      return false;
    }
    if (value > MAX_BEDS) {
      p.add(field, "数量过大");
      return false;
    }
    return true;
  }
}
