package org.minzhengflow.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of the application API into the contract's JSON error format. */
@RestControllerAdvice(basePackages = "org.minzhengflow")
public class ApiExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
    return ResponseEntity.badRequest().body(ErrorBodies.invalid(e.problems()));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(ErrorBodies.message(e.getMessage()));
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Map<String, Object>> forbidden(AuthorizationException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ErrorBodies.message(ErrorBodies.defaultMessage(403)));
  }

  /** A unique constraint caught a duplicate that slipped past the checks (two requests at once). */
  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<Map<String, Object>> duplicate(DuplicateKeyException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(ErrorBodies.message("已有相同的申请或记录正在办理,请勿重复提交"));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    String field = "body";
    String message = e.getMostSpecificCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException
        || e.getCause() == null ? "请求体不是有效的JSON" : "请求体格式不符合要求";
    boolean syntax = e.getMostSpecificCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException
        && !(e.getMostSpecificCause() instanceof JsonMappingException);
    if (!syntax && e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = path(mapping.getPath());
      message = mapping instanceof InvalidFormatException ? "格式或取值无效" : "格式无效";
    }
    return ResponseEntity.badRequest().body(ErrorBodies.invalid(List.of(new FieldProblem(field, message))));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
    return ResponseEntity.badRequest()
        .body(ErrorBodies.invalid(List.of(new FieldProblem(e.getName(), "取值无效"))));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    return ResponseEntity.badRequest()
        .body(ErrorBodies.invalid(List.of(new FieldProblem(e.getParameterName(), "必须填写"))));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return status(405);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return status(415);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
    return status(404);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    if (DatabaseUnavailable.causedBy(e)) {
      return databaseUnavailable(e);
    }
    LOG.error("Unexpected error in application API", e);
    return status(500);
  }

  /**
   * The database cannot be reached (stopped, restarting, network): 503 with a message the caller can act on, and
   * Retry-After. Nothing of the request was stored — its transaction never committed. One warning line, no stack
   * trace: during an outage every request fails this way and the log must stay readable.
   */
  static ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e) {
    LOG.warn("Database unavailable, answered 503: {}", rootMessage(e));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", DatabaseUnavailable.RETRY_AFTER)
        .body(ErrorBodies.message(DatabaseUnavailable.MESSAGE));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static ResponseEntity<Map<String, Object>> status(int status) {
    return ResponseEntity.status(status).body(ErrorBodies.message(ErrorBodies.defaultMessage(status)));
  }

  private static String path(List<JsonMappingException.Reference> path) {
    return path.stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }
}
