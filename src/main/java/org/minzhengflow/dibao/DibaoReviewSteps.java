package org.minzhengflow.dibao;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of {@code processes/dibao-review.bpmn} and {@code processes/benefit-daily.bpmn}, each a bean
 * named as in the model: they map process variables to a call of {@link DibaoReviews}, which holds the rules.
 */
@Configuration
public class DibaoReviewSteps {

  private static String reviewNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  /** Verification again; the findings are handed to the assessment (one per line). */
  @Bean
  JavaDelegate dibaoReviewVerification(DibaoReviews reviews) {
    return ex -> {
      List<String> findings = reviews.verify(reviewNo(ex), ex.getProcessInstanceId());
      ex.setVariable("verificationFindings", String.join("\n", findings));
      ex.setVariable("disqualified", !findings.isEmpty());
    };
  }

  @Bean
  JavaDelegate dibaoReviewAssessment(DibaoReviews reviews) {
    return ex -> {
      Object text = ex.getVariable("verificationFindings");
      List<String> findings = text == null || text.toString().isBlank() ? List.of()
          : Arrays.asList(text.toString().split("\n"));
      ex.setVariable("proposedOutcome", reviews.assess(reviewNo(ex), findings));
    };
  }

  @Bean
  JavaDelegate dibaoReviewApplyOutcome(DibaoReviews reviews) {
    return ex -> ex.setVariable("outcome", reviews.apply(reviewNo(ex), ex.getProcessInstanceId(),
        (String) ex.getVariable("decision"), (String) ex.getVariable("opinion")));
  }

  @Bean
  JavaDelegate dibaoReviewSpotCheckSampling(DibaoReviews reviews) {
    return ex -> ex.setVariable("spotCheck", reviews.sampleSpotCheck(reviewNo(ex)));
  }

  @Bean
  JavaDelegate dibaoReviewRevocation(DibaoReviews reviews) {
    return ex -> reviews.revoke(reviewNo(ex), ex.getProcessInstanceId(), (String) ex.getVariable("opinion"));
  }

  /** benefitDaily: every benefit whose review date has come is requested for review. */
  @Bean
  JavaDelegate benefitDueReviews(DibaoReviews reviews) {
    return ex -> ex.setVariable("requested", reviews.requestDue());
  }

  /** benefitDaily: starts one batch of requested reviews (a job each, so the executor drains a campaign). */
  @Bean
  JavaDelegate benefitReviewBatch(DibaoReviews reviews, @Value("${app.reviews.batch-size:200}") int batchSize) {
    return ex -> ex.setVariable("moreReviews", reviews.startRequested(batchSize));
  }

  /**
   * Variable of a campaign's benefitDaily instance: false in all but the first of its parallel batch loops, which
   * leave the 渐退期 to it (the daily instance has none and ends them).
   */
  static final String END_EXITS = "endExits";

  /** benefitDaily: 渐退期 that are over end by themselves. */
  @Bean
  JavaDelegate benefitFinishedExits(DibaoReviews reviews) {
    return ex -> ex.setVariable("exitsEnded",
        Boolean.FALSE.equals(ex.getVariable(END_EXITS)) ? 0 : reviews.endFinishedExits().size());
  }
}
