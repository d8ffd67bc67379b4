package org.minzhengflow.assistance;

import jakarta.servlet.http.HttpServletRequest;
import org.minzhengflow.api.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/holiday-subsidies}: the city adds a holiday's subsidy to that month's payment runs, once a year. */
@RestController
public class HolidaySubsidiesApi {

  private final HolidaySubsidies subsidies;

  public HolidaySubsidiesApi(HolidaySubsidies subsidies) {
    this.subsidies = subsidies;
  }

  @PostMapping("/api/holiday-subsidies")
  @ResponseStatus(HttpStatus.CREATED)
  public HolidaySubsidies.Added call(@RequestBody(required = false) HolidaySubsidies.Call call, HttpServletRequest http) {
    return subsidies.call(call, CurrentUser.of(http));
  }
}
