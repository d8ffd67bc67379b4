package org.minzhengflow.dibao;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.JurisdictionRepository;
import org.springframework.stereotype.Component;

/** Checks a dibao application completely and reports every problem at once (一次性告知). */
@Component
public class DibaoApplicationValidator {

  static final int MAX_MEMBERS = 20;
  static final BigDecimal MAX_MONEY = new BigDecimal("100000000");
  private static final Set<String> RELATIONS = Set.of("SELF", "SPOUSE", "CHILD", "PARENT", "OTHER");
  private static final Set<String> CAPACITIES = Set.of("FULL", "PARTIAL", "NONE");
  static final Set<String> DISABILITY_TYPES =
      Set.of("PHYSICAL", "VISUAL", "HEARING", "SPEECH", "INTELLECTUAL", "MENTAL", "MULTIPLE");

  private final JurisdictionRepository jurisdictions;

  public DibaoApplicationValidator(JurisdictionRepository jurisdictions) {
    this.jurisdictions = jurisdictions;
  }

  public void validate(DibaoApplicationRequest r) {
    if (r == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    if (p.required("streetCode", r.streetCode()) && jurisdictions.findStreet(r.streetCode()).isEmpty()) {
      p.add("streetCode", "街道(乡镇)代码不存在");
    }
    if (p.required("areaType", r.areaType()) && !Set.of("URBAN", "RURAL").contains(r.areaType())) {
      p.add("areaType", "户籍类别必须是 URBAN(城市)或 RURAL(农村)");
    }
    IdNumber applicant = p.idNumber("applicantIdNumber", r.applicantIdNumber());
    if (r.phone() != null && !r.phone().isBlank()) {
      p.phone("phone", r.phone());
    }
    members(r.members(), applicant, p);
    assets(r.assets(), p);
    org.minzhengflow.casework.PaymentAccounts.validate(r.payment(), p);
    p.throwIfAny();
  }

  private static void members(List<DibaoApplicationRequest.Member> members, IdNumber applicant, Problems p) {
    if (members == null || members.isEmpty()) {
      p.add("members", "家庭成员不能为空,申请人本人也须列入");
      return;
    }
    if (members.size() > MAX_MEMBERS) {
      p.add("members", "家庭成员不能超过" + MAX_MEMBERS + "人");
      return;
    }
    Set<String> seen = new HashSet<>();
    boolean applicantListed = false;
    for (int i = 0; i < members.size(); i++) {
      DibaoApplicationRequest.Member m = members.get(i);
      String at = "members[" + i + "].";
      if (m == null) {
        p.add("members[" + i + "]", "成员信息不能为空");
        continue;
      }
      if (p.required(at + "name", m.name())) {
        p.personName(at + "name", m.name());
      }
      IdNumber id = p.idNumber(at + "idNumber", m.idNumber());
      if (id != null) {
        if (!seen.add(id.value())) {
          p.add(at + "idNumber", "家庭成员身份证号重复");
        }
        if (applicant != null && applicant.value().equals(id.value())) {
          applicantListed = true;
          if (m.relation() != null && !"SELF".equals(m.relation())) {
            p.add(at + "relation", "申请人本人的关系应为 SELF");
          }
        } else if ("SELF".equals(m.relation())) {
          p.add(at + "relation", "只有申请人本人的关系可以是 SELF");
        }
      }
      if (p.required(at + "relation", m.relation()) && !RELATIONS.contains(m.relation())) {
        p.add(at + "relation", "与申请人关系必须是 SELF、SPOUSE、CHILD、PARENT、OTHER 之一");
      }
      if (p.required(at + "monthlyIncome", m.monthlyIncome())) {
        p.nonNegative(at + "monthlyIncome", m.monthlyIncome());
        if (m.monthlyIncome().compareTo(MAX_MONEY) > 0) {
          p.add(at + "monthlyIncome", "月收入数额过大");
        }
      }
      if (p.required(at + "laborCapacity", m.laborCapacity()) && !CAPACITIES.contains(m.laborCapacity())) {
        p.add(at + "laborCapacity", "劳动能力必须是 FULL、PARTIAL、NONE 之一");
      }
      if (m.disabilityGrade() != null && (m.disabilityGrade() < 1 || m.disabilityGrade() > 4)) {
        p.add(at + "disabilityGrade", "残疾等级必须是1至4级或不填");
      }
      if (m.disabilityType() != null && !DISABILITY_TYPES.contains(m.disabilityType())) {
        p.add(at + "disabilityType", "残疾类别必须是 PHYSICAL、VISUAL、HEARING、SPEECH、INTELLECTUAL、MENTAL、MULTIPLE 之一或不填");
      }
      if (m.disabilityType() != null && m.disabilityGrade() == null) {
        p.add(at + "disabilityGrade", "填写残疾类别时须同时填写残疾等级");
      }
    }
    if (applicant != null && !applicantListed) {
      p.add("applicantIdNumber", "申请人必须是家庭成员之一");
    }
  }

  private static void assets(DibaoApplicationRequest.Assets a, Problems p) {
    if (a == null) {
      p.add("assets", "家庭财产信息必须填写");
      return;
    }
    if (p.required("assets.financialAssets", a.financialAssets())) {
      p.nonNegative("assets.financialAssets", a.financialAssets());
      if (a.financialAssets().compareTo(MAX_MONEY.multiply(BigDecimal.TEN)) > 0) {
        p.add("assets.financialAssets", "金融资产数额过大");
      }
    }
    for (var count : List.of(
        new Object[] {"assets.vehicles", a.vehicles()},
        new Object[] {"assets.houses", a.houses()},
        new Object[] {"assets.nonResidentialProperties", a.nonResidentialProperties()})) {
      String field = (String) count[0];
      Integer value = (Integer) count[1];
      if (p.required(field, value)) {
        p.nonNegative(field, value);
        if (value > 1000) {
          p.add(field, "数量过大");
        }
      }
    }
    p.required("assets.businessRegistered", a.businessRegistered());
  }
}
