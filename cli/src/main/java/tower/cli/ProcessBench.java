package tower.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The whole-process half of {@code tower bench}: each tool as a user runs it from the shell, a fresh process per
 * run, on the same file. Runs are interleaved (one of each tool per round) so that other load on the machine falls
 * on all of them alike; the median, minimum and maximum of the wall times are reported with the exact commands.
 */
final class ProcessBench {
    /** One tool's command; {@code fresh} names a path made anew (deleted) before every run, or is empty. */
    record Task(String name, List<String> command, Optional<Path> fresh) {
    }

    /** The wall times (s), CPU times (user + system, s; NaN when unknown) and peak resident memory (kB, 0 when unknown) of a task's runs. */
    record Runs(Task task, double[] seconds, double[] cpu, long[] rssKb, String failure) {
        double medianCpu() {
            return median(cpu);
        }

        double median() {
            return median(seconds);
        }

        private static double median(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN
                    : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(seconds).max().orElse(Double.NaN);
        }

        long maxRssKb() {
            return Arrays.stream(rssKb).max().orElse(0);
        }
    }

    private static final String PANDAS = "import sys, pandas as pd; df = pd.read_csv(sys.argv[1]); "
            + "g = df.groupby(\"Cycle_Index\").agg({\"Voltage\": [\"min\", \"max\"], \"Charge_Capacity\": \"max\", "
            + "\"Discharge_Capacity\": \"max\", \"Current\": [\"min\", \"max\"], \"Temperature\": \"mean\"}); "
            + "print(len(g))";

    static final String DUCKDB_CYCLES = "SELECT Cycle_Index, count(*), min(Voltage), max(Voltage), max(Charge_Capacity), "
            + "max(Discharge_Capacity), min(Current), max(Current), avg(Temperature) FROM read_csv('%s') "
            + "GROUP BY Cycle_Index ORDER BY 1";
    static final String DUCKDB_INGEST = "CREATE TABLE samples AS SELECT * FROM read_csv('%s')";

    private ProcessBench() {
    }

    /** The tasks on {@code csv}: tower, DuckDB (a fresh JVM with its JDBC driver) and pandas (when installed). */
    static List<Task> tasks(Path csv, Path work, boolean baselines) {
        String file = csv.toAbsolutePath().toString();
        List<String> tower = towerCommand();
        List<Task> tasks = new ArrayList<>();
        tasks.add(new Task("tower cycles", concat(tower, "cycles", file, "--json"), Optional.empty()));
        Path store = work.resolve("bench-store");
        tasks.add(new Task("tower ingest", concat(tower, "ingest", file, "--store", store.toString(), "--json"),
                Optional.of(store)));
        if (baselines) {
            Optional<List<String>> duck = duckdbCommand(false);
            if (duck.isPresent()) {
                tasks.add(new Task("duckdb read_csv + GROUP BY", concat(duck.get(), "cycles", file), Optional.empty()));
                Path db = work.resolve("bench-duckdb.db");
                tasks.add(new Task("duckdb CREATE TABLE AS read_csv", concat(duck.get(), "ingest", file, db.toString()),
                        Optional.of(db)));
            }
            // DuckDB as tower's launcher runs it: its native library unpacked once, not on every start
            Optional<List<String>> unpacked = duckdbCommand(true);
            if (unpacked.isPresent()) {
                tasks.add(new Task(DUCKDB_UNPACKED + "GROUP BY", concat(unpacked.get(), "cycles", file),
                        Optional.empty()));
                Path db = work.resolve("bench-duckdb-unpacked.db");
                tasks.add(new Task(DUCKDB_UNPACKED + "CTAS", concat(unpacked.get(), "ingest", file,
                        db.toString()), Optional.of(db)));
            }
            python().ifPresent(py -> tasks.add(new Task("pandas read_csv + groupby", List.of(py, "-c", PANDAS, file),
                    Optional.empty())));
        }
        return tasks;
    }

    /** Runs every task {@code n} times, round by round. */
    static List<Runs> run(List<Task> tasks, int n, PrintWriter progress) throws IOException, InterruptedException {
        Optional<String> time = Files.isExecutable(Path.of("/usr/bin/time")) ? Optional.of("/usr/bin/time") : Optional.empty();
        double[][] secs = new double[tasks.size()][n];
        double[][] cpu = new double[tasks.size()][n];
        long[][] rss = new long[tasks.size()][n];
        String[] failure = new String[tasks.size()];
        Path timeOut = Files.createTempFile("tower-bench-time", ".txt");
        try {
            for (int round = 0; round < n; round++) {
                for (int t = 0; t < tasks.size(); t++) {
                    Task task = tasks.get(t);
                    if (failure[t] != null) {
                        continue;
                    }
                    if (task.fresh().isPresent()) {
                        deleteTree(task.fresh().get());
                        Files.deleteIfExists(Path.of(task.fresh().get() + ".wal"));
                    }
                    List<String> cmd = new ArrayList<>();
                    time.ifPresent(tm -> cmd.addAll(List.of(tm, "-f", "%M %U %S", "-o", timeOut.toString())));
                    cmd.addAll(task.command());
                    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectErrorStream(false);
                    long t0 = System.nanoTime();
                    Process p = pb.start();
                    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!p.waitFor(30, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                        failure[t] = "timed out";
                        continue;
                    }
                    secs[t][round] = (System.nanoTime() - t0) / 1e9;
                    if (p.exitValue() != 0) {
                        failure[t] = "exit " + p.exitValue() + ": " + err.strip().lines().reduce((a, b) -> b).orElse("");
                        continue;
                    }
                    if (time.isPresent()) {
                        String m = Files.readString(timeOut).strip();
                        String[] last = m.lines().reduce((a, b) -> b).orElse("").split(" ");
                        if (last.length == 3 && last[0].matches("[0-9]+")) {
                            rss[t][round] = Long.parseLong(last[0]);
                            cpu[t][round] = Double.parseDouble(last[1]) + Double.parseDouble(last[2]);
                        }
                    } else {
                        cpu[t][round] = Double.NaN;
                    }
                    if (progress != null) {
                        progress.printf(Locale.ROOT, "  round %d/%d  %-32s %7.2f s%n", round + 1, n, task.name(),
                                secs[t][round]);
                        progress.flush();
                    }
                }
            }
            for (Task task : tasks) {
                task.fresh().ifPresent(f -> {
                    try {
                        deleteTree(f);
                        Files.deleteIfExists(Path.of(f + ".wal"));
                    } catch (IOException e) {
                        // left for the user to remove
                    }
                });
            }
        } finally {
            Files.deleteIfExists(timeOut);
        }
        List<Runs> out = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            out.add(new Runs(tasks.get(t), failure[t] == null ? secs[t] : new double[0],
                    failure[t] == null ? cpu[t] : new double[0], rss[t], failure[t]));
        }
        return out;
    }

    /** The comparison table, the ratios the targets are about, and the commands. */
    static void print(PrintWriter out, List<Runs> runs, long bytes, long rows, int n, String loadBefore, String loadAfter) {
        out.printf(Locale.ROOT, "%nwhole process, fresh each run, same file (%.1f MB, %d rows), median of %d interleaved runs%n",
                bytes / 1048576.0, rows, n);
        out.printf(Locale.ROOT, "  load average before %s, after %s (2+ on a 2-core machine means contention: then CPU "
                + "seconds, user + system, compare better than wall time)%n", loadBefore, loadAfter);
        out.printf(Locale.ROOT, "%-34s %8s %8s %8s %9s %9s %10s%n", "task", "median", "min", "max", "MB/s", "CPU s",
                "peak RSS");
        for (Runs r : runs) {
            if (r.failure() != null) {
                out.printf(Locale.ROOT, "%-34s failed (%s)%n", r.task().name(), r.failure());
                continue;
            }
            out.printf(Locale.ROOT, "%-34s %7.2fs %7.2fs %7.2fs %9.1f %9.2f %10s%n", r.task().name(), r.median(), r.min(),
                    r.max(), bytes / 1048576.0 / r.median(), r.medianCpu(),
                    r.maxRssKb() > 0 ? (r.maxRssKb() >> 10) + " MB" : "-");
        }
        ratio(out, runs, "pandas read_csv + groupby", "tower cycles");
        ratio(out, runs, "duckdb read_csv + GROUP BY", "tower cycles");
        ratio(out, runs, "duckdb CREATE TABLE AS read_csv", "tower ingest");
        ratio(out, runs, DUCKDB_UNPACKED + "GROUP BY", "tower cycles");
        ratio(out, runs, DUCKDB_UNPACKED + "CTAS", "tower ingest");
        out.println("commands:");
        for (Runs r : runs) {
            out.printf("  %-34s %s%n", r.task().name(), shell(r.task().command()));
        }
        out.flush();
    }

    private static void ratio(PrintWriter out, List<Runs> runs, String slower, String faster) {
        Optional<Runs> a = find(runs, slower);
        Optional<Runs> b = find(runs, faster);
        if (a.isPresent() && b.isPresent()) {
            out.printf(Locale.ROOT, "  %s / %s = %.2fx wall, %.2fx CPU (medians; > 1 means tower is faster)%n",
                    slower, faster, a.get().median() / b.get().median(), a.get().medianCpu() / b.get().medianCpu());
        }
    }

    private static Optional<Runs> find(List<Runs> runs, String name) {
        return runs.stream().filter(r -> r.task().name().equals(name) && r.failure() == null).findFirst();
    }

    /** Records for {@code --json}. */
    static List<Map<String, Object>> json(List<Runs> runs, long bytes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Runs r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", r.task().name() + " (whole process)");
            m.put("command", shell(r.task().command()));
            if (r.failure() != null) {
                m.put("failure", r.failure());
            } else {
                m.put("seconds", r.median());
                m.put("seconds_min", r.min());
                m.put("seconds_max", r.max());
                m.put("runs", r.seconds().length);
                m.put("mb_per_s", bytes / 1048576.0 / r.median());
                m.put("cpu_seconds", Double.isNaN(r.medianCpu()) ? null : r.medianCpu());
                m.put("peak_rss_mb", r.maxRssKb() > 0 ? r.maxRssKb() / 1024.0 : null);
            }
            out.add(m);
        }
        return out;
    }

    /** The {@code tower} launcher of this installation when there is one (users' path), else this JVM's command. */
    static List<String> towerCommand() {
        String home = System.getProperty("tower.home");
        if (home != null && Files.isExecutable(Path.of(home, "tower"))) {
            return List.of(Path.of(home, "tower").toString());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }

    static final String DUCKDB_UNPACKED = "duckdb (lib unpacked) ";

    /**
     * A fresh JVM with only the DuckDB JDBC driver and {@link DuckDb} on its class path: the driver jar as users get
     * it (it inflates its bundled native library into a temporary file at every start), or with {@code unpacked}
     * the launcher's copy without it and the library the build unpacked (cli/src/build/UnpackDuckDbNative.java).
     */
    static Optional<List<String>> duckdbCommand(boolean unpacked) {
        String[] cp = System.getProperty("java.class.path").split(File.pathSeparator);
        Optional<Path> driver = Arrays.stream(cp).filter(e -> e.contains("duckdb_jdbc")).findFirst().map(Path::of);
        String own;
        try {
            own = Path.of(ProcessBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return Optional.empty();
        }
        if (driver.isEmpty()) {
            return Optional.empty();
        }
        Path d = driver.get();
        String name = d.getFileName().toString();
        boolean slim = name.endsWith("-nonative.jar");
        // target/launcher/duckdb_jdbc-V-nonative.jar beside target/lib/duckdb_jdbc-V.jar and target/launcher/native
        Path stock = slim ? d.getParent().resolveSibling("lib").resolve(name.replace("-nonative.jar", ".jar")) : d;
        Path nativeDir = d.getParent().resolve("native");
        if (unpacked) {
            if (!slim || !Files.isDirectory(nativeDir)) {
                return Optional.empty();
            }
            return Optional.of(List.of(javaCommand(), "-Djava.library.path=" + nativeDir, "-cp",
                    own + File.pathSeparator + d, DuckDb.class.getName()));
        }
        if (!Files.isRegularFile(stock)) {
            return Optional.empty();
        }
        return Optional.of(List.of(javaCommand(), "-cp", own + File.pathSeparator + stock, DuckDb.class.getName()));
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** python3 with pandas ({@code TOWER_PYTHON} overrides), when there is one. */
    private static Optional<String> python() {
        String env = System.getenv("TOWER_PYTHON");
        for (String py : env != null ? List.of(env) : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import pandas").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return Optional.of(py);
                }
            } catch (IOException | InterruptedException e) {
                // try the next
            }
        }
        return Optional.empty();
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> l = new ArrayList<>(head);
        l.addAll(List.of(tail));
        return l;
    }

    static String shell(List<String> cmd) {
        StringBuilder b = new StringBuilder();
        for (String c : cmd) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(c.matches("[A-Za-z0-9_./:=+,@%-]+") ? c : "'" + c.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /** The machine's load averages (1, 5, 15 min) from /proc/loadavg, or "?". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * DuckDB's side, run in a fresh JVM: {@code cycles FILE} (read_csv + GROUP BY cycle, rows printed) or
     * {@code ingest FILE DB} (CREATE TABLE AS SELECT * FROM read_csv into a new database file).
     */
    public static final class DuckDb {
        private DuckDb() {
        }

        public static void main(String[] args) throws Exception {
            String file = args[1].replace("'", "''");
            boolean ingest = args[0].equals("ingest");
            try (Connection c = DriverManager.getConnection(ingest ? "jdbc:duckdb:" + args[2] : "jdbc:duckdb:");
                 Statement st = c.createStatement()) {
                if (ingest) {
                    st.execute(String.format(DUCKDB_INGEST, file));
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM samples")) {
                        rs.next();
                        System.out.println(rs.getLong(1));
                    }
                } else {
                    try (ResultSet rs = st.executeQuery(String.format(DUCKDB_CYCLES, file))) {
                        long n = 0;
                        while (rs.next()) {
                            n += rs.getLong(2);
                        }
                        System.out.println(n);
                    }
                }
            }
        }
    }
}
