package org.minzhengflow.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside our controllers (unknown paths, filters, the servlet container) also
 * answer in the contract's JSON format, never with a stack trace or an HTML page.
 */
@RestController
public class JsonErrorController implements ErrorController {

  @RequestMapping(value = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    if (status < 400) {
      status = 500;
    }
    // The webapps' login answers 401 through here: people there typed a password, not an API call.
    String message = status == 401 ? "用户名或密码错误,或登录已失效,请重新登录" : ErrorBodies.defaultMessage(status);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorBodies.message(message));
  }
}
