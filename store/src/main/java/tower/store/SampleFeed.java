package tower.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Hands a normalised stream from a reading thread to an {@code INSERT ... SELECT} over a DuckDB table function
 * running on the ingesting thread, and on DuckDB's other threads when the store allows a parallel insert
 * ({@link StoreSettings#parallelInsert}). DuckDB's row Appender costs several times the parse; a table function fills
 * whole vectors of only the present columns ({@link VectorRuns}), lets absent columns be filled by the INSERT, and
 * lets parsing and storing overlap. Each DuckDB thread takes whole batches with their first {@code ord}, so rows keep
 * their source order whichever thread stores them. The sink side counts rows and remembers the metadata.
 */
final class SampleFeed implements RecordSink {
    private static final Map<String, SampleFeed> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    /** End of stream marker in the queue. */
    private static final Batch END = new Batch(Set.of(), 1);

    private final String key = "feed-" + IDS.incrementAndGet();
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
    private final CountDownLatch begun = new CountDownLatch(1);
    private volatile boolean cancelled;
    private volatile Throwable failure;

    // Written by the reading thread; read by the ingesting thread after it has joined that thread.
    volatile Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
    volatile Quantity[] order = new Quantity[0];
    TestMetadata metadata;
    long rows;
    long firstUnixNanos = Batch.NO_TIME;
    boolean ended;
    volatile boolean started;

    SampleFeed() {
        OPEN.put(key, this);
    }

    String key() {
        return key;
    }

    /** Registers the table function under {@code name} on a database (once per store). */
    static void register(Connection c, String name) throws SQLException {
        try (var b = DuckDBFunctions.tableFunction()) {
            b.withName(name).withParameter(DuckDBColumnType.VARCHAR).withFunction(new Function()).register(c);
        }
    }

    /** The INSERT that stores a begun feed's rows into a samples table ({@link SampleIngest#ddlOf}) of its columns. */
    static String insertSql(String quotedTable, String function, SampleFeed feed) {
        List<Quantity> order = List.of(feed.order);
        return "INSERT INTO " + quotedTable + " SELECT ord" + (order.isEmpty() ? "" : ", " + Columns.feedSelect(order))
                + " FROM " + function + "(" + Columns.literal(feed.key()) + ")";
    }

    // ------------------------------------------------------------ sink side (reading thread)

    @Override
    public void begin(Set<Quantity> cols, TestMetadata md) {
        columns = cols.isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(cols);
        order = columns.toArray(new Quantity[0]);
        metadata = md;
        started = true;
        begun.countDown();
    }

    @Override
    public void accept(Batch b) {
        int n = b.size();
        if (n == 0) {
            return;
        }
        if (firstUnixNanos == Batch.NO_TIME && b.has(Quantity.UNIX_TIME)) {
            long[] e = b.epochNanos();
            for (int r = 0; r < n && firstUnixNanos == Batch.NO_TIME; r++) {
                firstUnixNanos = e[r];
            }
        }
        rows += n;
        Batch spare = spares.poll();
        if (spare == null || spare.capacity() < n || !spare.columns().equals(b.columns())) {
            spare = new Batch(b.columns(), Math.max(n, Batch.DEFAULT_CAPACITY));
        }
        put(b.copyTo(spare));
    }

    @Override
    public void end(TestMetadata md) {
        metadata = md;
        ended = true;
    }

    /** Thrown into the reader when the consumer has gone (its own failure is the one to report). */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("the store stopped taking rows", null, false, false);
        }
    }

    /** True when the reader failed only because the consumer had gone. */
    static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Cancelled) {
                return true;
            }
        }
        return false;
    }

    /** Called by the reading thread when the source has returned or failed; wakes the consumer. */
    void finish(Throwable t) {
        failure = t;
        begun.countDown();
        if (t == null) {
            put(END);
        } else {
            queue.clear();
            queue.offer(END);
        }
    }

    private void put(Batch b) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing rows", e);
        }
    }

    // ------------------------------------------------------------ consumer side (ingesting thread)

    /** Waits until the stream has begun (true) or the source returned without beginning (false). */
    boolean awaitBegin() throws InterruptedException {
        begun.await();
        return started;
    }

    Throwable failure() {
        return failure;
    }

    /** Stops the reading thread from blocking on a consumer that is gone, and forgets the feed. */
    void close() {
        cancelled = true;
        OPEN.remove(key);
        queue.clear();
    }

    /** One DuckDB thread's place in the stream: the batch it is emitting and the {@code ord} of its first row. */
    private static final class Cursor {
        private Batch current;
        private int offset;
        private long firstOrd;
    }

    /** The next batch and the {@code ord} of its first row, taken together so that rows keep their source order. */
    private final Object takeLock = new Object();
    /** Batches DuckDB has stored, for the reading thread to copy the next ones into (no garbage per batch). */
    private final ConcurrentLinkedQueue<Batch> spares = new ConcurrentLinkedQueue<>();
    private long nextOrd;

    private boolean take(Cursor cur) throws InterruptedException {
        if (cur.current != null) {
            spares.offer(cur.current);
            cur.current = null;
        }
        synchronized (takeLock) {
            Batch b = queue.take();
            if (b == END) {
                queue.offer(END);
                Throwable t = failure;
                if (t != null) {
                    throw new IllegalStateException("the source failed", t);
                }
                cur.current = null;
                return false;
            }
            cur.current = b;
            cur.offset = 0;
            cur.firstOrd = nextOrd;
            nextOrd += b.size();
            return true;
        }
    }

    private int fill(Cursor cur, DuckDBDataChunkWriter out) throws InterruptedException {
        int capacity = (int) out.capacity();
        int written = 0;
        Quantity[] cols = order;
        VectorRuns ordVec = VectorRuns.of(out.vector(0));
        VectorRuns[] vecs = new VectorRuns[cols.length];
        for (int k = 0; k < cols.length; k++) {
            vecs[k] = VectorRuns.of(out.vector(k + 1));
        }
        while (written < capacity) {
            if (cur.current == null || cur.offset == cur.current.size()) {
                if (!take(cur)) {
                    break;
                }
            }
            int n = Math.min(capacity - written, cur.current.size() - cur.offset);
            writeRows(cur.current, cur.offset, n, cur.firstOrd + cur.offset, cols, ordVec, vecs, written);
            cur.offset += n;
            written += n;
        }
        return written;
    }

    private static void writeRows(Batch b, int from, int n, long ord, Quantity[] cols, VectorRuns ordVec,
                                  VectorRuns[] vecs, int at) {
        ordVec.ordinals(at, n, ord);
        for (int k = 0; k < cols.length; k++) {
            Quantity q = cols[k];
            switch (q.kind()) {
                case REAL, INTEGER -> vecs[k].doubles(at, b.column(q), from, n);
                case EPOCH -> vecs[k].longs(at, b.epochNanos(), from, n);
                case STEP_TYPE -> vecs[k].bytes(at, b.stepTypes(), from, n);
            }
        }
    }

    /** {@code fn(key)}: the rows of the open feed {@code key}: ord, then the stream's columns in set order. */
    private static final class Function implements DuckDBTableFunction<SampleFeed, Object, Cursor> {
        @Override
        public SampleFeed bind(DuckDBTableFunctionBindInfo info) {
            String key = info.getParameter(0).getString();
            SampleFeed feed = OPEN.get(key);
            if (feed == null) {
                throw new IllegalArgumentException("no open sample feed " + key);
            }
            info.addResultColumn("ord", DuckDBColumnType.BIGINT);
            for (Quantity q : feed.order) {
                info.addResultColumn(Columns.sqlName(q), switch (q.kind()) {
                    case REAL, INTEGER -> DuckDBColumnType.DOUBLE;
                    case EPOCH -> DuckDBColumnType.BIGINT;
                    case STEP_TYPE -> DuckDBColumnType.TINYINT; // the ordinal: the INSERT names it (Columns.feedSelect)
                });
            }
            return feed;
        }

        @Override
        public Object init(DuckDBTableFunctionInitInfo info) {
            // DuckDB runs the scan on several threads only when the INSERT may reorder rows
            // (StoreSettings.parallelInsert); each thread then takes whole batches (take).
            info.setMaxThreads(Runtime.getRuntime().availableProcessors());
            return Boolean.TRUE;
        }

        @Override
        public Cursor localInit(DuckDBTableFunctionInitInfo info) {
            return new Cursor();
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) throws Exception {
            SampleFeed feed = info.getBindData();
            return feed.fill(info.getLocalInitData(), out);
        }
    }
}
