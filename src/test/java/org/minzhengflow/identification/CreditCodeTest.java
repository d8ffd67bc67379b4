package org.minzhengflow.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

  // Published sample codes; their check characters were also verified independently.
  private static final String SAMPLE = "91350100M000100Y43";

  @ParameterizedTest
  @ValueSource(strings = {SAMPLE, "91110000802100433B"})
  void acceptsValidCodes(String value) {
    assertThat(CreditCode.problem(value)).isNull();
    assertThat(CreditCode.isValid(value)).isTrue();
    assertThat(CreditCode.parse(value).value()).isEqualTo(value);
  }

  @Test
  void acceptsLowerCaseAndNormalisesIt() {
    assertThat(CreditCode.isValid("91350100m000100y43")).isTrue();
    assertThat(CreditCode.parse(" 91350100m000100y43 ").value()).isEqualTo(SAMPLE);
  }

  @Test
  void rejectsWrongCheckCharacter() {
    assertThat(CreditCode.problem("91350100M000100Y44")).isEqualTo("统一社会信用代码校验位错误");
    assertThat(CreditCode.problem("91350100M000100Y4A")).isEqualTo("统一社会信用代码校验位错误");
    assertThat(CreditCode.isValid("91350100M000100Y44")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"I1350100M000100Y43", "91350100O000100Y43", "91350100M000S00Y43",
      "91350100M000100V43", "9135010ZM000100Y43", "91350100M000100Y4-"})
  void rejectsForbiddenCharacters(String value) {
    assertThat(CreditCode.problem(value)).isEqualTo("统一社会信用代码含非法字符");
  }

  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433"})
  void rejectsWrongLength(String value) {
    assertThat(CreditCode.problem(value)).isEqualTo("统一社会信用代码应为18位");
  }

  @Test
  void rejectsBlankAndParseThrowsTheProblem() {
    assertThat(CreditCode.problem(null)).isEqualTo("统一社会信用代码不能为空");
    assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y44"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("统一社会信用代码校验位错误");
  }

  @Test
  void checkValueThirtyOneMapsToZero() {
    // Weighted sum of the first 17 characters is divisible by 31 (computed independently).
    assertThat(CreditCode.isValid("913501000000000240")).isTrue();
    assertThat(CreditCode.problem("91350100000000024Y")).isEqualTo("统一社会信用代码校验位错误");
  }

  @Test
  void testHelperAppendsTheCheckCharacter() {
    assertThat(TestIds.creditCode("91350100M000100Y4")).isEqualTo(SAMPLE);
    assertThat(CreditCode.isValid(TestIds.creditCode("52110000MJ0000000"))).isTrue();
  }
}
