package org.minzhengflow.funeral;

import static org.minzhengflow.review.ReviewRules.invalid;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.minzhengflow.casework.CaseHistory;
import org.springframework.stereotype.Component;

/**
 * 殡仪馆确认服务 ({@code serviceConfirmation}): for every requested service the funeral home says what it rendered —
 * {@code transport} / {@code cremation} (yes or no), {@code storageDays}, {@code ashStorageYears} — and may give the fee
 * charged ({@code transportFee} …; without it the cap is the fee). Checked on completion, every problem named by
 * its field; the confirmed figures are stored with the case's services for the settlement step.
 */
@Component("funeralServiceRules")
public class FuneralServiceRules implements TaskListener {

  /** The form's field of each service: units, and fee. */
  record Field(String units, String fee, boolean yesNo, int max) {}

  static final Map<String, Field> FIELDS = Map.of(
      "TRANSPORT", new Field("transport", "transportFee", true, 1),
      "STORAGE", new Field("storageDays", "storageFee", false, FuneralValidator.MAX_STORAGE_DAYS),
      "CREMATION", new Field("cremation", "cremationFee", true, 1),
      "ASH_STORAGE", new Field("ashStorageYears", "ashStorageFee", false, FuneralValidator.MAX_ASH_YEARS));
  private static final BigDecimal MAX_FEE = new BigDecimal("100000");

  private final FuneralCases cases;
  private final CaseHistory history;

  public FuneralServiceRules(FuneralCases cases, CaseHistory history) {
    this.cases = cases;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    FuneralCase c = cases.get(task.getExecution().getProcessBusinessKey());
    Map<String, Integer> units = new LinkedHashMap<>();
    Map<String, BigDecimal> fees = new LinkedHashMap<>();
    StringBuilder confirmed = new StringBuilder();
    for (FuneralCase.Service s : c.services()) {
      Field field = FIELDS.get(s.kind());
      Object raw = task.getVariable(field.units());
      int n;
      if (field.yesNo()) {
        if (!(raw instanceof Boolean b)) {
          throw invalid(field.units(), "请确认是否已提供该项服务(是/否)");
        }
        n = b ? 1 : 0;
      } else {
        if (!(raw instanceof Number number) || number.doubleValue() != Math.floor(number.doubleValue())
            || number.intValue() < 0 || number.intValue() > field.max()) {
          throw invalid(field.units(), "请填写实际提供的" + ("STORAGE".equals(s.kind()) ? "暂存天数" : "寄存年数")
              + "(0至" + field.max() + "的整数)");
        }
        n = number.intValue();
      }
      units.put(s.kind(), n);
      Object fee = task.getVariable(field.fee());
      if (fee != null && !(fee instanceof String str && str.isBlank())) {
        BigDecimal amount;
        try {
          amount = new BigDecimal(fee.toString());
        } catch (NumberFormatException e) {
          throw invalid(field.fee(), "收费金额应为数字");
        }
        if (amount.signum() < 0 || amount.compareTo(MAX_FEE) > 0) {
          throw invalid(field.fee(), "收费金额应在0至100000元之间");
        }
        fees.put(s.kind(), amount);
      }
      confirmed.append(s.kind()).append("=").append(n).append(fees.containsKey(s.kind()) ? "(收费" + fees.get(s.kind()) + "元)" : "").append(";");
    }
    units.forEach((kind, n) -> cases.confirmRendered(c.applicationNo(), kind, n, fees.get(kind)));
    history.record(c.applicationNo(), c.processInstanceId(), task.getId(), task.getTaskDefinitionKey(), task.getName(),
        task.getAssignee(), null, "殡仪馆确认已提供服务:" + confirmed);
  }
}
