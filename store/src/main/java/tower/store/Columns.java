package tower.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.StepType;

/** SQL names, types and value conversions of the canonical columns. Missing values are SQL NULL in the store. */
final class Columns {
    private Columns() {
    }

    /** Column name in the store's tables, e.g. {@code test_time}, {@code unix_time_ns}. */
    static String sqlName(Quantity q) {
        return q == Quantity.UNIX_TIME ? "unix_time_ns" : q.name().toLowerCase(Locale.ROOT);
    }

    static String sqlType(Quantity q) {
        return switch (q.kind()) {
            case REAL, INTEGER -> "DOUBLE";
            case EPOCH -> "BIGINT";
            case STEP_TYPE -> "VARCHAR";
        };
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** Name of the UTC timestamp column Parquet exports add beside {@code Unix Time / s}. */
    static final String TIMESTAMP_LABEL = "Date Time (UTC)";

    /**
     * Select list giving each column its BDF label, typed for Parquet readers: counters and indices as BIGINT,
     * Unix time as double seconds (as BDF has it) and also as a UTC timestamp (microseconds, exact).
     */
    static String labelledSelect(Collection<Quantity> columns) {
        StringJoiner j = new StringJoiner(", ");
        for (Quantity q : columns) {
            String expr = switch (q.kind()) {
                case EPOCH -> "CAST(unix_time_ns AS DOUBLE) / 1e9";
                case INTEGER -> "CAST(" + sqlName(q) + " AS BIGINT)";
                default -> sqlName(q);
            };
            j.add(expr + " AS " + quote(q.label()));
            if (q.kind() == Quantity.Kind.EPOCH) {
                j.add("timezone('UTC', make_timestamp(unix_time_ns // 1000)) AS " + quote(TIMESTAMP_LABEL));
            }
        }
        return j.toString();
    }

    /**
     * Select list over the ingest feed ({@link SampleFeed}), which hands the step type over as its ordinal: DuckDB
     * names a whole vector at once, where setting a string per row from Java costs a call each.
     */
    static String feedSelect(Collection<Quantity> columns) {
        StringJoiner j = new StringJoiner(", ");
        for (Quantity q : columns) {
            if (q.kind() == Quantity.Kind.STEP_TYPE) {
                StringBuilder c = new StringBuilder("CASE ").append(sqlName(q));
                for (StepType t : StepType.values()) {
                    c.append(" WHEN ").append(t.ordinal()).append(" THEN ").append(literal(t.label()));
                }
                j.add(c.append(" END").toString());
            } else {
                j.add(sqlName(q));
            }
        }
        return j.toString();
    }

    /** Select list for {@link #read}: the step type comes back as its ordinal, which spares decoding strings. */
    static String replaySelect(Collection<Quantity> columns) {
        StringJoiner j = new StringJoiner(", ");
        for (Quantity q : columns) {
            if (q.kind() == Quantity.Kind.STEP_TYPE) {
                StringBuilder c = new StringBuilder("CASE ").append(sqlName(q));
                for (StepType t : StepType.values()) {
                    c.append(" WHEN ").append(literal(t.label())).append(" THEN ").append(t.ordinal());
                }
                j.add(c.append(" END").toString());
            } else {
                j.add(sqlName(q));
            }
        }
        return j.toString();
    }

    /** Reads columns {@code first..} of a {@link #replaySelect} row into row {@code r} of the batch. */
    static void read(ResultSet rs, int first, Quantity[] columns, Batch b, int r) throws SQLException {
        for (int k = 0; k < columns.length; k++) {
            Quantity q = columns[k];
            int idx = first + k;
            switch (q.kind()) {
                case REAL, INTEGER -> {
                    double v = rs.getDouble(idx);
                    b.set(q, r, rs.wasNull() ? Double.NaN : v);
                }
                case EPOCH -> {
                    long v = rs.getLong(idx);
                    b.setEpochNanos(r, rs.wasNull() ? Batch.NO_TIME : v);
                }
                case STEP_TYPE -> {
                    int ordinal = rs.getInt(idx);
                    if (!rs.wasNull()) {
                        b.setStepType(r, StepType.ofOrdinal(ordinal));
                    }
                }
            }
        }
    }
}
