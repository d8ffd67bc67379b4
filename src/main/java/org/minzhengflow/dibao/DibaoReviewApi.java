package org.minzhengflow.dibao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.minzhengflow.api.CurrentUser;
import org.minzhengflow.casework.CaseViews;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The re-reviews of CONTRACT.md: {@code POST /api/dibao/reviews} (campaign or one household) and
 * {@code GET /api/dibao/reviews/{reviewNo}}, the core's status document of the review case (404 / 403 as for every
 * case) with the review's fields.
 */
@RestController
public class DibaoReviewApi {

  private final DibaoReviewRequests requests;
  private final DibaoReviewKind kind;
  private final CaseViews views;
  private final ObjectMapper json;

  public DibaoReviewApi(DibaoReviewRequests requests, DibaoReviewKind kind, CaseViews views, ObjectMapper json) {
    this.requests = requests;
    this.kind = kind;
    this.views = views;
    this.json = json;
  }

  @PostMapping("/api/dibao/reviews")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> start(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
    var user = CurrentUser.of(http);
    DibaoReviewRequests.Request request;
    try {
      request = body == null || body.isNull() ? null : json.treeToValue(body, DibaoReviewRequests.Request.class);
    } catch (JsonProcessingException e) {
      throw new HttpMessageNotReadableException("wrong shape", e, null);
    }
    return requests.start(request, user);
  }

  @GetMapping("/api/dibao/reviews/{reviewNo}")
  public Map<String, Object> status(@PathVariable String reviewNo, HttpServletRequest http) {
    return views.status(kind, reviewNo, CurrentUser.of(http));
  }
}
