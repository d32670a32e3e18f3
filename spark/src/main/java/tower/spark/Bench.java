package tower.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.Normalizer;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;

/**
 * {@code tower spark bench}: generates a dataset-layout archive of synthetic tests with Spark, runs the fleet job
 * over it in local mode for each master (every test processed, no manifest), and runs the same per-test work in
 * plain Java on one thread (generation timed apart and subtracted). Each Spark session first runs the job once on a
 * small warm-up archive, untimed. Prints rows/s; not a test, nothing asserted.
 */
final class Bench {
    private Bench() {
    }

    static void main(String[] args) throws IOException {
        int tests = 1000;
        long rowsPerTest = 100_000;
        int cycles = 200;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tower-spark-bench");
        List<String> masters = List.of("local[1]", "local[2]");
        boolean embedded = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tests" -> tests = Integer.parseInt(Main.value(args, ++i, args[i - 1]));
                case "--rows-per-test" -> rowsPerTest = Long.parseLong(Main.value(args, ++i, args[i - 1]));
                case "--cycles" -> cycles = Integer.parseInt(Main.value(args, ++i, args[i - 1]));
                case "--dir" -> dir = Path.of(Main.value(args, ++i, args[i - 1]));
                case "--masters" -> masters = List.of(Main.value(args, ++i, args[i - 1]).split(","));
                case "--no-embedded" -> embedded = false;
                default -> throw new IllegalArgumentException("unknown bench option " + args[i]);
            }
        }
        int rowsPerCycle = (int) (rowsPerTest / cycles);
        long rows = (long) tests * cycles * rowsPerCycle;
        Path archive = dir.resolve(String.format(Locale.ROOT, "archive-%d-%d-%d", tests, cycles, rowsPerCycle));
        System.out.printf(Locale.ROOT, "bench: %d tests x %d cycles x %d rows = %,d rows; archive %s%n", tests, cycles,
                rowsPerCycle, rows, archive);
        List<String> report = new ArrayList<>();
        if (!Files.exists(archive.resolve("samples").resolve("_SUCCESS"))) {
            SparkSession spark = Main.local(masters.get(masters.size() - 1));
            try {
                long t0 = System.nanoTime();
                generate(spark, tests, cycles, rowsPerCycle, archive);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "generated the archive in %.1f s (%s)%n", s, humanSize(archive));
            } finally {
                spark.stop();
            }
        }
        Path warmup = dir.resolve("warmup");
        for (String master : masters) {
            Path out = dir.resolve("out-" + master.replaceAll("[^A-Za-z0-9]", ""));
            deleteTree(out);
            SparkSession spark = Main.local(master);
            try {
                // untimed: the first jobs of a JVM pay for class loading and JIT (tens of seconds here)
                if (!Files.exists(warmup.resolve("samples").resolve("_SUCCESS"))) {
                    generate(spark, 4, cycles, rowsPerCycle, warmup);
                }
                deleteTree(dir.resolve("out-warmup"));
                FleetJob.run(spark, JobSpec.of(List.of(warmup.toString()), dir.resolve("out-warmup").toString()));
                long t0 = System.nanoTime();
                FleetJob.Summary sum = FleetJob.run(spark, JobSpec.of(List.of(archive.toString()), out.toString()).withFull(true));
                double s = (System.nanoTime() - t0) / 1e9;
                report.add(String.format(Locale.ROOT, "spark %-9s %8.1f s  %,12.0f rows/s  (%s)", master, s, sum.rows() / s, sum));
                System.out.println(report.get(report.size() - 1));
            } finally {
                spark.stop();
            }
        }
        if (embedded) {
            int n = tests;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Synthetic.write(i, cycles, rowsPerCycle, DISCARD);
            }
            double gen = (System.nanoTime() - t0) / 1e9;
            JobSpec spec = JobSpec.of(List.of(archive.toString()), dir.toString());
            long t1 = System.nanoTime();
            long checksum = 0;
            for (int i = 0; i < n; i++) {
                TimeSeries.Collector collector = new TimeSeries.Collector();
                CycleSummarizer summarizer = new CycleSummarizer(spec.cycling());
                Synthetic.write(i, cycles, rowsPerCycle, new Normalizer(Tee.of(collector, summarizer), spec.cycling()));
                TimeSeries ts = collector.result();
                var r = TestAnalysis.analyze(new TestAnalysis.Loaded("synthetic", ts, summarizer.result(), ts.metadata()), spec);
                checksum += r.fade().soh().size();
            }
            double all = (System.nanoTime() - t1) / 1e9;
            double work = all - gen;
            report.add(String.format(Locale.ROOT, "embedded (1 thread)  %8.1f s  %,12.0f rows/s  (normalise+summary+fade+features; "
                    + "generation %.1f s subtracted; no Parquet decoding; %d SOH points)", work, rows / work, gen, checksum));
            System.out.println(report.get(report.size() - 1));
        }
        Files.write(dir.resolve("bench.txt"), report);
    }

    static void generate(SparkSession spark, int tests, int cycles, int rowsPerCycle, Path archive) throws IOException {
        deleteTree(archive);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ids = IntStream.range(0, tests).boxed().toList();
        JavaRDD<Row> rows = sc.parallelize(ids, Math.max(sc.defaultParallelism(), tests / 25)).flatMap(i -> {
            List<Row> out = new ArrayList<>(cycles * rowsPerCycle);
            Synthetic.write(i, cycles, rowsPerCycle, new SparkRows(Synthetic.testId(i), Synthetic.COLUMNS, out));
            return out.iterator();
        });
        // the explicit sort keeps each test's rows in time order in its file (the writer's own sort is by test only)
        spark.createDataFrame(rows, SparkRows.schema(Synthetic.COLUMNS))
                .sortWithinPartitions("test_id", Quantity.TEST_TIME.label())
                .write().mode(SaveMode.Overwrite).partitionBy("test_id").parquet(archive.resolve("samples").toString());
    }

    static final RecordSink DISCARD = new RecordSink() {
        @Override
        public void begin(java.util.Set<Quantity> columns, TestMetadata metadata) {
        }

        @Override
        public void accept(Batch batch) {
        }

        @Override
        public void end(TestMetadata metadata) {
        }
    };

    static String humanSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            long bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
