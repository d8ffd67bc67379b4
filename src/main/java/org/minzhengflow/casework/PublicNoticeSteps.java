package org.minzhengflow.casework;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.minzhengflow.organization.CaseAuthorizations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans of the shared called process {@code processes/public-notice.bpmn} (公示): it runs with the
 * case's business key, so the case's readers get read rights on it too, and its text is the kind's.
 */
@Configuration
public class PublicNoticeSteps {

  /** Start of the notice: only as a call from a case; the case's readers may read the notice instance. */
  @Bean
  public NoticeReaders caseNoticeReaders(CaseRecords records, CaseAuthorizations authorizations) {
    return new NoticeReaders(records, authorizations);
  }

  /** Publishes the kind's notice text (公示内容) for the case. */
  @Bean
  JavaDelegate publicNoticeText(CaseRecords records, CaseKinds kinds) {
    return ex -> {
      CaseRecord c = records.get(ex.getProcessBusinessKey());
      kinds.find(c.kind()).orElseThrow(() -> new IllegalStateException("no module for kind " + c.kind()))
          .publishNotice(c.applicationNo());
    };
  }

  public static class NoticeReaders {
    private final CaseRecords records;
    private final CaseAuthorizations authorizations;

    NoticeReaders(CaseRecords records, CaseAuthorizations authorizations) {
      this.records = records;
      this.authorizations = authorizations;
    }

    public void grant(DelegateExecution execution) {
      String applicationNo = execution.getProcessBusinessKey();
      java.util.Optional<java.util.List<String>> readers =
          execution.getSuperExecution() == null || applicationNo == null ? java.util.Optional.empty()
              : records.readersOfCase(applicationNo);
      if (readers.isEmpty()) {
        throw new FormFieldValidationException("processDefinitionKey",
            "[processDefinitionKey] 公示流程只能由案件流程调用,不能单独启动");
      }
      authorizations.grantRead(execution.getProcessInstanceId(), readers.get());
    }
  }
}
