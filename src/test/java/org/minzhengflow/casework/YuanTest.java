package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class YuanTest {

  @Test
  void noAmountIsWrittenZero() {
    assertThat(Yuan.format(null)).isEqualTo("0");
  }

  @Test
  void trailingZerosOfTheScaleAreDropped() {
    assertThat(Yuan.format(new BigDecimal("1238.00"))).isEqualTo("1238");
    assertThat(Yuan.format(new BigDecimal("337.50"))).isEqualTo("337.5");
    assertThat(Yuan.format(new BigDecimal("0.05"))).isEqualTo("0.05");
    assertThat(Yuan.format(new BigDecimal("732"))).isEqualTo("732");
  }

  @Test
  void zeroOfAnyScaleIsZero() {
    assertThat(Yuan.format(BigDecimal.ZERO)).isEqualTo("0");
    assertThat(Yuan.format(new BigDecimal("0.00"))).isEqualTo("0");
  }

  @Test
  void roundHundredsAndExponentsAreWrittenAsPlainDigits() {
    assertThat(Yuan.format(new BigDecimal("100.00"))).isEqualTo("100");
    assertThat(Yuan.format(new BigDecimal("1E+2"))).isEqualTo("100");
    assertThat(Yuan.format(new BigDecimal("1500000"))).isEqualTo("1500000");
    assertThat(Yuan.format(new BigDecimal("52704.00"))).isEqualTo("52704");
  }

  @Test
  void negativeAmountsKeepTheirSign() {
    assertThat(Yuan.format(new BigDecimal("-12.50"))).isEqualTo("-12.5");
  }
}
