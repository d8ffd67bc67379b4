package org.minzhengflow.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.minzhengflow.api.ErrorBodies;
import org.minzhengflow.api.FieldProblem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects with 400 every engine REST request whose query carries an expression ({@code ${…}} or
 * {@code #{…}}), in the URL or anywhere in a JSON body, including {@code orQueries}. Camunda 7.24 CE
 * evaluates some task-query expressions even with ad-hoc expressions disabled (a reported
 * expression-injection flaw); an expression has no business in a query sent by a client, so the
 * guard closes the hole before the engine sees it. Bodies of endpoints that carry data rather than
 * a query (completing a task, setting variables, correlating a message …) are stored, never
 * evaluated, so staff may write such characters in an opinion. It also refuses a JSON {@code null}
 * body, on which the engine REST API would otherwise fail with a 500, a JSON body that does not parse (nesting beyond
 * Jackson's limit was another 500), and — in queries and in data alike — text that no field may hold
 * ({@link HostileText}: control characters, unpaired surrogates, direction overrides).
 */
public class ExpressionQueryGuard extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
  private static final Pattern DATA_ENDPOINT = Pattern.compile(
      ".*/(complete|submit-form|resolve|variables(/[^/]+)?|localVariables(/[^/]+)?|modify"
          + "|message|start|signal|(task|comment|attachment|deployment)/create)$");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = decode(request.getQueryString());
    if (hasExpression(query)) {
      reject(response, "query");
      return;
    }
    String queryProblem = query == null ? null : HostileText.problem(query, false);
    if (queryProblem != null) {
      // a NUL in a query value reached PostgreSQL and came back as a 500 (ProcessEnginePersistenceException)
      JsonResponses.write(response, 400, ErrorBodies.invalid(List.of(new FieldProblem("query", "查询条件" + queryProblem))));
      return;
    }
    String contentType = request.getContentType();
    boolean hasBody = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
        && (contentType == null || !contentType.startsWith("multipart/"));
    if (!hasBody) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      JsonResponses.write(response, 413, ErrorBodies.message(ErrorBodies.defaultMessage(413)));
      return;
    }
    if ("null".equals(new String(body, StandardCharsets.UTF_8).trim())) {
      // the engine REST API fails with a NullPointerException (500) on a JSON null body
      JsonResponses.write(response, 400, ErrorBodies.invalid(List.of(new FieldProblem("body", "请求体不能为 null"))));
      return;
    }
    boolean isQuery = !DATA_ENDPOINT.matcher(request.getRequestURI()).matches();
    if (isQuery && bodyHasExpression(body)) {
      reject(response, "body");
      return;
    }
    if (body.length > 0 && contentType != null && contentType.toLowerCase().contains("json")) {
      JsonNode tree;
      try {
        tree = JsonResponses.mapper().readTree(body);
      } catch (IOException notJson) {
        // also nesting beyond Jackson's limit, which the engine REST API answered with a 500
        JsonResponses.write(response, 400, ErrorBodies.invalid(List.of(
            new FieldProblem("body", "请求体不是有效的JSON(或嵌套层数过多)"))));
        return;
      }
      List<FieldProblem> problems = new java.util.ArrayList<>(HostileText.problems(tree, HostileText.Limits.ENGINE_DATA)
          .stream().map(p -> new FieldProblem(variableName(p.field()), p.message())).toList());
      problems.addAll(badBytes(tree.path("variables")));
      if (!problems.isEmpty()) {
        JsonResponses.write(response, 400, ErrorBodies.invalid(problems));
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /**
   * Variables of type Bytes whose value is not Base64 (Camunda's decoder skips what it cannot read and would store an
   * empty value for {@code "!!!"}) and of type Json whose value is not JSON (found by the hostile-input corpus).
   */
  static List<FieldProblem> badBytes(JsonNode variables) {
    List<FieldProblem> problems = new java.util.ArrayList<>();
    variables.fields().forEachRemaining(v -> {
      if (v.getKey().isBlank() || v.getKey().length() > 255) {
        // an empty name was stored as a variable nobody can address; the column holds 255 characters
        problems.add(new FieldProblem("variables", "变量名不能为空,也不能超过255个字符"));
        return;
      }
      JsonNode value = v.getValue().path("value");
      if ("Bytes".equalsIgnoreCase(v.getValue().path("type").asText()) && value.isTextual()) {
        try {
          java.util.Base64.getMimeDecoder().decode(value.textValue());
          if (!value.textValue().matches("[A-Za-z0-9+/=\\r\\n]*")) {
            throw new IllegalArgumentException();
          }
        } catch (IllegalArgumentException e) {
          problems.add(new FieldProblem(v.getKey(), "Bytes类型变量的取值不是有效的Base64"));
        }
      }
      String typeName = v.getValue().path("valueInfo").path("objectTypeName").asText("");
      if ("Object".equalsIgnoreCase(v.getValue().path("type").asText()) && !allowedObjectType(typeName)) {
        // stored unread, a java.lang.ProcessBuilder would be instantiated by whoever reads the variable later
        problems.add(new FieldProblem(v.getKey(), "不允许的对象类型,请使用文本、数字或JSON"));
      }
      if ("Json".equalsIgnoreCase(v.getValue().path("type").asText()) && value.isTextual()) {
        // Spin stores a Json variable's text unread: "{bad" was kept and would fail whoever reads it later
        try {
          JsonResponses.mapper().readTree(value.textValue());
        } catch (IOException e) {
          problems.add(new FieldProblem(v.getKey(), "Json类型变量的取值不是有效的JSON"));
        }
      }
    });
    return problems;
  }

  private static final Pattern ALLOWED_OBJECT_TYPE = Pattern.compile(
      "java\\.util\\.(ArrayList|LinkedList|HashMap|LinkedHashMap|TreeMap|HashSet|LinkedHashSet|TreeSet|List|Map|Set)"
          + "|java\\.lang\\.(String|Boolean|Integer|Long|Double|Short|Float|Byte|Character)|org\\.minzhengflow\\.[A-Za-z0-9_.$]+");

  /** Collections, boxed values and the application's own types, also as type parameters ({@code java.util.ArrayList<…>}). */
  static boolean allowedObjectType(String typeName) {
    return !typeName.isBlank() && java.util.Arrays.stream(typeName.split("[<>,\\s]+")).filter(t -> !t.isEmpty())
        .allMatch(t -> ALLOWED_OBJECT_TYPE.matcher(t).matches());
  }

  /** {@code variables.findings.value} is the variable {@code findings}, as the review rules name it. */
  static String variableName(String path) {
    return path.replaceFirst("^(variables|modifications|localVariables)\\.([^.\\[]+)\\.value$", "$2");
  }

  static boolean hasExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  static boolean bodyHasExpression(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (hasExpression(text)) {
      return true;
    }
    try {
      // JSON escapes (\u0024{) would hide an expression from a plain text search.
      return nodeHasExpression(JsonResponses.mapper().readTree(body));
    } catch (JsonProcessingException notJson) {
      return hasExpression(decode(text));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean nodeHasExpression(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isTextual()) {
      return hasExpression(node.textValue());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (hasExpression(field.getKey()) || nodeHasExpression(field.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (nodeHasExpression(element)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Percent-decodes what can be decoded and keeps the rest: a badly encoded neighbour ({@code x=%ZZ})
   * must not make the guard fall back to the raw text, where {@code %24%7B} hides an expression.
   */
  static String decode(String text) {
    if (text == null) {
      return null;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
        i += 2;
      } else {
        bytes.write(b == '+' ? ' ' : b);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit((char) b, 16);
  }

  private static void reject(HttpServletResponse response, String field) throws IOException {
    JsonResponses.write(response, 400, ErrorBodies.invalid(List.of(
        new FieldProblem(field, "查询条件中不允许使用表达式(${…} 或 #{…})"))));
  }

  /** Hands the already-read body on to the REST API. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
