package tower.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tower.core.cycling.CycleField;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;

/**
 * The {@code cycles} table: one row per cycle of a test, one column per stored {@link CycleField} in declaration
 * order. Schema, appender and reader all iterate over {@link #FIELDS}, so a new field is added in one place.
 */
final class CyclesTable {
    /** The fields stored; the derived ones are recomputed by {@link CycleTable} from these when read back. */
    static final List<CycleField> FIELDS = Arrays.stream(CycleField.values())
            .filter(f -> f != CycleField.COULOMBIC_DIFFERENCE_AH && f != CycleField.CAPACITY_LOSS_AH).toList();

    private CyclesTable() {
    }

    static String sqlType(CycleField f) {
        return switch (f.kind()) {
            case DOUBLE -> "DOUBLE";
            case LONG, INT -> "BIGINT NOT NULL";
            case FLAGS -> "VARCHAR NOT NULL";
        };
    }

    /** The table's columns in order, starting with {@code test_id}. */
    static List<String> columns() {
        List<String> l = new ArrayList<>();
        l.add("test_id");
        FIELDS.forEach(f -> l.add(f.jsonName()));
        return l;
    }

    static String ddl() {
        StringBuilder b = new StringBuilder("CREATE TABLE cycles (test_id VARCHAR NOT NULL");
        for (CycleField f : FIELDS) {
            b.append(", ").append(f.jsonName()).append(' ').append(sqlType(f));
        }
        return b.append(')').toString();
    }

    @SuppressWarnings("unchecked")
    static void append(DuckDBConnection c, String id, CycleTable table) throws SQLException {
        try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "cycles")) {
            for (CycleSummary s : table.cycles()) {
                app.beginRow();
                app.append(id);
                for (CycleField f : FIELDS) {
                    switch (f.kind()) {
                        case DOUBLE -> {
                            double v = f.getDouble(s);
                            if (Double.isNaN(v)) {
                                app.appendNull();
                            } else {
                                app.append(v);
                            }
                        }
                        case LONG, INT -> app.append(((Number) f.get(s)).longValue());
                        case FLAGS -> app.append(String.join(",", (List<String>) f.get(s)));
                    }
                }
                app.endRow();
            }
        }
    }

    static List<CycleSummary> read(Connection c, String id) throws SQLException {
        List<CycleSummary> out = new ArrayList<>();
        StringBuilder cols = new StringBuilder();
        for (CycleField f : FIELDS) {
            cols.append(cols.length() == 0 ? "" : ", ").append(f.jsonName());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM cycles WHERE test_id = ?"
                + " ORDER BY cycle_index")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] v = new Object[CycleField.values().length];
                    for (int k = 0; k < FIELDS.size(); k++) {
                        CycleField f = FIELDS.get(k);
                        v[f.ordinal()] = switch (f.kind()) {
                            case DOUBLE -> {
                                double d = rs.getDouble(k + 1);
                                yield rs.wasNull() ? Double.NaN : d;
                            }
                            case LONG, INT -> rs.getLong(k + 1);
                            case FLAGS -> {
                                String s = rs.getString(k + 1);
                                yield s.isEmpty() ? List.of() : List.of(s.split(","));
                            }
                        };
                    }
                    out.add(CycleField.summary(f -> v[f.ordinal()]));
                }
            }
        }
        return out;
    }

    static CycleTable table(Connection c, String id, String cycleRule, String ceConvention, CyclingOptions options)
            throws SQLException {
        return new CycleTable(cycleRule, ceConvention, options, List.copyOf(read(c, id)));
    }

    static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM cycles WHERE test_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
