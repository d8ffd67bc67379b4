package org.minzhengflow.dibao;

import java.math.BigDecimal;

/** The tunable parameters of DOMAIN.md §1 (time limits are in {@code case-deadlines.dmn}), read from the DMN table {@code dibaoPolicy}. */
public record DibaoPolicy(int assetMonths, int maxHouses, BigDecimal extraRate, double spotCheckRate,
    int workingAgeMin, int workingAgeMaxMale, int workingAgeMaxFemale) {}
