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
        s.execute(TestsTable.ddl());
        s.execute(SampleIngest.ddl());
        s.execute(CyclesTable.ddl());
    }

    /** Refuses a database that is not a tower store of a version this program reads. */
    static void check(Connection c) throws SQLException {
        int version;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            version = rs.getInt(1);
        }
        if (version > VERSION) {
            throw new StoreException("the store has schema version " + version
                    + ", newer than this program understands (" + VERSION + "): upgrade tower");
        }
        List<String> cols = columnsOf(c, "samples");
        if (cols.size() < 2 || !cols.get(0).equals("test_id") || !cols.get(1).equals("ord")) {
            throw new StoreException("the store's samples table has an unexpected layout: " + cols);
        }
        List<String> cycles = columnsOf(c, "cycles");
        if (!cycles.equals(CyclesTable.columns())) {
            throw new StoreException("the store's cycles table has an unexpected layout: " + cycles);
        }
        if (columnsOf(c, "tests").isEmpty()) {
            throw new StoreException("the store has no tests table");
        }
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
