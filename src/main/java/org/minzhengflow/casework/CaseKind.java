package org.minzhengflow.casework;

import java.util.Map;
import org.minzhengflow.organization.StaffUser;

/**
 * What a benefit module declares about its cases; the core does the rest (the endpoints
 * {@code /api/{kind}/applications…}, the case row, readers, reasons, history, notices, status frame,
 * objections, the list). A new benefit is a {@code CaseKind} bean, its models and its tables.
 *
 * @param <R> the body of {@code POST /api/{kind}/applications}
 */
public interface CaseKind<R> {

  /** The kind's code: the URL segment ({@code /api/dibao/…}) and {@code app_case.kind}. */
  String kind();

  /** The BPMN process the kind's cases run. */
  String processKey();

  /** The prefix of the kind's application numbers (e.g. {@code DB} → {@code DB2026000001}). */
  String numberPrefix();

  /** The application body's type; the core reads the JSON into it (wrong shapes are a 400 naming the field). */
  Class<R> requestType();

  /** Validates, checks the caller's right to file, reserves the case through {@link CaseIntake} and starts it. */
  CaseIntake.Submitted submit(R request, StaffUser user);

  /**
   * The kind's own fields of the status document (tier, amounts, the institution …), placed between the
   * core's fields and the reasons and history.
   */
  Map<String, Object> details(CaseRecord c);

  /**
   * Issues the kind's public notice (公示) text; called by the shared {@code publicNotice} process when
   * a case of this kind goes on notice. Kinds without a notice never reach it.
   */
  default void publishNotice(String applicationNo) {
    throw new IllegalStateException(kind() + " cases have no public notice");
  }

  /** May the district bureau extend the whole-case limit (once, with a reason)? */
  default boolean extensible() {
    return false;
  }
}
