package org.minzhengflow.api;

import java.util.List;
import java.util.Map;

/** The one error format of CONTRACT.md: field errors for 400, a message otherwise. */
public final class ErrorBodies {

  private ErrorBodies() {}

  public static Map<String, Object> invalid(List<FieldProblem> problems) {
    return Map.of("errors", problems);
  }

  public static Map<String, Object> message(String message) {
    return Map.of("message", message);
  }

  /** A Chinese message for a status when nothing more specific is known. */
  public static String defaultMessage(int status) {
    return switch (status) {
      case 400 -> "请求无效";
      case 401 -> "需要登录:请使用有效的用户名和密码(HTTP Basic)";
      case 403 -> "没有权限执行此操作";
      case 404 -> "未找到请求的资源";
      case 405 -> "不支持该请求方法";
      case 406 -> "不支持请求的响应格式";
      case 409 -> "与现有数据冲突";
      case 413 -> "请求内容过大";
      case 415 -> "不支持的请求内容类型,请使用 application/json";
      case 422 -> "申请不符合条件";
      default -> status >= 500 ? "服务器内部错误,请稍后重试或联系管理员" : "请求无法处理";
    };
  }
}
