package tower.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tower.core.ingest.Progress;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.ingest.IngestSpec;
import tower.pipeline.ingest.Ingester;
import tower.pipeline.read.ReadSpec;
import tower.pipeline.synthetic.Generated;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.api.TestsApi;
import tower.server.auth.Catalog;
import tower.server.auth.DuckCatalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.store.Store;

/**
 * Benchmark, not a test of the default suite (skipped unless {@code -Dtower.bench=true}): the time to first paint of
 * the dashboard's test page for the 10-million-row ageing test of {@code tower bench --server} (5,000 cycles), in
 * headless Chromium.
 *
 * <pre>mvn -B -o -pl server test -Dtest=FirstPaintBench -Dtower.bench=true</pre>
 *
 * The test is generated and stored once under {@code target/bench/first-paint-work} (reused while the parameters
 * match; {@code -Dtower.bench.dir} elsewhere). The server runs as {@code tower serve} does, in its own JVM on ZGC
 * with the default heap (surefire's fork has 1 GB). The browser logs in through the login form, then each measured
 * load clears the browser cache and navigates afresh to the test page; the figure is the time from navigation
 * start until every visible plot canvas of the page holds curve pixels (polled in the page by a script installed
 * before the page's own, with {@code performance.now()}). Median of 5 cold page loads, after one unmeasured load
 * that fills the server's caches (reported apart). Prints the figures and writes {@code target/bench/first-paint.txt}.
 */
@EnabledIfSystemProperty(named = "tower.bench", matches = "true")
class FirstPaintBench {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The plots every test page of an ageing test draws (HPPC only where the test has pulses). */
    static final List<String> PLOTS = List.of("chart-fade", "chart-soh", "chart-vt", "chart-vq", "chart-dqdv");

    /** Installed before the page's scripts: records when every visible plot canvas first holds curve pixels. */
    static final String PROBE = """
            (() => {
              const want = %s;
              const done = new Set();
              function drawn(el) {
                const c = el.querySelector('canvas');
                if (!c || !c.width || !c.height) return false;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                  const mx = Math.max(d[i], d[i+1], d[i+2]), mn = Math.min(d[i], d[i+1], d[i+2]);
                  if (d[i+3] > 128 && mx - mn > 60 && ++n > 50) return true;  // curve colours, not grey axes
                }
                return false;
              }
              function poll() {
                const charts = [...document.querySelectorAll('.plots .chart')].filter(el => !el.closest('.hidden'));
                for (const el of charts) if (!done.has(el.id) && drawn(el)) done.add(el.id);
                const ids = charts.map(el => el.id);
                if (want.every(w => ids.includes(w)) && ids.every(id => done.has(id))) {
                  window.__benchAllDrawn = performance.now();
                  window.__benchCharts = ids;
                  return;
                }
                setTimeout(poll, 10);
              }
              window.__benchAllDrawn = 0;
              poll();
            })();""";

    @Test
    void firstPaintOfTheTenMillionRowTestPage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        int cycles = Integer.getInteger("tower.bench.cycles", 5000);
        int rowsPerCycle = Integer.getInteger("tower.bench.rowsPerCycle", 2000);
        int loads = Integer.getInteger("tower.bench.loads", 5);
        Path work = Files.createDirectories(Path.of(System.getProperty("tower.bench.dir", "target/bench/first-paint-work")));
        Path storeDir = work.resolve("store");
        Prepared p = prepare(work, storeDir, cycles, rowsPerCycle);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process server = new ProcessBuilder(java, "-XX:+UseZGC", "-cp", cp, Serve.class.getName(), storeDir.toString())
                .redirectError(work.resolve("server.log").toFile()).start();
        WebDriver driver = null;
        try {
            BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return serverOut.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).as("server start (see " + work.resolve("server.log") + ")").startsWith("port ");
            String base = "http://127.0.0.1:" + line.substring(5).strip() + "/";

            driver = chrome(work);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            driver.get(base);
            WebElement box = new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
            box.sendKeys(p.token());
            driver.findElement(By.id("login-button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tests-table a.test-link")));
            ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", PROBE.formatted(toJs(PLOTS))));

            Load warm = load(driver, js, base, p.testId(), 300);
            List<Load> cold = new ArrayList<>();
            for (int i = 0; i < loads; i++) {
                cold.add(load(driver, js, base, p.testId(), 60));
            }
            List<Double> ms = cold.stream().map(Load::allDrawnMs).sorted().toList();
            double median = ms.size() % 2 == 1 ? ms.get(ms.size() / 2) : (ms.get(ms.size() / 2 - 1) + ms.get(ms.size() / 2)) / 2;

            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "first paint of the test page, %s (%,d rows, %d cycles), headless %s%n",
                    p.testId(), p.rows(), cycles, chromiumVersion()));
            report.append(String.format(Locale.ROOT, "measured %s, load average before %s%n", Instant.now(), p.loadBefore()));
            report.append(String.format(Locale.ROOT, "unmeasured first load after the server start (fills its caches): all plots %.0f ms%n",
                    warm.allDrawnMs()));
            for (int i = 0; i < cold.size(); i++) {
                Load l = cold.get(i);
                report.append(String.format(Locale.ROOT, "cold load %d: all plots drawn %.0f ms (first contentful paint %.0f ms, "
                        + "page's own 'plots drawn' mark %.0f ms); %s; API requests (start-end from navigation start, transferred): %s%n", i + 1, l.allDrawnMs(),
                        l.fcpMs(), l.pageMarkMs(), l.charts(), l.requests()));
            }
            report.append(String.format(Locale.ROOT, "median of %d cold page loads, navigation start to every plot drawn: %.0f ms"
                    + " (target < 1000 ms); load average after %s%n", loads, median, loadAverage()));
            System.out.print(report);
            Path out = Files.createDirectories(Path.of("target", "bench")).resolve("first-paint.txt");
            Files.writeString(out, report);
            assertThat(ms).allMatch(v -> v > 0);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            try (OutputStream in = server.getOutputStream()) {
                in.write('\n'); // the server closes its store and exits at the end of its standard input
            } catch (java.io.IOException e) {
                // already gone
            }
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    record Load(double allDrawnMs, double fcpMs, double pageMarkMs, String charts, String requests) {
    }

    /** One page load with an empty browser cache (the session cookie stays). */
    static Load load(WebDriver driver, JavascriptExecutor js, String base, String testId, int timeoutS) {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.get("about:blank");
        driver.get(base + "?t=" + System.nanoTime() + "#/test/" + testId);
        new WebDriverWait(driver, Duration.ofSeconds(timeoutS)).pollingEvery(Duration.ofMillis(50))
                .until(d -> ((Number) js.executeScript("return window.__benchAllDrawn || 0")).doubleValue() > 0);
        double all = ((Number) js.executeScript("return window.__benchAllDrawn")).doubleValue();
        double fcp = ((Number) js.executeScript("const e = performance.getEntriesByName('first-contentful-paint')[0];"
                + " return e ? e.startTime : -1")).doubleValue();
        Object mark = js.executeScript("return window.__towerPlotsDrawn || -1");
        String charts = String.valueOf(js.executeScript("return window.__benchCharts.join(' ')"));
        String requests = String.valueOf(js.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/')).sort((a, b) => a.startTime - b.startTime)"
                + ".map(e => e.name.split('/api/v1/')[1].split('?')[0].replace(/tests\\/[^/]+\\//, '') + ' '"
                + " + Math.round(e.startTime) + '-' + Math.round(e.responseEnd) + ' ms, '"
                + " + Math.round(e.transferSize / 1024) + ' kB').join('; ')"));
        return new Load(all, fcp, ((Number) mark).doubleValue(), charts, requests);
    }

    static WebDriver chrome(Path work) throws java.io.IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        Path profile = work.resolve("chrome-profile-" + System.nanoTime());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,800",
                "--user-data-dir=" + Files.createDirectories(profile));
        WebDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return d;
    }

    record Prepared(String testId, long rows, String token, String loadBefore) {
    }

    /** The generated test in a store (made once and reused while the parameters match) and a fresh login token. */
    static Prepared prepare(Path work, Path storeDir, int cycles, int rowsPerCycle) throws Exception {
        Path made = work.resolve("made.txt");
        String params = cycles + " cycles, " + rowsPerCycle + " rows per cycle";
        try (Pipeline pipeline = new Pipeline(PipelineConfig.defaults())) {
            String id;
            long rows;
            if (Files.isRegularFile(made) && Files.readAllLines(made).get(0).equals(params)) {
                List<String> lines = Files.readAllLines(made);
                id = lines.get(1);
                rows = Long.parseLong(lines.get(2));
            } else {
                Files.deleteIfExists(made);
                deleteTree(storeDir);
                Path csv = work.resolve("ageing.csv");
                // one cycle lasts about 6,500 s of test time in the generator's profile (as in tower bench --server)
                Generated.ageing(csv, cycles, (int) (cycles * 0.6), (int) (cycles * 0.3), 6500.0 / rowsPerCycle);
                try (Store store = Store.open(storeDir)) {
                    Catalog catalog = new DuckCatalog(store);
                    catalog.createOrganisation("bench", OrgKind.CELL);
                    var done = new Ingester(pipeline).ingest(store, csv, IngestSpec.of(ReadSpec.DEFAULT
                            .withStoreZone(Pipeline.storeZone(store))).withNamespace(TestsApi.namespace("bench")), Progress.NONE);
                    id = done.result().test().testId();
                    rows = done.result().test().rows();
                    catalog.addOwner(id, "bench");
                }
                Files.delete(csv);
                Files.write(made, List.of(params, id, Long.toString(rows)));
            }
            String token;
            try (Store store = Store.open(storeDir)) {
                token = new DuckCatalog(store).createUser("bench", "bench-" + System.nanoTime() + "@example.org", Role.MEMBER)
                        .token().secret();
            }
            return new Prepared(id, rows, token, loadAverage());
        }
    }

    /** {@code tower serve} over a store in its own JVM; prints {@code port N}; stops at the end of standard input. */
    public static final class Serve {
        public static void main(String[] args) throws Exception {
            try (Store store = Store.open(Path.of(args[0]));
                 Pipeline pipeline = new Pipeline(PipelineConfig.defaults());
                 TowerServer server = TowerServer.start(ServerConfig.defaults().withPort(0), store, pipeline)) {
                System.out.println("port " + server.port());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our input
                }
            }
        }
    }

    static String toJs(List<String> ids) {
        return ids.stream().map(s -> "'" + s + "'").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    static String chromiumVersion() {
        try {
            Process p = new ProcessBuilder(CHROMIUM.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return v.lines().filter(l -> l.startsWith("Chromium")).findFirst().orElse("chromium"); // Debian's wrapper may warn first
        } catch (Exception e) {
            return "chromium";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
