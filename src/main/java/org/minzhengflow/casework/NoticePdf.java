package org.minzhengflow.casework;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A notice (告知书) as an A4 PDF for the citizen: the issuing bureau, title, applicant, application number,
 * date, the decision text (which carries the reasons and the amount with its calculation) and, for the
 * decisions that go against the applicant, how to appeal.
 *
 * <p>The font is Noto Sans SC, shipped in the application ({@value #FONT}, a subset of the npm package
 * {@code @expo-google-fonts/noto-sans-sc}, SIL OFL 1.1, see {@code fonts/OFL.txt}) rather than taken from the
 * server, so that every installation prints the same and Chinese text can be copied out of the PDF: PDFBox
 * embeds only the glyphs used, with a ToUnicode map. A character the font lacks (a rare character of an
 * extension block in a name) is printed as 〓, the typesetters' mark for a missing character, instead of
 * failing the whole notice.
 */
@Component
public class NoticePdf {

  static final String FONT = "fonts/NotoSansSC-Regular-subset.ttf";

  /** The notices that decide against the applicant: they must say how to appeal (行政复议 / 行政诉讼). */
  static final Set<CaseNotices.Kind> ADVERSE = EnumSet.of(CaseNotices.Kind.REJECTION, CaseNotices.Kind.REFERRAL,
      CaseNotices.Kind.REVOCATION, CaseNotices.Kind.REVIEW_OUTCOME, CaseNotices.Kind.BENEFIT_ENDED);

  private static final char MISSING = '〓';
  private static final float MARGIN_X = 72;
  private static final float MARGIN_TOP = 80;
  private static final float MARGIN_BOTTOM = 72;
  private static final float BODY_SIZE = 12;
  private static final float LEADING = 1.75f;
  /** Chinese typesetting (避头点): these never begin a line; they hang into the margin instead. */
  private static final String NO_LINE_START = ",。、;:?!)》」』】〕”’,.;:?!)%";

  /** What is printed; the text values are shown as they are. */
  public record Content(String bureau, String title, String applicant, String applicationNo,
      java.time.Instant issuedAt, String body, String appeal) {}

  private final byte[] font;
  private final BitSet covered;
  private final ZoneId zone;
  private final DateTimeFormatter dateFormat = DateTimeFormatter.ofPattern("yyyy年M月d日");

  public NoticePdf(@Value("${app.zone:Asia/Shanghai}") String zone) {
    this.zone = ZoneId.of(zone);
    try (InputStream in = NoticePdf.class.getClassLoader().getResourceAsStream(FONT)) {
      if (in == null) {
        throw new IllegalStateException("notice font not found on the classpath: " + FONT);
      }
      this.font = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // which characters the font has, read once: the parsed font itself is not safe to share between requests
    try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
      CmapLookup cmap = ttf.getUnicodeCmapLookup();
      covered = new BitSet(0x10000);
      for (int cp = 0; cp < 0x10000; cp++) {
        if (cmap.getGlyphId(cp) > 0) {
          covered.set(cp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read notice font " + FONT, e);
    }
  }

  /** The notice as PDF bytes. */
  public byte[] render(Content c) {
    try (PDDocument doc = new PDDocument();
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
      PDType0Font type0 = PDType0Font.load(doc, ttf, true);
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(printable(c.title()));
      info.setAuthor(printable(c.bureau()));
      info.setSubject(c.applicationNo());
      info.setCreator("minzheng-flow");
      Writer w = new Writer(doc, type0);
      String date = dateFormat.format(c.issuedAt().atZone(zone));

      w.centered(c.bureau(), 16, true);
      w.gap(6);
      w.centered(c.title(), 20, true);
      w.gap(18);
      w.line("申请编号:" + c.applicationNo(), BODY_SIZE, false);
      w.line("申请人:" + (c.applicant() == null ? "" : c.applicant()), BODY_SIZE, false);
      w.line("日期:" + date, BODY_SIZE, false);
      w.gap(12);
      for (String paragraph : c.body().split("\\R")) {
        if (!paragraph.isBlank()) {
          w.paragraph(paragraph.strip(), BODY_SIZE);
        }
      }
      if (c.appeal() != null) {
        w.gap(6);
        w.line("救济途径", BODY_SIZE, true);
        w.paragraph(c.appeal(), BODY_SIZE);
      }
      w.gap(36);
      w.right(c.bureau(), 14);
      w.right("(盖章)", BODY_SIZE);
      w.right(date, BODY_SIZE);
      w.finish(c.applicationNo());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render notice of " + c.applicationNo(), e);
    }
  }

  /** The text with every character the font lacks replaced by 〓 (and control characters dropped). */
  String printable(String text) {
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        return;
      }
      if (cp < 0x10000 && covered.get(cp)) {
        s.appendCodePoint(cp);
      } else {
        s.append(MISSING);
      }
    });
    return s.toString();
  }

  /** Lays text out top to bottom over as many A4 pages as it needs. */
  private final class Writer {
    private final PDDocument doc;
    private final PDType0Font font;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument doc, PDType0Font font) throws IOException {
      this.doc = doc;
      this.font = font;
      newPage();
    }

    private float width() {
      return PDRectangle.A4.getWidth() - 2 * MARGIN_X;
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      pages.add(page);
      stream = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN_TOP;
    }

    private void advance(float size) throws IOException {
      if (y - size * LEADING < MARGIN_BOTTOM) {
        newPage();
      }
      y -= size * LEADING;
    }

    void gap(float points) {
      y -= points;
    }

    private float widthOf(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    private void show(String text, float x, float size, boolean bold) throws IOException {
      stream.beginText();
      stream.setFont(font, size);
      // one regular font is shipped; headings are set in a stroked (bolder) rendering of it
      stream.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
      stream.setLineWidth(bold ? size / 30 : 0);
      stream.newLineAtOffset(x, y);
      stream.showText(text);
      stream.endText();
    }

    void centered(String text, float size, boolean bold) throws IOException {
      for (String line : wrap(printable(text), size, 0)) {
        advance(size);
        show(line, MARGIN_X + (width() - widthOf(line, size)) / 2, size, bold);
      }
    }

    void right(String text, float size) throws IOException {
      String line = printable(text);
      advance(size);
      show(line, MARGIN_X + width() - widthOf(line, size) - size, size, false);
    }

    void line(String text, float size, boolean bold) throws IOException {
      for (String line : wrap(printable(text), size, 0)) {
        advance(size);
        show(line, MARGIN_X, size, bold);
      }
    }

    /** A paragraph with the first line indented by two characters (首行缩进). */
    void paragraph(String text, float size) throws IOException {
      List<String> lines = wrap(printable(text), size, 2 * size);
      for (int i = 0; i < lines.size(); i++) {
        advance(size);
        show(lines.get(i), MARGIN_X + (i == 0 ? 2 * size : 0), size, false);
      }
    }

    /** Breaks between any two characters (Chinese has no spaces), keeping closing punctuation on the line. */
    private List<String> wrap(String text, float size, float firstIndent) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      float used = firstIndent;
      int[] cps = text.codePoints().toArray();
      for (int cp : cps) {
        String ch = new String(Character.toChars(cp));
        float w = widthOf(ch, size);
        boolean hangs = NO_LINE_START.indexOf(cp) >= 0;
        if (used + w > width() && !line.isEmpty() && !hangs) {
          lines.add(line.toString());
          line.setLength(0);
          used = 0;
        }
        line.append(ch);
        used += w;
      }
      if (!line.isEmpty() || lines.isEmpty()) {
        lines.add(line.toString());
      }
      return lines;
    }

    /** Closes the last page and numbers every page in its footer. */
    void finish(String applicationNo) throws IOException {
      stream.close();
      for (int i = 0; i < pages.size(); i++) {
        try (PDPageContentStream footer = new PDPageContentStream(doc, pages.get(i),
            PDPageContentStream.AppendMode.APPEND, true)) {
          String text = printable("申请编号 " + applicationNo + "  第" + (i + 1) + "页 共" + pages.size() + "页");
          float size = 9;
          footer.beginText();
          footer.setFont(font, size);
          footer.newLineAtOffset(MARGIN_X + (width() - widthOf(text, size)) / 2, MARGIN_BOTTOM / 2);
          footer.showText(text);
          footer.endText();
        }
      }
    }
  }
}
