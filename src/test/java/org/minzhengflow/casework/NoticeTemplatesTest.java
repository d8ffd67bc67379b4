package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoticeTemplatesTest {

  /**
   * Every template of the bundled file with the values its callers supply. A template added to the
   * file needs an entry here, and a placeholder a caller does not supply fails below.
   */
  private static final Map<String, Set<String>> KNOWN_VALUES = Map.ofEntries(
      Map.entry("common.appeal", Set.of()),
      Map.entry("dibao.publicNotice.title", Set.of()),
      Map.entry("dibao.publicNotice.body",
          Set.of("roundNote", "applicant", "householdSize", "coveredAloneNote", "amount", "days")),
      Map.entry("dibao.publicNotice.roundNote", Set.of("round")),
      Map.entry("dibao.publicNotice.coveredAloneNote", Set.of("coveredCount")),
      Map.entry("dibao.approval.title", Set.of()),
      Map.entry("dibao.approval.body",
          Set.of("applicant", "householdSize", "scope", "amount", "standard", "householdIncome", "year", "month")),
      Map.entry("dibao.approval.scope.household", Set.of()),
      Map.entry("dibao.approval.scope.coveredAlone", Set.of("names")),
      Map.entry("dibao.referral.title", Set.of()),
      Map.entry("dibao.referral.body", Set.of("applicant", "perCapitaIncome", "standard", "tierName", "assistance")),
      Map.entry("dibao.rejection.title", Set.of()),
      Map.entry("dibao.rejection.body", Set.of("applicant", "reasons")),
      Map.entry("dibao.revocation.title", Set.of()),
      Map.entry("dibao.revocation.body", Set.of("applicant", "year", "month", "opinion")),
      Map.entry("dibao.review.title", Set.of("benefitName")),
      Map.entry("dibao.review.continue.body", Set.of("applicant", "reviewNo", "perCapitaIncome", "standard", "reasons",
          "amount")),
      Map.entry("dibao.review.adjustUp.body", Set.of("applicant", "reviewNo", "perCapitaIncome", "standard", "reasons",
          "benefitName", "amountBefore", "amount", "year", "month")),
      Map.entry("dibao.review.adjustDown.body", Set.of("applicant", "reviewNo", "perCapitaIncome", "standard",
          "reasons", "benefitName", "amountBefore", "amount", "year", "month")),
      Map.entry("dibao.review.gradualExit.body", Set.of("applicant", "reviewNo", "perCapitaIncome", "standard",
          "reasons", "amount", "lastYear", "lastMonth")),
      Map.entry("dibao.review.stop.body", Set.of("applicant", "reviewNo", "year", "month", "benefitName",
          "amountBefore", "reasons")),
      Map.entry("dibao.ended.title", Set.of("benefitName")),
      Map.entry("dibao.ended.body", Set.of("applicant", "reason", "year", "month", "benefitName", "amountBefore")),
      Map.entry("eldercare.approval.title", Set.of()),
      Map.entry("eldercare.approval.body", Set.of("elder", "what", "year", "month")),
      Map.entry("eldercare.approval.what.amount", Set.of("category", "amount")),
      Map.entry("eldercare.approval.what.homeCare", Set.of("hours", "provider")),
      Map.entry("dibao.publicNotice.regularFixed.body", Set.of("roundNote", "applicant", "householdSize", "amount", "days")),
      Map.entry("dibao.regularFixed.title", Set.of()),
      Map.entry("dibao.regularFixed.body", Set.of("applicant", "householdSize", "amount", "perPerson", "standard",
          "perCapitaIncome", "year", "month")),
      Map.entry("funeral.approval.title", Set.of()),
      Map.entry("funeral.approval.body", Set.of("deceased", "categories", "lines", "total", "home")),
      Map.entry("funeral.rejection.title", Set.of()),
      Map.entry("funeral.rejection.body", Set.of("deceased", "reason")),
      Map.entry("assistance.approval.title", Set.of()),
      Map.entry("assistance.approval.body", Set.of("applicant", "type", "amount", "payment", "followUp")),
      Map.entry("assistance.payment.run", Set.of("year", "month")),
      Map.entry("assistance.payment.cash", Set.of()),
      Map.entry("assistance.followUp", Set.of()),
      Map.entry("assistance.recovery.title", Set.of()),
      Map.entry("assistance.recovery.body", Set.of("applicant", "amount", "reason")),
      Map.entry("assistance.rejection.title", Set.of()),
      Map.entry("assistance.rejection.body", Set.of("applicant", "reason")),
      Map.entry("eldercare.rejection.title", Set.of()),
      Map.entry("eldercare.rejection.body", Set.of("elder", "subsidy", "reasons")),
      Map.entry("eldercare.ended.title", Set.of()),
      Map.entry("eldercare.ended.body", Set.of("elder", "subsidy", "reason", "year", "month")),
      Map.entry("nursingHome.publicNotice.title", Set.of("policy")),
      Map.entry("nursingHome.publicNotice.body", Set.of("policy", "institution", "creditCode", "filingNo", "amount",
          "period", "breakdown", "days", "district")),
      Map.entry("nursingHome.approval.title", Set.of("policy")),
      Map.entry("nursingHome.approval.body", Set.of("policy", "institution", "payment", "breakdown")),
      Map.entry("nursingHome.approval.payment.monthly", Set.of("amount", "year", "month")),
      Map.entry("nursingHome.approval.payment.once", Set.of("amount", "year", "month")),
      Map.entry("nursingHome.rejection.title", Set.of("policy")),
      Map.entry("nursingHome.rejection.body", Set.of("policy", "institution", "reasons")),
      Map.entry("nursingHome.returned.title", Set.of("policy")),
      Map.entry("nursingHome.returned.body", Set.of("policy", "institution", "reasons")));

  private final NoticeTemplates bundled = new NoticeTemplates();

  // ------------------------------------------------------------------ the bundled file

  @Test
  void theBundledFileHoldsExactlyTheKnownTemplates() {
    assertThat(bundled.ids()).containsExactlyInAnyOrderElementsOf(KNOWN_VALUES.keySet());
  }

  @Test
  void everyBundledTemplateNeedsOnlyValuesItsCallersSupply() {
    KNOWN_VALUES.forEach((id, known) -> assertThat(bundled.valueNames(id)).as(id).isSubsetOf(known));
  }

  @Test
  void everyBundledTemplateRenderedWithItsKnownValuesLeavesNoPlaceholder() {
    KNOWN_VALUES.forEach((id, known) -> {
      Map<String, Object> values = new HashMap<>();
      known.forEach(name -> values.put(name, "值" + name));
      String text = bundled.render(id, values);
      assertThat(text).as(id).isNotBlank().doesNotContain("{", "}");
    });
  }

  @Test
  void theAppealSentenceIsOneSharedFragment() {
    String appeal = bundled.render(NoticeTemplates.APPEAL, Map.of());
    assertThat(appeal).isEqualTo("如不服本决定,可自收到本通知之日起60日内依法申请行政复议,或者6个月内依法向人民法院提起行政诉讼。");
    for (String id : Set.of("dibao.rejection.body", "dibao.revocation.body", "eldercare.rejection.body",
        "nursingHome.rejection.body", "nursingHome.returned.body")) {
      Map<String, Object> values = new HashMap<>();
      KNOWN_VALUES.get(id).forEach(name -> values.put(name, "x"));
      assertThat(bundled.render(id, values)).as(id).endsWith(appeal);
    }
  }

  // The texts as the workflow services wrote them by concatenation before they moved to templates.

  @Test
  void dibaoTextsAreAsBefore() {
    Map<String, Object> notice = new HashMap<>(Map.of("roundNote", "", "applicant", "张三", "householdSize", 3,
        "coveredAloneNote", "", "amount", "1770", "days", 7));
    assertThat(bundled.render("dibao.publicNotice.title", notice)).isEqualTo("最低生活保障公示");
    assertThat(bundled.render("dibao.publicNotice.body", notice))
        .isEqualTo("申请人:张三;家庭人口:3人;拟保障金额:每月1770元。公示期7天,如有异议,请向所在街道(乡镇)反映。");
    notice.put("roundNote", bundled.render("dibao.publicNotice.roundNote", Map.of("round", 2)));
    assertThat(bundled.render("dibao.publicNotice.body", notice))
        .isEqualTo("(第2次公示)申请人:张三;家庭人口:3人;拟保障金额:每月1770元。公示期7天,如有异议,请向所在街道(乡镇)反映。");
    assertThat(bundled.render("dibao.publicNotice.body", Map.of("roundNote", "", "applicant", "钱父", "householdSize", 2,
        "coveredAloneNote", bundled.render("dibao.publicNotice.coveredAloneNote", Map.of("coveredCount", 1)),
        "amount", "806", "days", 7)))
        .isEqualTo("申请人:钱父;家庭人口:2人;单人户保障1人;拟保障金额:每月806元。公示期7天,如有异议,请向所在街道(乡镇)反映。");

    Map<String, Object> approval = new HashMap<>(Map.of("applicant", "周大", "householdSize", 2,
        "scope", bundled.render("dibao.approval.scope.household", Map.of()), "amount", "1238", "standard", "732",
        "householdIncome", "300", "year", 2027, "month", 1));
    assertThat(bundled.render("dibao.approval.title", approval)).isEqualTo("最低生活保障审批通知");
    assertThat(bundled.render("dibao.approval.body", approval)).isEqualTo(
        "周大家庭(2人):经审核,符合最低生活保障条件,批准纳入最低生活保障,每月保障金1238元(保障标准每人每月732元,家庭月收入300元),自2027年1月起发放。");
    // before: "按单人户将" + List.toString() of the names
    approval.put("scope", bundled.render("dibao.approval.scope.coveredAlone", Map.of("names", "钱父, 钱母")));
    assertThat(bundled.render("dibao.approval.body", approval)).isEqualTo(
        "周大家庭(2人):经审核,符合最低生活保障条件,批准按单人户将[钱父, 钱母]纳入最低生活保障,每月保障金1238元(保障标准每人每月732元,家庭月收入300元),自2027年1月起发放。");

    Map<String, Object> referral = Map.of("applicant", "王五", "perCapitaIncome", "800", "standard", "732",
        "tierName", "低收入困难", "assistance", "低收入困难家庭定期定量救助");
    assertThat(bundled.render("dibao.referral.title", referral)).isEqualTo("低收入家庭认定通知");
    assertThat(bundled.render("dibao.referral.body", referral))
        .isEqualTo("王五家庭:家庭人均月收入800元,高于低保标准732元,不纳入最低生活保障;经认定为低收入困难家庭,可享受:低收入困难家庭定期定量救助。");

    Map<String, Object> rejection = Map.of("applicant", "张三", "reasons", "审核意见:入户发现家庭有稳定经营收入");
    assertThat(bundled.render("dibao.rejection.title", rejection)).isEqualTo("不予纳入最低生活保障通知");
    assertThat(bundled.render("dibao.rejection.body", rejection))
        .isEqualTo("张三家庭:经审核,不符合最低生活保障条件,理由如下:审核意见:入户发现家庭有稳定经营收入。如不服本决定,可自收到本通知之日起60日内依法申请行政复议,或者6个月内依法向人民法院提起行政诉讼。");

    Map<String, Object> revocation = Map.of("applicant", "张三", "year", 2027, "month", 1, "opinion", "经抽查,家庭实际收入高于申报");
    assertThat(bundled.render("dibao.revocation.title", revocation)).isEqualTo("撤销最低生活保障通知");
    assertThat(bundled.render("dibao.revocation.body", revocation)).isEqualTo(
        "张三家庭:经区民政部门抽查,撤销最低生活保障,自2027年1月起停发。理由:经抽查,家庭实际收入高于申报。如不服本决定,可自收到本通知之日起60日内依法申请行政复议,或者6个月内依法向人民法院提起行政诉讼。");
  }

  @Test
  void elderCareTextsAreAsBefore() {
    String amount = bundled.render("eldercare.approval.what.amount", Map.of("category", "80至89周岁高龄津贴", "amount", "50"));
    Map<String, Object> approval = Map.of("elder", "周奶奶", "what", amount, "year", 2027, "month", 1);
    assertThat(bundled.render("eldercare.approval.title", approval)).isEqualTo("养老补贴审批通知");
    assertThat(bundled.render("eldercare.approval.body", approval))
        .isEqualTo("周奶奶:经审核,批准享受80至89周岁高龄津贴每月50元,自2027年1月起执行。");
    String homeCare = bundled.render("eldercare.approval.what.homeCare",
        Map.of("hours", 20, "provider", "哈尔滨市颐康居家养老服务中心"));
    assertThat(bundled.render("eldercare.approval.body", Map.of("elder", "周奶奶", "what", homeCare, "year", 2027, "month", 1)))
        .isEqualTo("周奶奶:经审核,批准享受每月20小时居家养老服务,服务机构:哈尔滨市颐康居家养老服务中心,自2027年1月起执行。");

    Map<String, Object> rejection = Map.of("elder", "周奶奶", "subsidy", "失能、半失能老年人护理补贴",
        "reasons", "经能力评估为能力完好,不符合失能、半失能老年人护理补贴条件");
    assertThat(bundled.render("eldercare.rejection.title", rejection)).isEqualTo("养老补贴不予批准通知");
    assertThat(bundled.render("eldercare.rejection.body", rejection)).isEqualTo(
        "周奶奶:经审核,不符合失能、半失能老年人护理补贴条件,理由:经能力评估为能力完好,不符合失能、半失能老年人护理补贴条件。如不服本决定,可自收到本通知之日起60日内依法申请行政复议,或者6个月内依法向人民法院提起行政诉讼。");

    Map<String, Object> ended = Map.of("elder", "周奶奶", "subsidy", "高龄津贴", "reason", "死亡(2026-11-30):医院死亡证明",
        "year", 2026, "month", 12);
    assertThat(bundled.render("eldercare.ended.title", ended)).isEqualTo("停发养老补贴通知");
    assertThat(bundled.render("eldercare.ended.body", ended)).isEqualTo("周奶奶的高龄津贴因死亡(2026-11-30):医院死亡证明,自2026年12月起停发。");
  }

  @Test
  void nursingHomeTextsAreAsBefore() {
    String breakdown = "补贴标准:总床位120张(50至299张)每张新增床位2000元;建设补贴 = 新增床位40张 × 2000元 = 80000元(一次性)";
    Map<String, Object> notice = Map.of("policy", "建设补贴", "institution", "香坊区康乐养老院", "creditCode", "91230110MA1001009E",
        "filingNo", "黑哈香民养备2024001号", "amount", "80000", "period", "", "breakdown", breakdown, "days", 7,
        "district", "香坊区");
    assertThat(bundled.render("nursingHome.publicNotice.title", notice)).isEqualTo("养老机构建设补贴公示");
    assertThat(bundled.render("nursingHome.publicNotice.body", notice)).isEqualTo(
        "机构名称:香坊区康乐养老院(统一社会信用代码91230110MA1001009E,备案号黑哈香民养备2024001号);扶持项目:建设补贴;拟补贴金额:80000元。计算依据:"
            + breakdown + "。公示期7天,如有异议,请向香坊区民政局反映。");

    String once = bundled.render("nursingHome.approval.payment.once", Map.of("amount", "80000", "year", 2027, "month", 1));
    Map<String, Object> approval = Map.of("policy", "建设补贴", "institution", "香坊区康乐养老院", "payment", once,
        "breakdown", breakdown);
    assertThat(bundled.render("nursingHome.approval.title", approval)).isEqualTo("养老机构建设补贴审批通知");
    assertThat(bundled.render("nursingHome.approval.body", approval)).isEqualTo(
        "香坊区康乐养老院:经区民政局审核、现场核查、消防、市场监管、卫生健康部门出具意见及市民政局审批,公示期满无异议,批准建设补贴80000元,于2027年1月一次性拨付。计算:"
            + breakdown + "。");
    assertThat(bundled.render("nursingHome.approval.payment.monthly", Map.of("amount", "20250", "year", 2027, "month", 1)))
        .isEqualTo("每月20250元,自2027年1月起按月拨付");

    Map<String, Object> rejection = Map.of("policy", "运营补贴", "institution", "香坊区康乐养老院",
        "reasons", "市民政局审批意见:消防安全不达标,不予运营补贴");
    assertThat(bundled.render("nursingHome.rejection.title", rejection)).isEqualTo("养老机构运营补贴不予扶持通知");
    assertThat(bundled.render("nursingHome.rejection.body", rejection)).isEqualTo(
        "香坊区康乐养老院:经审核,本次运营补贴申请不予扶持。理由如下:市民政局审批意见:消防安全不达标,不予运营补贴。如不服本决定,可自收到本通知之日起60日内依法申请行政复议,或者6个月内依法向人民法院提起行政诉讼。");
    Map<String, Object> returned = Map.of("policy", "运营补贴", "institution", "香坊区康乐养老院",
        "reasons", "退回补充材料:缺少消防验收意见书");
    assertThat(bundled.render("nursingHome.returned.title", returned)).isEqualTo("养老机构运营补贴退回补充材料通知");
    assertThat(bundled.render("nursingHome.returned.body", returned)).isEqualTo(
        "香坊区康乐养老院:申请材料需补充完善,本次申请退回,材料补齐后可重新申请。理由如下:退回补充材料:缺少消防验收意见书。如不服本决定,可自收到本通知之日起60日内依法申请行政复议,或者6个月内依法向人民法院提起行政诉讼。");
  }

  // ------------------------------------------------------------------ the renderer

  private static NoticeTemplates of(String... idsAndTexts) {
    Map<String, String> templates = new LinkedHashMap<>();
    for (int i = 0; i < idsAndTexts.length; i += 2) {
      templates.put(idsAndTexts[i], idsAndTexts[i + 1]);
    }
    return new NoticeTemplates(templates);
  }

  @Test
  void fillsEveryPlaceholderAndIncludesFragmentsWithTheSameValues() {
    NoticeTemplates t = of("a.body", "{name}家庭({size}人):{a.tail}", "a.tail", "共{size}人。{common.appeal}",
        "common.appeal", "如有异议请反映。");
    assertThat(t.render("a.body", Map.of("name", "张三", "size", 3))).isEqualTo("张三家庭(3人):共3人。如有异议请反映。");
    assertThat(t.valueNames("a.body")).containsExactly("name", "size");
  }

  @Test
  void valuesAreInsertedLiterallyAndNeverReadAsTemplates() {
    NoticeTemplates t = of("a.body", "理由:{reason}", "a.secret", "不应出现");
    assertThat(t.render("a.body", Map.of("reason", "{a.secret} $1 \\ {x}"))).isEqualTo("理由:{a.secret} $1 \\ {x}");
  }

  @Test
  void unusedValuesAreIgnored() {
    assertThat(of("a.body", "你好{name}").render("a.body", Map.of("name", "张三", "other", 1))).isEqualTo("你好张三");
  }

  @Test
  void aMissingValueFails() {
    NoticeTemplates t = of("a.body", "{name}家庭({size}人)");
    assertThatThrownBy(() -> t.render("a.body", Map.of("name", "张三")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.body").hasMessageContaining("{size}");
  }

  @Test
  void aNullValueFails() {
    Map<String, Object> values = new HashMap<>();
    values.put("name", null);
    assertThatThrownBy(() -> of("a.body", "你好{name}").render("a.body", values))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{name}");
  }

  @Test
  void aMissingValueOfAnIncludedFragmentFails() {
    NoticeTemplates t = of("a.body", "开头{a.tail}", "a.tail", "共{size}人");
    assertThatThrownBy(() -> t.render("a.body", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.tail").hasMessageContaining("{size}");
  }

  @Test
  void anUnknownTemplateFails() {
    assertThatThrownBy(() -> of("a.body", "x").render("a.other", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.other");
  }

  @Test
  void anIncludeOfAMissingTemplateFailsAtOnce() {
    assertThatThrownBy(() -> of("a.body", "开头{common.apeal}", "common.appeal", "x"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("common.apeal");
  }

  @Test
  void unmatchedOrMalformedBracesFailAtOnce() {
    assertThatThrownBy(() -> of("a.body", "你好{name")).isInstanceOf(IllegalStateException.class).hasMessageContaining("a.body");
    assertThatThrownBy(() -> of("a.body", "你好name}")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> of("a.body", "你好{}")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> of("a.body", "你好{申请人}")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> of("a.body", "你好{na me}")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void includesThatGoRoundFailAtOnce() {
    assertThatThrownBy(() -> of("a.one", "{a.two}", "a.two", "x{a.one}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a.one").hasMessageContaining("a.two");
    assertThatThrownBy(() -> of("a.one", "{a.one}")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEmptyTemplateOrAnIdWithoutADotFailsAtOnce() {
    assertThatThrownBy(() -> of("a.body", "  ")).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> of("body", "x")).isInstanceOf(IllegalStateException.class);
  }

  // ------------------------------------------------------------------ the file format

  @Test
  void theFileIsReadAsUtf8PropertiesWithCommentsAndAByteOrderMark() {
    Map<String, String> parsed = NoticeTemplates.parse("\uFEFF# 说明\na.body = 申请人:{name};家庭=3人\n\n! 也是说明\nb.x=y\n", "test");
    assertThat(parsed).containsExactly(Map.entry("a.body", "申请人:{name};家庭=3人"), Map.entry("b.x", "y"));
  }

  @Test
  void aTemplateDefinedTwiceFails() {
    assertThatThrownBy(() -> NoticeTemplates.parse("a.body = 一\na.body = 二\n", "test"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a.body").hasMessageContaining("twice");
  }

  @Test
  void aMissingFileFails() {
    assertThatThrownBy(() -> NoticeTemplates.fromClasspath("notices/no-such-file.properties"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-file");
  }
}
