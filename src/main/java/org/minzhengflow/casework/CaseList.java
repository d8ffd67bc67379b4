package org.minzhengflow.casework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minzhengflow.api.FieldProblem;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.organization.StaffUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@code GET /api/applications}: the cases the caller may see, filtered and paged, newest first. */
@Service
public class CaseList {

  /** The kinds the case table knows (its CHECK), also those whose module comes later. */
  static final Set<String> KINDS = Set.of("dibao", "dibao-review", "eldercare", "nursing-home", "funeral", "temporary-assistance");
  static final int MAX_SIZE = 100;

  public record Query(String kind, String status, String streetCode, String districtCode, String q, String page,
      String size) {}

  private final JdbcClient jdbc;

  public CaseList(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Map<String, Object> search(Query query, StaffUser user) {
    List<FieldProblem> problems = new ArrayList<>();
    if (query.kind() != null && !KINDS.contains(query.kind())) {
      problems.add(new FieldProblem("kind", "案件类型无效,可选:" + String.join("、", new java.util.TreeSet<>(KINDS))));
    }
    if (query.status() != null && CaseStatus.parse(query.status()) == null) {
      problems.add(new FieldProblem("status", "状态无效"));
    }
    if (query.streetCode() != null && !query.streetCode().matches("\\d{9}")) {
      problems.add(new FieldProblem("streetCode", "街道(乡镇)代码应为9位数字"));
    }
    if (query.districtCode() != null && !query.districtCode().matches("\\d{6}")) {
      problems.add(new FieldProblem("districtCode", "区县代码应为6位数字"));
    }
    if (query.q() != null && query.q().length() > 50) {
      problems.add(new FieldProblem("q", "查询内容不能超过50字"));
    }
    int page = number(query.page(), 0, "page", 0, 100_000, problems);
    int size = number(query.size(), 20, "size", 1, MAX_SIZE, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    StringBuilder where = new StringBuilder(" where 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (!user.isAdmin()) {
      if (user.groupIds().isEmpty()) {
        return Map.of("items", List.of(), "total", 0);
      }
      where.append(" and exists (select 1 from case_reader r where r.application_no = c.application_no"
          + " and r.group_id in (:groups))");
      params.put("groups", user.groupIds());
    }
    filter(where, params, "c.kind = :kind", "kind", query.kind());
    filter(where, params, "c.status = :status", "status", query.status());
    filter(where, params, "c.street_code = :street", "street", query.streetCode());
    filter(where, params, "c.district_code = :district", "district", query.districtCode());
    if (query.q() != null && !query.q().isBlank()) {
      where.append(" and (c.application_no = :q or c.applicant_name like :qLike"
          + " or exists (select 1 from case_person p where p.application_no = c.application_no and p.name = :q))");
      params.put("q", query.q().trim());
      params.put("qLike", "%" + query.q().trim().replace("%", "").replace("_", "") + "%");
    }
    long total = jdbc.sql("select count(*) from app_case c" + where).params(params).query(Long.class).single();
    List<Map<String, Object>> items = jdbc.sql("select " + CaseRecords.COLUMNS + " from app_case c" + where
            + " order by c.submitted_at desc, c.application_no desc limit " + size + " offset " + ((long) page * size))
        .params(params).query((rs, i) -> item(CaseRecords.map(rs))).list();
    return Map.of("items", items, "total", total);
  }

  private static Map<String, Object> item(CaseRecord c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("applicationNo", c.applicationNo());
    m.put("kind", c.kind());
    m.put("status", c.status().name());
    m.put("statusName", c.status().label());
    m.put("applicantName", c.applicantName());
    m.put("streetCode", c.streetCode());
    m.put("districtCode", c.districtCode());
    m.put("submittedAt", c.submittedAt());
    m.put("caseDeadline", c.caseDeadline());
    return m;
  }

  private static void filter(StringBuilder where, Map<String, Object> params, String clause, String name, String value) {
    if (value != null) {
      where.append(" and ").append(clause);
      params.put(name, value);
    }
  }

  private static int number(String value, int fallback, String field, int min, int max, List<FieldProblem> problems) {
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new FieldProblem(field, "应为" + min + "至" + max + "之间的整数"));
    return fallback;
  }
}
