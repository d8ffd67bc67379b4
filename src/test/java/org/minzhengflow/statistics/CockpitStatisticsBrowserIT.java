package org.minzhengflow.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.minzhengflow.dibao.DibaoRestPostgresIT;
import org.minzhengflow.support.Http;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Drives the real Cockpit in headless Chromium: a district bureau logs in, finds 民政业务统计 on the dashboard with
 * the figures the application API gives for its district (and none of another district), then looks a case up in
 * 案件查询 and opens its status. The plugin reaches /api with the Cockpit session and its CSRF token only: the
 * browser never sends a password to /api. Skipped where Chromium is not installed, as the Tasklist browser test.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.generic-properties.properties.job-executor-activate=true"})
@ActiveProfiles("test")
class CockpitStatisticsBrowserIT {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration UI_TIMEOUT = Duration.ofSeconds(30);
  private static final Path ARTIFACTS = Paths.get("target", "browser-test");

  private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[type='password']");
  private static final By SIGN_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
  private static final By DASHBOARD = By.cssSelector("section[data-plugin='minzheng-statistics']");
  private static final By FIGURES = By.cssSelector("section[data-plugin='minzheng-statistics'] .mz-figures[data-loaded='true']");

  @RegisterExtension
  static final TestInstancePreConstructCallback CHROMIUM_REQUIRED = (factory, context) -> {
    if (!Files.isExecutable(Paths.get(chromium())) || !Files.isExecutable(Paths.get(chromedriver()))) {
      Assumptions.assumeTrue(false, "Chromium not installed: apt-get install -y chromium chromium-driver "
          + "(.ci/run does this) to run the Cockpit browser test");
    }
  };

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  private WebDriver driver;
  private Path userDataDir;

  private static String chromium() {
    String env = System.getenv("CHROME_BIN");
    return env == null || env.isBlank() ? CHROMIUM : env;
  }

  private static String chromedriver() {
    String property = System.getProperty("webdriver.chrome.driver");
    return property == null || property.isBlank() ? CHROMEDRIVER : property;
  }

  /** /engine-rest looks its engine up in Camunda's JVM-wide registry: make it this context's one. */
  @BeforeEach
  void startBrowser() throws IOException {
    ProcessEngines.registerProcessEngine(engine);
    userDataDir = Files.createTempDirectory("cockpit-browser-it-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--user-data-dir=" + userDataDir.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver())).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(UI_TIMEOUT);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (userDataDir != null) {
      try (Stream<Path> files = Files.walk(userDataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // a leftover temporary profile is harmless
      }
    }
  }

  @Test
  void aDistrictBureauSeesItsFiguresOnTheCockpitDashboardAndFindsACase() throws Exception {
    Http http = new Http(port);
    Http.Response xf = http.post("xf1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230110001"));
    assertThat(xf.status()).as(xf.body()).isEqualTo(201);
    String xfNo = xf.json().get("applicationNo").asText();
    Http.Response dl = http.post("dl1-worker1", "/api/dibao/applications", DibaoRestPostgresIT.application("230102001"));
    assertThat(dl.status()).as(dl.body()).isEqualTo(201);

    // what the dashboard must show by default: this year up to today, the caller's district (API over Basic)
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    JsonNode expected = http.get("xf-approver", "/api/statistics?from=" + today.withDayOfYear(1) + "&to=" + today).json();
    JsonNode xfDibao = null;
    for (JsonNode row : expected.get("byKind")) {
      if (row.get("kind").asText().equals("dibao") && row.get("districtCode").asText().equals("230110")) {
        xfDibao = row;
      }
    }
    assertThat(xfDibao).as("API answer %s", expected).isNotNull();
    assertThat(xfDibao.get("received").asLong()).isPositive();
    String received = xfDibao.get("received").asText();
    String inReview = xfDibao.get("inReview").asText();

    inBrowser("dashboard", () -> {
      login("xf-approver");
      WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
      WebElement section = wait.until(ExpectedConditions.visibilityOfElementLocated(DASHBOARD));
      assertThat(section.findElement(By.tagName("h3")).getText()).isEqualTo("民政业务统计");
      wait.until(ExpectedConditions.presenceOfElementLocated(FIGURES));
      By row = By.cssSelector(".mz-table tr[data-kind='dibao'][data-district='230110']");
      WebElement xfRow = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
      assertThat(xfRow.findElement(By.cssSelector("td[data-measure='received']")).getText()).isEqualTo(received);
      assertThat(xfRow.findElement(By.cssSelector("td[data-measure='inReview']")).getText()).isEqualTo(inReview);
      assertThat(xfRow.getText()).contains("最低生活保障", "香坊区");
      assertThat(driver.findElements(By.cssSelector(".mz-table tr[data-district='230102']")))
          .as("another district's figures").isEmpty();
      assertThat(driver.findElements(By.cssSelector("[data-chart='cases'] .mz-bar-row"))).isNotEmpty();
      assertThat(driver.findElement(By.cssSelector("[data-total='received'] .mz-value")).getText()).isNotEqualTo("0");
      assertThat(driver.findElement(By.cssSelector("[data-chart='payments']")).getText()).contains("月度发放总额");
      assertThat(driver.findElements(By.cssSelector(".mz-error")).stream().map(WebElement::getText)
          .filter(t -> !t.isBlank()).toList()).isEmpty();
      ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", section);
      screenshot("dashboard");
    });

    inBrowser("case-search", () -> {
      WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href='#/case-search']"))).click();
      WebElement q = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("section[data-plugin='minzheng-case-search'] input[name='q']")));
      q.sendKeys(xfNo);
      driver.findElement(By.cssSelector("section[data-plugin='minzheng-case-search'] button[type='submit']")).click();
      By caseRow = By.cssSelector(".mz-table[data-table='cases'] tr[data-application-no='" + xfNo + "']");
      WebElement found = wait.until(ExpectedConditions.visibilityOfElementLocated(caseRow));
      wait.until(d -> d.findElements(By.cssSelector(".mz-table[data-table='cases'] tbody tr")).size() == 1);
      assertThat(found.getText()).contains(xfNo, "最低生活保障", "审核中", "刘一", "香坊大街街道");
      found.findElement(By.cssSelector("a[data-status-link]")).click();
      WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre[data-detail='status']")));
      wait.until(d -> detail.getText().contains("\"applicationNo\": \"" + xfNo + "\""));
      assertThat(detail.getText()).contains("caseDeadline");
      screenshot("case-search");
    });
  }

  private void login(String user) {
    driver.get("http://localhost:" + port + "/camunda/app/cockpit/");
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    wait.until(ExpectedConditions.visibilityOfElementLocated(USERNAME));
    org.minzhengflow.support.CamundaLoginForm.fill(driver, USERNAME, PASSWORD, user, "demo");
    driver.findElement(SIGN_IN).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(USERNAME));
  }

  /** What the page looked like, kept for people reviewing the plugin (target/browser-test). */
  private void screenshot(String name) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
        ARTIFACTS.resolve("cockpit-" + name + "-ok.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @FunctionalInterface
  private interface BrowserSteps {
    void run() throws Exception;
  }

  /** Runs browser steps; on failure keeps a screenshot and the page source under target/browser-test. */
  private void inBrowser(String step, BrowserSteps steps) throws Exception {
    try {
      steps.run();
    } catch (Throwable failure) {
      String saved;
      try {
        Files.createDirectories(ARTIFACTS);
        Path html = ARTIFACTS.resolve("cockpit-" + step + ".html");
        Files.writeString(html, driver.getPageSource(), StandardCharsets.UTF_8);
        Path png = ARTIFACTS.resolve("cockpit-" + step + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), png,
            StandardCopyOption.REPLACE_EXISTING);
        saved = "screenshot " + png.toAbsolutePath() + ", page source " + html.toAbsolutePath();
      } catch (Exception e) {
        saved = "no evidence saved: " + e;
      }
      throw new AssertionError("Cockpit browser step '" + step + "' failed (" + failure + "); " + saved
          + "; URL " + driver.getCurrentUrl(), failure);
    }
  }
}
