package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpotCheckSamplerTest {

  @Test
  void aboutThirtyPercentOfOrdinaryCasesAreSampled() {
    Random random = new Random(20261128);
    long sampled = IntStream.range(0, 10_000).filter(i -> SpotCheckSampler.sample(false, 0.3, random::nextDouble)).count();
    assertThat(sampled / 10_000.0).isBetween(0.28, 0.32);
  }

  @Test
  void everyCloseRelativeCaseIsSampled() {
    Random random = new Random(7);
    assertThat(IntStream.range(0, 1_000).allMatch(i -> SpotCheckSampler.sample(true, 0.3, random::nextDouble))).isTrue();
  }

  @Test
  void theRateComesFromThePolicy() {
    Random random = new Random(11);
    long sampled = IntStream.range(0, 10_000).filter(i -> SpotCheckSampler.sample(false, 0.5, random::nextDouble)).count();
    assertThat(sampled / 10_000.0).isBetween(0.48, 0.52);
    assertThat(SpotCheckSampler.sample(false, 0.0, random::nextDouble)).isFalse();
  }
}
