package org.minzhengflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.minzhengflow.identification.TestIds;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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
 * Drives the real Camunda Tasklist in headless Chromium: a caseworker logs in, claims the
 * 入户调查 task of a dibao application, fills the Camunda Form and completes it; the engine state
 * and the application's history are checked afterwards. Skipped where Chromium is not installed.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.generic-properties.properties.job-executor-activate=true"})
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TasklistBrowserIT {

  @org.springframework.beans.factory.annotation.Autowired
  private org.camunda.bpm.engine.ProcessEngine thisContextsEngine;

  /** /engine-rest looks its engine up in Camunda's JVM-wide registry: make it this context's one. */
  @org.junit.jupiter.api.BeforeEach
  void engineRestUsesThisContextsEngine() {
    org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(thisContextsEngine);
  }

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(30);
  private static final String FINDINGS = "入户查看:两人居住于自有住房,家中无贵重物品,成员身体健康,均在打零工,收入与申报相符。";
  private static final Path ARTIFACTS = Paths.get("target", "browser-test");
  private static final ObjectMapper JSON = new ObjectMapper();

  // Tasklist 7.24 DOM (AngularJS; the UI is in Chinese, so nothing is located by English text).
  private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[type='password']");
  private static final By SIGN_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
  /** Tasklist's notifications (a failed login, an engine error when completing …). */
  private static final By ERROR = By.cssSelector(".page-notifications .alert-danger");
  private static final By CLAIM = By.cssSelector("button.claim[ng-click='claim()']");
  private static final By UNCLAIM = By.cssSelector("[ng-click='unclaim()']");
  private static final By COMPLETE = By.cssSelector(".form-actions button[ng-click='complete()']");
  private static final By FILTER = By.cssSelector(".task-filter");

  @LocalServerPort
  int port;

  @Autowired
  TaskService taskService;

  @Autowired
  HistoryService historyService;

  /**
   * Checks for Chromium before JUnit creates the test instance, hence before Spring starts the
   * application: without Chromium each test is reported as skipped, with the reason, in seconds.
   */
  @RegisterExtension
  static final TestInstancePreConstructCallback CHROMIUM_REQUIRED = (factory, context) -> requireChromium();

  private static String chromium;
  private static String chromedriver;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private WebDriver driver;
  private Path userDataDir;
  private String testName;

  private static void requireChromium() {
    chromium = firstNonBlank(System.getenv("CHROME_BIN"), CHROMIUM);
    chromedriver = firstNonBlank(System.getProperty("webdriver.chrome.driver"), CHROMEDRIVER);
    if (!Files.isExecutable(Paths.get(chromium)) || !Files.isExecutable(Paths.get(chromedriver))) {
      Assumptions.assumeTrue(false, "Chromium not installed: apt-get install -y chromium chromium-driver "
          + "(.ci/run does this) to run the Tasklist browser test");
    }
  }

  @BeforeEach
  void startBrowser(TestInfo info) throws IOException {
    testName = info.getTestMethod().map(Method::getName).orElse("test");
    userDataDir = Files.createTempDirectory("tasklist-browser-it-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--user-data-dir=" + userDataDir.toAbsolutePath());
    // An explicit driver executable keeps Selenium Manager from looking for (or downloading) a driver.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(UI_TIMEOUT);
    driver.manage().timeouts().scriptTimeout(UI_TIMEOUT);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      try {
        driver.quit();
      } finally {
        driver = null;
      }
    }
    if (userDataDir != null) {
      try (Stream<Path> files = Files.walk(userDataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // A leftover temporary profile directory is harmless.
      }
      userDataDir = null;
    }
  }

  @Test
  @Order(1)
  void caseworkerClaimsFillsAndCompletesTheHouseholdInvestigationInTasklist() throws Exception {
    String applicationNo = submitApplication();
    Task task = awaitTask(applicationNo, "householdInvestigation");

    inBrowser("investigation", () -> {
      login("xf1-worker1", "demo");
      openTask("本街道待认领", task.getId());
      claim();
      fillForm(Map.of(
          "secondInvestigator", "xf1-worker2",
          "findings", FINDINGS));
      complete(task.getId());
      waitUntil("the task to leave Tasklist and the engine",
          () -> taskService.createTaskQuery().taskId(task.getId()).count() == 0, UI_TIMEOUT);
    });

    HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
    assertThat(done).isNotNull();
    assertThat(done.getEndTime()).as("investigation end time").isNotNull();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(done.getAssignee()).isEqualTo("xf1-worker1");

    awaitTask(applicationNo, "streetReview");

    JsonNode status = getJson("/api/dibao/applications/" + applicationNo, "xf1-worker1");
    JsonNode investigation = null;
    for (JsonNode entry : status.path("history")) {
      if ("householdInvestigation".equals(entry.path("step").asText())) {
        investigation = entry;
      }
    }
    assertThat(investigation).as("householdInvestigation entry in %s", status).isNotNull();
    assertThat(investigation.path("user").asText()).isEqualTo("xf1-worker1");
    assertThat(investigation.toString()).contains("xf1-worker1", "xf1-worker2", FINDINGS);
  }

  @Test
  @Order(2)
  void wrongPasswordShowsAnErrorAndStaysOnTheLoginPage() throws Exception {
    // A user of its own: Camunda delays the next login of a user after a wrong password.
    inBrowser("wrong-password", () -> {
      driver.get(tasklistUrl());
      WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
      WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(USERNAME));
      user.sendKeys("dl1-worker2");
      driver.findElement(PASSWORD).sendKeys("not-the-password");
      driver.findElement(SIGN_IN).click();
      WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(ERROR));
      assertThat(error.getText()).contains("登录失败");
      assertThat(driver.findElement(USERNAME).isDisplayed()).as("login form still shown").isTrue();
      assertThat(driver.findElement(PASSWORD).getDomProperty("value")).as("password cleared").isEmpty();
      assertThat(driver.findElements(FILTER)).as("no task filters without login").isEmpty();
      assertThat(driver.getCurrentUrl()).contains("#/login");
    });
  }

  @Test
  @Order(3)
  void theListShowsApplicantStreetAndDeadlineAndNoMigrationBanner() throws Exception {
    String applicationNo = submitApplication();
    Task task = awaitTask(applicationNo, "householdInvestigation");
    String deadline = getJson("/api/dibao/applications/" + applicationNo, "xf1-worker1").path("caseDeadline").asText();

    inBrowser("list-columns", () -> {
      login("xf1-worker1", "demo");
      WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
      clickWhenReady(wait, By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(.),'本街道待认领')]"));
      // the list entry of the task, with the filter's variables under its name
      By entry = By.xpath("//*[contains(@class,'tasks-list')]//li[.//a[@href='#/?task=" + task.getId() + "']]");
      wait.ignoring(StaleElementReferenceException.class).until(d -> {
        List<WebElement> found = d.findElements(entry);
        return !found.isEmpty() && found.get(0).getText().contains("香坊大街街道");
      });
      String text = driver.findElement(entry).getText();
      assertThat(text).contains(applicationNo, "王建国", "香坊大街街道", deadline);
      // the vendor's "migrate to Camunda 8" banner is in the header's DOM but never shown
      assertThat(driver.findElements(By.cssSelector(".ce-eol-banner"))).allSatisfy(b -> assertThat(b.isDisplayed()).isFalse());
      assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("Camunda 8");

      // a 打印告知书 link opens with the Tasklist login (the case is found: 404 for a notice it lacks, not 401) …
      assertThat(statusInBrowser("/api/applications/" + applicationNo + "/notices/999999999.pdf")).isEqualTo(404);
      // … and without the session's CSRF token (which only the webapps' own pages read) the session opens nothing
      // else of the application API: 403 naming the token (asked outside the browser)
      String session = "JSESSIONID=" + driver.manage().getCookieNamed("JSESSIONID").getValue();
      assertThat(statusWithCookie("/api/applications/" + applicationNo + "/notices/999999999.pdf", session)).isEqualTo(404);
      assertThat(statusWithCookie("/api/applications/" + applicationNo + "/notices", session)).isEqualTo(403);
      assertThat(statusWithCookie("/api/applications/" + applicationNo + "/notices/999999999.pdf", null)).isEqualTo(401);
    });
    // and every webapp hides it the same way (Cockpit and Admin only open to bureaus and administrators);
    // the welcome page is not shown at all: staff are sent to Tasklist (WebappEntry)
    HttpResponse<Void> welcome = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/app/welcome/default/")).GET().build(), HttpResponse.BodyHandlers.discarding());
    assertThat(welcome.statusCode()).isEqualTo(302);
    assertThat(welcome.headers().firstValue("Location").orElse("")).endsWith("/camunda/app/tasklist/");
    for (String app : List.of("tasklist", "cockpit", "admin")) {
      HttpResponse<String> css = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/camunda/app/" + app + "/styles/user-styles.css")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(css.statusCode()).as(app).isEqualTo(200);
      assertThat(css.body().replaceAll("\\s+", " ")).as(app).contains(".ce-eol-banner { display: none !important; }");
    }
  }

  /**
   * The task-operation buttons of the Tasklist plugin (scripts/task-operations.js): the caseworker hands the home
   * visit to a colleague (转办), and after the visit the street leader sends the case back to it (退回).
   */
  @Test
  @Order(4)
  void transferATaskAndReturnACaseWithTheTasklistButtons() throws Exception {
    String applicationNo = submitApplication();
    Task task = awaitTask(applicationNo, "householdInvestigation");

    inBrowser("transfer", () -> {
      login("xf1-worker1", "demo");
      openTask("本街道待认领", task.getId());
      claim();
      operation("transfer", Map.of("toUser", "xf1-worker2", "reason", "本人外出培训,转同事办理"));
      waitUntil("the task to be xf1-worker2's", () -> "xf1-worker2".equals(
          taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()), UI_TIMEOUT);
    });

    complete("xf1-worker2", task.getId(), Map.of("secondInvestigator", "xf1-worker1", "findings", FINDINGS));
    Task review = awaitTask(applicationNo, "streetReview");
    taskService.claim(review.getId(), "xf1-leader");

    inBrowser("return", () -> {
      driver.manage().deleteAllCookies();
      login("xf1-leader", "demo");
      WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
      clickWhenReady(wait, By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(.),'我的待办')]"));
      clickWhenReady(wait, By.cssSelector(".tasks-list a[href='#/?task=" + review.getId() + "']"));
      wait.until(ExpectedConditions.urlContains("task=" + review.getId()));
      operation("return", Map.of("toStep", "householdInvestigation", "reason", "收入材料不全,请补充入户调查"));
      waitUntil("the case to be back at the home visit", () -> taskService.createTaskQuery()
          .processInstanceBusinessKey(applicationNo).taskDefinitionKey("householdInvestigation").count() == 1
          && taskService.createTaskQuery().taskId(review.getId()).count() == 0, UI_TIMEOUT);
    });

    Task again = awaitTask(applicationNo, "householdInvestigation");
    assertThat(again.getAssignee()).as("back to whoever did the step").isEqualTo("xf1-worker2");
    JsonNode status = getJson("/api/dibao/applications/" + applicationNo, "xf1-worker1");
    assertThat(status.path("history").toString()).contains("transfer", "本人外出培训", "sendBack", "收入材料不全");
    assertThat(status.path("openSteps").toString()).isEqualTo("[\"householdInvestigation\"]");
  }

  /** Opens an operation's small form from its button, fills it and confirms; the plugin reports success. */
  private void operation(String op, Map<String, String> values) {
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    clickWhenReady(wait, By.cssSelector("button.mz-op[data-op='" + op + "']"));
    for (Map.Entry<String, String> entry : values.entrySet()) {
      By input = By.cssSelector(".mz-op-overlay [name='" + entry.getKey() + "']");
      WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(input));
      if ("select".equals(element.getTagName())) {
        wait.until(d -> !d.findElements(By.cssSelector(".mz-op-overlay select[name='" + entry.getKey()
            + "'] option[value='" + entry.getValue() + "']")).isEmpty());
        new org.openqa.selenium.support.ui.Select(element).selectByValue(entry.getValue());
      } else {
        element.clear();
        element.sendKeys(entry.getValue());
      }
    }
    clickWhenReady(wait, By.cssSelector(".mz-op-overlay button.mz-op-submit"));
    wait.until(ExpectedConditions.or(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".mz-op-message.text-success")),
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".mz-op-message.text-danger"))));
    List<String> failed = driver.findElements(By.cssSelector(".mz-op-message.text-danger")).stream()
        .map(WebElement::getText).filter(t -> !t.isBlank()).toList();
    assertThat(failed).as("plugin messages after " + op).isEmpty();
  }

  /** Completes a task as the user through the engine REST API (the step between the two browser sessions). */
  private void complete(String user, String taskId, Map<String, Object> values) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    HttpResponse<String> response = http.send(request("/engine-rest/task/" + taskId + "/complete", user)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables", variables))))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as("complete answer %s", response.body()).isEqualTo(204);
  }

  // ---------------------------------------------------------------- Tasklist

  private int statusWithCookie(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
        .timeout(Duration.ofSeconds(20));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The status of a GET made by the page itself (with its session cookie, without credentials). */
  private long statusInBrowser(String path) {
    Object status = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status), e => done(-1));", path);
    return ((Number) status).longValue();
  }

  private String tasklistUrl() {
    return "http://localhost:" + port + "/camunda/app/tasklist/";
  }

  private void login(String user, String password) {
    driver.get(tasklistUrl());
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    wait.until(ExpectedConditions.visibilityOfElementLocated(USERNAME));
    org.minzhengflow.support.CamundaLoginForm.fill(driver, USERNAME, PASSWORD, user, password);
    driver.findElement(SIGN_IN).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(USERNAME));
    wait.until(ExpectedConditions.visibilityOfElementLocated(FILTER));
  }

  private void openTask(String filterName, String taskId) {
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    By filter = By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(.),'" + filterName + "')]");
    By taskLink = By.cssSelector(".tasks-list a[href='#/?task=" + taskId + "']");
    clickWhenReady(wait, filter);
    clickWhenReady(wait, taskLink);
    wait.until(ExpectedConditions.urlContains("task=" + taskId));
    wait.until(ExpectedConditions.visibilityOfElementLocated(field("secondInvestigator")));
  }

  /** Clicks once the element is there and clickable, finding it again if Angular replaced it meanwhile. */
  private static void clickWhenReady(WebDriverWait wait, By locator) {
    wait.ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  private void claim() {
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    clickWhenReady(wait, CLAIM);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(CLAIM));
    // The header then names the assignee (display name) and offers to give the task back.
    wait.until(ExpectedConditions.visibilityOfElementLocated(UNCLAIM));
    wait.until(ExpectedConditions.elementToBeClickable(COMPLETE));
  }

  /**
   * Fills Camunda Form fields after claiming. Tasklist may render the form again once the claim
   * is through, which throws typed values away, so every field is looked up afresh and the values
   * are checked again before completing; a lost value is typed again.
   */
  private void fillForm(Map<String, String> values) {
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    wait.ignoring(StaleElementReferenceException.class).until(d -> {
      for (Map.Entry<String, String> entry : values.entrySet()) {
        WebElement input = ExpectedConditions.elementToBeClickable(field(entry.getKey())).apply(d);
        if (input == null) {
          return false;
        }
        if (!entry.getValue().equals(input.getDomProperty("value"))) {
          input.clear();
          input.sendKeys(entry.getValue());
        }
      }
      // Settle, then confirm on fresh elements that nothing was re-rendered away.
      sleep(Duration.ofMillis(300));
      for (Map.Entry<String, String> entry : values.entrySet()) {
        if (!entry.getValue().equals(d.findElement(field(entry.getKey())).getDomProperty("value"))) {
          return false;
        }
      }
      return true;
    });
  }

  private void complete(String taskId) {
    WebDriverWait wait = new WebDriverWait(driver, UI_TIMEOUT);
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(COMPLETE));
    assertThat(button.getText()).contains("完成");
    button.click();
    // Tasklist drops the task from the view and the list once the engine completed it, or shows an error.
    By listed = By.cssSelector(".tasks-list a[href='#/?task=" + taskId + "']");
    wait.until(ExpectedConditions.or(
        ExpectedConditions.and(
            ExpectedConditions.invisibilityOfElementLocated(field("secondInvestigator")),
            ExpectedConditions.invisibilityOfElementLocated(listed)),
        ExpectedConditions.visibilityOfElementLocated(ERROR)));
    List<String> errors = driver.findElements(ERROR).stream().map(WebElement::getText).toList();
    assertThat(errors).as("Tasklist error notifications after 完成").isEmpty();
  }

  private static By field(String key) {
    // form-js gives each input the id fjs-form-<form instance>-<component id>; our forms name components Field_<key>.
    return By.cssSelector(".fjs-form input[id$='-Field_" + key + "'], .fjs-form textarea[id$='-Field_" + key + "']");
  }

  // ---------------------------------------------------------------- engine and API

  /** Each household's people new to the database: a random sequence number collided now and then (409 at intake). */
  private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger(100);

  private String submitApplication() throws Exception {
    // steps of two: the sex flips the lowest bit of the sequence number, so n and n + 1 could give the same person
    int seq = SEQUENCE.getAndAdd(2);
    String applicant = TestIds.idNumber("230110", LocalDate.of(1979, 4, 12), seq, true);
    String spouse = TestIds.idNumber("230110", LocalDate.of(1981, 9, 3), seq, false);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("streetCode", "230110001");
    body.put("areaType", "URBAN");
    body.put("applicantIdNumber", applicant);
    body.put("phone", "13800000000");
    body.put("members", List.of(
        member("王建国", applicant, "SELF", 300),
        member("李秀兰", spouse, "SPOUSE", 200)));
    body.put("assets", Map.of("financialAssets", 1000, "vehicles", 0, "houses", 1,
        "nonResidentialProperties", 0, "businessRegistered", false));
    HttpResponse<String> response = http.send(request("/api/dibao/applications", "xf1-worker1")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as("submit answer %s", response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("applicationNo").asText();
  }

  private static Map<String, Object> member(String name, String idNumber, String relation, int monthlyIncome) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("idNumber", idNumber);
    m.put("relation", relation);
    m.put("monthlyIncome", monthlyIncome);
    m.put("laborCapacity", "FULL");
    m.put("disabilityGrade", null);
    m.put("seriousIllness", false);
    return m;
  }

  private JsonNode getJson(String path, String user) throws Exception {
    HttpResponse<String> response = http.send(request(path, user).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as("GET %s answer %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(String path, String user) {
    String basic = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Basic " + basic)
        .header("Accept", "application/json");
  }

  /** The asynchronous service tasks before a user task run in the job executor: poll for it. */
  private Task awaitTask(String applicationNo, String taskKey) {
    Task[] found = new Task[1];
    waitUntil("task " + taskKey + " of " + applicationNo, () -> {
      found[0] = taskService.createTaskQuery().processInstanceBusinessKey(applicationNo)
          .taskDefinitionKey(taskKey).singleResult();
      return found[0] != null;
    }, ENGINE_TIMEOUT);
    return found[0];
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }

  // ---------------------------------------------------------------- failure evidence

  @FunctionalInterface
  private interface BrowserSteps {
    void run() throws Exception;
  }

  /** Runs browser steps; on failure keeps a screenshot and the page source and names them. */
  private void inBrowser(String step, BrowserSteps steps) throws Exception {
    try {
      steps.run();
    } catch (Throwable failure) {
      String saved = saveEvidence(step);
      throw new AssertionError("Tasklist browser step '" + step + "' failed (" + failure + "); "
          + saved + "; URL " + safeUrl(), failure);
    }
  }

  private String safeUrl() {
    try {
      return driver.getCurrentUrl();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private String saveEvidence(String step) {
    String base = testName + "-" + step + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"));
    try {
      Files.createDirectories(ARTIFACTS);
      Path html = ARTIFACTS.resolve(base + ".html");
      Files.writeString(html, driver.getPageSource(), StandardCharsets.UTF_8);
      Path png = ARTIFACTS.resolve(base + ".png");
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
      return "screenshot " + png.toAbsolutePath() + ", page source " + html.toAbsolutePath();
    } catch (Exception e) {
      return "evidence could not be saved under " + ARTIFACTS.toAbsolutePath() + ": " + e;
    }
  }

  private static String firstNonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
