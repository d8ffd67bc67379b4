package org.minzhengflow.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses and validates one holiday data file:
 * {@code {"years": {"2026": {"source": "...", "holidays": [{"name","from","to"}], "makeUpWorkdays": ["2026-10-10"]}}}}.
 *
 * <p>Walks the JSON tree by hand instead of binding to classes so that every error can name the
 * file, year and entry an operator has to fix.
 */
final class CalendarDataParser {

  private static final Pattern YEAR_KEY = Pattern.compile("\\d{4}");

  // Duplicate year keys would otherwise be resolved silently by "last one wins".
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * @param in         the JSON content; not closed by this method
   * @param sourceName file name or classpath location, used in error messages
   * @return the years in the file, keyed and sorted by year
   * @throws CalendarDataException if the content is not valid holiday data
   */
  Map<Integer, CalendarYear> parse(InputStream in, String sourceName) {
    JsonNode root = readTree(in, sourceName);
    JsonNode years = root.get("years");
    if (years == null || !years.isObject()) {
      throw invalid(sourceName, "缺少 \"years\" 对象");
    }
    Map<Integer, CalendarYear> result = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = years.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      int year = parseYearKey(field.getKey(), sourceName);
      result.put(year, parseYear(year, field.getValue(), sourceName));
    }
    return result;
  }

  private JsonNode readTree(InputStream in, String sourceName) {
    try {
      JsonNode root = mapper.readTree(in);
      if (root == null || !root.isObject()) {
        throw invalid(sourceName, "内容不是 JSON 对象");
      }
      return root;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "（第 " + e.getLocation().getLineNr() + " 行）";
      throw new CalendarDataException(
          "节假日数据文件 " + sourceName + " 不是有效的 JSON" + where + "：" + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CalendarDataException("无法读取节假日数据文件 " + sourceName, e);
    }
  }

  private int parseYearKey(String key, String sourceName) {
    if (!YEAR_KEY.matcher(key).matches()) {
      throw invalid(sourceName, "年份 \"" + key + "\" 应为四位数字");
    }
    return Integer.parseInt(key);
  }

  private CalendarYear parseYear(int year, JsonNode node, String sourceName) {
    if (!node.isObject()) {
      throw invalid(sourceName, year + " 年的数据应为 JSON 对象");
    }
    List<Holiday> holidays = parseHolidays(year, requireArray(node, "holidays", year, sourceName), sourceName);
    Set<LocalDate> makeUpWorkdays = parseMakeUpWorkdays(
        year, requireArray(node, "makeUpWorkdays", year, sourceName), sourceName);
    for (LocalDate day : makeUpWorkdays) {
      for (Holiday holiday : holidays) {
        if (holiday.contains(day)) {
          throw invalid(sourceName, year + " 年的调休上班日 " + day + " 落在放假区间“"
              + holiday.name() + "”（" + holiday.from() + " 至 " + holiday.to() + "）内");
        }
      }
    }
    JsonNode source = node.get("source");
    return new CalendarYear(year, source == null ? null : source.asText(), holidays, makeUpWorkdays);
  }

  private List<Holiday> parseHolidays(int year, JsonNode array, String sourceName) {
    List<Holiday> holidays = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode entry = array.get(i);
      String position = year + " 年第 " + (i + 1) + " 个放假安排";
      if (!entry.isObject()) {
        throw invalid(sourceName, position + "应为 JSON 对象");
      }
      String name = requireText(entry, "name", position, sourceName);
      String label = year + " 年“" + name + "”";
      LocalDate from = parseDate(requireText(entry, "from", label, sourceName), label + "的开始日期", sourceName);
      LocalDate to = parseDate(requireText(entry, "to", label, sourceName), label + "的结束日期", sourceName);
      if (from.isAfter(to)) {
        throw invalid(sourceName, label + "的开始日期 " + from + " 晚于结束日期 " + to);
      }
      requireBelongsToYear(year, from, label + "的开始日期", sourceName);
      requireBelongsToYear(year, to, label + "的结束日期", sourceName);
      holidays.add(new Holiday(name, from, to));
    }
    return holidays;
  }

  private Set<LocalDate> parseMakeUpWorkdays(int year, JsonNode array, String sourceName) {
    Set<LocalDate> days = new LinkedHashSet<>();
    String label = year + " 年的调休上班日";
    for (JsonNode entry : array) {
      if (!entry.isTextual()) {
        throw invalid(sourceName, label + "应为 yyyy-MM-dd 格式的字符串，实际为 " + entry);
      }
      LocalDate day = parseDate(entry.asText(), label, sourceName);
      requireBelongsToYear(year, day, label, sourceName);
      days.add(day);
    }
    return days;
  }

  /**
   * A notice for year Y may arrange the New Year holiday from late December of Y-1 (e.g. the 2019
   * notice: rest 2018-12-30 to 2019-01-01, work on Saturday 2018-12-29). Anything further away
   * is a typo in the year.
   */
  private static void requireBelongsToYear(int year, LocalDate date, String label, String sourceName) {
    LocalDate earliest = LocalDate.of(year - 1, 12, 1);
    LocalDate latest = LocalDate.of(year, 12, 31);
    if (date.isBefore(earliest) || date.isAfter(latest)) {
      throw invalid(sourceName, label + " " + date + " 不属于 " + year + " 年"
          + "（只允许该年内或上一年 12 月的日期）");
    }
  }

  private static JsonNode requireArray(JsonNode node, String field, int year, String sourceName) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw invalid(sourceName, year + " 年缺少 \"" + field + "\" 数组（没有内容时请写 []）");
    }
    return value;
  }

  private static String requireText(JsonNode node, String field, String label, String sourceName) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw invalid(sourceName, label + "缺少 \"" + field + "\" 字段");
    }
    return value.asText().strip();
  }

  private static LocalDate parseDate(String text, String label, String sourceName) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(sourceName, label + " \"" + text + "\" 不是有效日期，应为 yyyy-MM-dd 格式");
    }
  }

  private static CalendarDataException invalid(String sourceName, String detail) {
    return new CalendarDataException("节假日数据文件 " + sourceName + " 有误：" + detail);
  }
}
