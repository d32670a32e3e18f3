package tower.server.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tower.server.data.CatalogSql;
import tower.store.Store;

/**
 * The audit log in the store's DuckDB file ({@code cat_audit}). A request only appends its event to a buffer; a
 * background thread writes the buffer in one transaction every {@link #FLUSH_MS} ms, so auditing every read costs a
 * request almost nothing. Listing the log writes the buffer first; {@link #close()} writes what is left. The class
 * has no statement that updates or deletes a row.
 */
public final class DuckAudit implements AuditLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DuckAudit.class);
    static final long FLUSH_MS = 500;
    private static final int MAX_LIMIT = 10_000;

    private final Store store;
    private final Object lock = new Object();
    private final Object writeLock = new Object();
    private List<AuditEvent> pending = new ArrayList<>();
    private ScheduledExecutorService flusher;
    private long seq;

    public DuckAudit(Store store) {
        this.store = store;
        CatalogSql.run(store, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS cat_audit (seq BIGINT NOT NULL, at_ms BIGINT NOT NULL,"
                        + " actor VARCHAR NOT NULL, actor_org VARCHAR NOT NULL, action VARCHAR NOT NULL,"
                        + " test_id VARCHAR NOT NULL, owner VARCHAR NOT NULL, detail VARCHAR NOT NULL,"
                        + " address VARCHAR NOT NULL)");
                try (ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM cat_audit")) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            return null;
        });
    }

    @Override
    public void record(AuditEvent event) {
        synchronized (lock) {
            pending.add(event);
            if (flusher == null) {
                flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "tower-audit");
                    t.setDaemon(true);
                    return t;
                });
                flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("could not write the audit log (kept in memory, retried): {}", e.getMessage());
        }
    }

    /** Writes the buffered events, in the order they were recorded; requests keep appending meanwhile. */
    public void flush() {
        synchronized (writeLock) {
            List<AuditEvent> batch;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            long first = seq;
            try {
                CatalogSql.run(store, c -> {
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        long n = first;
                        for (AuditEvent e : batch) {
                            ps.setLong(1, ++n);
                            ps.setLong(2, e.at().toEpochMilli());
                            ps.setString(3, e.actor());
                            ps.setString(4, e.actorOrg());
                            ps.setString(5, e.action().label());
                            ps.setString(6, e.testId());
                            ps.setString(7, e.owner());
                            ps.setString(8, e.detail());
                            ps.setString(9, e.address());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        c.commit();
                    } catch (java.sql.SQLException e) {
                        c.rollback();
                        throw e;
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                synchronized (lock) {
                    batch.addAll(pending);
                    pending = batch;
                }
                throw e;
            }
            seq = first + batch.size();
        }
    }

    @Override
    public List<AuditEvent> events(String owner, Optional<String> testId, int limit) {
        flush();
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        return CatalogSql.run(store, c -> {
            String sql = "SELECT at_ms, actor, actor_org, action, test_id, owner, detail, address FROM cat_audit"
                    + " WHERE owner = ?" + (testId.isPresent() ? " AND test_id = ?" : "") + " ORDER BY seq DESC LIMIT " + n;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, owner);
                if (testId.isPresent()) {
                    ps.setString(2, testId.get());
                }
                List<AuditEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                AuditAction.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void close() {
        ScheduledExecutorService f;
        synchronized (lock) {
            f = flusher;
            flusher = null;
        }
        if (f != null) {
            f.shutdown();
        }
        flushQuietly();
    }
}
