package tower.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tower.core.cycling.CycleRule;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;

/**
 * The embedded store: a directory holding one DuckDB file, {@code tower.duckdb}, with the tables
 * {@code tests}, {@code samples} (one row per sample, one column per {@link Quantity}), {@code cycles} (the
 * per-cycle summary), {@code config} and {@code schema_version}.
 *
 * <p>Ingest is atomic: a test is stored completely, in one transaction, or not at all, also when the reader
 * fails half-way or the process is killed. Methods may be called from several threads; ingests and deletes run
 * one at a time, reads run beside them and see committed tests only. Only one process can open a store.
 */
public final class Store implements AutoCloseable {
    /** Name of the database file inside the store directory. */
    public static final String FILE_NAME = "tower.duckdb";
    /** Config key of the zone for naive timestamps when a command gives none. */
    public static final String DEFAULT_TIMEZONE = "default_timezone";

    private static final int PAGE_ROWS = 1 << 17;
    private static final String TEST_COLUMNS = "test_id, file_name, content_hash, format, reader_version, cell_id,"
            + " timezone, timezone_assumed, row_count, cycle_count, epoch_us(start_time), epoch_us(ingested_at),"
            + " cycle_rule, metadata";

    private final Path dir;
    private final DuckDBConnection root;
    /** Table columns of {@code samples} after test_id and ord; null where a column is not a known quantity. */
    private final Quantity[] samplePlan;
    /** Name of this store's {@link SampleFeed} table function (unique: DuckDB shares one catalog per file). */
    private final String feedFunction;
    private static final java.util.concurrent.atomic.AtomicLong FEEDS = new java.util.concurrent.atomic.AtomicLong();
    /** One writer per database file, also across Store objects (DuckDB shares one instance per file in a JVM). */
    private static final Map<Path, ReentrantLock> WRITE_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock writeLock;
    private volatile boolean closed;

    private Store(Path dir, Path file, DuckDBConnection root, Quantity[] samplePlan, String feedFunction) {
        this.dir = dir;
        this.feedFunction = feedFunction;
        this.root = root;
        this.samplePlan = samplePlan;
        this.writeLock = WRITE_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    }

    /** Opens the store in {@code dir}, creating the directory, the database and its tables as needed. */
    public static Store open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.toRealPath().resolve(FILE_NAME);
        DuckDBConnection c;
        try {
            // DuckDB's native memory is bounded (it spills to a temp folder beside the database), so an ingest's
            // memory does not grow with the file: TOWER_DUCKDB_MEMORY or -Dtower.duckdb.memory overrides it.
            java.util.Properties props = new java.util.Properties();
            String env = System.getenv("TOWER_DUCKDB_MEMORY");
            props.setProperty("memory_limit", System.getProperty("tower.duckdb.memory", env == null ? "512MB" : env));
            c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
        try {
            Schema.migrate(c);
            List<String> cols = Schema.columnsOf(c, "samples");
            Map<String, Quantity> byName = new LinkedHashMap<>();
            for (Quantity q : Quantity.values()) {
                byName.put(Columns.sqlName(q), q);
            }
            if (cols.size() < 2 || !cols.get(0).equals("test_id") || !cols.get(1).equals("ord")) {
                throw new StoreException("the store's samples table has an unexpected layout: " + cols);
            }
            Quantity[] plan = new Quantity[cols.size() - 2];
            for (int k = 2; k < cols.size(); k++) {
                plan[k - 2] = byName.get(cols.get(k));
            }
            List<String> cycleCols = Schema.columnsOf(c, "cycles");
            if (!cycleCols.equals(cyclesTableColumns())) {
                throw new StoreException("the store's cycles table has an unexpected layout: " + cycleCols);
            }
            String feed = "tower_sample_feed_" + FEEDS.incrementAndGet();
            SampleFeed.register(c, feed);
            return new Store(dir, file, c, plan, feed);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException s) {
                throw new StoreException("cannot prepare the store " + file + ": " + s.getMessage(), s);
            }
            throw (RuntimeException) e;
        }
    }

    private static List<String> cyclesTableColumns() {
        List<String> l = new ArrayList<>();
        l.add("test_id");
        l.addAll(List.of(Schema.CYCLE_COLUMNS));
        return l;
    }

    public Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- config

    /** A store setting, e.g. {@link #DEFAULT_TIMEZONE}. */
    public Optional<String> config(String key) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM config WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void setConfig(String key, String value) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO config VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a setting; true when it was set. */
    public boolean removeConfig(String key) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM config WHERE key = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // ---------------------------------------------------------------- ingest

    /**
     * Stores one test. The source's stream goes through {@link Normalizer} into the samples table (read on a
     * second thread, inserted through a {@link SampleFeed}) and a {@link CycleSummarizer}; test row, samples and
     * cycles are committed together. When a test
     * with the same content hash exists, the source is not read and the existing test is returned with
     * {@code duplicate = true}. Any exception leaves the store as it was and is passed on.
     */
    public IngestResult ingest(IngestRequest request, SeriesSource source) throws IOException {
        ensureOpen();
        String id = request.testId();
        writeLock.lock();
        try (DuckDBConnection c = root.duplicate()) {
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                // This first statement opens the transaction, which the samples and cycles then join.
                Optional<StoredTest> existing = findOne(c, "content_hash", request.contentHash());
                if (existing.isPresent()) {
                    return new IngestResult(existing.get(), true);
                }
                if (findOne(c, "test_id", id).isPresent()) {
                    throw new StoreException("test id " + id + " is already taken by a test with other content");
                }
                CycleSummarizer summarizer = new CycleSummarizer(request.options());
                SampleFeed samples = storeSamples(c, id, request, source, summarizer);
                CycleTable cycles = summarizer.result();
                appendCycles(c, id, cycles);
                insertTest(c, request, samples, cycles);
                c.commit();
                committed = true;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("ingest of " + request.fileName() + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
        return new IngestResult(find(id).orElseThrow(), false);
    }

    private static void rollbackQuietly(DuckDBConnection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; DuckDB discards an open transaction then too
        }
    }

    /**
     * Reads the source on a second thread into a {@link SampleFeed} while this thread runs the INSERT that takes
     * its rows; returns when both are done. The source's own exception wins over the INSERT's.
     */
    private SampleFeed storeSamples(DuckDBConnection c, String id, IngestRequest request, SeriesSource source,
                                    CycleSummarizer summarizer) throws IOException, SQLException {
        SampleFeed feed = new SampleFeed();
        Thread reader = new Thread(() -> {
            Throwable failure = null;
            try {
                source.readInto(new Normalizer(Tee.of(feed, summarizer), request.options()));
            } catch (Throwable t) {
                failure = t;
            }
            feed.finish(failure);
        }, "tower-ingest-read");
        reader.setDaemon(true);
        SQLException sqlFailure = null;
        boolean interrupted = false;
        try {
            reader.start();
            if (feed.awaitBegin() && feed.failure() == null) {
                StringBuilder cols = new StringBuilder("test_id, ord");
                for (Quantity q : feed.order) {
                    cols.append(", ").append(Columns.sqlName(q));
                }
                try (Statement s = c.createStatement()) {
                    // The feed is a single stream; with worker threads, the JDBC thread would spin waiting
                    // for them and take the core the reader needs. DuckDB's setting is per database.
                    long threads;
                    try (ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
                        rs.next();
                        threads = rs.getLong(1);
                    }
                    s.execute("SET threads = 1");
                    try {
                        s.execute("INSERT INTO samples (" + cols + ") SELECT " + Columns.literal(id) + ", * FROM "
                                + feedFunction + "(" + Columns.literal(feed.key()) + ")");
                    } finally {
                        if (threads > 0) {
                            s.execute("SET threads = " + threads);
                        }
                    }
                } catch (SQLException e) {
                    sqlFailure = e;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            feed.close();
            while (true) {
                try {
                    reader.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("ingest interrupted");
        }
        Throwable f = feed.failure();
        if (f != null && !(sqlFailure != null && SampleFeed.isCancellation(f))) {
            if (sqlFailure != null) {
                f.addSuppressed(sqlFailure);
            }
            if (f instanceof IOException io) {
                throw io;
            }
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(f);
        }
        if (sqlFailure != null) {
            throw sqlFailure;
        }
        if (!feed.ended) {
            throw new IllegalStateException("the source returned without ending its stream");
        }
        return feed;
    }

    private static void appendCycles(DuckDBConnection c, String id, CycleTable table) throws SQLException {
        try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "cycles")) {
            for (CycleSummary s : table.cycles()) {
                app.beginRow();
                app.append(id);
                app.append(s.cycleIndex());
                for (double v : new double[]{s.startTestTimeS(), s.durationS(), s.chargeCapacityAh(),
                        s.dischargeCapacityAh(), s.chargeEnergyWh(), s.dischargeEnergyWh(), s.coulombicEfficiency(),
                        s.energyEfficiency(), s.voltageMinV(), s.voltageMaxV(), s.meanChargeVoltageV(),
                        s.meanDischargeVoltageV(), s.currentMinA(), s.currentMaxA(), s.temperatureMinC(),
                        s.temperatureMeanC(), s.temperatureMaxC(), s.chargeDurationS(), s.cvTimeS(),
                        s.cvCapacityAh(), s.ahThroughput(), s.vendorChargeCapacityAh(),
                        s.vendorDischargeCapacityAh()}) {
                    if (Double.isNaN(v)) {
                        app.appendNull();
                    } else {
                        app.append(v);
                    }
                }
                app.append(s.samples());
                app.append(String.join(",", s.flags()));
                app.endRow();
            }
        }
    }

    private static void insertTest(DuckDBConnection c, IngestRequest req, SampleFeed samples, CycleTable cycles)
            throws SQLException {
        TestMetadata md = samples.metadata;
        Optional<Instant> start = md.startTime();
        if (start.isEmpty() && samples.firstUnixNanos != Batch.NO_TIME) {
            start = Optional.of(Instant.ofEpochSecond(0, samples.firstUnixNanos));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (Quantity q : samples.columns) {
            labels.add(q.label());
        }
        meta.put("columns", labels);
        meta.put("vendor", md.vendor());
        meta.put("warnings", md.warnings());
        meta.put("flags", md.flags());
        meta.put("ce_convention", cycles.ceConvention());
        meta.put("cycling_options", optionsToMap(cycles.options()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " make_timestamp(?), make_timestamp(?), ?, ?)")) {
            ps.setString(1, req.testId());
            ps.setString(2, req.fileName());
            ps.setString(3, req.contentHash());
            ps.setString(4, md.format());
            ps.setString(5, md.readerVersion());
            setOptional(ps, 6, req.cellId());
            setOptional(ps, 7, md.timezone().map(ZoneId::getId));
            ps.setBoolean(8, md.timezoneAssumed());
            ps.setLong(9, samples.rows);
            ps.setLong(10, cycles.cycles().size());
            if (start.isPresent()) {
                ps.setLong(11, ChronoUnit.MICROS.between(Instant.EPOCH, start.get()));
            } else {
                ps.setNull(11, Types.BIGINT);
            }
            ps.setLong(12, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
            ps.setString(13, cycles.cycleRule());
            ps.setString(14, Json.write(meta));
            ps.executeUpdate();
        }
    }

    private static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    private static Map<String, Object> optionsToMap(CyclingOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle_rule", o.cycleRule().id());
        m.put("rest_current_relative", o.restCurrentRelative());
        m.put("rest_current_floor_a", o.restCurrentFloorA());
        m.put("pause_gap_s", o.pauseGapS());
        m.put("mismatch_tolerance", o.mismatchTolerance());
        m.put("cv_voltage_relative", o.cvVoltageRelative());
        m.put("cv_current_drop", o.cvCurrentDrop());
        m.put("pulse_max_duration_s", o.pulseMaxDurationS());
        m.put("ce_convention", o.ceConvention().id());
        return m;
    }

    private static CyclingOptions optionsFromMap(Object value) {
        CyclingOptions d = CyclingOptions.DEFAULT;
        if (!(value instanceof Map<?, ?> m)) {
            return d;
        }
        return new CyclingOptions(
                m.get("cycle_rule") instanceof String s ? CycleRule.parse(s) : d.cycleRule(),
                number(m, "rest_current_relative", d.restCurrentRelative()),
                number(m, "rest_current_floor_a", d.restCurrentFloorA()),
                number(m, "pause_gap_s", d.pauseGapS()),
                number(m, "mismatch_tolerance", d.mismatchTolerance()),
                number(m, "cv_voltage_relative", d.cvVoltageRelative()),
                number(m, "cv_current_drop", d.cvCurrentDrop()),
                number(m, "pulse_max_duration_s", d.pulseMaxDurationS()),
                m.get("ce_convention") instanceof String c ? tower.core.cycling.CeConvention.parse(c) : d.ceConvention());
    }

    private static double number(Map<?, ?> m, String key, double fallback) {
        return m.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    // ---------------------------------------------------------------- reading

    /** Every stored test, oldest first. */
    public List<StoredTest> list() {
        return read(c -> {
            List<StoredTest> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + TEST_COLUMNS + " FROM tests ORDER BY ingested_at, test_id")) {
                while (rs.next()) {
                    out.add(testRow(rs).test);
                }
            }
            return out;
        });
    }

    public Optional<StoredTest> find(String testId) {
        return read(c -> findOne(c, "test_id", testId));
    }

    /** The test stored from content with this SHA-256, if any: lets callers skip reading a known file. */
    public Optional<StoredTest> findByHash(String contentHash) {
        return read(c -> findOne(c, "content_hash", contentHash));
    }

    private static Optional<StoredTest> findOne(DuckDBConnection c, String column, String value) throws SQLException {
        return findRow(c, column, value).map(r -> r.test);
    }

    private record TestRow(StoredTest test, Map<?, ?> meta) {
    }

    private static Optional<TestRow> findRow(DuckDBConnection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TEST_COLUMNS + " FROM tests WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(testRow(rs)) : Optional.empty();
            }
        }
    }

    private static TestRow testRow(ResultSet rs) throws SQLException {
        Map<?, ?> meta = Json.parse(rs.getString(14)) instanceof Map<?, ?> m ? m : Map.of();
        Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
        for (String label : strings(meta.get("columns"))) {
            Quantity.byLabel(label).ifPresent(columns::add);
        }
        Map<String, String> vendor = new LinkedHashMap<>();
        if (meta.get("vendor") instanceof Map<?, ?> v) {
            v.forEach((k, val) -> vendor.put(String.valueOf(k), String.valueOf(val)));
        }
        long startUs = rs.getLong(11);
        Optional<Instant> start = rs.wasNull() ? Optional.empty() : Optional.of(micros(startUs));
        StoredTest t = new StoredTest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)).map(ZoneId::of),
                rs.getBoolean(8), rs.getLong(9), rs.getLong(10), start, micros(rs.getLong(12)),
                Collections.unmodifiableSet(columns), rs.getString(13), Collections.unmodifiableMap(vendor),
                List.copyOf(strings(meta.get("warnings"))),
                Collections.unmodifiableSet(new LinkedHashSet<>(strings(meta.get("flags")))));
        return new TestRow(t, meta);
    }

    private static Instant micros(long us) {
        return Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /**
     * Streams a stored test into a sink in batches, as the reader's normalised stream was: same columns, rows in
     * source order, missing values as NaN / {@link Batch#NO_TIME} / no step type. Memory does not grow with the
     * test's size. Throws {@link NoSuchElementException} for an unknown id.
     */
    public void replay(String testId, RecordSink sink) {
        ensureOpen();
        try (DuckDBConnection c = root.duplicate()) {
            c.setAutoCommit(false); // one snapshot for all pages
            try {
                StoredTest t = findOne(c, "test_id", testId).orElseThrow(() -> unknown(testId));
                Set<Quantity> cols = t.columns();
                Quantity[] order = cols.toArray(new Quantity[0]);
                TestMetadata md = t.metadata();
                sink.begin(cols, md);
                Batch b = new Batch(cols, Batch.DEFAULT_CAPACITY);
                String sql = "SELECT " + (order.length == 0 ? "ord" : Columns.replaySelect(cols))
                        + " FROM samples WHERE test_id = ? AND ord >= ? AND ord < ? ORDER BY ord";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (long from = 0; from < t.rows(); from += PAGE_ROWS) {
                        ps.setString(1, testId);
                        ps.setLong(2, from);
                        ps.setLong(3, from + PAGE_ROWS);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                if (b.isFull()) {
                                    sink.accept(b);
                                    b.clear();
                                }
                                Columns.read(rs, 1, order, b, b.addRow());
                            }
                        }
                    }
                }
                if (b.size() > 0) {
                    sink.accept(b);
                }
                sink.end(md);
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read test " + testId + ": " + e.getMessage(), e);
        }
    }

    /** A stored test in memory, for analyses that need random access. */
    public TimeSeries timeSeries(String testId) {
        TimeSeries.Collector collector = new TimeSeries.Collector();
        replay(testId, collector);
        return collector.result();
    }

    /** The per-cycle summary computed at ingest, with the rule and options that made it. */
    public CycleTable cycles(String testId) {
        return read(c -> {
            TestRow row = findRow(c, "test_id", testId).orElseThrow(() -> unknown(testId));
            List<CycleSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", Schema.CYCLE_COLUMNS)
                    + " FROM cycles WHERE test_id = ? ORDER BY cycle_index")) {
                ps.setString(1, testId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] v = new double[23];
                        for (int k = 0; k < v.length; k++) {
                            v[k] = rs.getDouble(k + 2);
                            if (rs.wasNull()) {
                                v[k] = Double.NaN;
                            }
                        }
                        String flags = rs.getString(26);
                        out.add(new CycleSummary(rs.getLong(1), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                                v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20],
                                v[21], v[22], rs.getLong(25), Double.NaN, Double.NaN, flags.isEmpty() ? List.of() : List.of(flags.split(","))));
                    }
                }
            }
            String ce = row.meta.get("ce_convention") instanceof String s ? s : "charge_first";
            return new CycleTable(row.test.cycleRule(), ce, optionsFromMap(row.meta.get("cycling_options")),
                    List.copyOf(out));
        });
    }

    /** Removes a test with its samples and cycles; true when it existed. */
    public boolean delete(String testId) {
        return write(c -> {
            int n;
            try (PreparedStatement a = c.prepareStatement("DELETE FROM samples WHERE test_id = ?");
                 PreparedStatement b = c.prepareStatement("DELETE FROM cycles WHERE test_id = ?");
                 PreparedStatement t = c.prepareStatement("DELETE FROM tests WHERE test_id = ?")) {
                for (PreparedStatement ps : List.of(a, b, t)) {
                    ps.setString(1, testId);
                }
                a.executeUpdate();
                b.executeUpdate();
                n = t.executeUpdate();
            }
            return n > 0;
        });
    }

    // ---------------------------------------------------------------- export

    /**
     * Writes one test as a BDF Parquet file: the columns the test has, named by their BDF labels, rows in source
     * order, {@code Unix Time / s} as double seconds. The file appears complete or not at all.
     */
    public void exportParquet(String testId, Path target) throws IOException {
        StoredTest t = find(testId).orElseThrow(() -> unknown(testId));
        String select = "SELECT " + selectList(t.columns()) + " FROM samples WHERE test_id = "
                + Columns.literal(testId) + " ORDER BY ord";
        readIo(c -> {
            copyAtomically(c, select, target);
            return null;
        });
    }

    /**
     * Writes every test as a Parquet dataset in {@code dir} (which must be absent or empty):
     * {@code samples/test_id=<id>/part-0.parquet} (hive partitioning; all files share the union of the tests'
     * columns, BDF-labelled), {@code tests.parquet} (one row per test with its metadata) and
     * {@code cycles.parquet} (the per-cycle summaries with {@code test_id}). Written into a temporary directory
     * beside {@code dir} and renamed into place at the end.
     */
    public void exportDataset(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
                if (ds.iterator().hasNext()) {
                    throw new java.nio.file.FileAlreadyExistsException(target.toString(), null,
                            "the dataset directory is not empty");
                }
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            readIo(c -> {
                List<StoredTest> tests = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT " + TEST_COLUMNS + " FROM tests ORDER BY test_id")) {
                    while (rs.next()) {
                        tests.add(testRow(rs).test);
                    }
                }
                Set<Quantity> union = EnumSet.noneOf(Quantity.class);
                tests.forEach(t -> union.addAll(t.columns()));
                Path samples = Files.createDirectories(tmp.resolve("samples"));
                for (StoredTest t : tests) {
                    Path part = Files.createDirectories(samples.resolve("test_id=" + t.testId())).resolve("part-0.parquet");
                    copy(c, "SELECT " + selectList(union) + " FROM samples WHERE test_id = "
                            + Columns.literal(t.testId()) + " ORDER BY ord", part);
                }
                copy(c, "SELECT test_id, file_name, content_hash, format, reader_version, cell_id, timezone,"
                        + " timezone_assumed, row_count, cycle_count, start_time, ingested_at, cycle_rule, metadata"
                        + " FROM tests ORDER BY test_id", tmp.resolve("tests.parquet"));
                copy(c, "SELECT * FROM cycles ORDER BY test_id, cycle_index", tmp.resolve("cycles.parquet"));
                return null;
            });
            Files.deleteIfExists(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    /** A select list that is never empty (a test without columns still exports its row count). */
    private static String selectList(Set<Quantity> columns) {
        return columns.isEmpty() ? "ord AS \"Row\"" : Columns.labelledSelect(columns);
    }

    static void copy(DuckDBConnection c, String select, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO " + Columns.literal(file.toAbsolutePath().toString())
                    + " (FORMAT PARQUET)");
        }
    }

    /** COPY into a temporary file beside the target, then rename it over the target. */
    static void copyAtomically(DuckDBConnection c, String select, Path target) throws SQLException, IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            copy(c, select, tmp);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(DuckDBConnection c) throws SQLException, IOException;
    }

    /** Runs read-only work in one snapshot. */
    private <T> T read(Work<T> work) {
        try {
            return readIo(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T readIo(Work<T> work) throws IOException {
        ensureOpen();
        try (DuckDBConnection c = root.duplicate()) {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            throw new StoreException("store query failed: " + e.getMessage(), e);
        }
    }

    /** Runs changing work in one transaction, one writer at a time. */
    private <T> T write(Work<T> work) {
        ensureOpen();
        writeLock.lock();
        try (DuckDBConnection c = root.duplicate()) {
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                T result = work.run(c);
                c.commit();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("store update failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A new connection to the store's database for tables that other modules own and create (the server's
     * catalogue); the caller closes it. The store's own tables must be changed through this class only.
     */
    public java.sql.Connection connection() throws SQLException {
        ensureOpen();
        return root.duplicate();
    }

    private static NoSuchElementException unknown(String testId) {
        return new NoSuchElementException("no test '" + testId + "' in the store");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } catch (SQLException e) {
            throw new StoreException("closing the store failed: " + e.getMessage(), e);
        }
    }
}
