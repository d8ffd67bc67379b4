package org.minzhengflow.taskops;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.api.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The staff operations on tasks (CONTRACT.md "Staff operations on tasks"); the Tasklist buttons call these. */
@RestController
public class TaskOperationsApi {

  private final TaskOperations operations;

  public TaskOperationsApi(TaskOperations operations) {
    this.operations = operations;
  }

  @PostMapping("/api/tasks/{taskId}/transfer")
  public Map<String, Object> transfer(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.transfer(taskId, text(body, "toUser"), text(body, "reason"), CurrentUser.of(http));
  }

  @PostMapping("/api/tasks/{taskId}/delegate")
  public Map<String, Object> delegate(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.delegate(taskId, text(body, "toUser"), text(body, "reason"), CurrentUser.of(http));
  }

  @PostMapping("/api/tasks/{taskId}/resolve")
  public Map<String, Object> resolve(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.resolve(taskId, text(body, "opinion"), CurrentUser.of(http));
  }

  @PostMapping("/api/tasks/{taskId}/countersign")
  public Map<String, Object> countersign(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.countersign(taskId, users(body), text(body, "reason"), CurrentUser.of(http));
  }

  @PostMapping("/api/tasks/{taskId}/return")
  public Map<String, Object> sendBack(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.sendBack(taskId, text(body, "toStep"), text(body, "reason"), CurrentUser.of(http));
  }

  @PostMapping("/api/tasks/{taskId}/urge")
  public Map<String, Object> urge(@PathVariable String taskId, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.urge(taskId, text(body, "message"), CurrentUser.of(http));
  }

  /** What the Tasklist buttons need: open countersigns, the urged mark, earlier steps, colleagues. */
  @GetMapping("/api/tasks/{taskId}/operations")
  public Map<String, Object> state(@PathVariable String taskId, HttpServletRequest http) {
    return operations.state(taskId, CurrentUser.of(http));
  }

  @PostMapping("/api/applications/{applicationNo}/withdraw")
  public Map<String, Object> withdraw(@PathVariable String applicationNo,
      @RequestBody(required = false) JsonNode body, HttpServletRequest http) {
    return operations.withdraw(applicationNo, text(body, "reason"), CurrentUser.of(http));
  }

  @PostMapping("/api/applications/{applicationNo}/copies")
  public Map<String, Object> copy(@PathVariable String applicationNo, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return operations.copy(applicationNo, users(body), text(body, "reason"), CurrentUser.of(http));
  }

  /** 抄送我的. */
  @GetMapping("/api/copies")
  public List<Map<String, Object>> copies(HttpServletRequest http) {
    return operations.copiesOf(CurrentUser.of(http));
  }

  /** A text field; a value of another type is named as invalid rather than taken as missing. */
  private static String text(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(field, "必须是文本");
    }
    return value.asText();
  }

  /** {@code users}: an array of user ids; null entries are left for the operation to name. */
  private static List<String> users(JsonNode body) {
    JsonNode value = body == null ? null : body.get("users");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw new InvalidInputException("users", "必须是用户名的数组");
    }
    List<String> users = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode u = value.get(i);
      if (u != null && !u.isNull() && !u.isTextual()) {
        throw new InvalidInputException("users[" + i + "]", "必须是用户名(文本)");
      }
      users.add(u == null || u.isNull() ? null : u.asText());
    }
    return users;
  }
}
