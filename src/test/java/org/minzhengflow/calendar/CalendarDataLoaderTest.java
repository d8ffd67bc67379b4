package org.minzhengflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarDataLoaderTest {

  @TempDir
  Path dir;

  // Test-only data in the shape of a State Council notice; not a prediction of the real 2027 notice.
  private static final String YEAR_2027 = """
      {"years": {"2027": {
       "source": "test data",
       "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
       "makeUpWorkdays": ["2027-01-09"]
      }}}
      """;

  @Test
  void missingExtraDirectoryLeavesTheBundledData() {
    Map<Integer, CalendarYear> years = new CalendarDataLoader(dir.resolve("absent")).load();
    assertThat(years).containsOnlyKeys(2025, 2026);
    CalendarYear y2026 = years.get(2026);
    assertThat(y2026.source()).contains("2026");
    assertThat(y2026.holidays()).contains(new Holiday("国庆节", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)));
    assertThat(y2026.makeUpWorkdays()).contains(LocalDate.of(2026, 10, 10));
  }

  @Test
  void extraFileAddsAYear() throws IOException {
    Files.writeString(dir.resolve("2027.json"), YEAR_2027);
    WorkingDayCalendar calendar = new WorkingDayCalendar(new CalendarDataLoader(dir).load().values());

    assertThat(calendar.knownYears()).containsExactly(2025, 2026, 2027);
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 9))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
  }

  @Test
  void laterFilesReplaceWholeYears() throws IOException {
    // Replaces the bundled 2026 entirely: National Day is no longer listed.
    Files.writeString(dir.resolve("a-correction.json"), """
        {"years": {"2026": {"holidays": [{"name": "元旦", "from": "2026-01-01", "to": "2026-01-01"}],
                  "makeUpWorkdays": []}}}
        """);
    Files.writeString(dir.resolve("b-correction.json"), """
        {"years": {"2026": {"holidays": [{"name": "劳动节", "from": "2026-05-01", "to": "2026-05-01"}],
                  "makeUpWorkdays": []}}}
        """);
    Files.writeString(dir.resolve("notes.txt"), "not JSON, ignored");
    WorkingDayCalendar calendar = new WorkingDayCalendar(new CalendarDataLoader(dir).load().values());

    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 2))).as("a-correction replaced by b").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 5, 1))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 1))).as("2025 untouched").isFalse();
  }

  @Test
  void newYearHolidayMayStartInThePreviousDecember() throws IOException {
    Files.writeString(dir.resolve("2027.json"), """
        {"years": {"2027": {"holidays": [{"name": "元旦", "from": "2026-12-31", "to": "2027-01-02"}],
                  "makeUpWorkdays": ["2026-12-27"]}}}
        """);
    WorkingDayCalendar calendar = new WorkingDayCalendar(new CalendarDataLoader(dir).load().values());
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 31))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 27))).isTrue();
  }

  @Test
  void startBeforeEndIsRequired() throws IOException {
    assertMalformed("""
        {"years": {"2027": {"holidays": [{"name": "国庆节", "from": "2027-10-07", "to": "2027-10-01"}],
                  "makeUpWorkdays": []}}}
        """, "2027 年“国庆节”的开始日期 2027-10-07 晚于结束日期 2027-10-01");
  }

  @Test
  void datesMustParse() throws IOException {
    assertMalformed("""
        {"years": {"2027": {"holidays": [{"name": "春节", "from": "2027-02-30", "to": "2027-03-01"}],
                  "makeUpWorkdays": []}}}
        """, "2027 年“春节”的开始日期 \"2027-02-30\" 不是有效日期");
    assertMalformed("""
        {"years": {"2027": {"holidays": [], "makeUpWorkdays": ["2027/02/06"]}}}
        """, "2027 年的调休上班日 \"2027/02/06\" 不是有效日期");
  }

  @Test
  void datesMustBelongToTheYearKey() throws IOException {
    assertMalformed("""
        {"years": {"2027": {"holidays": [{"name": "劳动节", "from": "2026-05-01", "to": "2026-05-05"}],
                  "makeUpWorkdays": []}}}
        """, "2027 年“劳动节”的开始日期 2026-05-01 不属于 2027 年");
    assertMalformed("""
        {"years": {"2027": {"holidays": [], "makeUpWorkdays": ["2028-01-08"]}}}
        """, "2027 年的调休上班日 2028-01-08 不属于 2027 年");
  }

  @Test
  void structureIsChecked() throws IOException {
    assertMalformed("{\"years\": {\"2027\": {\"holidays\": []}}}", "2027 年缺少 \"makeUpWorkdays\" 数组");
    assertMalformed("{\"years\": {\"27\": {\"holidays\": [], \"makeUpWorkdays\": []}}}", "年份 \"27\" 应为四位数字");
    assertMalformed("{\"2027\": {}}", "缺少 \"years\" 对象");
    assertMalformed("{\"years\": {\"2027\": {\"holidays\": [{\"from\": \"2027-01-01\", \"to\": \"2027-01-01\"}],"
        + " \"makeUpWorkdays\": []}}}", "2027 年第 1 个放假安排缺少 \"name\" 字段");
    assertMalformed("{\"years\": {\"2027\": {\"holidays\": [], \"makeUpWorkdays\": []},"
        + " \"2027\": {\"holidays\": [], \"makeUpWorkdays\": []}}}", "不是有效的 JSON");
    assertMalformed("{\"years\": {\"2027\": ", "不是有效的 JSON");
  }

  @Test
  void makeUpDayInsideAHolidayIsRejected() throws IOException {
    assertMalformed("""
        {"years": {"2027": {"holidays": [{"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
                  "makeUpWorkdays": ["2027-10-02"]}}}
        """, "2027 年的调休上班日 2027-10-02 落在放假区间“国庆节”");
  }

  @Test
  void extraDirectoryMustBeADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("calendar"), "");
    assertThatThrownBy(() -> new CalendarDataLoader(file).load())
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining("不是目录");
  }

  private void assertMalformed(String json, String expectedDetail) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), json);
    assertThatThrownBy(() -> new CalendarDataLoader(dir).load())
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining("节假日数据文件 " + file.toAbsolutePath())
        .hasMessageContaining(expectedDetail);
  }
}
