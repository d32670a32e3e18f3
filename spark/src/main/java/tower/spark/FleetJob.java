package tower.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

/**
 * The fleet job: per-test cycle summaries, fade/life and early-life features of every test in the inputs, written
 * as Parquet under OUTPUT:
 * <pre>
 *   cycles/test_id=ID/    one row per cycle (the fields of tower cycles --json)
 *   analysis/test_id=ID/  one row per test (tower analyze --json)
 *   features/test_id=ID/  one row per test (tower features --json)
 *   fleet/                one row per test: format, rows, cycles, SOH now, EOL or censoring, knee, fade rate
 *   errors/               one row per test or file that could not be processed, with the reader's message
 *   manifest/             content hash and options of every test: a rerun skips what has not changed
 * </pre>
 * Inputs are classified by layout: a directory with {@code samples/} is the store's dataset export
 * ({@code tower export --dataset}); {@code .parquet} files (or a folder of them) are BDF Parquet; any other folder
 * is read as raw cycler files. Runs under {@code spark-submit} ({@link #main}) or from {@link Main} in local mode.
 */
public final class FleetJob {
    static final String KEY = "__key";
    static final String SOURCE = "__source";
    static final String ROW = "__row";
    static final String BDF_PARQUET = "bdf-parquet";
    static final List<String> PARTITIONED = List.of(Outputs.CYCLE, Outputs.ANALYSIS, Outputs.FEATURES);
    static final Map<String, String> TABLE = Map.of(Outputs.CYCLE, "cycles", Outputs.ANALYSIS, "analysis",
            Outputs.FEATURES, "features", Outputs.FLEET, "fleet", Outputs.ERROR, "errors", Outputs.MANIFEST, "manifest");

    private FleetJob() {
    }

    /** What a run did. */
    public record Summary(int processed, int unchanged, int errors, int removed, long rows) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d tests processed (%d with errors), %d unchanged, %d removed; %d sample rows",
                    processed, errors, unchanged, removed, rows);
        }
    }

    /** Entry point for {@code spark-submit --class tower.spark.FleetJob tower-spark.jar INPUT... OUTPUT [options]}. */
    public static void main(String[] args) throws IOException {
        JobSpec spec;
        try {
            spec = Main.parseRun(args).spec();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("tower-fleet").getOrCreate();
        try {
            System.out.println(run(spark, spec));
        } finally {
            spark.stop();
        }
    }

    public static Summary run(SparkSession spark, JobSpec spec) throws IOException {
        Map<String, scala.Option<String>> saved = new HashMap<>();
        for (String c : FILE_SPLIT_CONF) {
            saved.put(c, spark.conf().getOption(c));
        }
        try {
            return runJob(spark, spec);
        } finally {
            for (var e : saved.entrySet()) {
                if (e.getValue().isDefined()) {
                    spark.conf().set(e.getKey(), e.getValue().get());
                } else {
                    spark.conf().unset(e.getKey());
                }
            }
        }
    }

    /** Session settings the Parquet input changes for the run (so that no file is split), restored after it. */
    private static final List<String> FILE_SPLIT_CONF = List.of("spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes");

    private static Summary runJob(SparkSession spark, JobSpec spec) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path out = new Path(spec.output());
        FileSystem outFs = out.getFileSystem(conf);
        Map<String, Row> previous = new HashMap<>();
        if (!spec.full()) {
            for (Row r : readIfExists(spark, outFs, new Path(out, TABLE.get(Outputs.MANIFEST)))) {
                previous.put(r.getString(r.fieldIndex("test_id")), r);
            }
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<JavaRDD<Row>> parts = new ArrayList<>();
        Set<String> unchanged = new HashSet<>();
        for (String input : spec.inputs()) {
            Path in = new Path(input);
            FileSystem fs = in.getFileSystem(conf);
            if (!fs.exists(in)) {
                throw new IllegalArgumentException("no such input: " + input);
            }
            in = fs.makeQualified(in);
            FileStatus st = fs.getFileStatus(in);
            if (st.isDirectory() && fs.exists(new Path(in, "samples"))) {
                parts.add(parquet(spark, sc, fs, new Path(in, "samples"), new Path(in, "tests.parquet"), spec, previous, unchanged));
            } else if (!st.isDirectory() && in.getName().endsWith(".parquet")
                    || st.isDirectory() && allParquet(fs, in)) {
                parts.add(parquet(spark, sc, fs, in, null, spec, previous, unchanged));
            } else {
                parts.add(raw(sc, in, st.isDirectory() ? in : in.getParent(), spec, previous));
            }
        }
        JavaRDD<Row> all = parts.size() == 1 ? parts.get(0) : sc.union(parts.toArray(JavaRDD[]::new));
        Dataset<Row> results = spark.createDataFrame(all, Outputs.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Row> small = results.filter(col("kind").isin(Outputs.FLEET, Outputs.ERROR, Outputs.MANIFEST, Outputs.UNCHANGED))
                    .select("test_id", "kind", Outputs.FLEET, Outputs.ERROR, Outputs.MANIFEST).collectAsList();
            Set<String> present = new HashSet<>(unchanged);
            Map<String, List<Row>> fresh = new TreeMap<>();
            long rows = 0;
            int errors = 0;
            for (Row r : small) {
                String id = r.getString(0);
                present.add(id);
                String kind = r.getString(1);
                if (kind.equals(Outputs.UNCHANGED)) {
                    unchanged.add(id);
                    continue;
                }
                Row value = r.getStruct(r.fieldIndex(kind));
                fresh.computeIfAbsent(kind, k -> new ArrayList<>()).add(flatten(id, value));
                if (kind.equals(Outputs.FLEET)) {
                    rows += value.getLong(value.fieldIndex("rows"));
                } else if (kind.equals(Outputs.ERROR)) {
                    errors++;
                }
            }
            Set<String> processed = new HashSet<>();
            for (Row m : fresh.getOrDefault(Outputs.MANIFEST, List.of())) {
                processed.add(m.getString(0));
            }
            Set<String> removed = new HashSet<>(previous.keySet());
            removed.removeAll(present);
            Set<String> replaced = new HashSet<>(processed);
            replaced.addAll(removed);
            // a test processed again (or gone) loses its old partitions; the manifest, written last, commits the run
            for (String kind : PARTITIONED) {
                Path table = new Path(out, TABLE.get(kind));
                for (String id : replaced) {
                    outFs.delete(new Path(table, "test_id=" + ExternalCatalogUtils.escapePathName(id)), true);
                }
            }
            if (!processed.isEmpty()) {
                for (String kind : PARTITIONED) {
                    results.filter(col("kind").equalTo(kind)).select(col("test_id"), col(kind + ".*"))
                            .write().mode(SaveMode.Append).partitionBy("test_id").parquet(new Path(out, TABLE.get(kind)).toString());
                }
            }
            for (String kind : List.of(Outputs.FLEET, Outputs.ERROR, Outputs.MANIFEST)) {
                StructType schema = flatSchema((StructType) Outputs.SCHEMA.apply(kind).dataType());
                Path table = new Path(out, TABLE.get(kind));
                List<Row> merged = new ArrayList<>();
                for (Row r : readIfExists(spark, outFs, table)) {
                    if (!replaced.contains(r.getString(r.fieldIndex("test_id")))) {
                        merged.add(reorder(r, schema));
                    }
                }
                merged.addAll(fresh.getOrDefault(kind, List.of()));
                merged.sort(Comparator.comparing(r -> r.getString(0)));
                spark.createDataFrame(merged, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(table.toString());
            }
            unchanged.removeAll(processed);
            return new Summary(processed.size(), unchanged.size(), errors, removed.size(), rows);
        } finally {
            results.unpersist();
        }
    }

    // ------------------------------------------------------------------ Parquet input

    private static JavaRDD<Row> parquet(SparkSession spark, JavaSparkContext sc, FileSystem fs, Path root, Path testsTable,
                                        JobSpec spec, Map<String, Row> previous, Set<String> unchanged) throws IOException {
        String rootPath = root.toUri().getPath();
        List<String> roots = List.of(rootPath);
        // content hashes of the parts, computed where the bytes are (one job over every file)
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        conf.set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
        List<Tuple2<String, String>> hashes = sc.binaryFiles(root.toString(), sc.defaultParallelism())
                .mapToPair(f -> {
                    try (InputStream s = f._2().open()) {
                        return new Tuple2<>(f._1(), RawFiles.sha256(s, java.io.OutputStream.nullOutputStream()));
                    }
                }).collect();
        Map<String, TreeMap<String, String>> byTest = new TreeMap<>();
        Map<String, String> fileOfTest = new HashMap<>();
        for (Tuple2<String, String> h : hashes) {
            String decoded = new Path(h._1()).toUri().getPath();
            if (!decoded.endsWith(".parquet")) {
                continue;
            }
            String id = testIdOf(decoded, roots);
            byTest.computeIfAbsent(id, k -> new TreeMap<>()).put(h._1(), h._2());
            fileOfTest.putIfAbsent(id, relative(decoded, rootPath));
        }
        Map<String, String[]> described = new HashMap<>();
        if (testsTable != null && fs.exists(testsTable)) {
            for (Row r : spark.read().parquet(testsTable.toString()).select("test_id", "file_name", "format").collectAsList()) {
                described.put(r.getString(0), new String[]{r.getString(1), r.getString(2)});
            }
        }
        Map<String, ParquetTests.Known> known = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (var e : byTest.entrySet()) {
            String id = e.getKey();
            String hash = e.getValue().size() == 1 ? e.getValue().firstEntry().getValue()
                    : RawFiles.sha256(new java.io.ByteArrayInputStream(String.join(",", e.getValue().values())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), java.io.OutputStream.nullOutputStream());
            Row old = previous.get(id);
            if (!spec.full() && old != null && hash.equals(old.getString(old.fieldIndex("content_hash")))
                    && spec.fingerprint().equals(old.getString(old.fieldIndex("options")))) {
                unchanged.add(id);
                continue;
            }
            String[] d = described.get(id);
            known.put(id, new ParquetTests.Known(d != null ? d[0] : fileOfTest.get(id), d != null ? d[1] : BDF_PARQUET, hash));
            files.addAll(e.getValue().keySet());
        }
        if (files.isEmpty()) {
            return sc.emptyRDD();
        }
        Dataset<Row> df = spark.read().option("mergeSchema", "true").parquet(files.toArray(String[]::new));
        // a part's rows keep their file order through the shuffle by (file, row index within the file)
        Dataset<Row> rows = df.withColumn(SOURCE, col("_metadata.file_path")).withColumn(ROW, col("_metadata.row_index"));
        rows = rows.withColumn(KEY, when(col(SOURCE).contains("/test_id="),
                regexp_extract(col(SOURCE), "/test_id=([^/]+)/", 1)).otherwise(col(SOURCE)));
        if (byTest.values().stream().allMatch(m -> m.size() == 1)) {
            // one file per test (the dataset layout): read every file whole, in order, in one task; no shuffle.
            // ParquetTests checks the row indexes, so a split file would be reported, never summarised wrongly.
            long largest = largestFile(fs, files);
            for (String c : FILE_SPLIT_CONF) {
                long current = spark.conf().getOption(c).isDefined() ? parseBytes(spark.conf().get(c)) : 0;
                if (current < largest + 1) {
                    spark.conf().set(c, Long.toString(largest + 1));
                }
            }
        } else {
            rows = rows.repartition(col(KEY)).sortWithinPartitions(KEY, SOURCE, ROW);
        }
        List<String> names = List.of(rows.schema().fieldNames());
        return rows.javaRDD().mapPartitions(new ParquetTests(names, roots, known, spec));
    }

    private static long largestFile(FileSystem fs, List<String> files) throws IOException {
        long max = 0;
        for (String f : files) {
            max = Math.max(max, fs.getFileStatus(new Path(f)).getLen());
        }
        return max;
    }

    private static long parseBytes(String v) {
        return org.apache.spark.network.util.JavaUtils.byteStringAsBytes(v);
    }

    private static boolean allParquet(FileSystem fs, Path dir) throws IOException {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        boolean any = false;
        while (it.hasNext()) {
            String name = it.next().getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (!name.endsWith(".parquet")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    // ------------------------------------------------------------------ raw files

    private static JavaRDD<Row> raw(JavaSparkContext sc, Path input, Path root, JobSpec spec, Map<String, Row> previous) {
        Map<String, String> prev = new HashMap<>();
        for (var e : previous.entrySet()) {
            Row r = e.getValue();
            prev.put(e.getKey(), r.getString(r.fieldIndex("content_hash")) + " " + r.getString(r.fieldIndex("options")));
        }
        sc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
        return sc.binaryFiles(input.toString(), 4 * sc.defaultParallelism())
                .mapPartitions(new RawFiles(root.toUri().getPath(), prev, spec));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The test id of a file (a decoded path): the value of a {@code test_id=} directory (the dataset layout), else
     * the path relative to its input root without {@code .parquet}.
     */
    static String testIdOf(String file, List<String> roots) {
        String decoded = file;
        if (file.contains(":")) {
            try {
                decoded = new URI(file).getPath();
            } catch (java.net.URISyntaxException e) {
                decoded = new Path(file).toUri().getPath();
            }
        }
        for (String segment : decoded.split("/")) {
            if (segment.startsWith("test_id=")) {
                return ExternalCatalogUtils.unescapePathName(segment.substring("test_id=".length()));
            }
        }
        String best = "";
        for (String r : roots) {
            if (decoded.startsWith(r) && r.length() > best.length()) {
                best = r;
            }
        }
        String rel = relative(decoded, best);
        return rel.endsWith(".parquet") ? rel.substring(0, rel.length() - ".parquet".length()) : rel;
    }

    /** {@code path} relative to {@code root}; the file name when the root is the file itself. */
    static String relative(String path, String root) {
        if (path.equals(root) || root.isEmpty() || !path.startsWith(root)) {
            return fileName(path);
        }
        String rel = path.substring(root.length());
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return rel.isEmpty() ? fileName(path) : rel;
    }

    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static List<Row> readIfExists(SparkSession spark, FileSystem fs, Path table) throws IOException {
        if (!fs.exists(table)) {
            return List.of();
        }
        return spark.read().parquet(table.toString()).collectAsList();
    }

    private static StructType flatSchema(StructType struct) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("test_id", DataTypes.StringType, false));
        fields.addAll(List.of(struct.fields()));
        return DataTypes.createStructType(fields);
    }

    private static Row flatten(String testId, Row value) {
        Object[] v = new Object[value.length() + 1];
        v[0] = testId;
        for (int i = 0; i < value.length(); i++) {
            v[i + 1] = value.get(i);
        }
        return RowFactory.create(v);
    }

    /** A row read back from a table, in the order of {@code schema}. */
    private static Row reorder(Row r, StructType schema) {
        Object[] v = new Object[schema.fields().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.get(r.fieldIndex(schema.fields()[i].name()));
        }
        return RowFactory.create(v);
    }
}
