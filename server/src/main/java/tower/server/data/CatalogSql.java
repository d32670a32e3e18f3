package tower.server.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import tower.pipeline.errors.TowerException;
import tower.store.Store;
import tower.store.StoreException;

/**
 * The little the catalogue's DuckDB tables share: a connection per unit of work, instants as epoch milliseconds
 * ({@code BIGINT}, so no time zone of the JVM or the database ever shifts them) and the check of names.
 */
public final class CatalogSql {
    private CatalogSql() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public static <T> T run(Store store, Work<T> work) {
        try (Connection c = store.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("catalogue query failed: " + e.getMessage(), e);
        }
    }

    public static void setInstant(PreparedStatement ps, int index, Optional<Instant> t) throws SQLException {
        if (t.isPresent()) {
            ps.setLong(index, t.get().toEpochMilli());
        } else {
            ps.setNull(index, java.sql.Types.BIGINT);
        }
    }

    public static Optional<Instant> instant(java.sql.ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    /** A name or e-mail: 1 to 200 printable characters, trimmed. */
    public static String clean(String what, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.length() > 200 || t.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw TowerException.badParameter(what + " must be 1 to 200 printable characters");
        }
        return t;
    }
}
