package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF itself: A4, the shipped font embedded as a subset, and every part of the notice extractable as text. */
class NoticePdfTest {

  private final NoticePdf pdf = new NoticePdf("Asia/Shanghai");
  private final String appeal = new NoticeTemplates().render(NoticeTemplates.APPEAL, java.util.Map.of());

  static String text(byte[] bytes) throws IOException {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      // PDFTextStripper breaks lines where the PDF does; a notice is checked as one running text
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
    }
  }

  @Test
  void anApprovalShowsTheBureauTheApplicantAndTheAmountWithItsCalculation() throws IOException {
    String body = "刘一家庭(2人):经审核,符合最低生活保障条件,批准纳入最低生活保障,每月保障金1212元"
        + "(保障标准每人每月806元,家庭月收入400元),自2027年1月起发放。";
    byte[] bytes = pdf.render(new NoticePdf.Content("哈尔滨市香坊区民政局", "最低生活保障审批通知", "刘一", "DB2026000123",
        Instant.parse("2026-12-01T02:00:00Z"), body, null));

    assertThat(new String(bytes, 0, 5)).isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      PDRectangle size = doc.getPage(0).getMediaBox();
      assertThat(size.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      assertThat(size.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
      PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
      assertThat(font.isEmbedded()).isTrue();
      // a subset: the name carries PDFBox's six-letter tag, and the file stays far below the 7 MB font
      assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
      assertThat(bytes.length).isLessThan(200_000);
    }
    String text = text(bytes);
    assertThat(text).contains("哈尔滨市香坊区民政局", "最低生活保障审批通知", "刘一", "DB2026000123", "2026年12月1日",
        "每月保障金1212元", "保障标准每人每月806元", "家庭月收入400元");
    assertThat(text).doesNotContain("行政复议");
  }

  @Test
  void aRefusalShowsItsReasonsAndHowToAppeal() throws IOException {
    String body = "王五家庭:经审核,不符合最低生活保障条件,理由如下:家庭人均月收入900元高于低保标准806元;"
        + "家庭拥有机动车2辆。" + appeal;
    String text = text(pdf.render(new NoticePdf.Content("哈尔滨市道里区民政局", "不予纳入最低生活保障通知", "王五",
        "DB2026000124", Instant.parse("2026-12-01T02:00:00Z"), body, null)));
    assertThat(text).contains("哈尔滨市道里区民政局", "不予纳入最低生活保障通知", "家庭人均月收入900元高于低保标准806元",
        "家庭拥有机动车2辆", "60日内依法申请行政复议", "6个月内依法向人民法院提起行政诉讼");
  }

  @Test
  void anAdverseNoticeWithoutTheSentenceGetsItAsItsOwnSection() throws IOException {
    String text = text(pdf.render(new NoticePdf.Content("哈尔滨市民政局", "停发养老补贴通知", "周老汉", "YL2026000001",
        Instant.parse("2026-12-01T02:00:00Z"), "周老汉的高龄津贴因死亡,自2027年1月起停发。", appeal)));
    assertThat(text).contains("哈尔滨市民政局", "救济途径", "60日内依法申请行政复议");
  }

  @Test
  void longTextsFlowOntoMorePagesAndRareCharactersDoNotBreakTheNotice() throws IOException {
    String reasons = "经入户调查核实,家庭成员名下登记有商业用房一套。".repeat(120);
    byte[] bytes = pdf.render(new NoticePdf.Content("哈尔滨市香坊区民政局", "不予纳入最低生活保障通知",
        "张\uD840\uDC00", "DB2026000125", Instant.parse("2026-12-01T02:00:00Z"), reasons + appeal, null));
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(1);
    }
    // 𠀀 (Extension B) is not in the shipped subset: printed as the missing-character mark, the rest intact
    assertThat(text(bytes)).contains("张〓", "第2页", "6个月内依法向人民法院提起行政诉讼");
  }
}
