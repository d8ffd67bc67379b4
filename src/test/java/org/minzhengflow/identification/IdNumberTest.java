package org.minzhengflow.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {

  // Check characters below were computed independently of the production code.
  private static final String MALE_1990 = "230103199003071233";
  private static final String FEMALE_LEAP_DAY_2000 = "110101200002290026";
  private static final String STANDARD_SAMPLE = "11010519491231002X";
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  @ParameterizedTest
  @ValueSource(strings = {MALE_1990, FEMALE_LEAP_DAY_2000, STANDARD_SAMPLE, "320502198511200057",
      "230103190001011236"})
  void acceptsValidNumbers(String value) {
    assertThat(IdNumber.problem(value, TODAY)).isNull();
    assertThat(IdNumber.parse(value, TODAY).value()).isEqualTo(value);
  }

  @Test
  void derivesBirthDateSexAndRegion() {
    IdNumber male = IdNumber.parse(MALE_1990, TODAY);
    assertThat(male.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
    assertThat(male.sex()).isEqualTo(Sex.MALE);
    assertThat(male.regionCode()).isEqualTo("230103");

    IdNumber female = IdNumber.parse(STANDARD_SAMPLE, TODAY);
    assertThat(female.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(female.sex()).isEqualTo(Sex.FEMALE);
    assertThat(female.sex().label()).isEqualTo("女");
    assertThat(female.regionCode()).isEqualTo("110105");
  }

  @Test
  void rejectsWrongCheckDigit() {
    assertThat(IdNumber.problem("230103199003071234", TODAY)).isEqualTo("身份证号校验位错误");
    assertThat(IdNumber.problem("110105194912310021", TODAY)).isEqualTo("身份证号校验位错误");
  }

  @ParameterizedTest
  @ValueSource(strings = {"23010319900307123", "2301031990030712331", "1"})
  void rejectsWrongLength(String value) {
    assertThat(IdNumber.problem(value, TODAY)).isEqualTo("身份证号应为18位");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2301031990A3071233", "23010319900307X233", "23010319900307123Y", "23010319900307 233"})
  void rejectsIllegalCharacters(String value) {
    assertThat(IdNumber.problem(value, TODAY)).isEqualTo("身份证号含非法字符");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "230103199913321238", // 1999-13-32, with a correct check digit
      "230103202302291230", // 29 February in a non-leap year
      "230103189912311231", // before 1900
      "440524188001010014"  // the 1880 sample from the standard is out of range for living applicants
  })
  void rejectsInvalidBirthDates(String value) {
    assertThat(IdNumber.problem(value, TODAY)).isEqualTo("身份证号出生日期无效");
  }

  @Test
  void rejectsBirthDateInTheFuture() {
    String bornTomorrow = TestIds.idNumber("230103", TODAY.plusDays(1), 123, true);
    assertThat(IdNumber.problem(bornTomorrow, TODAY)).isEqualTo("身份证号出生日期无效");
    assertThat(IdNumber.problem(TestIds.idNumber("230103", TODAY, 123, true), TODAY)).isNull();

    String bornNextYear = TestIds.idNumber("230103", LocalDate.now().plusYears(1), 123, true);
    assertThat(IdNumber.problem(bornNextYear)).isEqualTo("身份证号出生日期无效");
  }

  @Test
  void rejectsBlank() {
    assertThat(IdNumber.problem(null, TODAY)).isEqualTo("身份证号不能为空");
    assertThat(IdNumber.problem("  ", TODAY)).isEqualTo("身份证号不能为空");
  }

  @Test
  void acceptsLowerCaseXAndNormalisesIt() {
    assertThat(IdNumber.problem("11010519491231002x", TODAY)).isNull();
    assertThat(IdNumber.parse(" 11010519491231002x ", TODAY).value()).isEqualTo(STANDARD_SAMPLE);
  }

  @Test
  void parseThrowsWithTheChineseProblem() {
    assertThatThrownBy(() -> IdNumber.parse("230103199003071234", TODAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("身份证号校验位错误");
    assertThatThrownBy(() -> IdNumber.parse("23010319900307123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("身份证号应为18位");
  }

  @Test
  void ageCountsFullYearsFromTheBirthday() {
    IdNumber id = IdNumber.parse(MALE_1990, TODAY);
    assertThat(id.ageOn(LocalDate.of(2026, 3, 6))).isEqualTo(35);
    assertThat(id.ageOn(LocalDate.of(2026, 3, 7))).isEqualTo(36);
    assertThat(id.ageOn(LocalDate.of(1990, 3, 7))).isZero();
    assertThat(id.dateTurning(60)).isEqualTo(LocalDate.of(2050, 3, 7));
    assertThatThrownBy(() -> id.ageOn(LocalDate.of(1990, 3, 6))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void leapDayBirthsTurnOnTheTwentyEighthOfFebruary() {
    IdNumber id = IdNumber.parse(FEMALE_LEAP_DAY_2000, TODAY);
    assertThat(id.dateTurning(18)).isEqualTo(LocalDate.of(2018, 2, 28));
    assertThat(id.dateTurning(4)).isEqualTo(LocalDate.of(2004, 2, 29));
    assertThat(id.ageOn(LocalDate.of(2018, 2, 27))).isEqualTo(17);
    assertThat(id.ageOn(LocalDate.of(2018, 2, 28))).isEqualTo(18);
    assertThat(id.ageOn(LocalDate.of(2024, 2, 28))).isEqualTo(23);
    assertThat(id.ageOn(LocalDate.of(2024, 2, 29))).isEqualTo(24);
  }

  @Test
  void masksAllButFirstSixAndLastFour() {
    IdNumber id = IdNumber.parse(MALE_1990, TODAY);
    assertThat(id.masked()).isEqualTo("230103********1233");
    assertThat(id.toString()).contains("230103********1233").doesNotContain(MALE_1990);
  }

  @Test
  void maskOfAStringIsTheSameAsTheMaskOfTheParsedNumber() {
    assertThat(IdNumber.mask(MALE_1990)).isEqualTo("230103********1233")
        .isEqualTo(IdNumber.parse(MALE_1990, TODAY).masked());
    assertThat(IdNumber.mask(STANDARD_SAMPLE)).isEqualTo("110105********002X");
  }

  @Test
  void maskTrimsAndUpperCasesLikeParse() {
    assertThat(IdNumber.mask(" 11010519491231002x ")).isEqualTo("110105********002X");
  }

  @Test
  void maskOfNothingIsEmpty() {
    assertThat(IdNumber.mask(null)).isEmpty();
    assertThat(IdNumber.mask("")).isEmpty();
    assertThat(IdNumber.mask("   ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "23010319900307", "230103900307123", "23010319900307123", "2301031990030712334"})
  void maskOfSomethingThatIsNotEighteenCharactersShowsNoneOfIt(String value) {
    assertThat(IdNumber.mask(value)).isEqualTo("*".repeat(value.length())).doesNotContainPattern("[0-9X]");
  }

  @Test
  void maskDoesNotCheckTheCheckDigit() {
    // shown in a message about a wrongly typed number it still hides the middle
    assertThat(IdNumber.mask("230103199003071234")).isEqualTo("230103********1234");
  }

  @Test
  void constructorRejectsInconsistentFields() {
    assertThatThrownBy(() -> new IdNumber(MALE_1990, LocalDate.of(1990, 3, 8), Sex.MALE, "230103"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdNumber(MALE_1990, LocalDate.of(1990, 3, 7), Sex.FEMALE, "230103"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void testHelperBuildsValidNumbersOfTheRequestedSex() {
    LocalDate birth = LocalDate.of(1985, 11, 20);
    for (int seq : new int[] {0, 1, 5, 998, 999}) {
      IdNumber male = IdNumber.parse(TestIds.idNumber("320502", birth, seq, true), TODAY);
      IdNumber female = IdNumber.parse(TestIds.idNumber("320502", birth, seq, false), TODAY);
      assertThat(male.sex()).isEqualTo(Sex.MALE);
      assertThat(female.sex()).isEqualTo(Sex.FEMALE);
      assertThat(male.birthDate()).isEqualTo(birth);
      assertThat(female.regionCode()).isEqualTo("320502");
    }
    assertThat(TestIds.idNumber("320502", birth, 5, true)).isEqualTo("320502198511200057");
    assertThat(TestIds.idNumber("110105", LocalDate.of(1949, 12, 31), 2, false)).isEqualTo(STANDARD_SAMPLE);
  }
}
