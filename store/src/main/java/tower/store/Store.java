package tower.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.Normalizer;
import tower.core.series.RecordSink;
import tower.core.series.TimeSeries;

/**
 * The embedded store: a directory holding one DuckDB file, {@code tower.duckdb}, with the tables {@code tests}
 * ({@link TestsTable}), {@code samples} ({@link SampleIngest}), {@code cycles} ({@link CyclesTable}),
 * {@code config} and {@code schema_version}; Parquet out of it is {@link Export}'s.
 *
 * <p>Ingest is atomic: a test is stored completely, in one transaction, or not at all, also when the reader
 * fails half-way or the process is killed. Methods may be called from several threads; ingests and other changes
 * run one at a time, reads run beside them and see committed tests only.
 *
 * <p>Processes: one process at a time opens a store read-write (and records itself in {@link Holder#FILE_NAME});
 * any number open it read-only at once when no one writes. A process that finds the store held waits up to
 * {@link StoreSettings#lockWait()} and then fails with {@link StoreBusyException} saying who holds it.
 */
public final class Store implements AutoCloseable {
    /** Name of the database file inside the store directory. */
    public static final String FILE_NAME = "tower.duckdb";
    /** Config key of the zone for naive timestamps when a command gives none. */
    public static final String DEFAULT_TIMEZONE = "default_timezone";

    private static final AtomicLong FEEDS = new AtomicLong();
    /** One writer per database file, also across Store objects (DuckDB shares one instance per file in a JVM). */
    private static final Map<Path, ReentrantLock> WRITE_LOCKS = new ConcurrentHashMap<>();
    /** Stores open read-write in this JVM: a read-only open of the same file shares their instance. */
    private static final Map<Path, Store> WRITERS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path file;
    private final DuckDBConnection root;
    private final boolean readOnly;
    private final boolean created;
    private final Optional<Holder> holder;
    /** Name of this store's {@link SampleFeed} table function (unique: DuckDB shares one catalog per file). */
    private final String feedFunction;
    private final ReentrantLock writeLock;
    private volatile boolean closed;

    private Store(Path dir, Path file, DuckDBConnection root, boolean readOnly, boolean created,
                  Optional<Holder> holder, String feedFunction) {
        this.dir = dir;
        this.file = file;
        this.root = root;
        this.readOnly = readOnly;
        this.created = created;
        this.holder = holder;
        this.feedFunction = feedFunction;
        this.writeLock = WRITE_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    }

    /** Opens the store in {@code dir} read-write with {@link StoreSettings#defaults()}, creating it as needed. */
    public static Store open(Path dir) throws IOException {
        return open(dir, StoreSettings.defaults(), "tower");
    }

    /**
     * Opens the store in {@code dir}. Read-write creates the directory, the database and its tables as needed and
     * records {@code holder} (what this process is, e.g. {@code ingest} or {@code tower serve}) for the messages
     * of processes it keeps out. Read-only requires an existing store and changes nothing.
     *
     * @throws StoreBusyException another process held the store for longer than the settings' lock wait
     * @throws StoreException     no store there (read-only), a file in the way, a damaged or too new database
     */
    public static Store open(Path dir, StoreSettings settings, String holder) throws IOException {
        if (dir.toString().isBlank()) {
            throw new StoreException("the store directory is empty: give a directory");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new StoreException(dir + " is a file, not a store directory: give a directory");
        }
        if (settings.readOnly()) {
            if (!Files.exists(abs.resolve(FILE_NAME))) {
                throw new StoreMissingException("no store at " + dir + " (tower ingest creates one)");
            }
        } else {
            try {
                Files.createDirectories(abs);
            } catch (AccessDeniedException e) {
                throw new StoreException("cannot create the store " + dir + ": permission denied");
            } catch (FileSystemException e) {
                throw new StoreException("cannot create the store " + dir + ": " + reason(e));
            }
            if (!Files.isWritable(abs)) {
                throw new StoreException("cannot write to the store " + dir + ": permission denied");
            }
        }
        Path real = abs.toRealPath();
        Path file = real.resolve(FILE_NAME);
        if (Files.isDirectory(file)) {
            throw new StoreException(dir + "/" + FILE_NAME + " is a directory, not a database: move it aside");
        }
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new StoreException("cannot read the store " + dir + ": permission denied");
        }
        if (settings.readOnly()) {
            Store writer = WRITERS.get(file);
            if (writer != null && !writer.closed) {
                try {
                    return new Store(real, file, writer.root.duplicate(), true, false, Optional.empty(), "");
                } catch (SQLException e) {
                    // the writer closed meanwhile: open on our own below
                }
            }
        }
        boolean created = !Files.exists(file);
        DuckDBConnection c = connect(dir, file, settings);
        try {
            if (settings.readOnly()) {
                int version = Schema.version(c);
                if (version > 0 && version < Schema.VERSION) {
                    c.close();
                    upgrade(dir, file, settings, holder);
                    c = connect(dir, file, settings);
                }
                Schema.check(c);
                return new Store(real, file, c, true, false, Optional.empty(), "");
            }
            boolean rewritten = Schema.migrate(c);
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            Schema.check(c);
            String feed = "tower_sample_feed_" + FEEDS.incrementAndGet();
            SampleFeed.register(c, feed);
            Holder h = Holder.current(holder);
            h.write(real);
            Store store = new Store(real, file, c, false, created, Optional.of(h), feed);
            WRITERS.put(file, store);
            if (rewritten) {
                store.compact(); // the migrated rows' old blocks would double the file until a compaction
                return open(dir, settings, holder);
            }
            return store;
        } catch (SQLException | RuntimeException | IOException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException s) {
                throw new StoreException("the store " + dir + " cannot be used: " + FILE_NAME
                        + " is damaged or not a tower store (move it aside and ingest again)", s);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * A store written by an older version, opened to read: migrated once in a short read-write open (a writer of
     * the current version would have migrated it already).
     */
    private static void upgrade(Path dir, Path file, StoreSettings settings, String holder) throws IOException {
        if (!Files.isWritable(file) || !Files.isWritable(file.getParent())) {
            throw new StoreException("the store " + dir + " was written by an older tower and needs a one-time"
                    + " upgrade, which needs write access to " + dir);
        }
        open(dir, settings.withReadOnly(false), holder).close();
    }

    private static String reason(FileSystemException e) {
        String r = e.getReason();
        return r == null ? "cannot be created" : r.toLowerCase(java.util.Locale.ROOT);
    }

    /** Connects, waiting while another process holds the lock (up to the settings' lock wait). */
    private static DuckDBConnection connect(Path dir, Path file, StoreSettings settings) {
        Properties props = new Properties();
        props.setProperty("memory_limit", settings.memoryLimit());
        if (settings.threads() > 0) {
            props.setProperty("threads", Integer.toString(settings.threads()));
        }
        if (settings.readOnly()) {
            props.setProperty("duckdb.read_only", "true");
        }
        if (settings.parallelInsert()) {
            props.setProperty("preserve_insertion_order", "false");
        }
        long deadline = System.nanoTime() + settings.lockWait().toNanos();
        long pause = 50;
        while (true) {
            try {
                return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
            } catch (SQLException e) {
                boolean lock = Holder.isLockConflict(e) || sameJvmConflict(e);
                if (!lock) {
                    throw new StoreException("the store " + dir + " cannot be opened: " + FILE_NAME
                            + " is damaged or not a tower store (move it aside and ingest again)", e);
                }
                if (System.nanoTime() >= deadline) {
                    throw new StoreBusyException(Holder.busyMessage(file.getParent(), e, !settings.readOnly()), e);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreBusyException(Holder.busyMessage(file.getParent(), e, !settings.readOnly()), e);
                }
                pause = Math.min(pause * 2, 500);
            }
        }
    }

    /** DuckDB refuses a second instance of a file in one JVM opened with other settings (read-only vs not). */
    private static boolean sameJvmConflict(SQLException e) {
        String m = e.getMessage();
        return m != null && m.contains("different configuration");
    }

    public Path directory() {
        return dir;
    }

    /** True when this store was opened read-only. */
    public boolean readOnly() {
        return readOnly;
    }

    /** True when this open created the database. */
    public boolean created() {
        return created;
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

    // ---------------------------------------------------------------- changes

    /**
     * Stores one test. The source's stream goes through {@link Normalizer} into the samples table and a
     * {@link CycleSummarizer}; test row, samples and cycles are committed together. When a test with the same
     * content hash exists, the source is not read and the existing test is returned with {@code duplicate = true}.
     * Any exception leaves the store as it was and is passed on.
     */
    public IngestResult ingest(IngestRequest request, SeriesSource source) throws IOException {
        String id = request.testId();
        Optional<StoredTest> existing = writeIo(c -> {
            // This first statement opens the transaction, which the samples and cycles then join.
            Optional<StoredTest> same = TestsTable.find(c, "content_hash", request.contentHash());
            if (same.isPresent()) {
                return same;
            }
            if (TestsTable.find(c, "test_id", id).isPresent()) {
                throw new StoreException("test id " + id + " is already taken by a test with other content");
            }
            CycleSummarizer summarizer = new CycleSummarizer(request.options());
            TestsTable.Stream samples = SampleIngest.insert(c, feedFunction, id, request.options(), source, summarizer);
            CycleTable cycles = summarizer.result();
            CyclesTable.append(c, id, cycles);
            TestsTable.insert(c, request, samples, cycles);
            return Optional.<StoredTest>empty();
        }, "ingest of " + request.fileName() + " failed");
        if (existing.isPresent()) {
            return new IngestResult(existing.get(), true);
        }
        return new IngestResult(find(id).orElseThrow(), false);
    }

    /** Replaces a test's per-cycle summary (e.g. recomputed with other cycling options). */
    public void replaceCycles(String testId, CycleTable table) {
        write(c -> {
            TestsTable.Row row = TestsTable.findRow(c, "test_id", testId).orElseThrow(() -> unknown(testId));
            CyclesTable.delete(c, testId);
            CyclesTable.append(c, testId, table);
            TestsTable.updateSummary(c, row, table);
            return null;
        });
    }

    /** Sets a test's cell id and labels (replacing the old ones). */
    public StoredTest label(String testId, Optional<String> cellId, TestLabels labels) {
        write(c -> {
            TestsTable.Row row = TestsTable.findRow(c, "test_id", testId).orElseThrow(() -> unknown(testId));
            TestsTable.updateLabels(c, row, cellId, labels);
            return null;
        });
        return find(testId).orElseThrow();
    }

    /** Removes a test with its samples and cycles; true when it existed. */
    public boolean delete(String testId) {
        return write(c -> {
            SampleIngest.delete(c, testId);
            CyclesTable.delete(c, testId);
            return TestsTable.delete(c, testId);
        });
    }

    // ---------------------------------------------------------------- reading

    /** Every stored test, oldest first. */
    public List<StoredTest> list() {
        return read(c -> TestsTable.list(c, "ingested_at, test_id"));
    }

    public Optional<StoredTest> find(String testId) {
        return read(c -> TestsTable.find(c, "test_id", testId));
    }

    /** The test stored from content with this SHA-256, if any: lets callers skip reading a known file. */
    public Optional<StoredTest> findByHash(String contentHash) {
        return read(c -> TestsTable.find(c, "content_hash", contentHash));
    }

    /**
     * Streams a stored test into a sink in batches, as the reader's normalised stream was: same columns, rows in
     * source order, missing values as NaN / no time / no step type. Memory does not grow with the test's size.
     * Throws {@link NoSuchElementException} for an unknown id.
     */
    public void replay(String testId, RecordSink sink) {
        read(c -> {
            StoredTest t = TestsTable.find(c, "test_id", testId).orElseThrow(() -> unknown(testId));
            SampleIngest.replay(c, t, sink);
            return null;
        });
    }

    /** A stored test in memory, for analyses that need random access. */
    public TimeSeries timeSeries(String testId) {
        StoredTest t = find(testId).orElseThrow(() -> unknown(testId));
        TimeSeries.Collector collector = new TimeSeries.Collector(t.rows());
        replay(testId, collector);
        return collector.result();
    }

    /** The stored per-cycle summary, with the rule and options that made it. */
    public CycleTable cycles(String testId) {
        return read(c -> {
            TestsTable.Row row = TestsTable.findRow(c, "test_id", testId).orElseThrow(() -> unknown(testId));
            return CyclesTable.table(c, testId, row.test().cycleRule(), row.ceConvention(), row.options());
        });
    }

    // ---------------------------------------------------------------- export

    /**
     * Writes one test as a BDF Parquet file: the columns the test has, named by their BDF labels, counters as
     * integers, {@code Unix Time / s} as double seconds and as a UTC timestamp, rows in source order, and
     * key-value metadata (source, SHA-256, reader, cell, labels, units, flags, plus {@code extra}). The file
     * appears complete or not at all.
     */
    public void exportParquet(String testId, Path target, Map<String, String> extra) throws IOException {
        readIo(c -> {
            StoredTest t = TestsTable.find(c, "test_id", testId).orElseThrow(() -> unknown(testId));
            Export.testToParquet(c, t, target, extra);
            return null;
        });
    }

    public void exportParquet(String testId, Path target) throws IOException {
        exportParquet(testId, target, Map.of());
    }

    /**
     * Writes every test as a Parquet dataset in {@code dir} (which must be absent or empty):
     * {@code samples/test_id=<id>/part-0.parquet} (hive partitioning; all files share the union of the tests'
     * columns), {@code tests.parquet} (one row per test, the fields of {@code tower list --json}) and
     * {@code cycles.parquet}. Written into a hidden directory beside {@code dir} and renamed into place.
     */
    public void exportDataset(Path dir, Map<String, String> extra) throws IOException {
        readIo(c -> {
            Export.dataset(c, TestsTable.list(c, "test_id"), dir, extra);
            return null;
        });
    }

    public void exportDataset(Path dir) throws IOException {
        exportDataset(dir, Map.of());
    }

    // ---------------------------------------------------------------- space

    /**
     * Bytes of the database file and bytes its live blocks take; the difference is space an interrupted ingest
     * left behind, which {@link #compact} gives back.
     */
    public record Size(long fileBytes, long usedBytes) {
        public long deadBytes() {
            return Math.max(0, fileBytes - usedBytes);
        }
    }

    public Size size() throws IOException {
        long used = read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT block_size * used_blocks FROM pragma_database_size() WHERE database_name = current_database()")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
        return new Size(Files.size(file), used);
    }

    /**
     * Rewrites the database into a fresh file (only live data) and swaps it in; closes this store. Needs this
     * store read-write (so no other process has the file open while it runs).
     */
    public Size compact() throws IOException {
        requireWritable();
        Path fresh = dir.resolve(FILE_NAME + ".compact-" + ProcessHandle.current().pid());
        Files.deleteIfExists(fresh);
        Files.deleteIfExists(Path.of(fresh + ".wal"));
        writeLock.lock();
        try {
            try (Statement s = root.createStatement()) {
                s.execute("CHECKPOINT");
                String name;
                try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
                    rs.next();
                    name = rs.getString(1);
                }
                s.execute("ATTACH " + Columns.literal(fresh.toString()) + " AS tower_compact");
                s.execute("COPY FROM DATABASE " + Columns.quote(name) + " TO tower_compact");
                s.execute("DETACH tower_compact");
            } catch (SQLException e) {
                Files.deleteIfExists(fresh);
                throw new StoreException("compacting the store " + dir + " failed: " + StoreException.reason(e), e);
            }
            close();
            // The lock is released between close and rename; a process opening in that instant sees the old file.
            Files.deleteIfExists(Path.of(file + ".wal"));
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            writeLock.unlock();
        }
        return new Size(Files.size(file), Files.size(file));
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
            throw new StoreException("reading the store " + dir + " failed: " + StoreException.reason(e), e);
        }
    }

    /** Runs changing work in one transaction, one writer at a time. */
    private <T> T write(Work<T> work) {
        try {
            return writeIo(work, "store update failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T writeIo(Work<T> work, String what) throws IOException {
        requireWritable();
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
            throw new StoreException(what + ": " + StoreException.reason(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static void rollbackQuietly(DuckDBConnection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; DuckDB discards an open transaction then too
        }
    }

    private void requireWritable() {
        ensureOpen();
        if (readOnly) {
            throw new IllegalStateException("the store is open read-only");
        }
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
        WRITERS.remove(file, this);
        try {
            root.close();
        } catch (SQLException e) {
            throw new StoreException("closing the store failed: " + StoreException.reason(e), e);
        } finally {
            holder.ifPresent(h -> h.remove(dir));
        }
    }

    /**
     * A new connection to the store's database for tables that other modules own and create (the server's
     * catalogue); the caller closes it. The store's own tables must be changed through this class only.
     */
    public java.sql.Connection connection() throws java.sql.SQLException {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        return root.duplicate();
    }
}
