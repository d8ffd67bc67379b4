package org.minzhengflow.dibao;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.minzhengflow.api.ApiException;
import org.minzhengflow.api.InvalidInputException;
import org.minzhengflow.api.Problems;
import org.minzhengflow.casework.BenefitRecords;
import org.minzhengflow.casework.CaseRecord;
import org.minzhengflow.casework.CaseRecords;
import org.minzhengflow.organization.CandidateGroups;
import org.minzhengflow.organization.Jurisdiction;
import org.minzhengflow.organization.JurisdictionRepository;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code POST /api/dibao/reviews}: the district bureau (or an administrator) re-reviews every active benefit of a
 * street or a district (专项清理), or one household now. A campaign is requested in one set-based statement and
 * started in batches by the {@code benefitDaily} process behind the request, so the answer (202) never waits for a
 * whole district; one household's review starts at once (409 when one is open).
 */
@Service
public class DibaoReviewRequests {

  /** The body: exactly one of streetCode, districtCode, applicationNo, and the reason. */
  public record Request(String streetCode, String districtCode, String applicationNo, String reason) {}

  /** The batch process that starts requested reviews (processes/benefit-daily.bpmn). */
  public static final String BATCH_PROCESS = "benefitDaily";
  public static final String CAMPAIGN_MESSAGE = "DibaoReviewCampaign";

  private final DibaoReviews reviews;
  private final DibaoReviewRecords records;
  private final CaseRecords cases;
  private final BenefitRecords benefits;
  private final JurisdictionRepository jurisdictions;
  private final CandidateGroups groups;
  private final org.camunda.bpm.engine.IdentityService identity;
  private final RuntimeService runtime;
  private final int parallelLoops;

  public DibaoReviewRequests(DibaoReviews reviews, DibaoReviewRecords records, CaseRecords cases,
      BenefitRecords benefits, JurisdictionRepository jurisdictions, CandidateGroups groups,
      org.camunda.bpm.engine.IdentityService identity, RuntimeService runtime,
      @org.springframework.beans.factory.annotation.Value("${app.reviews.parallel-loops:2}") int parallelLoops) {
    this.parallelLoops = Math.max(1, parallelLoops);
    this.reviews = reviews;
    this.records = records;
    this.cases = cases;
    this.benefits = benefits;
    this.jurisdictions = jurisdictions;
    this.groups = groups;
    this.identity = identity;
    this.runtime = runtime;
  }

  @Transactional
  public Map<String, Object> start(Request body, StaffUser user) {
    if (body == null) {
      throw new InvalidInputException("body", "请求体不能为空");
    }
    Problems p = new Problems();
    String street = blankToNull(body.streetCode());
    String district = blankToNull(body.districtCode());
    String applicationNo = blankToNull(body.applicationNo());
    int scopes = (street == null ? 0 : 1) + (district == null ? 0 : 1) + (applicationNo == null ? 0 : 1);
    if (scopes == 0) {
      p.add("streetCode", "请填写复核范围:streetCode(街道)或 districtCode(区县)");
      p.add("districtCode", "请填写复核范围:streetCode(街道)或 districtCode(区县)");
    } else if (scopes > 1) {
      for (String field : List.of("streetCode", "districtCode", "applicationNo")) {
        if (blankToNull(field(body, field)) != null) {
          p.add(field, "streetCode、districtCode、applicationNo 只能填写其中一项");
        }
      }
    }
    if (p.required("reason", blankToNull(body.reason()))) {
      p.maxLength("reason", body.reason().trim(), 500);
    }
    String scopeDistrict = null;
    CaseRecord household = null;
    if (scopes == 1 && street != null) {
      Jurisdiction s = street.matches("\\d{9}") ? jurisdictions.findStreet(street).orElse(null) : null;
      if (s == null) {
        p.add("streetCode", "街道(乡镇)代码无效:应为本市街道的9位代码");
      } else {
        scopeDistrict = jurisdictions.districtOf(s).code();
      }
    }
    if (scopes == 1 && district != null) {
      Jurisdiction d = district.matches("\\d{6}") ? jurisdictions.findDistrict(district).orElse(null) : null;
      if (d == null) {
        p.add("districtCode", "区县代码无效:应为本市区县的6位代码");
      } else {
        scopeDistrict = d.code();
      }
    }
    if (scopes == 1 && applicationNo != null) {
      household = cases.find(applicationNo).filter(c -> "dibao".equals(c.kind())).orElse(null);
      if (household == null) {
        p.add("applicationNo", "未找到该低保申请:" + applicationNo);
      } else {
        scopeDistrict = household.districtCode();
      }
    }
    p.throwIfAny();
    if (!user.isAdmin() && !user.hasGroup(groups.districtApprovers(scopeDistrict))) {
      throw ApiException.forbidden("只有本区民政部门或系统管理员可以发起复核");
    }
    String reason = body.reason().trim();
    if (household != null) {
      return startOne(household, reason, user);
    }
    int requested = reviews.request(street, street == null ? district : null, reason, user.userId());
    if (requested > 0 && runtime.createProcessInstanceQuery().processDefinitionKey(BATCH_PROCESS).count() == 0) {
      startBatches();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("started", requested);
    return answer;
  }

  /**
   * The batch loop of {@code benefitDaily}, entered by its message start event (the timer start runs it daily); the
   * application starts it itself, outside the caller's engine authentication, as it starts cases. A campaign starts
   * {@code app.reviews.parallel-loops} instances: each takes its batches with {@code skip locked}, so they never take
   * the same request and drain the queue side by side; only the first ends the finished 渐退期 afterwards.
   */
  private void startBatches() {
    org.camunda.bpm.engine.impl.identity.Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      for (int loop = 0; loop < parallelLoops; loop++) {
        runtime.startProcessInstanceByMessage(CAMPAIGN_MESSAGE,
            Map.of(DibaoReviewSteps.END_EXITS, loop == 0));
      }
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  private Map<String, Object> startOne(CaseRecord household, String reason, StaffUser user) {
    String applicationNo = household.applicationNo();
    records.openReviewOf(applicationNo).ifPresent(open -> {
      throw ApiException.conflict("该户已有未办结的复核:" + open);
    });
    BenefitRecords.Benefit b = benefits.find(applicationNo).orElse(null);
    if (b == null || !BenefitRecords.ACTIVE.equals(b.status()) || !DibaoReviews.REVIEWED_BENEFITS.contains(b.benefit())) {
      throw ApiException.conflict("该申请没有正在发放的低保或定期定量救助,不能复核");
    }
    String reviewNo = reviews.start(applicationNo, "CAMPAIGN", reason, user.userId())
        .orElseThrow(() -> ApiException.conflict("该户已有未办结的复核"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("started", 1);
    answer.put("reviews", List.of(reviewNo));
    return answer;
  }

  private static String field(Request body, String name) {
    return switch (name) {
      case "streetCode" -> body.streetCode();
      case "districtCode" -> body.districtCode();
      default -> body.applicationNo();
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
