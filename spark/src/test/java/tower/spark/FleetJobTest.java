package tower.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.analysis.EarlyLife;
import tower.core.analysis.EarlyLifeFeatures;
import tower.core.analysis.Fade;
import tower.core.analysis.FadeResult;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.Normalizer;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.ingest.InputException;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;
import tower.formats.Formats;
import tower.formats.Reader;
import tower.formats.bdf.BdfCsvWriter;

/**
 * The fleet job in local[2] against the embedded engine: for generated tests (a dataset-layout archive written by
 * Spark, and BDF CSV files) and real cycler files from ../shared/data, every field the job writes equals what the
 * core computes when called as the CLI calls it, to 1e-12 relative; a corrupt file lands in the errors table with
 * the reader's message while the rest is processed; reruns process only new or changed tests.
 */
class FleetJobTest {
    static SparkSession spark;
    static final JobSpec DEFAULTS = JobSpec.of(List.of("unused"), "unused");
    static final int CYCLES = 110;
    static final int ROWS_PER_CYCLE = 40;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("tower-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The embedded engine: what `tower cycles/analyze/features FILE --json` compute (cli Loaded/Inputs). */
    record Embedded(String format, long rows, CycleTable cycles, FadeResult fade, EarlyLifeFeatures features) {
        static Embedded of(String format, TimeSeries ts, CycleTable table) {
            StepTable steps = Steps.of(ts, DEFAULTS.cycling());
            return new Embedded(format, ts.metadata().rows(), table, Fade.analyze(table, steps, DEFAULTS.fade()),
                    EarlyLife.features(ts, table, steps, DEFAULTS.earlyLife()));
        }

        static Embedded read(Path file) throws IOException {
            Reader reader = Formats.forFile(file, Optional.empty(), Optional.empty());
            TimeSeries.Collector collector = new TimeSeries.Collector();
            CycleSummarizer summarizer = new CycleSummarizer(DEFAULTS.cycling());
            reader.read(reader.companions(file), DEFAULTS.readOptions(),
                    new Normalizer(Tee.of(collector, summarizer), DEFAULTS.cycling()));
            return of(reader.info().id(), collector.result(), summarizer.result());
        }

        static Embedded generated(int test) {
            TimeSeries.Collector collector = new TimeSeries.Collector();
            CycleSummarizer summarizer = new CycleSummarizer(DEFAULTS.cycling());
            Synthetic.write(test, CYCLES, ROWS_PER_CYCLE, new Normalizer(Tee.of(collector, summarizer), DEFAULTS.cycling()));
            return of("synthetic", collector.result(), summarizer.result());
        }
    }

    @Test
    void generatedDatasetArchiveEqualsTheEmbeddedEngineAndRerunsIncrementally() throws IOException {
        Path archive = dir.resolve("archive");
        writeDataset(archive, List.of(0, 1, 2, 3));
        Path out = dir.resolve("out");
        FleetJob.Summary s = FleetJob.run(spark, JobSpec.of(List.of(archive.toString()), out.toString()));
        assertThat(s.processed()).isEqualTo(4);
        assertThat(s.errors()).isZero();
        Map<String, Row> fleet = table(out, "fleet");
        assertThat(fleet.keySet()).containsExactly("gen-00000", "gen-00001", "gen-00002", "gen-00003");
        for (int i = 0; i < 4; i++) {
            String id = Synthetic.testId(i);
            Embedded e = Embedded.generated(i);
            assertEqual(out, id, e);
            Row f = fleet.get(id);
            assertThat(f.getString(f.fieldIndex("format"))).isEqualTo("synthetic");
            assertThat(f.getString(f.fieldIndex("source"))).isEqualTo(id);
            assertThat(f.getLong(f.fieldIndex("rows"))).isEqualTo((long) CYCLES * ROWS_PER_CYCLE);
        }
        // a rerun over the same archive computes nothing; a grown archive only the new test
        assertThat(FleetJob.run(spark, JobSpec.of(List.of(archive.toString()), out.toString())).processed()).isZero();
        writeDataset(archive, List.of(4));
        FleetJob.Summary grown = FleetJob.run(spark, JobSpec.of(List.of(archive.toString()), out.toString()));
        assertThat(grown.processed()).isEqualTo(1);
        assertThat(grown.unchanged()).isEqualTo(4);
        assertThat(table(out, "fleet")).hasSize(5);
        assertEqual(out, "gen-00004", Embedded.generated(4));
        assertEqual(out, "gen-00001", Embedded.generated(1));
    }

    @Test
    void rawFilesEqualTheEmbeddedEngineAndACorruptFileIsReportedNotFatal() throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        List<String> real = List.of("battery-data-toolkit/arbin_example.csv", "NewareNDA/TestFile.nda",
                "NewareNDA/new_nda_file.nda", "NewareNDA/123456789012_Unit27_Example_Data_File.ndax", "cellpy/batmo_bdf.csv");
        for (String r : real) {
            Files.copy(shared(r), raw.resolve(Path.of(r).getFileName().toString()));
        }
        for (int i = 10; i < 12; i++) {
            try (OutputStream os = Files.newOutputStream(raw.resolve(Synthetic.testId(i) + ".csv"))) {
                Synthetic.write(i, CYCLES, ROWS_PER_CYCLE, new BdfCsvWriter(os));
            }
        }
        // a cut-off Neware .ndax (a zip): the reader recognises it and then refuses it
        byte[] ndax = Files.readAllBytes(shared("NewareNDA/TESTCELL0001-B2-2025-M50T_NewareNDA_Investigation.ndax"));
        Path corrupt = raw.resolve("truncated.ndax");
        Files.write(corrupt, java.util.Arrays.copyOf(ndax, ndax.length / 2));
        String message = readerMessage(corrupt);

        Path out = dir.resolve("out");
        FleetJob.Summary s = FleetJob.run(spark, JobSpec.of(List.of(raw.toString()), out.toString()));
        assertThat(s.processed()).isEqualTo(8);
        assertThat(s.errors()).isEqualTo(1);
        Map<String, Row> errors = table(out, "errors");
        assertThat(errors.keySet()).containsExactly("truncated.ndax");
        Row err = errors.get("truncated.ndax");
        assertThat(err.getString(err.fieldIndex("message"))).isEqualTo(message);
        assertThat(err.getString(err.fieldIndex("stage"))).isEqualTo("read");
        Map<String, Row> fleet = table(out, "fleet");
        assertThat(fleet).hasSize(7).doesNotContainKey("truncated.ndax");
        try (var files = Files.list(raw)) {
            for (Path f : files.filter(p -> !p.equals(corrupt)).toList()) {
                String id = f.getFileName().toString();
                Embedded e = Embedded.read(f);
                assertEqual(out, id, e);
                Row row = fleet.get(id);
                assertThat(row.getString(row.fieldIndex("format"))).isEqualTo(e.format());
                assertThat(row.getLong(row.fieldIndex("rows"))).isEqualTo(e.rows());
                assertThat(row.getString(row.fieldIndex("content_hash"))).isEqualTo(sha256(f));
            }
        }
        // batmo_bdf.csv's cycles are all flagged sign_conflict (its current is reversed), so none is regular
        assertThat(table(out, "features").get("batmo_bdf.csv").getInt(table(out, "features").get("batmo_bdf.csv")
                .fieldIndex("regular_cycles"))).isEqualTo(Embedded.read(raw.resolve("batmo_bdf.csv")).features().regularCycles());
    }

    @Test
    void rerunProcessesOnlyNewAndChangedFilesAndDropsRemovedOnes() throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        for (int i = 20; i < 23; i++) {
            writeCsv(raw, i, CYCLES);
        }
        Path out = dir.resolve("out");
        JobSpec spec = JobSpec.of(List.of(raw.toString()), out.toString());
        assertThat(FleetJob.run(spark, spec).processed()).isEqualTo(3);
        Map<String, Row> before = table(out, "fleet");

        FleetJob.Summary again = FleetJob.run(spark, spec);
        assertThat(again.processed()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(table(out, "fleet")).isEqualTo(before);

        writeCsv(raw, 21, CYCLES + 7);          // changed: more cycles
        writeCsv(raw, 23, CYCLES);              // new
        Files.delete(raw.resolve(Synthetic.testId(22) + ".csv"));   // removed
        FleetJob.Summary grown = FleetJob.run(spark, spec);
        assertThat(grown.processed()).isEqualTo(2);
        assertThat(grown.unchanged()).isEqualTo(1);
        assertThat(grown.removed()).isEqualTo(1);
        Map<String, Row> fleet = table(out, "fleet");
        assertThat(fleet.keySet()).containsExactly("gen-00020.csv", "gen-00021.csv", "gen-00023.csv");
        assertThat(fleet.get("gen-00020.csv")).isEqualTo(before.get("gen-00020.csv"));
        assertEqual(out, "gen-00021.csv", Embedded.read(raw.resolve("gen-00021.csv")));
        assertThat(Files.exists(out.resolve("cycles").resolve("test_id=gen-00022.csv"))).isFalse();
        assertThat(table(out, "manifest").keySet()).isEqualTo(fleet.keySet());
        // --full ignores the manifest
        assertThat(FleetJob.run(spark, spec.withFull(true)).processed()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ helpers

    private void assertEqual(Path out, String id, Embedded e) {
        List<Row> cycles = spark.read().parquet(out.resolve("cycles").toString()).filter(col("test_id").equalTo(id))
                .orderBy("cycle_index").collectAsList();
        List<CycleSummary> expected = e.cycles().cycles();
        assertThat(cycles).as(id + " cycles").hasSize(expected.size());
        double previous = Double.NaN;
        for (int i = 0; i < expected.size(); i++) {
            CycleSummary c = expected.get(i);
            Row r = cycles.get(i);
            String where = id + " cycle " + c.cycleIndex();
            Expect.same(c, r, where);
            Expect.close(c.coulombicDifferenceAh(), r.getDouble(r.fieldIndex("coulombic_difference_ah")), where);
            Expect.close(c.capacityLossAh(), r.getDouble(r.fieldIndex("capacity_loss_ah")), where);
            previous = c.dischargeCapacityAh();
        }
        Expect.same(e.fade(), table(out, "analysis").get(id), id + " analysis");
        Expect.same(e.features(), table(out, "features").get(id), id + " features");
        Row f = table(out, "fleet").get(id);
        assertThat(f.getLong(f.fieldIndex("cycles"))).isEqualTo(expected.size());
        assertThat(f.getString(f.fieldIndex("cycle_rule"))).isEqualTo(e.cycles().cycleRule());
        var soh = e.fade().soh();
        Expect.close(soh.isEmpty() ? Double.NaN : soh.get(soh.size() - 1).soh(), f.getDouble(f.fieldIndex("soh_now")), id + " soh_now");
        Expect.close(e.fade().fadeRateAhPerCycle(), f.getDouble(f.fieldIndex("fade_rate_ah_per_cycle")), id + " fade rate");
        Expect.value(e.fade().eolCycle(), java.util.OptionalLong.class, f.get(f.fieldIndex("eol_cycle")), id + " eol");
        Expect.value(e.fade().censoredAt(), java.util.OptionalLong.class, f.get(f.fieldIndex("censored_at")), id + " censored");
        Expect.value(e.fade().kneeCycle(), java.util.OptionalLong.class, f.get(f.fieldIndex("knee_cycle")), id + " knee");
    }

    private static Map<String, Row> table(Path out, String name) {
        Map<String, Row> m = new TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve(name).toString()).collectAsList()) {
            m.put(r.getString(r.fieldIndex("test_id")), r);
        }
        return m;
    }

    /** Generated tests in the store's dataset layout, written by Spark: samples/test_id=ID/part-*.parquet + tests.parquet. */
    private static void writeDataset(Path archive, List<Integer> tests) {
        List<Row> rows = new ArrayList<>();
        List<Row> described = new ArrayList<>();
        for (int i : tests) {
            Synthetic.write(i, CYCLES, ROWS_PER_CYCLE, new SparkRows(Synthetic.testId(i), Synthetic.COLUMNS, rows));
            // the source name a generated test carries (as the store keeps the file name a test was read from)
            described.add(RowFactory.create(Synthetic.testId(i), Synthetic.testId(i), "synthetic"));
        }
        Dataset<Row> df = spark.createDataFrame(rows, SparkRows.schema(Synthetic.COLUMNS));
        df.repartition(2, col("test_id")).sortWithinPartitions("test_id", "Test Time / s")
                .write().mode(SaveMode.Append).partitionBy("test_id").parquet(archive.resolve("samples").toString());
        StructType t = new StructType().add("test_id", DataTypes.StringType).add("file_name", DataTypes.StringType)
                .add("format", DataTypes.StringType);
        spark.createDataFrame(described, t).write().mode(SaveMode.Append).parquet(archive.resolve("tests.parquet").toString());
    }

    private static void writeCsv(Path dir, int test, int cycles) throws IOException {
        try (OutputStream os = Files.newOutputStream(dir.resolve(Synthetic.testId(test) + ".csv"))) {
            Synthetic.write(test, cycles, ROWS_PER_CYCLE, new BdfCsvWriter(os));
        }
    }

    private static String readerMessage(Path file) {
        try {
            Embedded.read(file);
        } catch (InputException | IOException e) {
            return e.getMessage();
        }
        throw new AssertionError(file + " was read without error");
    }

    private static String sha256(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            return RawFiles.sha256(in, OutputStream.nullOutputStream());
        }
    }

    static Path shared(String relative) {
        return Path.of(System.getProperty("tower.shared", "../../shared"), "data", relative);
    }
}
