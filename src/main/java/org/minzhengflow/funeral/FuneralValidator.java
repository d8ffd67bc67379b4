package org.minzhengflow.funeral;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.identification.IdNumber;
import org.minzhengflow.organization.JurisdictionRepository;
import org.springframework.stereotype.Component;

/** Checks a funeral report completely and names every problem at once (一次性告知). */
@Component
public class FuneralValidator {

  static final Set<String> SERVICES = Set.of("TRANSPORT", "STORAGE", "CREMATION", "ASH_STORAGE");
  /**
   * Sanity bounds of what a caller can ask for (not the waiver: the table caps that): storage beyond 90 days or
   * ash storage beyond 30 years is a typing error, not a funeral.
   */
  static final int MAX_STORAGE_DAYS = 90;
  static final int MAX_ASH_YEARS = 30;
  private static final int MAX_CATEGORIES = 12;

  private final JurisdictionRepository jurisdictions;
  private final FuneralTables tables;
  private final Clock clock;

  public FuneralValidator(JurisdictionRepository jurisdictions, FuneralTables tables, Clock clock) {
    this.jurisdictions = jurisdictions;
    this.tables = tables;
    this.clock = clock;
  }

  /** The date of death, once everything is valid. */
  public LocalDate validate(FuneralRequest r) {
    if (r == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    if (p.required("streetCode", r.streetCode()) && jurisdictions.findStreet(r.streetCode()).isEmpty()) {
      p.add("streetCode", "街道(乡镇)代码不存在");
    }
    LocalDate died = deceased(r.deceased(), p);
    caller(r.caller(), p);
    services(r.services(), p);
    p.throwIfAny();
    return died;
  }

  private LocalDate deceased(FuneralRequest.Deceased d, Problems p) {
    if (d == null) {
      p.add("deceased", "请填写逝者信息");
      return null;
    }
    if (p.required("deceased.name", d.name())) {
      p.deceasedName("deceased.name", d.name().trim());
    }
    IdNumber id = p.idNumber("deceased.idNumber", d.idNumber());
    LocalDate died = null;
    if (p.required("deceased.dateOfDeath", d.dateOfDeath())) {
      try {
        died = LocalDate.parse(d.dateOfDeath().trim());
        if (died.isAfter(LocalDate.now(clock))) {
          p.add("deceased.dateOfDeath", "死亡日期不能晚于今天");
          died = null;
        } else if (id != null && died.isBefore(id.birthDate())) {
          p.add("deceased.dateOfDeath", "死亡日期不能早于出生日期");
          died = null;
        }
      } catch (DateTimeParseException e) {
        p.add("deceased.dateOfDeath", "日期格式应为 YYYY-MM-DD");
      }
    }
    List<String> categories = d.categories() == null ? List.of() : d.categories();
    if (categories.size() > MAX_CATEGORIES) {
      p.add("deceased.categories", "类别不能超过" + MAX_CATEGORIES + "项");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < categories.size(); i++) {
        String c = categories.get(i);
        String field = "deceased.categories[" + i + "]";
        if (c == null || c.isBlank()) {
          p.add(field, "类别不能为空");
        } else if (c.length() > 24 || tables.category(c).isEmpty()) {
          p.add(field, "未知的减免对象类别:" + (c.length() > 24 ? c.substring(0, 24) + "…" : c));
        } else if (!seen.add(c)) {
          p.add(field, "类别重复:" + c);
        }
      }
    }
    return died;
  }

  private static void caller(FuneralRequest.Caller c, Problems p) {
    if (c == null) {
      p.add("caller", "请填写来电人信息");
      return;
    }
    if (p.required("caller.name", c.name())) {
      p.personName("caller.name", c.name().trim());
    }
    if (p.required("caller.phone", c.phone())) {
      p.phone("caller.phone", c.phone().trim());
    }
    if (p.required("caller.relation", c.relation())) {
      p.maxLength("caller.relation", c.relation().trim(), 20);
    }
  }

  private static void services(List<FuneralRequest.Service> services, Problems p) {
    if (services == null || services.isEmpty()) {
      p.add("services", "请至少选择一项基本殡葬服务");
      return;
    }
    if (services.size() > SERVICES.size()) {
      p.add("services", "基本殡葬服务最多" + SERVICES.size() + "项");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < services.size(); i++) {
      FuneralRequest.Service s = services.get(i);
      String field = "services[" + i + "]";
      if (s == null || s.kind() == null || !SERVICES.contains(s.kind())) {
        p.add(field + ".kind", "服务项目必须是 TRANSPORT(遗体接运)、STORAGE(遗体暂存)、CREMATION(火化)、ASH_STORAGE(骨灰寄存)之一");
        continue;
      }
      if (!seen.add(s.kind())) {
        p.add(field + ".kind", "服务项目重复:" + s.kind());
      }
      if ("STORAGE".equals(s.kind()) && (s.days() == null || s.days() < 1 || s.days() > MAX_STORAGE_DAYS)) {
        p.add(field + ".days", "遗体暂存天数应为1至" + MAX_STORAGE_DAYS + "天");
      }
      if ("ASH_STORAGE".equals(s.kind()) && (s.years() == null || s.years() < 1 || s.years() > MAX_ASH_YEARS)) {
        p.add(field + ".years", "骨灰寄存年数应为1至" + MAX_ASH_YEARS + "年");
      }
    }
  }
}
