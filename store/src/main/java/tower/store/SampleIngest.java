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
 * Each test's samples in a table of its own ({@link #table}): {@code ord} and one column per {@link Quantity} the test
 * has. Against one wide table for all tests, an ingest stores no test id per row and no NULL column per absent
 * quantity (together a third of DuckDB's storing work for a 15-column Arbin file), and a delete is a DROP that frees
 * the space. Rows go in through a {@link SampleFeed} table function fed by a reading thread, and come out in pages.
 */
final class SampleIngest {
    private static final int PAGE_ROWS = 1 << 17;

    private SampleIngest() {
    }

    /** The quoted name of a test's samples table. */
    static String table(String testId) {
        return Columns.quote("samples_" + testId);
    }

    /** {@code CREATE TABLE} for a test's samples with these columns (in this order, after {@code ord}). */
    static String ddl(String testId, java.util.Collection<Quantity> columns) {
        return ddlOf(table(testId), columns);
    }

    /** {@code CREATE TABLE} of samples under a quoted name. */
    static String ddlOf(String quotedTable, java.util.Collection<Quantity> columns) {
        StringBuilder t = new StringBuilder("CREATE TABLE ").append(quotedTable).append(" (ord BIGINT NOT NULL");
        for (Quantity q : columns) {
            t.append(", ").append(Columns.sqlName(q)).append(' ').append(Columns.sqlType(q));
        }
        return t.append(')').toString();
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
                java.util.List<Quantity> order = java.util.List.of(feed.order);
                // The feed's scan is single-threaded (a table function's default); DuckDB's other threads stay
                // parked, so the database-wide thread count is left as it is for concurrent readers.
                try (Statement s = c.createStatement()) {
                    s.execute(ddl(id, order));
                    s.execute(SampleFeed.insertSql(table(id), feedFunction, feed));
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
                + " FROM " + table(t.testId()) + " WHERE ord >= ? AND ord < ? ORDER BY ord";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long from = 0; from < t.rows(); from += PAGE_ROWS) {
                ps.setLong(1, from);
                ps.setLong(2, from + PAGE_ROWS);
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
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table(id));
        }
    }
}
