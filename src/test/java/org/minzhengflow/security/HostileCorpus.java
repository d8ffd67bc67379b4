package org.minzhengflow.security;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.minzhengflow.identification.TestIds;

/**
 * The hostile-input corpus, generated from a valid request body (a template) with a fixed seed, so that every run sends
 * the same requests: whole bodies that are not JSON or not the expected shape, and for every field of the template
 * values of the wrong type, huge, deeply nested, with unicode edge cases (NUL, lone surrogates, right-to-left
 * overrides), injection strings, expressions and invalid identifiers. Each input is meant to be refused: values that
 * a field may legitimately hold (an SQL-looking sentence in a free-text reason: the endpoint names its free-text
 * fields) are left out for that field.
 */
final class HostileCorpus {

  /** One request of the corpus: the raw body (exact bytes), its content type, and the field it spoils (or null). */
  record Input(String label, byte[] body, String contentType, String field) {}

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Escapes every non-ASCII character, so that a lone surrogate reaches the server as {@code \ud800} instead of being
   * replaced by {@code ?} when the text is encoded.
   */
  static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();

  /** Whole numbers (beds, years, days, persons …), where a fraction is an error; amounts may have one. */
  static final java.util.regex.Pattern COUNTS = java.util.regex.Pattern.compile(
      ".*(?i:beds|residents|rating|years|vehicles|houses|properties|size|days|year|intact|mild|moderate|severe|complete)");

  static final String HUGE = "长".repeat(100_001);

  /** Strings refused in any text field, free text included. */
  static final List<String> ALWAYS_BAD_STRINGS = List.of(
      "${7*7}", "#{7*7}", "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}",
      "\u0000", "甲\u0000乙", "\uD800", "甲\uDFFF乙", "\u202E甲乙丙", "甲\u2066乙", "\u0007", HUGE);

  /** Strings refused in identifiers, codes, enums, dates, numbers and person names (not in free text). */
  static final List<String> STRUCTURED_BAD_STRINGS = List.of(
      "' OR '1'='1", "1; DROP TABLE case_record; --", "230110' UNION SELECT version() --",
      "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
      "-1", "1e309", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u200B", "../../etc/passwd", "%00");

  private final Random random;

  HostileCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** Bodies that are not JSON, or not JSON of the expected shape, sent to every endpoint. */
  List<Input> structural(boolean expectsArray) {
    return structural(expectsArray, false);
  }

  /** With {@code heavy}, also a 6 MB body and 100 000 levels of nesting (sent to a few endpoints: they cost time). */
  List<Input> structural(boolean expectsArray, boolean heavy) {
    List<Input> inputs = new ArrayList<>();
    String json = "application/json";
    for (String body : List.of("", "{", "[", "}", "null", "\"字符串\"", "0", "true", expectsArray ? "{}" : "[]",
        "{\"a\":}", "{'a':1}", "{\"a\":1}x", "{\"a\":1,}", "[1,]", "{\"a\":\"\\u0000\"", "\u0000",
        "{\"a\":\"\\uD800\"}", "{\"\\u0024{x}\":\"\\u0024{7*7}\"}")) {
      inputs.add(new Input("body " + shorten(body), body.getBytes(StandardCharsets.UTF_8), json, null));
    }
    if (heavy) {
      inputs.add(new Input("deep nesting 100000", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), json, null));
    }
    inputs.add(new Input("deep objects 5000", ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(StandardCharsets.UTF_8), json, null));
    inputs.add(new Input("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, json, null));
    inputs.add(new Input("CESU surrogate bytes", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, json, null));
    if (heavy) {
      inputs.add(new Input("6 MB body", ("{\"a\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), json, null));
    }
    inputs.add(new Input("text/plain", "{}".getBytes(StandardCharsets.UTF_8), "text/plain", null));
    inputs.add(new Input("XML with XXE", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
        .getBytes(StandardCharsets.UTF_8), "application/xml", null));
    return inputs;
  }

  /**
   * Every field of the template spoiled in turn: the expressions always, and a seeded sample of {@code perField}
   * further values fitting the field's kind; plus an extra member named with an expression in every object.
   */
  List<Input> fields(JsonNode template, int perField, Set<String> freeText) {
    List<Input> inputs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> leaf : paths(template).entrySet()) {
      String path = leaf.getKey();
      JsonNode value = leaf.getValue();
      List<JsonNode> candidates = candidates(path, value, freeText.contains(path));
      List<JsonNode> always = new ArrayList<>(candidates.subList(0, Math.min(2, candidates.size())));
      List<JsonNode> rest = new ArrayList<>(candidates.subList(always.size(), candidates.size()));
      Collections.shuffle(rest, random);
      always.addAll(rest.subList(0, Math.min(perField, rest.size())));
      for (JsonNode bad : always) {
        JsonNode body = replace(template, path, bad);
        inputs.add(new Input(path + " = " + shorten(bad.toString()), bytes(body), "application/json", path));
      }
      if (value.isObject()) {
        JsonNode extra = template.deepCopy();
        JsonNode at = path.isEmpty() ? extra : at(extra, path);
        ((ObjectNode) at).put("${x}", "#{y}");
        inputs.add(new Input(path + " + member ${x}", bytes(extra), "application/json", path.isEmpty() ? "body" : path));
      }
    }
    return inputs;
  }

  /** The values tried for one field: expressions first (always sent), then the kind's hostile values. */
  private List<JsonNode> candidates(String path, JsonNode value, boolean freeText) {
    List<JsonNode> list = new ArrayList<>();
    String name = path.replaceAll(".*[.\\]]", "");
    list.add(NODES.textNode("${7*7}"));
    list.add(NODES.textNode("#{7*7}"));
    if (value.isTextual()) {
      ALWAYS_BAD_STRINGS.subList(2, ALWAYS_BAD_STRINGS.size()).forEach(s -> list.add(NODES.textNode(s)));
      list.add(NODES.objectNode());
      list.add(NODES.arrayNode());
      list.add(nestedArray(50));
      if (!freeText) {
        STRUCTURED_BAD_STRINGS.forEach(s -> list.add(NODES.textNode(s)));
      }
      if (name.toLowerCase().contains("idnumber")) {
        invalidIdNumbers(value.asText()).forEach(s -> list.add(NODES.textNode(s)));
      }
      if (name.equals("creditCode")) {
        String code = value.asText();
        list.add(NODES.textNode(code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0')));
        list.add(NODES.textNode(code.substring(0, 17)));
        list.add(NODES.textNode(code.toLowerCase()));
        list.add(NODES.textNode(code.substring(0, 17) + "I"));
      }
    } else if (value.isNumber()) {
      list.add(NODES.textNode("abc"));
      list.add(NODES.numberNode(-1));
      list.add(NODES.numberNode(new java.math.BigDecimal("1e309")));
      list.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")));
      list.add(NODES.booleanNode(true));
      list.add(NODES.objectNode());
      list.add(NODES.arrayNode());
      list.add(NODES.textNode("NaN"));
      list.add(NODES.textNode("' OR 1=1 --"));
      if (value.isIntegralNumber() && COUNTS.matcher(name).matches()) {
        list.add(NODES.numberNode(1.5));
      }
    } else if (value.isBoolean()) {
      list.add(NODES.textNode("yes"));
      list.add(NODES.numberNode(2));
      list.add(NODES.objectNode());
      list.add(NODES.arrayNode());
      list.add(NODES.textNode("' OR 1=1 --"));
    } else if (value.isArray()) {
      list.add(NODES.objectNode());
      list.add(NODES.textNode("x"));
      list.add(NODES.numberNode(1));
      list.add(NODES.arrayNode().addNull());
      list.add(nestedArray(200));
      if (!value.isEmpty()) {
        ArrayNode big = NODES.arrayNode();
        for (int i = 0; i < 10_001; i++) {
          big.add(value.get(0));
        }
        list.add(big);
      }
    } else if (value.isObject()) {
      list.add(NODES.arrayNode());
      list.add(NODES.textNode("x"));
      list.add(NODES.numberNode(1));
      list.add(NODES.booleanNode(false));
      list.add(nestedObject(200));
    }
    return list;
  }

  /** A valid ID number spoiled: check digit, length, date (with a correct check digit), a letter inside. */
  static List<String> invalidIdNumbers(String valid) {
    String first17 = valid.substring(0, 17);
    char check = valid.charAt(17);
    char otherCheck = check == '0' ? '1' : '0';
    String badDate = valid.substring(0, 6) + "19701345" + valid.substring(14, 17);
    String future = valid.substring(0, 6) + "20991231" + valid.substring(14, 17);
    return List.of(first17 + otherCheck, first17, valid + "0", TestIds.withCheckCharacter(badDate),
        TestIds.withCheckCharacter(future), TestIds.withCheckCharacter("00000000000000000"),
        valid.substring(0, 10) + "A" + valid.substring(11), "２３０１１０" + valid.substring(6));
  }

  static JsonNode nestedArray(int depth) {
    ArrayNode root = NODES.arrayNode();
    ArrayNode at = root;
    for (int i = 0; i < depth; i++) {
      at = at.addArray();
    }
    return root;
  }

  static JsonNode nestedObject(int depth) {
    ObjectNode root = NODES.objectNode();
    ObjectNode at = root;
    for (int i = 0; i < depth; i++) {
      at = at.putObject("a");
    }
    return root;
  }

  /** Every path of the template in the application's notation ({@code members[0].name}), the root as "". */
  static Map<String, JsonNode> paths(JsonNode template) {
    Map<String, JsonNode> paths = new LinkedHashMap<>();
    collect("", template, paths);
    return paths;
  }

  private static void collect(String path, JsonNode node, Map<String, JsonNode> paths) {
    if (!path.isEmpty()) {
      paths.put(path, node);
    } else if (node.isObject()) {
      paths.put("", node);
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), paths));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size() && i < 2; i++) {
        collect(path + "[" + i + "]", node.get(i), paths);
      }
    }
  }

  static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String step : steps(path)) {
      node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : node.get(step);
    }
    return node;
  }

  static JsonNode replace(JsonNode template, String path, JsonNode value) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode copy = template.deepCopy();
    List<String> steps = steps(path);
    JsonNode parent = at(copy, String.join("", steps.subList(0, steps.size() - 1).stream()
        .map(s -> s.startsWith("[") ? s : "." + s).toList()).replaceFirst("^\\.", ""));
    String last = steps.get(steps.size() - 1);
    if (last.startsWith("[")) {
      ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
    return copy;
  }

  private static List<String> steps(String path) {
    List<String> steps = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[[0-9]+\\]|[^.\\[]+").matcher(path);
    while (m.find()) {
      steps.add(m.group());
    }
    return steps;
  }

  static byte[] bytes(JsonNode body) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ESCAPING.writeValue(out, body);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shorten(String text) {
    String visible = text.replace("\u0000", "\\0").replaceAll("[\\p{Cntrl}\\p{Cs}\\p{Cf}]", "?");
    return visible.length() > 90 ? visible.substring(0, 90) + "…(" + text.length() + ")" : visible;
  }
}
