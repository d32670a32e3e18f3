package tower.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;

/**
 * The {@code samples} table: one row per sample ({@code test_id}, {@code ord}, one column per {@link Quantity}).
 * Rows go in through a {@link SampleFeed} table function fed by a reading thread, and come out in pages.
 */
final class SampleIngest {
    private static final int PAGE_ROWS = 1 << 17;

    private SampleIngest() {
    }

    static String ddl() {
        StringBuilder samples = new StringBuilder("CREATE TABLE samples (test_id VARCHAR NOT NULL, ord BIGINT NOT NULL");
        for (Quantity q : Quantity.values()) {
            samples.append(", ").append(Columns.sqlName(q)).append(' ').append(Columns.sqlType(q));
        }
        return samples.append(')').toString();
    }

    /**
     * Reads the source on a second thread into a {@link SampleFeed} while this thread runs the INSERT that takes
     * its rows; returns the stream's facts when both are done. The source's own exception wins over the INSERT's.
     */
    static TestsTable.Stream insert(DuckDBConnection c, String feedFunction, String id, CyclingOptions options,
                                    SeriesSource source, CycleSummarizer summarizer) throws IOException, SQLException {
        SampleFeed feed = new SampleFeed();
        Thread reader = new Thread(() -> {
            Throwable failure = null;
            try {
                source.readInto(new Normalizer(Tee.of(feed, summarizer), options));
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
                // The feed's scan is single-threaded (a table function's default); DuckDB's other threads stay
                // parked, so the database-wide thread count is left as it is for concurrent readers.
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO samples (" + cols + ") SELECT " + Columns.literal(id) + ", ord"
                            + (feed.order.length == 0 ? "" : ", " + Columns.feedSelect(java.util.List.of(feed.order)))
                            + " FROM " + feedFunction + "(" + Columns.literal(feed.key()) + ")");
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
            throw new InterruptedIOException("ingest interrupted");
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
        TestMetadata md = feed.metadata;
        Optional<Instant> start = md.startTime();
        if (start.isEmpty() && feed.firstUnixNanos != Batch.NO_TIME) {
            start = Optional.of(Instant.ofEpochSecond(0, feed.firstUnixNanos));
        }
        return new TestsTable.Stream(md, feed.columns, feed.rows, start);
    }

    /** Streams a stored test into a sink in pages of rows, in source order, inside the caller's snapshot. */
    static void replay(DuckDBConnection c, StoredTest t, RecordSink sink) throws SQLException {
        Set<Quantity> cols = t.columns();
        Quantity[] order = cols.toArray(new Quantity[0]);
        TestMetadata md = t.metadata();
        sink.begin(cols, md);
        Batch b = new Batch(cols, Batch.DEFAULT_CAPACITY);
        String sql = "SELECT " + (order.length == 0 ? "ord" : Columns.replaySelect(cols))
                + " FROM samples WHERE test_id = ? AND ord >= ? AND ord < ? ORDER BY ord";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long from = 0; from < t.rows(); from += PAGE_ROWS) {
                ps.setString(1, t.testId());
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
    }

    static void delete(java.sql.Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM samples WHERE test_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
