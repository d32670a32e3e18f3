package tower.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of the default suite (skipped unless {@code -Dtower.bench=true}): what the way a cached body
 * is written costs, apart from everything else the server does. A bare Javalin configured as {@code TowerServer}
 * (no compression) serves one byte array three ways, and {@code wrk} drives each at 200 req/s with 8 connections
 * for 30 s, as {@code tower bench --server} does:
 * <ul>
 *   <li>{@code result}: {@code ctx.result(bytes)}, what {@code TestsApi.sendJson(ctx, Body)} does today (Javalin
 *   copies the array through an 8 kB buffer; chunked, no Content-Length);</li>
 *   <li>{@code result+length}: the same with a {@code Content-Length} header;</li>
 *   <li>{@code direct}: {@code Content-Length} and one write of the whole array to the servlet output stream.</li>
 * </ul>
 * Body sizes: 679,267 bytes (the gzip of the 5,000-cycle table) and 5,476,603 (its plain JSON); the bytes are
 * random, since only the size matters to the write path.
 *
 * <pre>mvn -B -o -pl server test -Dtest=ResponseWriteBench -Dtower.bench=true [-Dtower.bench.seconds=30]
 *     [-Dtower.bench.rounds=2] [-Dtower.bench.sizes=679267,5476603]</pre>
 */
@EnabledIfSystemProperty(named = "tower.bench", matches = "true")
class ResponseWriteBench {
    static final int CONNECTIONS = 8;

    @Test
    void writePaths() throws Exception {
        int seconds = Integer.getInteger("tower.bench.seconds", 30);
        int rate = Integer.getInteger("tower.bench.rate", 200);
        Path work = Files.createDirectories(Path.of("target", "bench"));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%-14s %10s %10s %10s %10s %10s %8s%n", "write", "body kB", "req/s", "p50 ms", "p99 ms", "max ms", "errors"));
        int rounds = Integer.getInteger("tower.bench.rounds", 2);
        int[] sizes = java.util.Arrays.stream(System.getProperty("tower.bench.sizes", "679267,5476603").split(","))
                .mapToInt(t -> Integer.parseInt(t.strip())).toArray();
        for (int size : sizes) {
            byte[] body = new byte[size];
            new Random(7).nextBytes(body);
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.jetty.host = "127.0.0.1";
                cfg.jetty.port = 0;
                cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
                cfg.routes.get("/result", ctx -> ctx.contentType("application/json").result(body));
                cfg.routes.get("/length", ctx -> {
                    ctx.contentType("application/json");
                    ctx.header("Content-Length", Integer.toString(body.length));
                    ctx.result(body);
                });
                cfg.routes.get("/direct", ctx -> {
                    ctx.contentType("application/json");
                    ctx.res().setContentLength(body.length);
                    ctx.res().getOutputStream().write(body);
                });
            }).start();
            try {
                String base = "http://127.0.0.1:" + app.port();
                for (String path : List.of("/result", "/length", "/direct")) {
                    wrk(work, base + path, rate, 5); // warm-up, not measured
                }
                for (int round = 0; round < rounds; round++) { // more than one round, so that drift shows
                    for (String path : List.of("/result", "/length", "/direct")) {
                        String text = wrk(work, base + path, rate, seconds);
                        assertThat(text).contains("Requests/sec");
                        report.append(String.format(Locale.ROOT, "%-14s %10.1f %10.1f %10.2f %10.2f %10.2f %8d%n",
                                path.equals("/length") ? "result+length" : path.substring(1), size / 1000.0,
                                number(text, "Requests/sec:\\s+([0-9.]+)"), millis(text, "50%"), millis(text, "99%"),
                                maxMillis(text), errors(text)));
                        System.out.print(report.substring(report.lastIndexOf("\n", report.length() - 2) + 1));
                    }
                }
            } finally {
                app.stop();
            }
        }
        System.out.print(report);
        Files.writeString(work.resolve("response-write.txt"), report);
    }

    static String wrk(Path work, String url, int rate, int seconds) throws Exception {
        Path lua = work.resolve("response-write.lua");
        Files.writeString(lua, "function delay()\n  return " + Math.max(1, CONNECTIONS * 1000 / rate) + "\nend\n");
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency", "--timeout", "5s",
                "-s", lua.toString(), url).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
        return text;
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static double toMillis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> Double.NaN;
        };
    }

    static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)\\b").matcher(text);
        return m.find() ? toMillis(m.group(1), m.group(2)) : Double.NaN;
    }

    static double maxMillis(String text) {
        Matcher m = Pattern.compile("Latency\\s+[0-9.]+\\w+\\s+[0-9.]+\\w+\\s+([0-9.]+)(us|ms|s)").matcher(text);
        return m.find() ? toMillis(m.group(1), m.group(2)) : Double.NaN;
    }

    static long errors(String text) {
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
}
