package org.minzhengflow.dibao;

import java.math.BigDecimal;

/** The tunable parameters of DOMAIN.md §1, read from the DMN table {@code dibaoPolicy}. */
public record DibaoPolicy(int assetMonths, int maxHouses, BigDecimal extraRate, double spotCheckRate, int noticeDays,
    int workingAgeMin, int workingAgeMaxMale, int workingAgeMaxFemale, int districtApprovalDays,
    int investigationDays, int streetReviewDays, int laborAssessmentDays, int spotCheckDays, int caseDays) {}
