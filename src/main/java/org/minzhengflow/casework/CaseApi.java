package org.minzhengflow.casework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.minzhengflow.api.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one endpoint family of every kind of case: {@code /api/{kind}/applications} (file), {@code …/{no}}
 * (status), {@code …/{no}/objections}, {@code …/{no}/extension}; {@code /api/applications} (the list) and
 * {@code /api/applications/{no}/notices} (and each as {@code …/notices/{id}.pdf}). A benefit module declares its {@link CaseKind}; it has no controller.
 */
@RestController
public class CaseApi {

  private final CaseKinds kinds;
  private final CaseViews views;
  private final CaseObjections objections;
  private final CaseExtensions extensions;
  private final CaseList list;
  private final ObjectMapper json;

  public CaseApi(CaseKinds kinds, CaseViews views, CaseObjections objections, CaseExtensions extensions, CaseList list,
      ObjectMapper json) {
    this.kinds = kinds;
    this.views = views;
    this.objections = objections;
    this.extensions = extensions;
    this.list = list;
    this.json = json;
  }

  @PostMapping("/api/{kind}/applications")
  @ResponseStatus(HttpStatus.CREATED)
  public CaseIntake.Submitted submit(@PathVariable String kind, @RequestBody(required = false) JsonNode body,
      HttpServletRequest http) {
    return submit(kinds.get(kind), body, http);
  }

  private <R> CaseIntake.Submitted submit(CaseKind<R> kind, JsonNode body, HttpServletRequest http) {
    var user = CurrentUser.of(http);
    R request;
    try {
      request = body == null || body.isNull() ? null : json.treeToValue(body, kind.requestType());
    } catch (JsonProcessingException e) {
      // the same 400 (field named) as when Spring reads a typed body
      throw new HttpMessageNotReadableException("wrong shape", e, null);
    }
    return kind.submit(request, user);
  }

  @GetMapping("/api/{kind}/applications/{applicationNo}")
  public Map<String, Object> status(@PathVariable String kind, @PathVariable String applicationNo,
      HttpServletRequest http) {
    return views.status(kinds.get(kind), applicationNo, CurrentUser.of(http));
  }

  /** An objection raised during the public notice (公示), recorded by staff who may see the case. */
  @PostMapping("/api/{kind}/applications/{applicationNo}/objections")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> object(@PathVariable String kind, @PathVariable String applicationNo,
      @RequestBody(required = false) JsonNode body, HttpServletRequest http) {
    objections.raise(kinds.get(kind).kind(), applicationNo, text(body, "objection"), CurrentUser.of(http));
    return Map.of("applicationNo", applicationNo, "status", CaseStatus.IN_REVIEW.name());
  }

  /** The district extends the whole-case limit (special cases), once, with a reason. */
  @PostMapping("/api/{kind}/applications/{applicationNo}/extension")
  public Map<String, Object> extend(@PathVariable String kind, @PathVariable String applicationNo,
      @RequestBody(required = false) JsonNode body, HttpServletRequest http) {
    return extensions.extend(kinds.get(kind), applicationNo, text(body, "reason"), CurrentUser.of(http));
  }

  @GetMapping("/api/applications")
  public Map<String, Object> list(@RequestParam(required = false) String kind,
      @RequestParam(required = false) String status, @RequestParam(required = false) String streetCode,
      @RequestParam(required = false) String districtCode, @RequestParam(required = false) String q,
      @RequestParam(required = false) String page, @RequestParam(required = false) String size,
      HttpServletRequest http) {
    return list.search(new CaseList.Query(kind, status, streetCode, districtCode, q, page, size), CurrentUser.of(http));
  }

  @GetMapping("/api/applications/{applicationNo}/notices")
  public List<Map<String, Object>> notices(@PathVariable String applicationNo, HttpServletRequest http) {
    return views.notices(applicationNo, CurrentUser.of(http));
  }

  /**
   * The notice as a printable A4 PDF (告知书). Personal data: never cached; shown inline so that the browser's
   * viewer opens it and staff print it from there.
   */
  @GetMapping("/api/applications/{applicationNo}/notices/{id}.pdf")
  public ResponseEntity<byte[]> noticePdf(@PathVariable String applicationNo, @PathVariable String id,
      HttpServletRequest http) {
    byte[] pdf = views.noticePdf(applicationNo, id, CurrentUser.of(http));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
            .filename(applicationNo + "-" + id + ".pdf").build().toString())
        .cacheControl(CacheControl.noStore())
        .body(pdf);
  }

  /** A text field of a small JSON body; anything but a string counts as missing. */
  private static String text(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
