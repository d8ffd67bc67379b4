package org.minzhengflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.minzhengflow.api.DatabaseUnavailable;
import org.minzhengflow.api.ErrorBodies;
import org.minzhengflow.api.FieldProblem;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Brings the engine REST API's error answers into the project's one error format while keeping
 * Camunda's own fields ({@code type}, {@code message}) for Camunda clients: a 400 gains
 * {@code errors:[{field,message}]}; an English message for people is replaced by a Chinese one,
 * the original kept as {@code detail}. Review-task validation raises messages of the form
 * {@code [field] 中文说明} (see {@code ReviewRules}), which become the field error.
 */
public class EngineRestErrorFormat extends OncePerRequestFilter {

  /** The id in {@code /engine-rest/task/{id}/…} (also the webapps' copy of the engine API). */
  private static final Pattern TASK_PATH = Pattern.compile("/task/([^/]+)/[^/]+$");

  /**
   * Asks the engine whether a task id it no longer finds among the open tasks was ever a task (its history): the
   * step was done or withdrawn, which is the wrong state (409), not an unknown task (404).
   */
  private final Predicate<String> taskInHistory;
  /** Asks the engine whether a task is still open (among its runtime tasks, whoever may see it). */
  private final Predicate<String> taskOpen;

  public EngineRestErrorFormat(Predicate<String> taskInHistory, Predicate<String> taskOpen) {
    this.taskInHistory = taskInHistory;
    this.taskOpen = taskOpen;
  }

  /** Every refused task call stays as the engine answered it; only a missing task asks the history. */
  public EngineRestErrorFormat(Predicate<String> taskInHistory) {
    this(taskInHistory, id -> true);
  }

  /** Without the engine's history every task the engine does not find is unknown (404). */
  public EngineRestErrorFormat() {
    this(id -> false);
  }

  private static final Pattern FIELD_MESSAGE = Pattern.compile("\\[([A-Za-z0-9_.]+)\\] (\\p{IsHan}[^\\n']*)");
  /** A message for people in Chinese: its first letter is a Han character (an English text may quote Chinese input). */
  private static final Pattern CHINESE = Pattern.compile("^[^\\p{L}]*\\p{IsHan}");

  /** Jackson's words for a body of the wrong shape (a string where an object belongs, an array for a map …). */
  private static final Pattern JSON_SHAPE = Pattern.compile("Cannot (deserialize|construct instance)|Unrecognized token"
      + "|Unexpected character|Unexpected end-of-input|MismatchedInput");

  /** SQL and stack frames, which the engine's messages sometimes quote: such a message is not passed on at all. */
  private static final Pattern INTERNALS = Pattern.compile("(?i)\\bselect\\b|\\binsert into\\b|\\bdelete from\\b"
      + "|\\bupdate \\S+ set\\b|postgres|\\bsql|mybatis|\\n\\s*at |\\bat [a-z]+\\.[a-z]");
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:java|javax|jakarta|org|com|sun)\\.(?:[A-Za-z0-9_$]+\\.)*([A-Za-z0-9_$]+)");
  private static final Pattern EXCEPTION = Pattern.compile("\\b[A-Z][A-Za-z]*Exception\\b:?\\s*");

  /**
   * The engine's own message for Camunda clients, without what tells an attacker about the inside: none at all when it
   * quotes SQL or a stack frame; otherwise Java types by their simple name and exception class names left out.
   */
  static String detail(String original) {
    if (INTERNALS.matcher(original).find()) {
      return null;
    }
    String detail = EXCEPTION.matcher(QUALIFIED.matcher(original).replaceAll("$1")).replaceAll("").replace("`", "'").trim();
    // "There was an exception while invoking the TaskListener …": the engine's plumbing, the message says it better
    return detail.isEmpty() || detail.toLowerCase().contains("exception") ? null : detail;
  }

  static boolean isChinese(String message) {
    return CHINESE.matcher(message).find();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
      if (wrapper.getStatus() >= 400) {
        byte[] body = wrapper.getContentAsByteArray();
        String gone = goneTask(request, wrapper.getStatus(), body);
        int status = databaseUnavailable(wrapper.getStatus(), body) ? 503 : personRule(body) ? 403 : stateRule(body) ? 409
            : isInputValidation(body) ? 400 : conflict(body) != null ? 409
            : gone != null ? (gone.equals(TASK_DONE) ? 409 : 404) : wrapper.getStatus();
        if (status >= 500 && notFound(body)) {
          status = 404; // completing a task id that does not exist: Camunda's NullValueException became a 500
        } else if (status >= 500 && badQuery(body)) {
          status = 400;
        }
        // a claim that lost the race to another claim (optimistic lock) is "claimed by someone else" as well
        String decided = gone != null ? gone
            : status == 409 && request.getRequestURI().endsWith("/claim") ? TASK_CLAIMED : null;
        byte[] rewritten = rewrite(status, body, decided);
        if (status == 503) {
          wrapper.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER);
        }
        if (rewritten != null) {
          // The engine wraps a listener's validation failure in a generic exception (500); it is bad input.
          wrapper.setStatus(status);
          wrapper.resetBuffer();
          wrapper.setContentType("application/json;charset=UTF-8");
          wrapper.getOutputStream().write(rewritten);
        }
      }
    } finally {
      wrapper.copyBodyToResponse();
    }
  }

  /**
   * Bad variables in a request that the engine REST API answers with 500 although the caller is at
   * fault: known causes, and the Chinese message for each.
   */
  private static final Map<String, String> BAD_VARIABLES = Map.of(
      "Cannot create file without", "文件类型的变量缺少 valueInfo(须提供 filename 等)",
      "Cannot find serializer for value", "变量的类型或序列化格式不受支持",
      "Java serialization format is prohibited", "不允许使用 Java 序列化格式的变量,请使用 JSON",
      "Cannot deserialize", "变量的取值与声明的类型不符");

  /**
   * Engine exceptions that the engine REST API answers with 500 although nothing failed: someone else was
   * faster (claimed the task, completed it, changed the case at the same moment). A conflict, with what to do.
   */
  private static final Map<String, String> CONFLICTS = Map.of(
      "TaskAlreadyClaimedException", "该任务已被他人认领,请刷新任务列表",
      "OptimisticLockingException", "该任务或案件刚被他人处理,请刷新后重试");

  /**
   * Task-listener rules about the state of a case rather than the input, e.g. {@code [countersign] 尚有…加签意见未提交}
   * (taskops), {@code [taken] 该任务刚被他人办理…} (review/CaseTaskRulesPlugin: a completion race lost): the request was fine,
   * the state forbids it — 409 with the Chinese message.
   */
  private static final Pattern STATE_RULE = Pattern.compile("\\[(countersign|taken)\\] (\\p{IsHan}[^\\n'\"]*)");

  /**
   * Engine answers (any status, often 500) whose text says the engine found nothing in the state the request needs:
   * a message nobody waits for (e.g. an {@code Objection} outside a public notice) — the wrong state, 409.
   */
  private static final Map<String, String> STATE_CONFLICTS = Map.of(
      "MismatchingMessageCorrelationException", "没有正在等待该消息的案件环节(例如案件不在公示期),消息未被接收",
      // two completions of one task at once: the second's listener meets the first's history row (unique task_id)
      "duplicate key value violates unique constraint", "该任务或案件刚被他人处理,请刷新后重试",
      "Unique index or primary key violation", "该任务或案件刚被他人处理,请刷新后重试");

  static final String TASK_CLAIMED = "该任务已被他人认领,请刷新任务列表";

  static final String TASK_DONE = "该任务已办结或已撤销,请刷新任务列表";
  static final String TASK_UNKNOWN = "未找到该任务";

  /**
   * A claim, completion or other task call on a task the engine no longer has (the engine answers 500 with
   * {@code NullValueException}, or 403 when the task went while the call was checking its rights, or any other 500
   * when it went while the call was working on it): done or withdrawn if the engine's history knows it, else unknown.
   * Null otherwise.
   */
  String goneTask(HttpServletRequest request, int status, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    Matcher path = TASK_PATH.matcher(request.getRequestURI());
    if (text.contains("\"type\":\"AuthorizationException\"")) {
      // Two completions at once: the loser read the task before the winner committed, and the engine's permission
      // check after it found the task's grants gone with the task (ConcurrencyRestPostgresIT). Not a missing right
      // but the wrong state, decided by asking the engine: the task is done. An open task keeps the 403.
      return path.find() && !taskOpen.test(path.group(1)) && taskInHistory.test(path.group(1)) ? TASK_DONE : null;
    }
    if (text.contains("Cannot find task with id")) {
      return path.find() && taskInHistory.test(path.group(1)) ? TASK_DONE : TASK_UNKNOWN;
    }
    if (status >= 500 && !DatabaseUnavailable.describedBy(text) && path.find()) {
      // Two completions at once, another timing: the loser's command read the task before the winner committed and
      // then met the execution tree the winner had ended (Camunda's history producer failing with a
      // NullPointerException on the missing parent; ConcurrencyRestPostgresIT). The engine decides: a task no longer
      // open that its history knows is done, 409; an open task's failure stays the 500 it is.
      return !taskOpen.test(path.group(1)) && taskInHistory.test(path.group(1)) ? TASK_DONE : null;
    }
    return null;
  }

  /**
   * Task-listener rules about the person, e.g. {@code [forbidden] …须回避} or one person, one role (review/CaseRoleRefusal):
   * this user may not take or complete the task, whatever they send — 403 with the Chinese message. The engine answers
   * them with 500 (a listener's exception), or 400 where it reads them as a form error.
   */
  private static final Pattern PERSON_RULE = Pattern.compile("\\[(forbidden)\\] (\\p{IsHan}[^\\n'\"]*|[A-Za-z0-9_-]+\\p{IsHan}[^\\n'\"]*)");

  static boolean personRule(byte[] body) {
    return PERSON_RULE.matcher(new String(body, StandardCharsets.UTF_8)).find();
  }

  /**
   * The engine REST API answers 500 when the engine cannot reach the database (its exception mapper knows nothing of
   * outages); the text of the engine's exception says so, and the caller should hear "try again later" (503).
   */
  static boolean databaseUnavailable(int status, byte[] body) {
    return status >= 500 && DatabaseUnavailable.describedBy(new String(body, StandardCharsets.UTF_8));
  }

  /**
   * A task id the engine never had, in the engine's other wording ("Cannot find task with id" is {@link #goneTask}'s,
   * decided before this, with the history asked whether the step is done).
   */
  private static final Pattern NOT_FOUND = Pattern.compile("No matching task with id");

  /**
   * Engine failures that the hostile-input corpus provoked with a malformed query and that Camunda answers with 500: an
   * empty list where a list of groups or ids belongs ({@code "candidateGroups":[]}), a number where a variable name
   * belongs in the sorting ({@code ClassCastException}), a parameter left null.
   */
  private static final Pattern BAD_QUERY = Pattern.compile("\"type\":\"(ClassCastException|NullValueException|NotValidException)\""
      + "|(list|List|array) is empty|is empty\\b");

  static boolean notFound(byte[] body) {
    return NOT_FOUND.matcher(new String(body, StandardCharsets.UTF_8)).find();
  }

  static boolean badQuery(byte[] body) {
    return BAD_QUERY.matcher(new String(body, StandardCharsets.UTF_8)).find();
  }

  static boolean stateRule(byte[] body) {
    return STATE_RULE.matcher(new String(body, StandardCharsets.UTF_8)).find();
  }

  static String conflict(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String byType = CONFLICTS.entrySet().stream().filter(e -> text.contains("\"type\":\"" + e.getKey() + "\""))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    return byType != null ? byType : STATE_CONFLICTS.entrySet().stream().filter(e -> text.contains(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  static boolean isInputValidation(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return FIELD_MESSAGE.matcher(text).find() || badVariable(text) != null
        || text.contains("\"type\":\"IllegalArgumentException\"");
  }

  private static String badVariable(String text) {
    return BAD_VARIABLES.entrySet().stream().filter(e -> text.contains(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  static byte[] rewrite(int status, byte[] body) throws IOException {
    return rewrite(status, body, null);
  }

  /** As {@link #rewrite(int, byte[])}, with the message already decided (a task the engine no longer has). */
  static byte[] rewrite(int status, byte[] body, String decided) throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    String original = null;
    try {
      JsonNode node = JsonResponses.mapper().readTree(body);
      if (node != null && node.isObject()) {
        if (node.has("errors")) {
          return null; // already ours
        }
        node.fields().forEachRemaining(e -> answer.put(e.getKey(), JsonResponses.mapper().convertValue(e.getValue(), Object.class)));
        original = node.path("message").asText(null);
      }
    } catch (IOException notJson) {
      original = new String(body, StandardCharsets.UTF_8);
    }
    String message = original;
    String field = "request";
    Matcher fieldMessage = original == null ? null : FIELD_MESSAGE.matcher(original);
    Matcher stateRule = original == null ? null : STATE_RULE.matcher(original);
    Matcher personRule = original == null ? null : PERSON_RULE.matcher(original);
    if (status == 503) {
      message = DatabaseUnavailable.MESSAGE;
    } else if (decided != null) {
      message = decided;
    } else if (status == 403 && personRule != null && personRule.find()) {
      message = personRule.group(2);
    } else if (status == 409 && stateRule != null && stateRule.find()) {
      message = stateRule.group(2);
    } else if (fieldMessage != null && fieldMessage.find()) {
      field = fieldMessage.group(1);
      message = fieldMessage.group(2);
    } else if (original != null && badVariable(original) != null) {
      field = "variables";
      message = badVariable(original);
    } else if (status == 400 && "IllegalArgumentException".equals(answer.get("type"))) {
      field = "variables";
      message = "请求中的变量无效";
    } else if (status == 409 && conflict(body) != null) {
      message = conflict(body);
    } else if (original != null && original.contains("unbound number of results")) {
      message = "查询结果数量必须有上限:请指定 firstResult 和 maxResults(每页最多2000条)";
    } else if (status == 400 && badQuery(body)) {
      field = "query";
      message = "查询条件或参数无效(列表不能为空,变量名须为文字)";
    } else if (status == 400 && original != null && JSON_SHAPE.matcher(original).find()) {
      field = "body";
      message = "请求体的格式不符合要求:字段的类型或结构不对";
    } else if (message == null || !isChinese(message)) {
      message = ErrorBodies.defaultMessage(status);
    }
    String detail = original == null ? null : detail(original);
    if (status >= 500 || detail == null || original.contains("SQL")
        || status == 403 && personRule != null && personRule.find(0)) {
      // internal failures, SQL, stack frames, database errors behind a conflict and the listener wrapping of a rule
      // about the person: no engine internals to callers
      answer.remove("detail");
    } else if (!detail.equals(message)) {
      answer.put("detail", detail);
    }
    answer.put("message", message);
    if (status == 400) {
      answer.put("errors", List.of(new FieldProblem(field, message)));
    }
    return JsonResponses.toJson(answer).getBytes(StandardCharsets.UTF_8);
  }
}
