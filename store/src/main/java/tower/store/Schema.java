package tower.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tower.core.series.Quantity;

/** Creates and migrates the store's tables. Versioned changes go through {@code schema_version}. */
final class Schema {
    static final int VERSION = 1;

    /** Columns of {@code cycles} after {@code test_id}, in table order (the Appender fills them in this order). */
    static final String[] CYCLE_COLUMNS = {"cycle_index", "start_test_time_s", "duration_s", "charge_capacity_ah",
            "discharge_capacity_ah", "charge_energy_wh", "discharge_energy_wh", "coulombic_efficiency",
            "energy_efficiency", "voltage_min_v", "voltage_max_v", "mean_charge_voltage_v", "mean_discharge_voltage_v",
            "current_min_a", "current_max_a", "temperature_min_c", "temperature_mean_c", "temperature_max_c",
            "charge_duration_s", "cv_time_s", "cv_capacity_ah", "ah_throughput", "vendor_charge_capacity_ah",
            "vendor_discharge_capacity_ah", "samples", "flags"};

    private Schema() {
    }

    /** Brings the store to the current version; refuses a store written by a newer version. */
    static void migrate(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                version = rs.getInt(1);
            }
            if (version > VERSION) {
                throw new StoreException("the store has schema version " + version
                        + ", newer than this program understands (" + VERSION + "): upgrade tower");
            }
            if (version < 1) {
                createV1(s);
            }
            // Later versions: "if (version < 2) migrateToV2(s);" and so on, each in this transaction.
            s.execute("DELETE FROM schema_version");
            s.execute("INSERT INTO schema_version VALUES (" + VERSION + ")");
            // New canonical quantities need no version bump: a column per quantity is added when missing.
            Set<String> have = new HashSet<>(columnsOf(c, "samples"));
            for (Quantity q : Quantity.values()) {
                if (!have.contains(Columns.sqlName(q))) {
                    s.execute("ALTER TABLE samples ADD COLUMN " + Columns.sqlName(q) + " " + Columns.sqlType(q));
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void createV1(Statement s) throws SQLException {
        s.execute("CREATE TABLE config (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)");
        s.execute("""
                CREATE TABLE tests (
                  test_id VARCHAR PRIMARY KEY,
                  file_name VARCHAR NOT NULL,
                  content_hash VARCHAR NOT NULL UNIQUE,
                  format VARCHAR NOT NULL,
                  reader_version VARCHAR NOT NULL,
                  cell_id VARCHAR,
                  timezone VARCHAR,
                  timezone_assumed BOOLEAN NOT NULL,
                  row_count BIGINT NOT NULL,
                  cycle_count BIGINT NOT NULL,
                  start_time TIMESTAMP,
                  ingested_at TIMESTAMP NOT NULL,
                  cycle_rule VARCHAR NOT NULL,
                  metadata VARCHAR NOT NULL)""");
        StringBuilder samples = new StringBuilder("CREATE TABLE samples (test_id VARCHAR NOT NULL, ord BIGINT NOT NULL");
        for (Quantity q : Quantity.values()) {
            samples.append(", ").append(Columns.sqlName(q)).append(' ').append(Columns.sqlType(q));
        }
        s.execute(samples.append(')').toString());
        StringBuilder cycles = new StringBuilder("CREATE TABLE cycles (test_id VARCHAR NOT NULL");
        for (String col : CYCLE_COLUMNS) {
            String type = switch (col) {
                case "cycle_index", "samples" -> "BIGINT NOT NULL";
                case "flags" -> "VARCHAR NOT NULL";
                default -> "DOUBLE";
            };
            cycles.append(", ").append(col).append(' ').append(type);
        }
        s.execute(cycles.append(')').toString());
    }

    /** Column names of a table in table order. */
    static List<String> columnsOf(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main'"
                     + " AND table_name = " + Columns.literal(table) + " ORDER BY ordinal_position")) {
            while (rs.next()) {
                cols.add(rs.getString(1));
            }
        }
        return cols;
    }
}
