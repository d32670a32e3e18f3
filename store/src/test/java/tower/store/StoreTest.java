package tower.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleRule;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.InputException;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;

class StoreTest {
    @TempDir
    Path tmp;

    private static String hash(String s) {
        return ContentHash.of(s.getBytes(StandardCharsets.UTF_8));
    }

    /** What the store should hold for a source: its normalised stream. */
    private static TimeSeries normalised(SeriesSource src, CyclingOptions o) throws IOException {
        TimeSeries.Collector c = new TimeSeries.Collector();
        src.readInto(new Normalizer(c, o));
        return c.result();
    }

    private static CycleTable summary(SeriesSource src, CyclingOptions o) throws IOException {
        CycleSummarizer s = new CycleSummarizer(o);
        src.readInto(new Normalizer(s, o));
        return s.result();
    }

    private static void assertSameSeries(TimeSeries actual, TimeSeries expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.columns()).isEqualTo(expected.columns());
        for (Quantity q : expected.columns()) {
            switch (q.kind()) {
                case REAL, INTEGER -> assertThat(actual.column(q)).as(q.label()).isEqualTo(expected.column(q));
                case EPOCH -> assertThat(actual.epochNanos()).isEqualTo(expected.epochNanos());
                case STEP_TYPE -> assertThat(actual.stepTypes()).isEqualTo(expected.stepTypes());
            }
        }
    }

    /** Row counts of tests, samples and cycles, read from the file with the store closed. */
    private static List<Long> counts(Path dir) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            for (String t : List.of("tests", "samples", "cycles")) {
                out.add(t.equals("samples") ? sampleRows(s) : count(s, "SELECT count(*) FROM " + t));
            }
        }
        return out;
    }

    /** Rows in all per-test samples tables. */
    private static long sampleRows(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, 'samples_')")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        long n = 0;
        for (String t : tables) {
            n += count(s, "SELECT count(*) FROM \"" + t + "\"");
        }
        return n;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A store written by the version-1 layout (one wide samples table; made by tower at 6d9ef27 from
     * samples/arbin_example.csv and samples/TestFile.nda) is upgraded by a read-only open: every test's rows come
     * back in order with the same values, and the wide table is gone.
     */
    @Test
    void versionOneStoreIsUpgradedWithItsSamplesIntact() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("v1"));
        try (var in = new java.util.zip.GZIPInputStream(StoreTest.class.getResourceAsStream("store-v1.duckdb.gz"))) {
            Files.copy(in, dir.resolve(Store.FILE_NAME));
        }
        // per test: row count and a checksum over every stored column, from the wide table before the upgrade
        Map<String, List<Double>> before = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(Store.FILE_NAME));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT test_id, count(*), sum(ord * 1.0), sum(coalesce(voltage, 0) * (ord + 1)),"
                     + " sum(coalesce(current, 0) * (ord + 1)), sum(coalesce(test_time, 0)), count(step_type)"
                     + " FROM samples GROUP BY test_id")) {
            while (rs.next()) {
                before.put(rs.getString(1), List.of(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7)));
            }
        }
        assertThat(before).hasSize(2);
        long v1Bytes = Files.size(dir.resolve(Store.FILE_NAME));
        try (Store store = Store.open(dir, StoreSettings.defaults().withReadOnly(true), "test")) {
            // the moved rows' old blocks are compacted away, not left as free space in a file twice the size
            assertThat(store.size().fileBytes()).isLessThanOrEqualTo(v1Bytes);
            assertThat(store.list()).extracting(StoredTest::testId).containsExactlyInAnyOrderElementsOf(before.keySet());
            for (StoredTest t : store.list()) {
                TimeSeries ts = store.timeSeries(t.testId());
                double ord = 0, v = 0, i = 0, time = 0, types = 0;
                for (int r = 0; r < ts.size(); r++) {
                    ord += r;
                    v += (ts.has(Quantity.VOLTAGE) ? nanToZero(ts.column(Quantity.VOLTAGE)[r]) : 0) * (r + 1);
                    i += (ts.has(Quantity.CURRENT) ? nanToZero(ts.column(Quantity.CURRENT)[r]) : 0) * (r + 1);
                    time += ts.has(Quantity.TEST_TIME) ? nanToZero(ts.column(Quantity.TEST_TIME)[r]) : 0;
                    types += ts.has(Quantity.STEP_TYPE) && ts.stepTypes()[r] >= 0 ? 1 : 0;
                }
                List<Double> want = before.get(t.testId());
                assertThat(ts.size()).isEqualTo(want.get(0).longValue()).isEqualTo(t.rows());
                assertThat(List.of(ord, v, i, time, types)).usingComparatorForType(
                        (x, y) -> Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)) ? 0 : Double.compare(x, y), Double.class)
                        .isEqualTo(want.subList(1, 6));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'samples'")).isZero();
            assertThat(count(s, "SELECT max(version) FROM schema_version")).isEqualTo(Schema.VERSION);
        }
    }

    private static double nanToZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    @Test
    void ingestListReplayRoundTrip() throws Exception {
        SeriesSource src = Synthetic.series(Synthetic.FULL, 25_000);
        CyclingOptions o = CyclingOptions.DEFAULT;
        Instant before = Instant.now().minusSeconds(1);
        String h = hash("full");
        try (Store store = Store.open(tmp.resolve("store"))) {
            IngestResult r = store.ingest(IngestRequest.of("full.csv", h).withCellId("cell-7"), src);
            assertThat(r.duplicate()).isFalse();
            StoredTest t = r.test();
            assertThat(t.testId()).isEqualTo("t-" + h.substring(0, 12));
            assertThat(t.fileName()).isEqualTo("full.csv");
            assertThat(t.contentHash()).isEqualTo(h);
            assertThat(t.format()).isEqualTo("synthetic");
            assertThat(t.readerVersion()).isEqualTo("7");
            assertThat(t.cellId()).contains("cell-7");
            assertThat(t.timezone()).contains(ZoneId.of("Europe/Berlin"));
            assertThat(t.timezoneAssumed()).isFalse();
            assertThat(t.rows()).isEqualTo(25_000);
            assertThat(t.cycles()).isEqualTo(125);
            assertThat(t.startTime()).contains(Instant.ofEpochSecond(0, Synthetic.T0_NANOS).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(t.ingestedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
            assertThat(t.columns()).isEqualTo(Normalizer.outputColumns(Synthetic.FULL));
            assertThat(t.cycleRule()).isEqualTo("vendor");
            assertThat(t.vendor()).isEqualTo(Map.of("Channel", "12", "Schedule", "a \"b\" c"));
            // the reader's warning first; the summary adds its own (this generator's voltage ignores the current,
            // so some cycles have EE above 1: implausible_efficiency)
            assertThat(t.warnings()).startsWith("a warning");
            assertThat(store.list()).containsExactly(t);
            assertThat(store.find(t.testId())).contains(t);
            assertThat(store.findByHash(h)).contains(t);
            assertThat(store.find("t-000000000000")).isEmpty();

            TimeSeries expected = normalised(src, o);
            TimeSeries back = store.timeSeries(t.testId());
            assertSameSeries(back, expected);
            assertThat(back.metadata().sourceName()).isEqualTo("full.csv");
            assertThat(back.metadata().vendor()).isEqualTo(t.vendor());
            assertThat(store.cycles(t.testId())).isEqualTo(summary(src, o));
        }
        // persisted: reopen and read again
        try (Store store = Store.open(tmp.resolve("store"))) {
            assertThat(store.list()).hasSize(1);
            assertSameSeries(store.timeSeries("t-" + h.substring(0, 12)), normalised(src, o));
        }
    }

    /**
     * With {@link StoreSettings#parallelInsert} the INSERT runs on several DuckDB threads, each taking whole
     * batches: every row still comes back once, in source order, with its nulls, and the summary is the same.
     */
    @Test
    void parallelInsertKeepsEveryRowInSourceOrder() throws Exception {
        SeriesSource src = Synthetic.series(Synthetic.FULL, 150_001);
        CyclingOptions o = CyclingOptions.DEFAULT;
        try (Store store = Store.open(tmp.resolve("store"), StoreSettings.defaults().withThreads(2).withParallelInsert(true), "test")) {
            StoredTest t = store.ingest(IngestRequest.of("full.csv", hash("parallel")), src).test();
            assertThat(t.rows()).isEqualTo(150_001);
            assertSameSeries(store.timeSeries(t.testId()), normalised(src, o));
            assertThat(store.cycles(t.testId())).isEqualTo(summary(src, o));
        }
    }

    @Test
    void minimalColumnsDerivedCyclesAndAssumedZone() throws Exception {
        SeriesSource base = Synthetic.series(Synthetic.MINIMAL, 3000);
        SeriesSource src = sink -> base.readInto(new tower.core.series.RecordSink() {
            @Override
            public void begin(Set<Quantity> columns, tower.core.series.TestMetadata md) {
                md.setTimezone(null);
                tower.core.ingest.ReadOptions.DEFAULT.zoneForNaiveTimes(md);
                sink.begin(columns, md);
            }

            @Override
            public void accept(tower.core.series.Batch batch) {
                sink.accept(batch);
            }

            @Override
            public void end(tower.core.series.TestMetadata md) {
                sink.end(md);
            }
        });
        CyclingOptions o = CyclingOptions.DEFAULT.withCycleRule(CycleRule.AUTO);
        try (Store store = Store.open(tmp.resolve("s"))) {
            StoredTest t = store.ingest(IngestRequest.of("min.csv", hash("min")).withOptions(o), src).test();
            assertThat(t.cellId()).isEmpty();
            assertThat(t.timezoneAssumed()).isTrue();
            assertThat(t.timezone()).contains(java.time.ZoneOffset.UTC);
            assertThat(t.flags()).contains("timezone_assumed");
            assertThat(t.cycleRule()).isEqualTo("auto");
            assertThat(t.columns()).containsExactlyInAnyOrder(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT,
                    Quantity.STEP_COUNT);
            assertSameSeries(store.timeSeries(t.testId()), normalised(src, o));
            CycleTable cycles = store.cycles(t.testId());
            assertThat(cycles).isEqualTo(summary(src, o));
            assertThat(cycles.options()).isEqualTo(o);
            assertThat(t.metadata().flags()).contains("timezone_assumed");
        }
    }

    @Test
    void duplicateContentIsStoredOnce() throws Exception {
        try (Store store = Store.open(tmp)) {
            StoredTest first = store.ingest(IngestRequest.of("a.csv", hash("same")),
                    Synthetic.series(Synthetic.FULL, 1000)).test();
            AtomicBoolean read = new AtomicBoolean();
            IngestResult again = store.ingest(IngestRequest.of("renamed.csv", hash("same")), sink -> read.set(true));
            assertThat(again.duplicate()).isTrue();
            assertThat(again.test()).isEqualTo(first);
            assertThat(read).isFalse();
            assertThat(store.list()).hasSize(1);
        }
        assertThat(counts(tmp)).containsExactly(1L, 1000L, 5L);
    }

    @Test
    void failureMidStreamLeavesTheStoreUnchanged() throws Exception {
        Path dir = tmp.resolve("store");
        try (Store store = Store.open(dir)) {
            store.ingest(IngestRequest.of("good.csv", hash("good")), Synthetic.series(Synthetic.FULL, 5000));
        }
        List<Long> before = counts(dir);
        assertThat(before).containsExactly(1L, 5000L, 25L);
        try (Store store = Store.open(dir)) {
            List<StoredTest> listed = store.list();
            // past DuckDB's row-group size, so rows were already being written to the file
            assertThatThrownBy(() -> store.ingest(IngestRequest.of("bad.csv", hash("bad")),
                    Synthetic.failing(Synthetic.FULL, 400_000, 300_000)))
                    .isInstanceOf(InputException.class).hasMessageContaining("line 300001");
            // a source that returns without ending its stream
            assertThatThrownBy(() -> store.ingest(IngestRequest.of("short.csv", hash("short")),
                    sink -> Synthetic.series(Synthetic.FULL, 100).readInto(new tower.core.series.RecordSink() {
                        @Override
                        public void begin(Set<Quantity> c, tower.core.series.TestMetadata m) {
                            sink.begin(c, m);
                        }

                        @Override
                        public void accept(tower.core.series.Batch b) {
                            sink.accept(b);
                        }

                        @Override
                        public void end(tower.core.series.TestMetadata m) {
                        }
                    }))).isInstanceOf(IllegalStateException.class);
            // the summariser refuses step_wrap without a step index, after samples were appended
            assertThatThrownBy(() -> store.ingest(IngestRequest.of("m.csv", hash("m"))
                            .withOptions(CyclingOptions.DEFAULT.withCycleRule(CycleRule.STEP_WRAP)),
                    Synthetic.series(Synthetic.MINIMAL, 100))).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.list()).isEqualTo(listed);
            assertThat(store.findByHash(hash("bad"))).isEmpty();
        }
        assertThat(counts(dir)).isEqualTo(before);
        try (Store store = Store.open(dir)) {
            IngestResult r = store.ingest(IngestRequest.of("bad.csv", hash("bad")), Synthetic.series(Synthetic.FULL, 2000));
            assertThat(r.duplicate()).isFalse();
            assertThat(r.test().rows()).isEqualTo(2000);
        }
        assertThat(counts(dir)).containsExactly(2L, 7000L, 35L);
    }

    @Test
    void readersSeeOnlyCommittedTests() throws Exception {
        try (Store store = Store.open(tmp)) {
            store.ingest(IngestRequest.of("a.csv", hash("a")), Synthetic.series(Synthetic.FULL, 1000));
            List<List<StoredTest>> seen = new ArrayList<>();
            store.ingest(IngestRequest.of("b.csv", hash("b")), Synthetic.series(Synthetic.FULL, 50_000, n -> {
                if (n == 40_000) { // mid-ingest: rows are in the open transaction
                    seen.add(store.list());
                    assertThat(store.findByHash(hash("b"))).isEmpty();
                }
            }));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).extracting(StoredTest::fileName).containsExactly("a.csv");
            assertThat(store.list()).extracting(StoredTest::fileName).containsExactly("a.csv", "b.csv");
        }
    }

    /**
     * The DuckDB behaviour the ingest transaction relies on: with auto-commit off, an Appender's rows belong to
     * the transaction once a statement has begun it; before any statement they are committed on their own.
     */
    @Test
    void duckdbAppenderJoinsOnlyATransactionThatHasBegun() throws Exception {
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("x.duckdb"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x BIGINT)");
            }
            c.setAutoCommit(false);
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                a.beginRow().append(1L).endRow();
            }
            c.rollback();
            assertThat(countT(c)).as("appender before any statement: committed on its own").isEqualTo(1);
            assertThat(countT(c)).isEqualTo(1); // this statement began a transaction
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                a.beginRow().append(2L).endRow();
            }
            try (DuckDBConnection other = c.duplicate()) {
                assertThat(countT(other)).as("not visible outside the transaction").isEqualTo(1);
            }
            c.rollback();
            assertThat(countT(c)).as("rolled back with the transaction").isEqualTo(1);
        }
    }

    private static long countT(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // guards against a hang only
    void killedIngestLeavesNoTrace() throws Exception {
        Path dir = tmp.resolve("store");
        SeriesSource small = Synthetic.series(Synthetic.FULL, 3000);
        try (Store store = Store.open(dir)) {
            store.ingest(IngestRequest.of("small.csv", hash("small")), small);
        }
        List<Long> before = counts(dir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KillChild.class.getName(), dir.toString(), "300000")
                .redirectError(tmp.resolve("child.err").toFile()).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
            if ("READY".equals(line)) {
                p.destroyForcibly();
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        assertThat(line).as("child output; stderr: %s", Files.readString(tmp.resolve("child.err"))).isEqualTo("READY");
        assertThat(counts(dir)).isEqualTo(before);
        try (Store store = Store.open(dir)) {
            assertThat(store.list()).extracting(StoredTest::fileName).containsExactly("small.csv");
            assertThat(store.findByHash(ContentHash.of(new byte[]{42}))).isEmpty();
            StoredTest t = store.ingest(IngestRequest.of("big.csv", ContentHash.of(new byte[]{42})),
                    Synthetic.series(Synthetic.FULL, 200_000)).test();
            assertThat(t.rows()).isEqualTo(200_000);
            assertSameSeries(store.timeSeries(store.list().get(0).testId()), normalised(small, CyclingOptions.DEFAULT));
        }
        assertThat(counts(dir)).containsExactly(2L, 203_000L, 1015L);
    }

    @Test
    void parquetExportHasBdfLabelsAndValues() throws Exception {
        SeriesSource src = Synthetic.series(Synthetic.FULL, 10_000);
        Path out = tmp.resolve("out/test.parquet");
        String id;
        try (Store store = Store.open(tmp.resolve("store"))) {
            id = store.ingest(IngestRequest.of("f.csv", hash("f")), src).test().testId();
            store.exportParquet(id, out);
            assertThatThrownBy(() -> store.exportParquet("t-nope", tmp.resolve("n.parquet")))
                    .isInstanceOf(NoSuchElementException.class);
        }
        try (Stream s = new Stream(out)) {
            List<String> want = new ArrayList<>();
            for (Quantity q : Normalizer.outputColumns(Synthetic.FULL)) {
                want.add(q.label());
                if (q == Quantity.UNIX_TIME) {
                    want.add("Date Time (UTC)");
                }
            }
            assertThat(s.labels).containsExactlyElementsOf(want);
        }
        assertParquetMatches(out, normalised(src, CyclingOptions.DEFAULT));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            Map<String, String> types = new java.util.HashMap<>();
            try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out + "')")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            assertThat(types).containsEntry("Cycle Count / 1", "BIGINT").containsEntry("Step Count / 1", "BIGINT")
                    .containsEntry("Step Index / 1", "BIGINT").containsEntry("Unix Time / s", "DOUBLE")
                    .containsEntry("Voltage / V", "DOUBLE").containsEntry("Date Time (UTC)", "TIMESTAMP WITH TIME ZONE");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + out + "') WHERE"
                    + " abs(epoch(\"Date Time (UTC)\") - \"Unix Time / s\") > 1e-6")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            Map<String, String> kv = new java.util.HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + out + "')")) {
                while (rs.next()) {
                    kv.put(rs.getString(1), rs.getString(2));
                }
            }
            assertThat(kv).containsEntry("tower.source_file", "f.csv").containsEntry("tower.source_sha256", hash("f"))
                    .containsEntry("tower.test_id", id).containsKeys("tower.format", "tower.reader_version",
                            "tower.units", "tower.flags", "tower.labels");
            assertThat(kv.get("tower.units")).contains("\"Voltage / V\":\"V\"");
        }
        // only the target file remains, no temporaries
        try (var l = Files.list(out.getParent())) {
            assertThat(l.toList()).containsExactly(out);
        }
    }

    /** Column labels of a Parquet file (a tiny helper holding an in-memory DuckDB connection). */
    private static final class Stream implements AutoCloseable {
        final Connection c;
        final List<String> labels = new ArrayList<>();

        Stream(Path parquet) throws SQLException {
            c = DriverManager.getConnection("jdbc:duckdb:");
            if (Files.isRegularFile(parquet)) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')")) {
                    while (rs.next()) {
                        labels.add(rs.getString(1));
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    /** Reads a BDF Parquet file back and compares it with the expected series value by value. */
    static void assertParquetMatches(Path parquet, TimeSeries expected) throws SQLException {
        List<Quantity> cols = new ArrayList<>(expected.columns());
        StringBuilder sel = new StringBuilder();
        for (Quantity q : cols) {
            sel.append(sel.length() == 0 ? "" : ", ").append('"').append(q.label()).append('"');
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + sel + " FROM read_parquet('" + parquet + "')")) {
            int row = 0;
            while (rs.next()) {
                for (int k = 0; k < cols.size(); k++) {
                    Quantity q = cols.get(k);
                    switch (q.kind()) {
                        case REAL, INTEGER -> {
                            double v = rs.getDouble(k + 1);
                            double want = expected.column(q)[row];
                            // numeric equality: DuckDB's Parquet writer may turn -0.0 into 0.0 (dictionary)
                            if (Double.isNaN(want)) {
                                assertThat(rs.wasNull()).as("%s row %d is missing", q.label(), row).isTrue();
                            } else {
                                assertThat(v).as("%s row %d", q.label(), row).isEqualTo(want);
                            }
                        }
                        case EPOCH -> {
                            double v = rs.getDouble(k + 1);
                            long want = expected.epochNanos()[row];
                            if (want == tower.core.series.Batch.NO_TIME) {
                                assertThat(rs.wasNull()).isTrue();
                            } else {
                                assertThat(v).isCloseTo(want / 1e9, org.assertj.core.data.Offset.offset(1e-6));
                            }
                        }
                        case STEP_TYPE -> {
                            String v = rs.getString(k + 1);
                            byte want = expected.stepTypes()[row];
                            assertThat(v).isEqualTo(want < 0 ? null : tower.core.series.StepType.ofOrdinal(want).label());
                        }
                    }
                }
                row++;
            }
            assertThat(row).isEqualTo(expected.size());
        }
    }

    @Test
    void datasetIsHivePartitioned() throws Exception {
        SeriesSource full = Synthetic.series(Synthetic.FULL, 4000);
        SeriesSource min = Synthetic.series(Synthetic.MINIMAL, 1500);
        Path ds = tmp.resolve("dataset");
        String a;
        String b;
        try (Store store = Store.open(tmp.resolve("store"))) {
            a = store.ingest(IngestRequest.of("full.csv", hash("A")), full).test().testId();
            b = store.ingest(IngestRequest.of("min.csv", hash("B")), min).test().testId();
            store.exportDataset(ds);
            assertThatThrownBy(() -> store.exportDataset(ds)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        }
        assertThat(ds.resolve("samples/test_id=" + a + "/part-0.parquet")).isRegularFile();
        assertThat(ds.resolve("samples/test_id=" + b + "/part-0.parquet")).isRegularFile();
        assertThat(ds.resolve("tests.parquet")).isRegularFile();
        assertThat(ds.resolve("cycles.parquet")).isRegularFile();
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("store", "dataset");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String glob = "read_parquet('" + ds + "/samples/*/*.parquet', hive_partitioning = true)";
            try (ResultSet rs = s.executeQuery("SELECT test_id, count(*), count(\"Cycle Count / 1\"),"
                    + " sum(\"Voltage / V\") FROM " + glob + " GROUP BY test_id ORDER BY test_id")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
                }
                List<String> want = new ArrayList<>(List.of(a + " 4000 4000", b + " 1500 0"));
                want.sort(null);
                assertThat(rows).isEqualTo(want);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(\"rows\"), sum(cycles), min(file_name)"
                    + " FROM read_parquet('" + ds + "/tests.parquet')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(5500);
                long cycles = rs.getLong(3);
                try (ResultSet r2 = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT test_id)"
                        + " FROM read_parquet('" + ds + "/cycles.parquet')")) {
                    r2.next();
                    assertThat(r2.getLong(1)).isEqualTo(cycles);
                    assertThat(r2.getLong(2)).isEqualTo(2);
                }
            }
        }
        // each partition holds the same rows as the single-test export, in order
        TimeSeries expected = normalised(full, CyclingOptions.DEFAULT);
        assertParquetMatches(ds.resolve("samples/test_id=" + a + "/part-0.parquet"), expected);
    }

    @Test
    void parquetSinkWritesWithoutAStore() throws Exception {
        SeriesSource src = Synthetic.series(Synthetic.FULL, 20_000);
        Path out = tmp.resolve("conv.parquet");
        try (ParquetSink sink = new ParquetSink(out)) {
            src.readInto(new Normalizer(sink, CyclingOptions.DEFAULT));
            assertThat(sink.written()).isTrue();
        }
        assertParquetMatches(out, normalised(src, CyclingOptions.DEFAULT));
        // a failing stream leaves no target and no temporaries
        Path bad = tmp.resolve("bad.parquet");
        long tempsBefore = countTemps();
        try (ParquetSink sink = new ParquetSink(bad)) {
            assertThatThrownBy(() -> Synthetic.failing(Synthetic.FULL, 20_000, 10_000)
                    .readInto(new Normalizer(sink, CyclingOptions.DEFAULT))).isInstanceOf(InputException.class);
            assertThat(sink.written()).isFalse();
        }
        assertThat(bad).doesNotExist();
        assertThat(countTemps()).isEqualTo(tempsBefore);
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactly("conv.parquet");
    }

    private static long countTemps() throws IOException {
        try (var l = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return l.filter(p -> p.getFileName().toString().startsWith("tower-parquet-")).count();
        }
    }

    @Test
    void configAndSchemaVersion() throws Exception {
        Path dir = tmp.resolve("cfg");
        try (Store store = Store.open(dir)) {
            assertThat(store.config(Store.DEFAULT_TIMEZONE)).isEmpty();
            store.setConfig(Store.DEFAULT_TIMEZONE, "America/New_York");
            store.setConfig(Store.DEFAULT_TIMEZONE, "Asia/Tokyo");
            store.setConfig("other", "x");
            assertThat(store.removeConfig("other")).isTrue();
            assertThat(store.removeConfig("other")).isFalse();
        }
        assertThat(dir.resolve(Store.FILE_NAME)).isRegularFile();
        try (Store store = Store.open(dir)) {
            assertThat(store.config(Store.DEFAULT_TIMEZONE)).contains("Asia/Tokyo");
            assertThat(store.config("other")).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
            }
            s.execute("UPDATE schema_version SET version = 99");
        }
        assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(StoreException.class).hasMessageContaining("version 99");
    }

    @Test
    void deleteRemovesEverything() throws Exception {
        try (Store store = Store.open(tmp)) {
            String id = store.ingest(IngestRequest.of("a.csv", hash("a")), Synthetic.series(Synthetic.FULL, 1000)).test().testId();
            store.ingest(IngestRequest.of("b.csv", hash("b")), Synthetic.series(Synthetic.FULL, 600));
            assertThat(store.delete(id)).isTrue();
            assertThat(store.delete(id)).isFalse();
            assertThat(store.find(id)).isEmpty();
            assertThatThrownBy(() -> store.cycles(id)).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> store.timeSeries(id)).isInstanceOf(NoSuchElementException.class);
            // the same content can be stored again
            assertThat(store.ingest(IngestRequest.of("a.csv", hash("a")), Synthetic.series(Synthetic.FULL, 1000)).duplicate()).isFalse();
        }
        assertThat(counts(tmp)).containsExactly(2L, 1600L, 8L);
    }

    @Test
    void requestValidation() {
        assertThatThrownBy(() -> IngestRequest.of("x", "ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThat(IngestRequest.of("x", hash("x")).cellId()).isEqualTo(Optional.empty());
        assertThat(Json.parse(Json.write(Map.of("k", List.of("a\u0001\"\\", 1.5, true))))).isEqualTo(
                Map.of("k", List.of("a\u0001\"\\", 1.5, true)));
    }

    @Test
    void columnsTheStoreDoesNotKnowStayEmpty() throws Exception {
        Set<Quantity> cols = EnumSet.copyOf(Synthetic.MINIMAL);
        cols.add(Quantity.AUX_VOLTAGE);
        try (Store store = Store.open(tmp)) {
            StoredTest t = store.ingest(IngestRequest.of("aux.csv", hash("aux")), Synthetic.series(cols, 500)).test();
            // AUX_VOLTAGE was never set by the generator: all missing, still a column of the test
            TimeSeries ts = store.timeSeries(t.testId());
            assertThat(ts.columns()).contains(Quantity.AUX_VOLTAGE);
            assertThat(java.util.Arrays.stream(ts.column(Quantity.AUX_VOLTAGE)).allMatch(Double::isNaN)).isTrue();
        }
    }
}
