package tower.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.junit.jupiter.api.Test;
import tower.core.series.Batch;

/** Both writers of {@link VectorRuns} give DuckDB the same rows, nulls included, for runs at any offset. */
class VectorRunsTest {
    /** Run lengths of one output chunk: across, onto and off 64-row validity words. */
    private static final int[] RUNS = {1, 63, 64, 65, 3, 200, 128, 1524};
    private static final int ROWS = 2048;

    private static final double[] DOUBLES = new double[ROWS + 7];
    private static final long[] LONGS = new long[ROWS + 7];
    private static final byte[] BYTES = new byte[ROWS + 7];

    static {
        for (int i = 0; i < DOUBLES.length; i++) {
            DOUBLES[i] = i % 11 == 3 || i % 64 == 0 ? Double.NaN : i * 0.25 - 100;
            LONGS[i] = i % 13 == 5 || i % 64 == 63 ? Batch.NO_TIME : 1_700_000_000_000_000_000L + i;
            BYTES[i] = (byte) (i % 17 == 1 ? -1 : i % 9);
        }
    }

    /** Fills one output chunk (the function returns no rows after it). */
    private interface Chunk {
        long fill(DuckDBDataChunkWriter out);
    }

    /** A table function of the named columns that emits one chunk. */
    private static void register(Connection c, String name, Map<String, DuckDBColumnType> columns, Chunk chunk)
            throws Exception {
        try (var f = DuckDBFunctions.tableFunction()) {
            f.withName(name).withFunction(new DuckDBTableFunction<Object, int[], Object>() {
                @Override
                public Object bind(DuckDBTableFunctionBindInfo info) {
                    columns.forEach(info::addResultColumn);
                    return Boolean.TRUE;
                }

                @Override
                public int[] init(DuckDBTableFunctionInitInfo info) {
                    return new int[1];
                }

                @Override
                public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
                    int[] calls = info.getInitData();
                    return calls[0]++ > 0 ? 0 : chunk.fill(out);
                }
            }).register(c);
        }
    }

    /** ord, a double, an epoch and a byte column, written run by run from offset 7 of the arrays. */
    private static long runs(DuckDBDataChunkWriter out) {
        VectorRuns ord = VectorRuns.of(out.vector(0));
        VectorRuns d = VectorRuns.of(out.vector(1));
        VectorRuns e = VectorRuns.of(out.vector(2));
        VectorRuns b = VectorRuns.of(out.vector(3));
        int at = 0;
        for (int n : RUNS) {
            ord.ordinals(at, n, 1000L + at);
            d.doubles(at, DOUBLES, 7 + at, n);
            e.longs(at, LONGS, 7 + at, n);
            b.bytes(at, BYTES, 7 + at, n);
            at += n;
        }
        return at;
    }

    private static List<String> rows(boolean setters) throws Exception {
        String before = System.getProperty("tower.store.valueSetters");
        System.setProperty("tower.store.valueSetters", Boolean.toString(setters));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Map<String, DuckDBColumnType> columns = new LinkedHashMap<>();
            columns.put("ord", DuckDBColumnType.BIGINT);
            columns.put("d", DuckDBColumnType.DOUBLE);
            columns.put("e", DuckDBColumnType.BIGINT);
            columns.put("b", DuckDBColumnType.TINYINT);
            register(c, "runs", columns, VectorRunsTest::runs);
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM runs() ORDER BY ord")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
            return out;
        } finally {
            if (before == null) {
                System.clearProperty("tower.store.valueSetters");
            } else {
                System.setProperty("tower.store.valueSetters", before);
            }
        }
    }

    @Test
    void directAndSetterWritesGiveTheSameRows() throws Exception {
        int sum = 0;
        for (int n : RUNS) {
            sum += n;
        }
        assertThat(sum).isEqualTo(ROWS);
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            double x = DOUBLES[7 + r];
            long t = LONGS[7 + r];
            byte y = BYTES[7 + r];
            expected.add((1000 + r) + "|" + (Double.isNaN(x) ? "null" : Double.toString(x)) + "|"
                    + (t == Batch.NO_TIME ? "null" : Long.toString(t)) + "|" + (y < 0 ? "null" : Byte.toString(y)));
        }
        assertThat(rows(true)).containsExactlyElementsOf(expected);
        assertThat(rows(false)).containsExactlyElementsOf(expected);
    }

    @Test
    void theDriverStillHasTheBuffersTheDirectWriterUses() throws Exception {
        // A newer driver without them falls back to the setters (slower, still right); this says when that happens.
        assertThat(VectorRuns.Direct.Handles.find()).isPresent();
    }

    @Test
    void runsOutsideTheVectorAreRefused() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            register(c, "bad", Map.of("d", DuckDBColumnType.DOUBLE), out -> {
                VectorRuns.of(out.vector(0)).doubles((int) out.capacity() - 1, DOUBLES, 0, 2);
                return 1;
            });
            try (Statement s = c.createStatement()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery("SELECT * FROM bad()"))
                        .hasMessageContaining("rows 2047..2049 of a vector of 2048");
            }
        }
    }
}
