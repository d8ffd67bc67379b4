package org.minzhengflow.eldercare;

import java.util.Set;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.organization.JurisdictionRepository;
import org.springframework.stereotype.Component;

/** Checks an elder-care application completely and reports every problem at once. */
@Component
public class ElderCareValidator {

  static final Set<String> TYPES = Set.of("HIGH_AGE", "NURSING", "HOME_CARE");

  private final JurisdictionRepository jurisdictions;

  public ElderCareValidator(JurisdictionRepository jurisdictions) {
    this.jurisdictions = jurisdictions;
  }

  public void validate(ElderCareRequest r) {
    if (r == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    if (p.required("streetCode", r.streetCode()) && jurisdictions.findStreet(r.streetCode()).isEmpty()) {
      p.add("streetCode", "街道(乡镇)代码不存在");
    }
    if (p.required("subsidyType", r.subsidyType()) && !TYPES.contains(r.subsidyType())) {
      p.add("subsidyType", "补贴类型必须是 HIGH_AGE(高龄津贴)、NURSING(护理补贴)或 HOME_CARE(居家养老服务)");
    }
    ElderCareRequest.Elder e = r.elder();
    if (e == null) {
      p.add("elder", "老年人信息必须填写");
    } else {
      if (p.required("elder.name", e.name())) {
        p.personName("elder.name", e.name());
      }
      p.idNumber("elder.idNumber", e.idNumber());
      if (p.required("elder.hukouType", e.hukouType()) && !Set.of("URBAN", "RURAL").contains(e.hukouType())) {
        p.add("elder.hukouType", "户籍类别必须是 URBAN(城市)或 RURAL(农村)");
      }
    }
    org.minzhengflow.casework.PaymentAccounts.validate(r.payment(), p);
    p.throwIfAny();
  }
}
