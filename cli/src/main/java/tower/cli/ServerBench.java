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

    ServerBench(PrintWriter out, Path work, int cycles, int rowsPerCycle, int rate, int seconds, boolean keep) {
        this.out = out;
        this.work = work;
        this.cycles = cycles;
        this.rowsPerCycle = rowsPerCycle;
        this.rate = rate;
        this.seconds = seconds;
        this.keep = keep;
    }

    int run() throws Exception {
        Path csv = work.resolve("server-bench-ageing.csv");
        // one cycle lasts about 6,500 s of test time in the generator's CC-CV profile (measured: 5,000 cycles at
        // 4.5 s gave 7.2 M rows)
        double sampleS = 6500.0 / rowsPerCycle;
        long t0 = System.nanoTime();
        long rows = Generated.ageing(csv, cycles, (int) (cycles * 0.6), (int) (cycles * 0.3), sampleS);
        out.printf(Locale.ROOT, "generated %d cycles, %,d rows, %d MB in %.1f s%n", cycles, rows, Files.size(csv) >> 20,
                secs(t0));
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
                for (Map.Entry<String, String> e : endpoints.entrySet()) {
                    long tw = System.nanoTime();
                    HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(base(server) + e.getValue()))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    if (first.statusCode() != 200) {
                        throw new IllegalStateException(e.getKey() + " answered " + first.statusCode() + ": " + first.body());
                    }
                    out.printf(Locale.ROOT, "%-10s first request (loads and caches) %.2f s, body %,d bytes%n", e.getKey(),
                            secs(tw), first.body().length());
                    out.flush();
                }
                out.printf("wrk: %d req/s for %d s per endpoint on loopback, %d connections, 2 threads, Accept-Encoding: gzip%n",
                        rate, seconds, CONNECTIONS);
                out.printf("%-10s %10s %10s %10s %10s %8s%n", "endpoint", "req/s", "p50 ms", "p99 ms", "max ms", "errors");
                for (Map.Entry<String, String> e : endpoints.entrySet()) {
                    Result r = wrk(base(server) + e.getValue(), token);
                    out.printf(Locale.ROOT, "%-10s %10.1f %10.2f %10.2f %10.2f %8d%n", e.getKey(), r.rate, r.p50, r.p99,
                            r.max, r.errors);
                    out.flush();
                }
            }
        } finally {
            if (!keep) {
                Files.deleteIfExists(csv);
                deleteTree(storeDir);
            }
        }
        return 0;
    }

    private static String base(TowerServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private record Result(double rate, double p50, double p99, double max, long errors) {
    }

    static final int CONNECTIONS = 8;

    /**
     * Two runs of wrk: 5 s to measure the mean latency at the nominal pacing, then the measured run with each
     * connection's pause shortened by that latency so that the connections together send about {@code rate} req/s.
     * Requests carry {@code Accept-Encoding: gzip} as a browser's do.
     */
    private Result wrk(String url, String token) throws IOException, InterruptedException {
        double cycleMs = CONNECTIONS * 1000.0 / rate;
        String calibration = runWrk(url, token, cycleMs, 5);
        double mean = meanMillis(calibration);
        double delay = Double.isNaN(mean) ? cycleMs : Math.max(1, cycleMs - mean);
        String text = runWrk(url, token, delay, seconds);
        return new Result(number(text, "Requests/sec:\\s+([0-9.]+)"), millis(text, "50%"), millis(text, "99%"),
                maxMillis(text), errors(text));
    }

    private String runWrk(String url, String token, double delayMs, int duration) throws IOException, InterruptedException {
        Path lua = work.resolve("bench.lua");
        Files.writeString(lua, "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
                + "wrk.headers[\"Accept-Encoding\"] = \"gzip\"\n"
                + "function delay()\n  return " + Math.max(1, Math.round(delayMs)) + "\nend\n", StandardCharsets.US_ASCII);
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
