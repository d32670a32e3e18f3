package tower.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tower.core.ingest.Progress;
import tower.pipeline.Pipeline;
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
 * {@code tower bench --server}: generates a long ageing test, stores it, starts the server on a free loopback port
 * and drives each endpoint with {@code wrk} (Debian package) at a fixed rate: {@code wrk} has no rate option, so
 * each connection waits between requests (a Lua {@code delay()}) and the achieved rate is reported with the latency.
 */
final class ServerBench {
    private final PrintWriter out;
    private final Path work;
    private final int cycles;
    private final int rowsPerCycle;
    private final int rate;
    private final int seconds;
    private final boolean keep;
    private final int warmup;
    private final boolean bare;
    private final java.util.Set<String> only;

    ServerBench(PrintWriter out, Path work, int cycles, int rowsPerCycle, int rate, int seconds, boolean keep, int warmup,
                boolean bare, java.util.Set<String> only) {
        this.out = out;
        this.work = work;
        this.cycles = cycles;
        this.rowsPerCycle = rowsPerCycle;
        this.rate = rate;
        this.seconds = seconds;
        this.keep = keep;
        this.warmup = warmup;
        this.bare = bare;
        this.only = only;
    }

    int run() throws Exception {
        Path csv = work.resolve("server-bench-ageing.csv");
        // one cycle lasts about 6,500 s of test time in the generator's CC-CV profile (measured: 5,000 cycles at
        // 4.5 s gave 7.2 M rows)
        double sampleS = 6500.0 / rowsPerCycle;
        long t0 = System.nanoTime();
        Path made = work.resolve("server-bench-ageing.params");
        String params = cycles + " cycles, " + rowsPerCycle + " rows per cycle";
        if (keep && Files.isRegularFile(csv) && Files.isRegularFile(made) && Files.readString(made).equals(params)) {
            // a file kept by an earlier --keep run with the same parameters (the store then holds it already)
            out.printf(Locale.ROOT, "using %s (%s, %d MB) kept by an earlier --keep run%n", csv, params, Files.size(csv) >> 20);
        } else {
            Files.deleteIfExists(made);
            long rows = Generated.ageing(csv, cycles, (int) (cycles * 0.6), (int) (cycles * 0.3), sampleS);
            Files.writeString(made, params);
            out.printf(Locale.ROOT, "generated %d cycles, %,d rows, %d MB in %.1f s%n", cycles, rows, Files.size(csv) >> 20,
                    secs(t0));
        }
        out.flush();
        Path storeDir = work.resolve("store");
        try (Store store = Store.open(storeDir)) {
            Catalog catalog = new DuckCatalog(store);
            if (catalog.organisation("bench").isEmpty()) {
                catalog.createOrganisation("bench", OrgKind.CELL);
            }
            String email = "bench-" + System.nanoTime() + "@example.org";
            String token = catalog.createUser("bench", email, Role.MEMBER).token().secret();
            long t1 = System.nanoTime();
            var done = new Ingester(Main.pipeline()).ingest(store, csv, IngestSpec.of(ReadSpec.DEFAULT
                    .withStoreZone(Pipeline.storeZone(store))).withNamespace(TestsApi.namespace("bench")), Progress.NONE);
            String id = done.result().test().testId();
            catalog.addOwner(id, "bench");
            out.printf(Locale.ROOT, "stored %s (%,d rows) in %.1f s%n", id, done.result().test().rows(), secs(t1));
            out.flush();
            try (TowerServer server = TowerServer.start(ServerConfig.defaults().withPort(0), store, Main.pipeline())) {
                Map<String, String> endpoints = new LinkedHashMap<>();
                endpoints.put("cycles", "/api/v1/tests/" + id + "/cycles");
                endpoints.put("analysis", "/api/v1/tests/" + id + "/analysis");
                endpoints.put("timeseries", "/api/v1/tests/" + id + "/timeseries?y=voltage_v&x=test_time_s&max_points=2000");
                HttpClient http = HttpClient.newHttpClient();
                String cookie = login(http, base(server), token);
                for (Map.Entry<String, String> e : endpoints.entrySet()) {
                    long tw = System.nanoTime();
                    HttpResponse<byte[]> first = get(http, base(server) + e.getValue(), Map.of("Authorization", "Bearer " + token));
                    double firstS = secs(tw);
                    HttpResponse<byte[]> zipped = get(http, base(server) + e.getValue(), browserHeaders(cookie));
                    out.printf(Locale.ROOT, "%-10s first request (loads and caches) %.2f s, body %,d bytes plain, %,d bytes as"
                                    + " sent to a browser (%s)%n", e.getKey(), firstS, first.body().length, zipped.body().length,
                            zipped.headers().firstValue("Content-Encoding").orElse("not compressed"));
                    out.flush();
                }
                out.printf("wrk: %d req/s for %d s per endpoint and client on loopback, %d connections, 2 threads%n",
                        rate, seconds, CONNECTIONS);
                out.println("  browser: the headers headless Chromium's fetch() sends from the dashboard (session cookie,"
                        + " Accept: application/json, Accept-Encoding: gzip, deflate, br, zstd, User-Agent, sec-ch-ua*,"
                        + " Sec-Fetch-*, Accept-Language; no Referer under the server's no-referrer policy)");
                out.println("  script:  Authorization: Bearer TOKEN and nothing else (curl's default: plain body)");
                if (warmup > 0) {
                    // the first requests load 10 M rows into the caches; the collector and the JIT are still busy
                    // with that for a while, which is the aftermath of a load, not the cost of serving
                    System.gc();
                    for (Map.Entry<String, String> e : endpoints.entrySet()) {
                        runWrk(base(server) + e.getValue(), browserHeaders(cookie), CONNECTIONS * 1000.0 / rate, warmup);
                    }
                    out.printf("warm-up: System.gc(), then %d s of unmeasured load per endpoint%n", warmup);
                } else {
                    out.println("no warm-up: the first rows run right after the first requests loaded the test");
                }
                out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
                out.printf("%-10s %-8s %10s %10s %10s %10s %10s %8s %10s%n", "endpoint", "client", "body kB", "req/s", "p50 ms",
                        "p99 ms", "max ms", "errors", "GC cycles");
                for (Map.Entry<String, String> e : endpoints.entrySet()) {
                    if (!only.isEmpty() && !only.contains(e.getKey())) {
                        continue;
                    }
                    for (boolean browser : new boolean[]{true, false}) {
                        Map<String, String> headers = browser ? browserHeaders(cookie) : Map.of("Authorization", "Bearer " + token);
                        byte[] body = get(http, base(server) + e.getValue(), headers).body();
                        Result r = wrk(base(server) + e.getValue(), headers);
                        out.printf(Locale.ROOT, "%-10s %-8s %10.1f %10.1f %10.2f %10.2f %10.2f %8d %10d%n", e.getKey(),
                                browser ? "browser" : "script", body.length / 1000.0, r.rate, r.p50, r.p99, r.max, r.errors, r.gcCycles);
                        out.flush();
                        if (bare && browser) {
                            for (boolean like : new boolean[]{false, true}) {
                                r = bare(body, headers, like);
                                out.printf(Locale.ROOT, "%-10s %-8s %10.1f %10.1f %10.2f %10.2f %10.2f %8d %10d%n", e.getKey(),
                                        like ? "bare+cfg" : "bare", body.length / 1000.0, r.rate, r.p50, r.p99, r.max, r.errors,
                                        r.gcCycles);
                                out.flush();
                            }
                        }
                    }
                }
                out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
            }
        } finally {
            if (!keep) {
                Files.deleteIfExists(csv);
                Files.deleteIfExists(made);
                deleteTree(storeDir);
            }
        }
        return 0;
    }

    /**
     * The headers headless Chromium 156 sends with the dashboard's {@code fetch(url, {credentials: 'same-origin',
     * headers: {Accept: 'application/json'}})} (captured from a logging server); no Referer, as the server answers
     * with {@code Referrer-Policy: no-referrer}.
     */
    static Map<String, String> browserHeaders(String cookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("sec-ch-ua-platform", "\"Linux\"");
        h.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36");
        h.put("Accept", "application/json");
        h.put("sec-ch-ua", "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"");
        h.put("sec-ch-ua-mobile", "?0");
        h.put("Sec-Fetch-Site", "same-origin");
        h.put("Sec-Fetch-Mode", "cors");
        h.put("Sec-Fetch-Dest", "empty");
        h.put("Accept-Encoding", "gzip, deflate, br, zstd");
        h.put("Accept-Language", "en-US,en;q=0.9");
        h.put("Cookie", cookie);
        return h;
    }

    /** Logs in as the dashboard does: POST /login with the token, keep the session cookie. */
    private static String login(HttpClient http, String base, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String set = r.headers().firstValue("Set-Cookie").orElse("");
        if (r.statusCode() != 200 || !set.startsWith(tower.server.api.AuthApi.COOKIE + "=")) {
            throw new IllegalStateException("login answered " + r.statusCode() + ": " + r.body());
        }
        return set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
    }

    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("host", "connection", "content-length");

    private static HttpResponse<byte[]> get(HttpClient http, String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        headers.forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                b.header(k, v);
            }
        });
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), 0, Math.min(200, r.body().length), StandardCharsets.UTF_8));
        }
        return r;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The same bytes from a bare Javalin in this JVM (no routes, auth, caches or headers of ours): what the
     * framework, the kernel and wrk cost for a body of this size here, to tell tower's share of a row apart.
     */
    private Result bare(byte[] body, Map<String, String> headers, boolean likeTower) throws IOException, InterruptedException {
        io.javalin.Javalin app = io.javalin.Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            if (likeTower) { // TowerServer's settings, without its routes
                cfg.http.maxRequestSize = 1 << 20;
                cfg.jetty.modifyHttpConfiguration(h -> h.setOutputBufferSize(TowerServer.OUTPUT_BUFFER_BYTES));
                cfg.staticFiles.add("/public", io.javalin.http.staticfiles.Location.CLASSPATH);
                cfg.staticFiles.enableWebjars();
                cfg.routes.before(ctx -> {
                    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'"
                            + " 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none';"
                            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
                    ctx.header("X-Content-Type-Options", "nosniff");
                    ctx.header("Referrer-Policy", "no-referrer");
                    ctx.header("X-Frame-Options", "DENY");
                    ctx.header("Cache-Control", "no-store");
                });
            }
            cfg.routes.get("/body", ctx -> ctx.contentType("application/json; charset=utf-8")
                    .header("Content-Encoding", "gzip").result(body));
        }).start();
        try {
            return wrk("http://127.0.0.1:" + app.port() + "/body", headers);
        } finally {
            app.stop();
        }
    }

    private static String base(TowerServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private record Result(double rate, double p50, double p99, double max, long errors, long gcCycles) {
    }

    /** Collections so far (for ZGC the concurrent cycles; pause beans are left out, a cycle has several pauses). */
    private static long gcCycles() {
        long n = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!b.getName().endsWith("Pauses")) {
                n += Math.max(0, b.getCollectionCount());
            }
        }
        return n;
    }

    static final int CONNECTIONS = 8;

    /**
     * Two runs of wrk: 5 s to measure the median latency at the nominal pacing, then the measured run with each
     * connection's pause shortened by that latency so that the connections together send about {@code rate} req/s.
     * Requests carry {@code headers} (a browser's, or a script's).
     */
    private Result wrk(String url, Map<String, String> headers) throws IOException, InterruptedException {
        double cycleMs = CONNECTIONS * 1000.0 / rate;
        String calibration = runWrk(url, headers, cycleMs, 5);
        double typical = millis(calibration, "50%");
        double delay = Double.isNaN(typical) ? cycleMs : Math.max(1, cycleMs - typical);
        long gc = gcCycles();
        String text = runWrk(url, headers, delay, seconds);
        return new Result(number(text, "Requests/sec:\\s+([0-9.]+)"), millis(text, "50%"), millis(text, "99%"),
                maxMillis(text), errors(text), gcCycles() - gc);
    }

    private String runWrk(String url, Map<String, String> headers, double delayMs, int duration)
            throws IOException, InterruptedException {
        Path lua = work.resolve("bench.lua");
        StringBuilder script = new StringBuilder();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            script.append("wrk.headers[\"").append(h.getKey()).append("\"] = \"")
                    .append(h.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        script.append("function delay()\n  return ").append(Math.max(1, Math.round(delayMs))).append("\nend\n");
        Files.writeString(lua, script, StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration + "s", "--latency",
                "--timeout", "5s", "-s", lua.toString(), url).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        return text;
    }

    private static double meanMillis(String text) {
        Matcher m = Pattern.compile("Latency\\s+([0-9.]+)(us|ms|s|m)").matcher(text);
        return m.find() ? toMillis(m.group(1), m.group(2)) : Double.NaN;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double toMillis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> Double.NaN;
        };
    }

    private static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s|m)\\b").matcher(text);
        return m.find() ? toMillis(m.group(1), m.group(2)) : Double.NaN;
    }

    private static double maxMillis(String text) {
        Matcher m = Pattern.compile("Latency\\s+[0-9.]+\\w+\\s+[0-9.]+\\w+\\s+([0-9.]+)(us|ms|s|m)").matcher(text);
        return m.find() ? toMillis(m.group(1), m.group(2)) : Double.NaN;
    }

    private static long errors(String text) {
        long n = 0;
        Matcher m = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(text);
        if (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        Matcher s = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(text);
        if (s.find()) {
            for (int g = 1; g <= 4; g++) {
                n += Long.parseLong(s.group(g));
            }
        }
        return n;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(Path p) throws IOException {
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
