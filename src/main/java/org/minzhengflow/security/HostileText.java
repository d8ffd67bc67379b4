package org.minzhengflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.FieldProblem;

/**
 * Text that no field of a civil-affairs case may hold, found anywhere in a JSON body: control characters (PostgreSQL
 * refuses NUL in text, which surfaced as a 500; the others are invisible in notices, PDFs and Tasklist), unpaired
 * surrogates (not Unicode: the database driver silently stores them as "?"), bidirectional overrides (they make a
 * notice or a history entry read differently from what is stored), and — where asked — expressions
 * ({@code ${…}}/{@code #{…}}), sizes and depths beyond anything a real request needs. One problem per field, named by
 * its JSON path as the validators name them ({@code members[0].name}); at most {@value #MAX_PROBLEMS}.
 */
public final class HostileText {

  /** Limits of the application API: far above any real request, far below what hurts the server. */
  public record Limits(boolean expressions, int maxString, int maxArray, int maxDepth) {
    public static final Limits APPLICATION_API = new Limits(true, 10_000, 10_000, 32);
    /** Engine data (task variables, form fields): opinions may quote {@code ${…}}; they are stored, never evaluated. */
    public static final Limits ENGINE_DATA = new Limits(false, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  static final int MAX_PROBLEMS = 20;

  private HostileText() {}

  /** Why the text may not be stored, or null when it may. */
  public static String problem(String text, boolean expressions) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "包含无效的Unicode字符(不成对的代理项)";
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
        return "包含不允许的控制字符";
      } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        return "包含不允许的文字方向控制字符";
      }
    }
    if (expressions && (text.contains("${") || text.contains("#{"))) {
      return "不允许包含表达式(${…} 或 #{…})";
    }
    return null;
  }

  public static List<FieldProblem> problems(JsonNode root, Limits limits) {
    List<FieldProblem> problems = new ArrayList<>();
    walk(root, "", 0, limits, problems);
    return problems;
  }

  private static void walk(JsonNode node, String path, int depth, Limits limits, List<FieldProblem> problems) {
    if (problems.size() >= MAX_PROBLEMS || node == null) {
      return;
    }
    String field = path.isEmpty() ? "body" : path;
    if (depth > limits.maxDepth()) {
      problems.add(new FieldProblem(field, "嵌套层数过多(最多" + limits.maxDepth() + "层)"));
      return;
    }
    if (node.isTextual()) {
      String text = node.textValue();
      String problem = problem(text, limits.expressions());
      if (problem == null && text.length() > limits.maxString()) {
        problem = "不能超过" + limits.maxString() + "个字符";
      }
      if (problem != null) {
        problems.add(new FieldProblem(field, problem));
      }
    } else if (node.isArray()) {
      if (node.size() > limits.maxArray()) {
        problems.add(new FieldProblem(field, "最多" + limits.maxArray() + "项"));
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", depth + 1, limits, problems);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        String problem = problem(e.getKey(), limits.expressions());
        if (problem != null) {
          // the name itself is not echoed: it is the hostile part
          problems.add(new FieldProblem(field, "字段名" + problem));
          continue;
        }
        walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), depth + 1, limits, problems);
      }
    }
  }
}
