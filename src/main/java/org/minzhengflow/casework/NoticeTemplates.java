package org.minzhengflow.casework;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The wording of every notice, kept in {@value #RESOURCE} (UTF-8) so that it can be changed without
 * touching the workflow code. A template is one line {@code id = text}; the text holds named
 * placeholders:
 *
 * <ul>
 *   <li>{@code {applicant}} — a value the caller supplies (a name without a dot);
 *   <li>{@code {common.appeal}} — another template, included as it is rendered with the same values
 *       (a name with a dot is a template id).
 * </ul>
 *
 * <p>Loud on every mistake, so that no citizen ever reads a {@code {placeholder}}: the file is checked
 * when the bean is created (start-up) — it must exist, have no duplicate or empty template, only
 * well-formed placeholders, only includes of existing templates and no include cycle — and
 * {@link #render} throws when the template is unknown or a value is missing. Values are written with
 * {@link String#valueOf}, so amounts are passed already formatted ({@link Yuan#format}); a value is
 * inserted as it is and never read as a template.
 */
@Component
public class NoticeTemplates {

  public static final String RESOURCE = "notices/notice-templates.properties";

  /** The shared closing sentence of refusals and revocations (行政复议 / 行政诉讼). */
  public static final String APPEAL = "common.appeal";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+");

  private final Map<String, String> templates;

  /** The bundled templates of {@value #RESOURCE}. */
  public NoticeTemplates() {
    this(fromClasspath(RESOURCE));
  }

  /** Templates by id; checked at once (see the class comment). */
  public NoticeTemplates(Map<String, String> templates) {
    this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    this.templates.forEach(this::check);
    this.templates.keySet().forEach(id -> checkNoCycle(id, new ArrayDeque<>()));
  }

  /** Reads a templates file (UTF-8, {@link Properties} syntax) from the classpath. */
  public static Map<String, String> fromClasspath(String resource) {
    try (InputStream in = NoticeTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("notice templates not found on the classpath: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read notice templates " + resource, e);
    }
  }

  /** Parses templates in {@link Properties} syntax; a template id given twice is an error. */
  public static Map<String, String> parse(String text, String source) {
    Map<String, String> result = new LinkedHashMap<>();
    Properties properties = new Properties() {
      @Override
      public synchronized Object put(Object key, Object value) {
        if (result.putIfAbsent((String) key, (String) value) != null) {
          throw new IllegalStateException("notice template " + key + " is defined twice in " + source);
        }
        return super.put(key, value);
      }
    };
    try {
      // an editor may have saved a byte-order mark; it would become part of the first id
      properties.load(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("notice templates " + source + " are malformed: " + e.getMessage(), e);
    }
    return result;
  }

  /**
   * The text of template {@code id} with every placeholder filled.
   *
   * @throws IllegalArgumentException when there is no such template, or a value the template (or a
   *     template it includes) needs is missing or null
   */
  public String render(String id, Map<String, ?> values) {
    String template = templates.get(id);
    if (template == null) {
      throw new IllegalArgumentException("no notice template " + id + " in " + RESOURCE);
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (TEMPLATE_ID.matcher(name).matches()) {
        replacement = render(name, values);
      } else {
        Object value = values.get(name);
        if (value == null) {
          throw new IllegalArgumentException("notice template " + id + " needs a value for {" + name + "}, given "
              + values.keySet());
        }
        replacement = String.valueOf(value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every template id of the file. */
  public Set<String> ids() {
    return templates.keySet();
  }

  /** The value names template {@code id} needs, including those of the templates it includes. */
  public Set<String> valueNames(String id) {
    Set<String> names = new LinkedHashSet<>();
    collectValueNames(id, names);
    return names;
  }

  private void collectValueNames(String id, Set<String> names) {
    String template = templates.get(id);
    if (template == null) {
      throw new IllegalArgumentException("no notice template " + id + " in " + RESOURCE);
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (TEMPLATE_ID.matcher(m.group(1)).matches()) {
        collectValueNames(m.group(1), names);
      } else {
        names.add(m.group(1));
      }
    }
  }

  private void check(String id, String template) {
    if (!TEMPLATE_ID.matcher(id).matches()) {
      throw new IllegalStateException("notice template id " + id + " should be words joined by dots, e.g. dibao.approval.body");
    }
    if (template.isBlank()) {
      throw new IllegalStateException("notice template " + id + " is empty");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      if (TEMPLATE_ID.matcher(name).matches()) {
        if (!templates.containsKey(name)) {
          throw new IllegalStateException("notice template " + id + " includes {" + name + "}, which does not exist");
        }
      } else if (!VALUE_NAME.matcher(name).matches()) {
        throw new IllegalStateException("notice template " + id + " has a malformed placeholder {" + name + "}");
      }
    }
    String rest = PLACEHOLDER.matcher(template).replaceAll("");
    if (rest.contains("{") || rest.contains("}")) {
      throw new IllegalStateException("notice template " + id + " has an unmatched { or }: " + template);
    }
  }

  private void checkNoCycle(String id, Deque<String> path) {
    if (path.contains(id)) {
      throw new IllegalStateException("notice templates include each other: " + String.join(" → ", path) + " → " + id);
    }
    path.addLast(id);
    Matcher m = PLACEHOLDER.matcher(templates.get(id));
    while (m.find()) {
      if (TEMPLATE_ID.matcher(m.group(1)).matches()) {
        checkNoCycle(m.group(1), path);
      }
    }
    path.removeLast();
  }
}
