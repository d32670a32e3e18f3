package tower.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.json.Json;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.auth.Catalog;
import tower.server.auth.DuckCatalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.store.Store;

/**
 * Issue 11 in a real headless chromium against the real server: three organisations made through the catalogue (a
 * cell maker owning the data, a pack maker it shares with, a recycler in a joint project). The owner uploads two
 * files and shares them from the test page's sharing panel (every change a session request with the CSRF token);
 * the partner sees the owner's name, the grant's purpose and expiry; the owner's admin page lists the grants and
 * revokes one, after which the partner gets the 404 of a missing test; tokens, users, projects and the audit log
 * work from the admin page. Screenshots at 1280×800 and 1920×1080 under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SAMPLES = Path.of("..", "samples");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final List<Dimension> SIZES = List.of(new Dimension(1280, 800), new Dimension(1920, 1080));
    static final String OWNER = "cellco", PARTNER = "packco", THIRD = "recyclo";
    static final String PURPOSE = "joint ageing study, NDA 2026-14";
    static final String PROJECT = "solid-state-2027";

    @TempDir
    static Path tmp;
    static Store store;
    static Pipeline pipeline;
    static TowerServer server;
    static WebDriver driver;
    static String base;
    static String ownerToken, partnerToken, thirdToken;
    static String arbinId, novaId, partnerOwnId;
    static String expiryDay;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "browser tests skipped: install Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        store = Store.open(tmp.resolve("store"));
        pipeline = new Pipeline(PipelineConfig.defaults());
        try (Catalog c = new DuckCatalog(store)) {
            c.createOrganisation(OWNER, OrgKind.parse("cell"));
            c.createOrganisation(PARTNER, OrgKind.parse("pack"));
            c.createOrganisation(THIRD, OrgKind.parse("recycler"));
            ownerToken = c.createUser(OWNER, "admin@cellco.example", Role.ADMIN).token().secret();
            partnerToken = c.createUser(PARTNER, "eng@packco.example", Role.MEMBER).token().secret();
            thirdToken = c.createUser(THIRD, "lab@recyclo.example", Role.ADMIN).token().secret();
        }
        server = TowerServer.start(ServerConfig.defaults().withPort(0), store, pipeline);
        base = "http://127.0.0.1:" + server.port() + "/";
        Files.createDirectories(SHOTS);
        // the partner's own copy of a file the owner also uploads: two tests (identity is per organisation)
        HttpResponse<String> up = upload(partnerToken, SAMPLES.resolve("arbin_example.csv"));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        partnerOwnId = (String) json(up).get("id");
        // a joint project led by the owner, with the recycler as member (made through the API with a bearer token)
        HttpResponse<String> p = call("POST", "/projects", ownerToken, Map.of("name", PROJECT, "members", List.of(THIRD)));
        assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
        expiryDay = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chrome-profile"));
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    // ---- helpers

    static WebDriverWait waitFor(int seconds) {
        // the admin page re-renders a table after each change: an element may go stale under a check
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class);
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static void shots(String name) throws Exception {
        for (Dimension d : SIZES) {
            driver.manage().window().setSize(d);
            Thread.sleep(400);
            Files.write(SHOTS.resolve(name + "-" + d.getWidth() + "x" + d.getHeight() + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(SIZES.get(0));
    }

    static void fullPage(String name) throws Exception {
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 20, 4000)));
        Thread.sleep(400);
        Files.write(SHOTS.resolve(name + "-full-1280.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(SIZES.get(0));
    }

    /** Sets an input's value as a user would (date inputs take locale-dependent keystrokes) and fires its events. */
    static void setValue(String id, String value) {
        js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
    }

    static HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "api/v1" + path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<?, ?> json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readValue(r.body(), Map.class);
    }

    static List<String> testIds(String token) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Object t : (List<?>) json(call("GET", "/tests", token, null)).get("tests")) {
            ids.add((String) ((Map<?, ?>) t).get("id"));
        }
        return ids;
    }

    static HttpResponse<String> upload(String token, Path file) throws Exception {
        String boundary = "----tower" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "api/v1/tests"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** Logs the browser in with a token (logging out a previous session first) and waits for the test list. */
    static void logIn(String token) {
        driver.get(base + "#/tests");
        waitFor(20).until(d -> !d.findElements(By.cssSelector("#token")).isEmpty() || !d.findElements(By.id("logout")).isEmpty());
        if (!driver.findElements(By.id("logout")).isEmpty()) {
            driver.findElement(By.id("logout")).click();
        }
        WebElement box = waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        box.clear();
        box.sendKeys(token);
        driver.findElement(By.id("login-button")).click();
        waitFor(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tests-table table, #tests-table .empty")));
    }

    static WebElement rowOf(String testId) {
        return driver.findElement(By.cssSelector("#tests-table a.test-link[href$='/" + testId + "']")).findElement(By.xpath("ancestor::tr"));
    }

    static void openSharing(String testId) {
        driver.get(base + "#/test/" + testId);
        WebElement panel = waitFor(30).until(ExpectedConditions.presenceOfElementLocated(By.id("sharing-panel")));
        if (panel.getAttribute("open") == null) {
            panel.findElement(By.tagName("summary")).click();
        }
        // the partner list comes from GET /orgs
        waitFor(20).until(d -> d.findElements(By.cssSelector("#share-org option[value='" + PARTNER + "']")).size() == 1);
    }

    static void share(String partner, String purpose, String day) {
        new Select(driver.findElement(By.id("share-org"))).selectByValue(partner);
        driver.findElement(By.id("share-purpose")).sendKeys(purpose);
        if (day != null) {
            setValue("share-expiry", day);
        }
        driver.findElement(By.id("share-button")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("#grants tr[data-org='" + partner + "']")).size() == 1);
    }

    // ---- the tests

    @Test
    @Order(1)
    void ownerSharesFromTheSharingPanel() throws Exception {
        logIn(ownerToken);
        // uploads through the browser session: the XHR carries the CSRF token, else the server would refuse it
        for (String f : List.of("arbin_example.csv", "test_Nova_Form-CH01-01_short.csv")) {
            driver.findElement(By.id("file-input")).sendKeys(SAMPLES.resolve(f).toAbsolutePath().normalize().toString());
            WebElement link = waitFor(90).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".upload[data-file='" + f + "'].done a.uploaded-test")));
            String id = link.getAttribute("href").replaceAll(".*#/test/", "");
            if (f.startsWith("arbin")) {
                arbinId = id;
            } else {
                novaId = id;
            }
        }
        // the same bytes as the partner's upload, and yet a test of its own
        assertThat(arbinId).isNotEqualTo(partnerOwnId);
        waitFor(20).until(d -> d.findElements(By.cssSelector("#tests-table a.test-link")).size() == 2);
        assertThat(rowOf(arbinId).getText()).contains(OWNER).contains("private");

        openSharing(arbinId);
        assertThat(driver.findElement(By.cssSelector("#sharing-panel summary .vis")).getText()).isEqualTo("private");
        share(PARTNER, PURPOSE, expiryDay);
        WebElement grant = driver.findElement(By.cssSelector("#grants tr[data-org='" + PARTNER + "']"));
        assertThat(grant.getText()).contains(PURPOSE).contains(expiryDay).contains("live").contains("admin@cellco.example");
        // sharing raised the visibility to shared
        waitFor(10).until(ExpectedConditions.textToBe(By.cssSelector("#sharing-panel summary .vis"), "shared"));
        assertThat(driver.findElement(By.id("share-count")).getText()).isEqualTo("1 partner");
        shots("10-sharing-panel");

        // a session request without the CSRF header is refused: the header api.js adds is what lets the panel work
        Object bare = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/tests/' + arguments[0], {method: 'PATCH', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json'}, body: '{\"visibility\": \"public\"}'}).then(r => done(r.status))", arbinId);
        assertThat(((Number) bare).intValue()).isEqualTo(403);
        assertThat(json(call("GET", "/tests/" + arbinId, ownerToken, null)).get("visibility")).isEqualTo("shared");

        // the second test, after a reload (the CSRF token then comes from GET /me): attached to the project, an
        // embargo, and a grant without expiry
        driver.get(base + "#/test/" + novaId);
        driver.navigate().refresh();
        openSharing(novaId);
        driver.findElement(By.cssSelector("#project-picks input[data-project='" + PROJECT + "']")).click();
        String embargo = LocalDate.now(ZoneOffset.UTC).plusDays(90).toString();
        setValue("embargo-date", embargo);
        driver.findElement(By.id("sharing-save")).click();
        waitFor(20).until(ExpectedConditions.textToBe(By.id("sharing-status"), "saved"));
        assertThat(driver.findElement(By.cssSelector("#sharing-panel summary")).getText())
                .contains("embargo until " + embargo).contains("projects: " + PROJECT);
        share(PARTNER, "pack design input", null);
        assertThat(driver.findElement(By.cssSelector("#grants tr[data-org='" + PARTNER + "']")).getText()).contains("no expiry");
        // what the panel shows is what the server holds
        Map<?, ?> nova = json(call("GET", "/tests/" + novaId, ownerToken, null));
        assertThat(nova.get("projects")).isEqualTo(List.of(PROJECT));
        assertThat((String) nova.get("embargo_until")).startsWith(embargo);
        assertThat(nova.get("visibility")).isEqualTo("shared");
        shots("11-sharing-panel-project-embargo");

        // the list shows the new visibility and the embargo
        driver.get(base + "#/tests");
        waitFor(20).until(d -> d.findElements(By.cssSelector("#tests-table a.test-link")).size() == 2);
        assertThat(rowOf(novaId).getText()).contains("shared").contains("embargo until " + embargo);
        shots("12-owner-list");
    }

    @Test
    @Order(2)
    void partnerSeesTheOwnerPurposeAndExpiry() throws Exception {
        logIn(partnerToken);
        waitFor(20).until(d -> d.findElements(By.cssSelector("#tests-table a.test-link")).size() == 3);
        // the owner's name on the shared test, with the grant in its tooltip; the partner's own test says its own name
        WebElement shared = rowOf(arbinId).findElement(By.cssSelector(".owner"));
        assertThat(shared.getText()).contains(OWNER);
        assertThat(shared.getAttribute("data-access")).isEqualTo("shared");
        assertThat(shared.getAttribute("title")).contains("shared by " + OWNER).contains(PURPOSE).contains("until " + expiryDay);
        assertThat(rowOf(partnerOwnId).findElement(By.cssSelector(".owner.own")).getText()).isEqualTo(PARTNER);
        shots("13-partner-list");

        driver.get(base + "#/test/" + arbinId);
        WebElement banner = waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("shared-banner")));
        assertThat(banner.getText()).contains("Shared by " + OWNER).contains(PURPOSE).contains("until " + expiryDay).contains("read-only");
        assertThat(driver.findElements(By.id("sharing-panel"))).as("a partner does not manage the owner's sharing").isEmpty();
        assertThat(driver.findElement(By.id("test-owner")).getText()).isEqualTo(OWNER);
        waitFor(60).until(d -> "drawn".equals(js("return document.body.dataset.plots")));
        shots("14-partner-test");

        driver.get(base + "#/test/" + novaId);
        banner = waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("shared-banner")));
        assertThat(banner.getText()).contains("Shared by " + OWNER).contains("pack design input").contains("no expiry");
        // the partner is not in the project: the project's name is not told to it
        assertThat(json(call("GET", "/tests/" + novaId, partnerToken, null)).get("projects")).isEqualTo(List.of());

        // the recycler is in the project only: it sees the project's test and not the other one
        assertThat(testIds(thirdToken)).containsExactly(novaId);
        assertThat(call("GET", "/tests/" + arbinId, thirdToken, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void ownerRevokesAGrantOnTheAdminPage() throws Exception {
        logIn(ownerToken);
        driver.findElement(By.id("nav-admin")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("#grants-given tbody tr")).size() == 2);
        String given = driver.findElement(By.id("grants-given")).getText();
        assertThat(given).contains("arbin_example.csv").contains(PURPOSE).contains(expiryDay).contains("no expiry");
        waitFor(20).until(d -> !d.findElements(By.cssSelector("#audit-log tbody tr")).isEmpty());
        shots("15-admin");
        fullPage("15-admin");

        driver.findElement(By.cssSelector("#grants-given button.revoke[data-test='" + arbinId + "'][data-org='" + PARTNER + "']")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("#grants-given tbody tr")).size() == 1);
        assertThat(driver.findElement(By.id("grants-given")).getText()).doesNotContain("arbin_example.csv");

        // the partner now gets exactly the answer of a test that never existed
        String missingId = arbinId.substring(0, arbinId.length() - 1) + (arbinId.endsWith("0") ? "1" : "0");
        HttpResponse<String> hidden = call("GET", "/tests/" + arbinId, partnerToken, null);
        HttpResponse<String> missing = call("GET", "/tests/" + missingId, partnerToken, null);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(((String) json(hidden).get("error")).replace(arbinId, "ID"))
                .isEqualTo(((String) json(missing).get("error")).replace(missingId, "ID"));
        assertThat(testIds(partnerToken)).doesNotContain(arbinId).contains(novaId, partnerOwnId);

        logIn(partnerToken);
        waitFor(20).until(d -> d.findElements(By.cssSelector("#tests-table a.test-link")).size() == 2);
        assertThat(driver.findElements(By.cssSelector("#tests-table a.test-link[href$='/" + arbinId + "']"))).isEmpty();
        driver.get(base + "#/test/" + arbinId);
        WebElement err = waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#app .errbox")));
        assertThat(err.getText()).isEqualTo(json(hidden).get("error"));
        // the received list of the partner's admin page has the remaining grant only
        driver.get(base + "#/admin");
        waitFor(20).until(d -> d.findElements(By.cssSelector("#shares-received tbody tr")).size() == 1);
        assertThat(driver.findElement(By.id("shares-received")).getText()).contains(OWNER).contains("pack design input");
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void adminPageManagesTokensUsersProjectsAndShowsTheAuditLog() throws Exception {
        logIn(ownerToken);
        driver.get(base + "#/admin");
        waitFor(20).until(d -> !d.findElements(By.cssSelector("#tokens-table tbody tr")).isEmpty());
        assertThat(driver.findElement(By.id("tokens-table")).getText()).contains("admin@cellco.example").contains("this session").contains("live");

        // a new token with an expiry: shown once, works at once, and is refused at once when revoked
        driver.findElement(By.id("new-token-name")).sendKeys("ci-upload");
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
        setValue("new-token-expiry", day);
        driver.findElement(By.id("new-token-button")).click();
        String secret = waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-token code.secret"))).getText();
        assertThat(call("GET", "/me", secret, null).statusCode()).isEqualTo(200);
        WebElement row = driver.findElement(By.id("tokens-table")).findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().contains("ci-upload")).findFirst().orElseThrow();
        assertThat(row.getText()).contains(day).contains("live");
        shots("16-admin-new-token");
        row.findElement(By.cssSelector("button.revoke")).click();
        waitFor(20).until(d -> d.findElement(By.id("tokens-table")).findElements(By.cssSelector("tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("ci-upload") && r.getText().contains("revoked")));
        assertThat(call("GET", "/me", secret, null).statusCode()).isEqualTo(401);

        // a new user: the token is shown once and logs in with the chosen role
        driver.findElement(By.id("new-user-email")).sendKeys("tech@cellco.example");
        new Select(driver.findElement(By.id("new-user-role"))).selectByValue("viewer");
        driver.findElement(By.id("new-user-button")).click();
        String userSecret = waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-user-token code.secret"))).getText();
        Map<?, ?> me = json(call("GET", "/me", userSecret, null));
        assertThat(me.get("email")).isEqualTo("tech@cellco.example");
        assertThat(me.get("role")).isEqualTo("viewer");
        waitFor(20).until(d -> d.findElement(By.id("users-table")).getText().contains("tech@cellco.example"));

        // a member added to the project from its row
        new Select(driver.findElement(By.cssSelector("select.add-member[data-project='" + PROJECT + "']"))).selectByValue(PARTNER);
        driver.findElement(By.cssSelector("select.add-member[data-project='" + PROJECT + "'] + button")).click();
        waitFor(20).until(d -> d.findElement(By.id("projects-table")).getText().contains(PARTNER));
        Map<?, ?> projects = json(call("GET", "/projects", ownerToken, null));
        assertThat((List<Object>) ((Map<?, ?>) ((List<?>) projects.get("projects")).get(0)).get("members"))
                .containsExactlyInAnyOrder(THIRD, PARTNER);

        // the audit log: the owner's shares and revocation, and the partner's reads of the owner's data
        driver.findElement(By.cssSelector("#audit-panel .toolbar button")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("#audit-log tbody tr")).size() > 5);
        String log = driver.findElement(By.id("audit-log")).getText();
        assertThat(log).contains("share").contains("unshare").contains("upload").contains("eng@packco.example");
        List<WebElement> partnerReads = driver.findElements(By.cssSelector("#audit-log tbody tr")).stream()
                .filter(r -> r.getText().contains("eng@packco.example") && r.getText().contains(" read")).toList();
        assertThat(partnerReads).as("the partner's reads are in the owner's log").isNotEmpty();
        new Select(driver.findElement(By.id("audit-action"))).selectByValue("unshare");
        waitFor(10).until(d -> d.findElements(By.cssSelector("#audit-log tbody tr")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("#audit-log tbody tr")).getText()).contains(arbinId).contains(PARTNER);
        new Select(driver.findElement(By.id("audit-action"))).selectByValue("");
        js("document.getElementById('audit-panel').scrollIntoView()");
        shots("17-admin-audit");
        js("window.scrollTo(0, 0)");
        fullPage("17-admin");
    }
}
