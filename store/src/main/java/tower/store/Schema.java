package tower.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import tower.core.series.Quantity;

/** Creates and migrates the store's tables. Versioned changes go through {@code schema_version}. */
final class Schema {
    /** 1: one wide samples table for all tests; 2: a samples table per test ({@link SampleIngest#table}). */
    static final int VERSION = 2;

    private Schema() {
    }

    /**
     * Brings the store to the current version; refuses a store written by a newer version. True when rows were
     * moved (the file then holds their old blocks as free space).
     */
    static boolean migrate(Connection c) throws SQLException {
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
            boolean moved = false;
            if (version < 1) {
                createV2(s);
            } else if (version < 2) {
                migrateToV2(c, s);
                moved = true;
            }
            // Later versions: "if (version < 3) migrateToV3(s);" and so on, each in this transaction.
            s.execute("DELETE FROM schema_version");
            s.execute("INSERT INTO schema_version VALUES (" + VERSION + ")");
            c.commit();
            return moved;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void createV2(Statement s) throws SQLException {
        s.execute("CREATE TABLE config (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)");
        s.execute(TestsTable.ddl());
        s.execute(CyclesTable.ddl());
    }

    /** Moves each test's rows out of the version-1 wide table into a table of its own, then drops the wide one. */
    private static void migrateToV2(Connection c, Statement s) throws SQLException {
        for (StoredTest t : TestsTable.list(c, "test_id")) {
            List<Quantity> cols = List.copyOf(t.columns());
            StringBuilder select = new StringBuilder("SELECT ord");
            cols.forEach(q -> select.append(", ").append(Columns.sqlName(q)));
            s.execute(SampleIngest.ddl(t.testId(), cols));
            s.execute("INSERT INTO " + SampleIngest.table(t.testId()) + " " + select + " FROM samples WHERE test_id = "
                    + Columns.literal(t.testId()) + " ORDER BY ord");
        }
        s.execute("DROP TABLE samples");
    }

    /** The schema version written in the store (0 for an empty database). */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Refuses a database that is not a tower store of a version this program reads. */
    static void check(Connection c) throws SQLException {
        int version = version(c);
        if (version > VERSION) {
            throw new StoreException("the store has schema version " + version
                    + ", newer than this program understands (" + VERSION + "): upgrade tower");
        }
        if (version < VERSION) {
            throw new StoreException("the store has schema version " + version + ", older than this program's ("
                    + VERSION + "): a writing command upgrades it");
        }
        List<String> cycles = columnsOf(c, "cycles");
        if (!cycles.equals(CyclesTable.columns())) {
            throw new StoreException("the store's cycles table has an unexpected layout: " + cycles);
        }
        if (columnsOf(c, "tests").isEmpty()) {
            throw new StoreException("the store has no tests table");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM tests WHERE NOT EXISTS"
                + " (SELECT 1 FROM duckdb_tables() d WHERE d.database_name = current_database() AND d.schema_name = 'main'"
                + " AND d.table_name = 'samples_' || tests.test_id)")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new StoreException(rs.getLong(1) + " stored tests have no samples table");
            }
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
