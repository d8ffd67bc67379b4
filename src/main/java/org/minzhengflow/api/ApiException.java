package org.minzhengflow.api;

import org.springframework.http.HttpStatus;

/** An error answered as {@code {"message":"…"}} with the given status; the message is for people. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;

  public ApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, message);
  }

  public static ApiException unprocessable(String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, message);
  }
}
