package tower.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Writes a stream as a BDF Parquet file without a store (for {@code tower convert x.parquet}): the columns of
 * the stream, named by their BDF labels, rows in stream order, {@code Unix Time / s} as double seconds.
 *
 * <p>Rows go into a temporary DuckDB file (on disk, so memory stays bounded however long the stream) through the
 * same table function as a stored test's ({@link SampleFeed}), and are copied to Parquet at {@link #end}; the target
 * appears complete or not at all. Always {@link #close()} it: that removes the temporary files, also when the stream
 * failed.
 */
public final class ParquetSink implements RecordSink, AutoCloseable {
    private static final String FEED = "tower_parquet_feed";
    private final Path target;
    private final Path workParent;
    private final Map<String, String> extra;
    private Path workDir;
    private DuckDBConnection conn;
    private Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
    private SampleFeed feed;
    private Thread inserting;
    private volatile SQLException insertFailure;
    private boolean written;

    public ParquetSink(Path target) {
        this(target, Optional.empty(), Map.of());
    }

    /**
     * @param target     the Parquet file to write
     * @param workParent folder for the temporary database (default the system's temporary folder)
     * @param extra      key-value metadata to add to the file's own (source, format, units, flags)
     */
    public ParquetSink(Path target, Optional<Path> workParent, Map<String, String> extra) {
        this.target = target;
        this.workParent = workParent.orElse(null);
        this.extra = Map.copyOf(extra);
    }

    /** True once the Parquet file has been written. */
    public boolean written() {
        return written;
    }

    @Override
    public void begin(Set<Quantity> cols, TestMetadata metadata) {
        if (conn != null) {
            throw new IllegalStateException("the sink has already begun");
        }
        columns = cols.isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(cols);
        try {
            workDir = workParent == null ? Files.createTempDirectory("tower-parquet-")
                    : Files.createTempDirectory(workParent, "tower-parquet-");
            // A private instance: its memory is capped low and it runs on one thread (rows arrive in order, one
            // stream), which keeps the process flat in file size; DuckDB spills beyond the cap to workDir.
            java.util.Properties props = new java.util.Properties();
            props.setProperty("memory_limit", "96MB");
            props.setProperty("threads", "1");
            props.setProperty("preserve_insertion_order", "true");
            props.setProperty("temp_directory", workDir.resolve("spill").toString());
            conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + workDir.resolve("rows.duckdb"), props);
            try (Statement s = conn.createStatement()) {
                s.execute(SampleIngest.ddlOf(Columns.quote("rows"), columns));
            }
            SampleFeed.register(conn, FEED);
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the Parquet output: " + StoreException.reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The rows go in as SampleIngest stores a test's: whole vectors from a table function, on a thread of
        // their own, while this stream parses on (a row Appender took twice as long as the whole parse).
        feed = new SampleFeed();
        feed.begin(columns, metadata);
        String insert = SampleFeed.insertSql(Columns.quote("rows"), FEED, feed);
        inserting = new Thread(() -> {
            try (Statement s = conn.createStatement()) {
                s.execute(insert);
            } catch (SQLException e) {
                insertFailure = e;
            } finally {
                feed.close();
            }
        }, "tower-parquet-insert");
        inserting.setDaemon(true);
        inserting.start();
    }

    @Override
    public void accept(Batch b) {
        try {
            feed.accept(b);
        } catch (SampleFeed.Cancelled e) {
            awaitInsert(); // the INSERT has failed: its reason is the one to give
            throw e;
        }
    }

    /** Waits for the INSERT to return; throws its failure. */
    private void awaitInsert() {
        boolean interrupted = false;
        while (inserting.isAlive()) {
            try {
                inserting.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (insertFailure != null) {
            throw new StoreException("writing the Parquet output failed: " + StoreException.reason(insertFailure),
                    insertFailure);
        }
    }

    @Override
    public void end(TestMetadata metadata) {
        try {
            feed.end(metadata);
            feed.finish(null);
            awaitInsert();
            // Rows were inserted in stream order and insertion order is preserved: no sort (which would need memory).
            String select = "SELECT " + Export.selectList(columns) + " FROM rows";
            Map<String, String> kv = new LinkedHashMap<>(Export.streamMetadata(metadata, columns));
            kv.putAll(extra);
            Export.copyAtomically(conn, select, target, kv);
            written = true;
        } catch (SQLException e) {
            throw new StoreException("writing the Parquet output failed: " + StoreException.reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close();
        }
    }

    /** Releases the temporary database; the target is left untouched unless the stream ended. */
    @Override
    public void close() {
        if (inserting != null && inserting.isAlive()) {
            feed.finish(new IllegalStateException("the stream ended without its end")); // fails the INSERT
            try {
                awaitInsert();
            } catch (StoreException expected) {
                // the stream's own failure is the one its caller reports
            }
        }
        inserting = null;
        try {
            if (conn != null) {
                conn.close();
            }
        } catch (SQLException ignored) {
            // as above
        }
        conn = null;
        try {
            if (workDir != null) {
                Export.deleteTree(workDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workDir = null;
    }
}
