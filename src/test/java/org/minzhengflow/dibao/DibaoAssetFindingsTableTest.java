package org.minzhengflow.dibao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code processes/dibao-assets.dmn} with a standalone DMN engine, fed by the same input map the
 * application builds ({@link DibaoTables#assetInputs}): every unmet property condition is one row,
 * all of them listed at once, with exactly the reason texts the rejection notice has always shown.
 */
class DibaoAssetFindingsTableTest {

  /** 732 ¥ (Harbin urban 2021) × 24 months × 1 person. */
  static final BigDecimal URBAN_LIMIT_ONE_PERSON = new BigDecimal("17568.00");

  static DmnEngine engine;
  static DmnDecision findings;

  @BeforeAll
  static void parse() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes", "dibao-assets.dmn"))) {
      findings = engine.parseDecision("dibaoAssetFindings", in);
    }
  }

  static List<Map<String, Object>> evaluate(DibaoTables.Assets assets) {
    return engine.evaluateDecisionTable(findings, DibaoTables.assetInputs(assets)).getResultList();
  }

  /** A household that meets every condition, to vary one figure at a time. */
  static DibaoTables.Assets clean(int vehicles, int houses, int nonResidential, boolean business, String financialAssets) {
    return new DibaoTables.Assets(vehicles, houses, nonResidential, business, new BigDecimal(financialAssets),
        URBAN_LIMIT_ONE_PERSON, 1, 24);
  }

  @Test
  void aHouseholdMeetingEveryConditionHasNoFinding() {
    assertThat(evaluate(clean(0, 1, 0, false, "2000.00"))).isEmpty();
    assertThat(evaluate(clean(0, 0, 0, false, "0"))).isEmpty();
  }

  @ParameterizedTest(name = "{0} vehicles → {1}")
  @CsvSource({"0, 0", "1, 1", "2, 1"})
  void anyMotorVehicleIsAFinding(int vehicles, int expected) {
    List<Map<String, Object>> rows = evaluate(clean(vehicles, 1, 0, false, "0"));

    assertThat(rows).hasSize(expected);
    if (expected > 0) {
      assertThat(rows.get(0)).containsEntry("code", "VEHICLE")
          .containsEntry("reason", "经核对,家庭成员名下有机动车" + vehicles + "辆,不符合低保家庭财产条件");
    }
  }

  @ParameterizedTest(name = "{0} houses → {1}")
  @CsvSource({"0, 0", "1, 0", "2, 1", "3, 1"})
  void moreHousesThanTheLimitIsAFinding(int houses, int expected) {
    List<Map<String, Object>> rows = evaluate(clean(0, houses, 0, false, "0"));

    assertThat(rows).hasSize(expected);
    if (expected > 0) {
      assertThat(rows.get(0)).containsEntry("code", "HOUSES")
          .containsEntry("reason", "经核对,家庭拥有住房" + houses + "套,超过1套的限制");
    }
  }

  @Test
  void theHouseLimitComesFromThePolicyInput() {
    DibaoTables.Assets twoAllowed = new DibaoTables.Assets(0, 3, 0, false, BigDecimal.ZERO, URBAN_LIMIT_ONE_PERSON, 2, 24);

    assertThat(evaluate(twoAllowed)).extracting(r -> r.get("reason")).containsExactly("经核对,家庭拥有住房3套,超过2套的限制");
    assertThat(evaluate(new DibaoTables.Assets(0, 2, 0, false, BigDecimal.ZERO, URBAN_LIMIT_ONE_PERSON, 2, 24))).isEmpty();
  }

  @Test
  void nonResidentialPropertyAndBusinessRegistrationAreFindings() {
    assertThat(evaluate(clean(0, 1, 1, false, "0"))).extracting(r -> r.get("code"), r -> r.get("reason"))
        .containsExactly(tuple("NON_RESIDENTIAL", "家庭拥有非居住类房产1处,不符合低保家庭财产条件"));
    assertThat(evaluate(clean(0, 1, 0, true, "0"))).extracting(r -> r.get("code"), r -> r.get("reason"))
        .containsExactly(tuple("BUSINESS", "经核对,家庭成员有工商登记(经营主体),不符合低保家庭财产条件"));
  }

  @Test
  void financialAssetsExactlyAtTheLimitQualifyAndOneFenAboveDoesNot() {
    assertThat(evaluate(clean(0, 1, 0, false, "17568.00"))).isEmpty();
    assertThat(evaluate(clean(0, 1, 0, false, "17567.99"))).isEmpty();

    assertThat(evaluate(clean(0, 1, 0, false, "17568.01"))).extracting(r -> r.get("code"), r -> r.get("reason"))
        .containsExactly(tuple("FINANCIAL_ASSETS", "经核对,家庭金融资产17568.01元,超过限额17568元(人均24个月低保标准)"));
  }

  @Test
  void amountsAreShownWithoutTrailingZeros() {
    // 1234.5 = a limit to the jiao (e.g. an annual standard spread over twelve months)
    DibaoTables.Assets assets = new DibaoTables.Assets(0, 1, 0, false, new BigDecimal("48000.00"),
        new BigDecimal("1234.50"), 1, 24);

    assertThat(evaluate(assets)).extracting(r -> r.get("reason"))
        .containsExactly("经核对,家庭金融资产48000元,超过限额1234.5元(人均24个月低保标准)");
    assertThat(evaluate(new DibaoTables.Assets(0, 1, 0, false, new BigDecimal("12000000.00"), new BigDecimal("52704.00"),
        1, 24))).extracting(r -> r.get("reason"))
        .containsExactly("经核对,家庭金融资产12000000元,超过限额52704元(人均24个月低保标准)");
  }

  @Test
  void everyUnmetConditionIsListedAtOnceInTheOrderOfTheRows() {
    // rural 2021: 4404 / 12 = 367 a month × 24 × 3 persons = 26424
    DibaoTables.Assets assets = new DibaoTables.Assets(2, 2, 1, true, new BigDecimal("80000.00"),
        new BigDecimal("26424.00"), 1, 24);

    assertThat(evaluate(assets)).extracting(r -> r.get("code"), r -> r.get("reason")).containsExactly(
        tuple("VEHICLE", "经核对,家庭成员名下有机动车2辆,不符合低保家庭财产条件"),
        tuple("HOUSES", "经核对,家庭拥有住房2套,超过1套的限制"),
        tuple("NON_RESIDENTIAL", "家庭拥有非居住类房产1处,不符合低保家庭财产条件"),
        tuple("BUSINESS", "经核对,家庭成员有工商登记(经营主体),不符合低保家庭财产条件"),
        tuple("FINANCIAL_ASSETS", "经核对,家庭金融资产80000元,超过限额26424元(人均24个月低保标准)"));
  }
}
