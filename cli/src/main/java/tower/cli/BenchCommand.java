package tower.cli;

import tower.pipeline.read.Sinks;
import tower.pipeline.read.ReadSpec;
import tower.pipeline.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.core.cycling.CyclingOptions;
import tower.core.ingest.Progress;
import tower.formats.Formats;
import tower.formats.bdf.BdfCsvWriter;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: generates a large realistic Arbin CSV, then times whole processes as users run them "
                + "('tower cycles', 'tower ingest', DuckDB's read_csv + GROUP BY and CREATE TABLE AS in a fresh JVM, "
                + "pandas read_csv + groupby when python3-pandas is installed), each fresh, interleaved, median of --runs; "
                + "then the in-JVM figures (cycles, convert, ingest, analyses) and every sample file of each format.",
                "Memory check: TOWER_JAVA_OPTS=-Xmx512m ./tower bench --size-mb 2048"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--size-mb", description = "Size of the generated file in MB (default ${DEFAULT-VALUE}).")
    int sizeMb = 200;

    @CommandLine.Option(names = "--dir", description = "Working directory for generated files (default: a temp dir).")
    Optional<Path> dir = Optional.empty();

    @CommandLine.Option(names = "--samples", description = "Folder of sample files to time each reader on (default ../shared/data when present).")
    Optional<Path> samples = Optional.empty();

    @CommandLine.Option(names = "--skip-baselines", description = "Do not run DuckDB/pandas baselines.")
    boolean skipBaselines;

    @CommandLine.Option(names = "--analysis-cycles", description = "Cycles of the generated ageing test the analyses are timed on (default ${DEFAULT-VALUE}).")
    int analysisCycles = 5000;

    @CommandLine.Option(names = "--repeat", description = "Run 'tower cycles' this many times (the first includes JIT warm-up; default ${DEFAULT-VALUE}).")
    int repeat = 3;

    @CommandLine.Option(names = "--csv", paramLabel = "FILE", description = "Use this Arbin CSV (e.g. one generated before with --keep) instead of generating one; it is never deleted.")
    Optional<Path> given = Optional.empty();

    @CommandLine.Option(names = "--runs", description = "Fresh processes per tool in the whole-process comparison (default ${DEFAULT-VALUE}; 0 skips it).")
    int runs = 5;

    @CommandLine.Option(names = "--skip-in-jvm", description = "Only the whole-process comparison (no in-JVM figures, analyses or sample files).")
    boolean skipInJvm;

    @CommandLine.Option(names = "--keep", description = "Keep the generated file (in --dir).")
    boolean keep;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Option(names = "--server", description = "Benchmark the REST API instead: p50/p99 latency of cycles, "
            + "analysis and a 2,000-point timeseries of a generated 5,000-cycle test under a fixed request rate from wrk.")
    boolean server;

    @CommandLine.Option(names = "--rate", description = "With --server: requests per second (default ${DEFAULT-VALUE}).")
    int rate = 200;

    @CommandLine.Option(names = "--seconds", description = "With --server: seconds per endpoint (default ${DEFAULT-VALUE}).")
    int seconds = 30;

    @CommandLine.Option(names = "--warmup", description = "With --server: seconds of unmeasured load per endpoint after the first requests (default ${DEFAULT-VALUE}; 0 measures right after the test was loaded).")
    int warmup = 10;

    @CommandLine.Option(names = "--bare", description = "With --server: also serve each browser body from a bare Javalin in the same JVM (the framework's and kernel's share of a row).")
    boolean bare;

    @CommandLine.Option(names = "--endpoints", split = ",", paramLabel = "NAME", description = "With --server: measure only these of cycles, analysis, timeseries (default all).")
    java.util.Set<String> endpoints = new java.util.LinkedHashSet<>();

    @CommandLine.Option(names = "--rows-per-cycle", description = "With --server: samples per cycle of the generated test (default ${DEFAULT-VALUE}; 2000 x 5000 cycles = 10 M rows).")
    int rowsPerCycle = 2000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<Map<String, Object>> results = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast(spec, "--size-mb", sizeMb, 1);
        OptionChecks.atLeast(spec, "--analysis-cycles", analysisCycles, 1);
        OptionChecks.atLeast(spec, "--repeat", repeat, 1);
        var out = spec.commandLine().getOut();
        if (server) {
            for (String e : endpoints) {
                if (!java.util.List.of("cycles", "analysis", "timeseries").contains(e)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--endpoints: unknown endpoint '" + e + "' (use cycles, analysis, timeseries)");
                }
            }
            Path w = dir.isPresent() ? Files.createDirectories(dir.get()) : Files.createTempDirectory("tower-server-bench");
            return new ServerBench(out, w, analysisCycles, rowsPerCycle, rate, seconds, keep, warmup, bare, endpoints).run();
        }
        Path work = dir.isPresent() ? Files.createDirectories(dir.get()) : Files.createTempDirectory("tower-bench");
        Path csv = given.orElse(work.resolve("bench-arbin.csv"));
        long rows;
        long t0 = System.nanoTime();
        if (given.isPresent()) {
            rows = dataLines(csv);
        } else {
            rows = tower.pipeline.synthetic.SyntheticArbin.write(csv, (long) sizeMb << 20);
        }
        double genS = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(csv);
        if (!json) {
            out.printf(Locale.ROOT, "%s %s: %.1f MB, %d rows in %.1f s; max heap %d MB%n",
                    given.isPresent() ? "using" : "generated", csv, bytes / 1048576.0, rows, genS,
                    Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
        }
        try {
            if (runs > 0) {
                String before = ProcessBench.loadAverage();
                var tasks = ProcessBench.tasks(csv, work, !skipBaselines);
                var measured = ProcessBench.run(tasks, runs, json ? null : spec.commandLine().getErr());
                if (!json) {
                    ProcessBench.print(out, measured, bytes, rows, runs, before, ProcessBench.loadAverage());
                }
                results.addAll(ProcessBench.json(measured, bytes));
            }
            if (skipInJvm) {
                if (json) {
                    Json.print(out, Map.of("file_mb", bytes / 1048576.0, "rows", rows, "results", results));
                }
                return 0;
            }
            if (!json) {
                out.println("\nin one JVM (the first run includes JIT warm-up):");
            }
            for (int k = 1; k <= Math.max(1, repeat); k++) {
                time(repeat > 1 ? "tower cycles (run " + k + ")" : "tower cycles", bytes, rows, () -> Inputs.read(csv,
                        ReadSpec.DEFAULT.withColumns(tower.core.cycling.CycleSummarizer.COLUMNS_USED), Progress.NONE,
                        Sinks.DISCARD));
            }
            Path bdf = work.resolve("bench-out.csv");
            time("tower convert -> BDF CSV", bytes, rows, () -> {
                try (OutputStream os = Files.newOutputStream(bdf)) {
                    Inputs.read(csv, ReadSpec.DEFAULT, Progress.NONE, new BdfCsvWriter(os));
                }
            });
            Files.deleteIfExists(bdf);
            StoreBench.run(this, csv, work, bytes, rows);
            if (!skipBaselines) {
                duckdb(csv, bytes, rows);
                pandas(csv, bytes, rows);
            }
        } finally {
            if (!keep && given.isEmpty()) {
                Files.deleteIfExists(csv);
            }
        }
        AnalysisBench.run(this, analysisCycles);
        Path sampleDir = samples.orElse(Path.of("..", "shared", "data"));
        if (Files.isDirectory(sampleDir)) {
            readers(sampleDir);
        }
        if (json) {
            Json.print(out, Map.of("file_mb", bytes / 1048576.0, "rows", rows, "results", results));
        }
        return 0;
    }

    /** Lines after the header (a given file's rows). */
    private static long dataLines(Path csv) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(csv)) {
            for (int k; (k = in.read(buf)) > 0; ) {
                for (int i = 0; i < k; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return Math.max(0, n - 1);
    }

    interface Task {
        void run() throws Exception;
    }

    void time(String what, long bytes, long rows, Task task) throws Exception {
        System.gc();
        long t = System.nanoTime();
        task.run();
        double s = (System.nanoTime() - t) / 1e9;
        record(what, bytes, rows, s);
    }

    /** Runs a task {@code n} times and records the first (cold) and the best (warm) time. */
    void timeColdAndWarm(String what, long rows, int n, Task task) throws Exception {
        double first = 0;
        double best = Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            long t = System.nanoTime();
            task.run();
            double s = (System.nanoTime() - t) / 1e9;
            if (k == 0) {
                first = s;
            }
            best = Math.min(best, s);
        }
        record(what + " (first call)", 0, rows, first);
        record(what + " (best of " + n + ")", 0, rows, best);
    }

    void record(String what, long bytes, long rows, double s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", what);
        m.put("seconds", s);
        m.put("mb_per_s", bytes == 0 ? null : bytes / 1048576.0 / s);
        m.put("rows_per_s", rows / s);
        results.add(m);
        if (!json) {
            var out = spec.commandLine().getOut();
            if (bytes == 0) {
                out.printf(Locale.ROOT, "%-52s %8.4f s %12.0f rows/s%n", what, s, rows / s);
            } else {
                out.printf(Locale.ROOT, "%-52s %8.2f s %9.1f MB/s %12.0f rows/s%n", what, s, bytes / 1048576.0 / s, rows / s);
            }
            out.flush();
        }
    }

    private void duckdb(Path csv, long bytes, long rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String sql = "SELECT Cycle_Index, count(*), min(Voltage), max(Voltage), max(Charge_Capacity), "
                    + "max(Discharge_Capacity), min(Current), max(Current), avg(Temperature) FROM read_csv('"
                    + csv.toAbsolutePath().toString().replace("'", "''") + "') GROUP BY Cycle_Index ORDER BY 1";
            time("duckdb read_csv + group by cycle", bytes, rows, () -> {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
            });
        }
    }

    private void pandas(Path csv, long bytes, long rows) throws Exception {
        String script = "import sys,time\n"
                + "try:\n import pandas as pd\nexcept ImportError:\n print('none'); sys.exit(0)\n"
                + "t=time.time(); df=pd.read_csv(sys.argv[1]);"
                + " g=df.groupby('Cycle_Index').agg({'Voltage':['min','max'],'Charge_Capacity':'max',"
                + "'Discharge_Capacity':'max','Current':['min','max'],'Temperature':'mean'}); print(time.time()-t)\n";
        String env = System.getenv("TOWER_PYTHON");
        for (String python : env != null ? List.of(env) : List.of("python3", "/usr/bin/python3")) {
            ProcessBuilder pb = new ProcessBuilder(python, "-c", script, csv.toAbsolutePath().toString());
            pb.redirectErrorStream(true);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                continue;
            }
            String outText = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() == 0 && !outText.equals("none") && !outText.isEmpty()) {
                try {
                    record("pandas read_csv + groupby cycle", bytes, rows,
                            Double.parseDouble(outText.lines().reduce((a, b) -> b).orElse("")));
                    return;
                } catch (NumberFormatException e) {
                    // that interpreter printed something else: try the next
                }
            }
        }
        if (!json) {
            spec.commandLine().getOut().println("pandas baseline skipped (apt-get install python3-pandas, or set TOWER_PYTHON)");
        }
    }

    private void readers(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("reference")
                    && !p.toString().contains("goldens")).sorted().toList();
        }
        if (!json) {
            spec.commandLine().getOut().println("\nreaders on sample files (best of 3 reads):");
        }
        for (Path f : files) {
            try {
                var reader = Formats.forFile(f, Optional.empty());
                double best = Double.MAX_VALUE;
                long n = 0;
                for (int k = 0; k < 3; k++) {
                    long t = System.nanoTime();
                    var r = Inputs.read(f, ReadSpec.DEFAULT.withTimezone(Optional.of(java.time.ZoneOffset.UTC)),
                            Progress.NONE, Sinks.DISCARD);
                    best = Math.min(best, (System.nanoTime() - t) / 1e9);
                    n = r.metadata().rows();
                }
                record(reader.info().id() + " " + f.getFileName(), tower.pipeline.ingest.Ingester.totalSize(reader.companions(f)), n, best);
            } catch (RuntimeException | IOException e) {
                // not a readable data file (docs, schemas, companions): skip
            }
        }
    }
}
