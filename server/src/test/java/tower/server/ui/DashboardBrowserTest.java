package tower.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.json.Json;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.auth.DuckCatalog;
import tower.server.demo.Demo;
import tower.store.Store;

/**
 * The dashboard in a real headless chromium against the real server on an ephemeral port, over a temporary store
 * holding the demo's generated tests (an ageing test with a knee, an HPPC sequence, a formation test). Logs in,
 * uploads a real Arbin file and a refused one, opens the test page and checks that every plot canvas has drawn
 * curves, compares two tests, downloads the cycle CSV, and saves screenshots of each page at 1280×800 and
 * 1920×1080 under target/screenshots/. Skipped (with a message) where Debian's chromium or chromedriver is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SAMPLES = Path.of("..", "samples");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final List<Dimension> SIZES = List.of(new Dimension(1280, 800), new Dimension(1920, 1080));

    @TempDir
    static Path tmp;
    static Store store;
    static Pipeline pipeline;
    static TowerServer server;
    static WebDriver driver;
    static String base;
    static String token;
    static Path downloads;
    static String uploadedId;
    static String ageingId;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "browser tests skipped: install Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        store = Store.open(tmp.resolve("store"));
        pipeline = new Pipeline(PipelineConfig.defaults());
        StringWriter log = new StringWriter();
        // no samples folder: the generated demo tests only, so that the browser's upload of a sample is a new test
        token = Demo.prepare(store, pipeline, new DuckCatalog(store), tmp.resolve("no-samples"), new PrintWriter(log)).token();
        server = TowerServer.start(ServerConfig.defaults().withPort(0), store, pipeline);
        base = "http://127.0.0.1:" + server.port() + "/";
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        Files.createDirectories(SHOTS);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chrome-profile"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        o.setExperimentalOption("prefs", prefs);
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
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

    static WebDriverWait waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static void shots(String name) throws Exception {
        for (Dimension d : SIZES) {
            driver.manage().window().setSize(d);
            Thread.sleep(400); // let the charts follow the new width (ResizeObserver)
            Path f = SHOTS.resolve(name + "-" + d.getWidth() + "x" + d.getHeight() + ".png");
            Files.write(f, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(SIZES.get(0));
    }

    /** The whole scrolled page at 1280 px wide (the plots and the cycle table below the fold). */
    static void fullPage(String name) throws Exception {
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 20, 4000)));
        Thread.sleep(500);
        Files.write(SHOTS.resolve(name + "-full-1280.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(SIZES.get(0));
    }

    /** Per chart canvas under the selector: the number of saturated (curve-coloured, not grey axis) pixels. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> curvePixels(String selector) {
        return (Map<String, Long>) js("""
                const out = {};
                for (const el of document.querySelectorAll(arguments[0])) {
                  if (el.closest('.hidden')) continue;
                  const c = el.querySelector('canvas');
                  if (!c) { out[el.id] = 0; continue; }
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let n = 0;
                  for (let i = 0; i < d.length; i += 4) {
                    const mx = Math.max(d[i], d[i+1], d[i+2]), mn = Math.min(d[i], d[i+1], d[i+2]);
                    if (d[i+3] > 128 && mx - mn > 60) n++;
                  }
                  out[el.id] = n;
                }
                return out;""", selector);
    }

    static HttpResponse<String> api(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/v1" + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void logsInWithAToken() throws Exception {
        driver.get(base);
        WebElement box = waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        shots("01-login");
        box.sendKeys("tower_wrong_token");
        driver.findElement(By.id("login-button")).click();
        waitFor(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "wrong"));
        box.clear();
        box.sendKeys(token);
        driver.findElement(By.id("login-button")).click();
        waitFor(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tests-table a.test-link")));
        assertThat(driver.findElement(By.id("who")).getText()).contains(Demo.USER);
        // the session is an HttpOnly cookie: invisible to scripts
        assertThat((String) js("return document.cookie")).doesNotContain("tower_session");
        ageingId = (String) js("""
                return [...document.querySelectorAll('a.test-link')].find(a => a.textContent.startsWith('ageing'))
                  .getAttribute('href').split('/').pop();""");
    }

    @Test
    @Order(2)
    void uploadsARealFileWithProgress() throws Exception {
        Path arbin = SAMPLES.resolve("arbin_example.csv").toAbsolutePath().normalize();
        driver.findElement(By.id("file-input")).sendKeys(arbin.toString());
        WebElement link = waitFor(60).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".upload[data-file='arbin_example.csv'].done a.uploaded-test")));
        assertThat(link.getText()).contains("arbin-csv").contains("2 cycles").contains("2,142 rows");
        uploadedId = link.getAttribute("href").replaceAll(".*#/test/", "");
        assertThat(driver.findElement(By.cssSelector(".upload[data-file='arbin_example.csv'] .progress > div"))
                .getAttribute("style")).contains("100%");
        waitFor(20).until(d -> d.findElements(By.cssSelector("a.test-link[href$='" + uploadedId + "']")).size() == 1);
    }

    @Test
    @Order(3)
    void aRefusedFileShowsTheReadersMessage() throws Exception {
        Path bad = tmp.resolve("not-a-cycler.csv");
        Files.writeString(bad, "hello,world\n1,2\n");
        driver.findElement(By.id("file-input")).sendKeys(bad.toAbsolutePath().normalize().toString());
        WebElement err = waitFor(30).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".upload[data-file='not-a-cycler.csv'].failed .upload-error")));
        // the 422 body's error, FILE: WHERE: REASON, next to the file name
        assertThat(err.getText()).startsWith("not-a-cycler.csv: ").doesNotContain("Exception");
        assertThat(driver.findElement(By.cssSelector(".upload[data-file='not-a-cycler.csv'] .stage")).getText()).isEqualTo("refused");
        // the filters work on the list
        driver.findElement(By.id("search")).sendKeys("arbin_example");
        waitFor(5).until(d -> d.findElements(By.cssSelector("a.test-link")).size() == 1);
        shots("02-tests-filtered");
        driver.findElement(By.id("search")).clear();
        js("document.getElementById('search').dispatchEvent(new Event('input'))");
        waitFor(5).until(d -> d.findElements(By.cssSelector("a.test-link")).size() >= 4);
        shots("03-tests");
    }

    @Test
    @Order(4)
    void testPageDrawsEveryPlot() throws Exception {
        for (String id : List.of(uploadedId, ageingId)) {
            // a full navigation (not a hash change), so that the paint timings belong to this page
            driver.get(base + "?t=" + System.nanoTime() + "#/test/" + id);
            waitFor(60).until(d -> "drawn".equals(js("return document.body.dataset.plots")));
            Map<String, Long> px = curvePixels(".plots .chart");
            assertThat(px).as("plot canvases of " + id).containsKeys("chart-fade", "chart-soh", "chart-vt", "chart-vq", "chart-dqdv");
            assertThat(px.values()).as("curve pixels per canvas " + px).allMatch(n -> n > 50);
            double fcp = ((Number) js("const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : -1")).doubleValue();
            double plotsMs = ((Number) js("return window.__towerPlotsDrawn")).doubleValue();
            Object slowest = js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/'))"
                    + ".sort((a, b) => b.duration - a.duration).slice(0, 3)"
                    + ".map(e => e.name.split('/api/v1/tests/')[1] + ' ' + Math.round(e.duration) + ' ms').join(', ')");
            System.out.printf("test page %s: first-contentful-paint %.0f ms, all plots drawn %.0f ms (from navigation start); "
                    + "slowest requests: %s%n", id, fcp, plotsMs, slowest);
            assertThat(driver.findElements(By.cssSelector("#cycle-panel tbody tr"))).isNotEmpty();
            shots("04-test-" + (id.equals(ageingId) ? "ageing" : "arbin"));
            fullPage("04-test-" + (id.equals(ageingId) ? "ageing" : "arbin"));
        }
        // the same page again, with the server's caches warm
        driver.get(base + "?t=" + System.nanoTime() + "#/test/" + ageingId);
        waitFor(60).until(d -> "drawn".equals(js("return document.body.dataset.plots")));
        System.out.printf("test page %s again (server caches warm): first-contentful-paint %.0f ms, all plots drawn %.0f ms%n",
                ageingId, ((Number) js("return performance.getEntriesByName('first-contentful-paint')[0].startTime")).doubleValue(),
                ((Number) js("return window.__towerPlotsDrawn")).doubleValue());
        // zoom on voltage vs time: drag over the plot; the server is asked for the range again
        WebElement over = driver.findElement(By.cssSelector("#chart-vt .u-over"));
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(over, -over.getSize().width / 4, 0).clickAndHold()
                .moveByOffset(over.getSize().width / 8, 0).release().perform();
        waitFor(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("vt-note"), "zoomed"));
        assertThat(curvePixels("#chart-vt").get("chart-vt")).isGreaterThan(50);
        // a flag has its meaning in a tooltip
        List<WebElement> flagChips = driver.findElements(By.cssSelector("#flags .chip[data-tip]"));
        for (WebElement c : flagChips) {
            assertThat(c.getAttribute("data-tip")).contains(c.getText() + ": ").hasSizeGreaterThan(c.getText().length() + 10);
        }
        // the HPPC test has a resistance plot
        List<?> tests = (List<?>) Json.MAPPER.readValue(api("/tests").body(), Map.class).get("tests");
        String hppcId = tests.stream().map(t -> (Map<?, ?>) t).filter(t -> String.valueOf(t.get("file_name")).startsWith("hppc"))
                .map(t -> (String) t.get("id")).findFirst().orElseThrow();
        driver.get(base + "#/test/" + hppcId);
        waitFor(60).until(d -> "drawn".equals(js("return document.body.dataset.plots")));
        Map<String, Long> hp = curvePixels("#chart-hppc");
        assertThat(hp.get("chart-hppc")).as("HPPC plot").isGreaterThan(50);
        shots("05-test-hppc");
        fullPage("05-test-hppc");
    }

    @Test
    @Order(5)
    void downloadsTheCycleTable() throws Exception {
        driver.get(base + "#/test/" + uploadedId);
        waitFor(60).until(d -> "drawn".equals(js("return document.body.dataset.plots")));
        driver.findElement(By.id("cycles-csv")).click();
        Path csv = downloads.resolve(uploadedId + "_cycles.csv");
        waitFor(20).until(d -> Files.exists(csv) && csv.toFile().length() > 0);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Map<?, ?> cycles = Json.MAPPER.readValue(api("/tests/" + uploadedId + "/cycles").body(), Map.class);
        List<?> rows = (List<?>) cycles.get("cycles");
        assertThat(lines).hasSize(rows.size() + 1);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).startsWith("cycle_index").contains("discharge_capacity_ah", "coulombic_efficiency", "flags");
        Map<?, ?> second = (Map<?, ?>) rows.get(1);
        String[] cells = lines.get(2).split(",", -1);
        assertThat(Double.parseDouble(cells[header.indexOf("discharge_capacity_ah")]))
                .isEqualTo(((Number) second.get("discharge_capacity_ah")).doubleValue());
        assertThat(cells[header.indexOf("cycle_index")]).isEqualTo(String.valueOf(second.get("cycle_index")));
        // the first cycle of this file is incomplete: its flag is in the CSV and CE is empty there
        String[] first = lines.get(1).split(",", -1);
        assertThat(first[header.indexOf("flags")]).contains("incomplete");
        assertThat(first[header.indexOf("capacity_loss_ah")]).isEmpty();
        // the time-series download links point at the export route
        assertThat(driver.findElement(By.id("dl-parquet")).getAttribute("href")).endsWith("/api/v1/tests/" + uploadedId + "/export?format=parquet");
    }

    @Test
    @Order(6)
    void comparesTwoTests() throws Exception {
        driver.get(base + "#/tests");
        waitFor(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tests-table a.test-link")));
        js("sessionStorage.removeItem('tower.compare')");
        driver.navigate().refresh();
        waitFor(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[data-test='" + ageingId + "']")));
        driver.findElement(By.cssSelector("input[data-test='" + ageingId + "']")).click();
        driver.findElement(By.cssSelector("input[data-test='" + uploadedId + "']")).click();
        WebElement btn = driver.findElement(By.id("compare-selected"));
        assertThat(btn.getText()).contains("(2)");
        btn.click();
        waitFor(60).until(d -> "drawn".equals(js("return document.body.dataset.compare"))
                && d.findElements(By.cssSelector("#chart-compare-dqdv canvas")).size() == 1);
        assertThat(driver.findElements(By.cssSelector("#compare-picked .tag"))).hasSize(2);
        Map<String, Long> px = curvePixels(".plots .chart");
        assertThat(px).containsKeys("chart-compare-fade", "chart-compare-vq", "chart-compare-dqdv");
        assertThat(px.values()).as("curve pixels " + px).allMatch(n -> n > 50);
        // both tests are in the fade plot's legend
        assertThat(driver.findElement(By.cssSelector("#chart-compare-fade .u-legend")).getText())
                .contains("arbin_example.csv").contains("ageing");
        shots("06-compare");
        fullPage("06-compare");
    }
}
