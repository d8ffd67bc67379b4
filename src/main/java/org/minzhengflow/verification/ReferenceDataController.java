package org.minzhengflow.verification;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reference data for the checks (admin only): verification records and the 近亲属 register. */
@RestController
public class ReferenceDataController {

  static final int MAX_BATCH = 10_000;

  public record RecordInput(String idNumber, String kind, BigDecimal amount, String note) {}

  public record RelativeInput(String idNumber, String staffUserId, String relation) {}

  private final VerificationRegistry registry;
  private final StaffRelatives relatives;
  private final IdentityService identity;

  public ReferenceDataController(VerificationRegistry registry, StaffRelatives relatives, IdentityService identity) {
    this.registry = registry;
    this.relatives = relatives;
    this.identity = identity;
  }

  @PostMapping("/api/verification-records")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public Map<String, Object> addRecords(@RequestBody List<RecordInput> input, HttpServletRequest request) {
    CurrentUser.admin(request);
    Problems problems = batch(input);
    List<VerificationRecord> records = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      RecordInput r = input.get(i);
      String at = "[" + i + "].";
      if (r == null) {
        problems.add("[" + i + "]", "记录不能为空");
        continue;
      }
      problems.idNumber(at + "idNumber", r.idNumber());
      VerificationRecord.Kind kind = null;
      if (problems.required(at + "kind", r.kind())) {
        try {
          kind = VerificationRecord.Kind.valueOf(r.kind());
        } catch (IllegalArgumentException e) {
          problems.add(at + "kind", "类型必须是 WAGE、PENSION、DEPOSIT、VEHICLE、REAL_ESTATE、BUSINESS 之一");
        }
      }
      if (problems.required(at + "amount", r.amount())) {
        problems.nonNegative(at + "amount", r.amount());
        if (r.amount().compareTo(new BigDecimal("1000000000000")) >= 0) {
          problems.add(at + "amount", "金额过大");
        }
      }
      problems.maxLength(at + "note", r.note(), 500);
      if (problems.isEmpty()) {
        records.add(new VerificationRecord(r.idNumber().toUpperCase(), kind, r.amount(), r.note()));
      }
    }
    problems.throwIfAny();
    registry.add(records);
    return Map.of("count", records.size());
  }

  @PostMapping("/api/staff-relatives")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public Map<String, Object> addRelatives(@RequestBody List<RelativeInput> input, HttpServletRequest request) {
    CurrentUser.admin(request);
    Problems problems = batch(input);
    List<StaffRelatives.Entry> entries = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      RelativeInput r = input.get(i);
      String at = "[" + i + "].";
      if (r == null) {
        problems.add("[" + i + "]", "记录不能为空");
        continue;
      }
      problems.idNumber(at + "idNumber", r.idNumber());
      if (problems.required(at + "staffUserId", r.staffUserId())
          && (r.staffUserId().length() > 64 || identity.createUserQuery().userId(r.staffUserId()).count() == 0)) {
        problems.add(at + "staffUserId", "工作人员用户不存在");
      }
      if (problems.required(at + "relation", r.relation())) {
        problems.maxLength(at + "relation", r.relation(), 50);
      }
      if (problems.isEmpty()) {
        entries.add(new StaffRelatives.Entry(r.idNumber().toUpperCase(), r.staffUserId(), r.relation().trim()));
      }
    }
    problems.throwIfAny();
    relatives.register(entries);
    return Map.of("count", entries.size());
  }

  private static Problems batch(List<?> input) {
    Problems problems = new Problems();
    if (input == null || input.isEmpty()) {
      throw new InvalidInputException("body", "请提交至少一条记录(JSON数组)");
    }
    if (input.size() > MAX_BATCH) {
      throw new InvalidInputException("body", "每次最多提交" + MAX_BATCH + "条记录");
    }
    return problems;
  }
}
