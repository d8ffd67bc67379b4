package org.minzhengflow.api;

import jakarta.servlet.http.HttpServletRequest;
import org.minzhengflow.organization.StaffUser;

/** The member of staff the authentication filter recognised for this request. */
public final class CurrentUser {

  /** The request attribute under which the authentication filter leaves the recognised {@link StaffUser}. */
  public static final String ATTRIBUTE = StaffUser.class.getName();

  private CurrentUser() {}

  public static StaffUser of(HttpServletRequest request) {
    Object user = request.getAttribute(ATTRIBUTE);
    if (user instanceof StaffUser staff) {
      return staff;
    }
    throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, ErrorBodies.defaultMessage(401));
  }

  public static StaffUser admin(HttpServletRequest request) {
    StaffUser user = of(request);
    if (!user.isAdmin()) {
      throw ApiException.forbidden("仅系统管理员可以维护参考数据");
    }
    return user;
  }
}
