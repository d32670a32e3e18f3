package tower.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Writes a stream as a BDF Parquet file without a store (for {@code tower convert x.parquet}): the columns of
 * the stream, named by their BDF labels, rows in stream order, {@code Unix Time / s} as double seconds.
 *
 * <p>Rows go into a temporary DuckDB file (on disk, so memory stays bounded however long the stream), which is
 * copied to Parquet at {@link #end}; the target appears complete or not at all. Always {@link #close()} it:
 * that removes the temporary files, also when the stream failed.
 */
public final class ParquetSink implements RecordSink, AutoCloseable {
    private final Path target;
    private Path workDir;
    private DuckDBConnection conn;
    private DuckDBAppender app;
    private Columns.RowAppender values;
    private Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
    private long rows;
    private boolean written;

    public ParquetSink(Path target) {
        this.target = target;
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
        Quantity[] plan = columns.toArray(new Quantity[0]);
        try {
            workDir = Files.createTempDirectory("tower-parquet-");
            conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + workDir.resolve("rows.duckdb"));
            StringJoiner ddl = new StringJoiner(", ", "CREATE TABLE rows (ord BIGINT NOT NULL, ", ")");
            ddl.setEmptyValue("");
            for (Quantity q : plan) {
                ddl.add(Columns.sqlName(q) + " " + Columns.sqlType(q));
            }
            try (Statement s = conn.createStatement()) {
                s.execute("SET memory_limit = '512MB'");
                s.execute(plan.length == 0 ? "CREATE TABLE rows (ord BIGINT NOT NULL)" : ddl.toString());
            }
            app = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rows");
            values = new Columns.RowAppender(plan);
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the Parquet output: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(Batch b) {
        values.bind(b);
        try {
            for (int r = 0, n = b.size(); r < n; r++) {
                app.beginRow();
                app.append(rows++);
                values.append(app, r);
                app.endRow();
            }
        } catch (SQLException e) {
            throw new StoreException("writing rows for " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void end(TestMetadata metadata) {
        try {
            app.close();
            app = null;
            String select = "SELECT " + (columns.isEmpty() ? "ord AS \"Row\"" : Columns.labelledSelect(columns))
                    + " FROM rows ORDER BY ord";
            Store.copyAtomically(conn, select, target);
            written = true;
        } catch (SQLException e) {
            throw new StoreException("writing " + target + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close();
        }
    }

    /** Releases the temporary database; the target is left untouched unless the stream ended. */
    @Override
    public void close() {
        try {
            if (app != null) {
                app.close();
            }
        } catch (SQLException ignored) {
            // the temporary table is discarded anyway
        }
        app = null;
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
                Store.deleteTree(workDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workDir = null;
    }
}
