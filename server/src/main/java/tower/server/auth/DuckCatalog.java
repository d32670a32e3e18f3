package tower.server.auth;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tower.pipeline.errors.TowerException;
import tower.server.audit.AuditLog;
import tower.server.audit.DuckAudit;
import tower.server.data.CatalogSql;
import tower.server.sharing.DuckSharing;
import tower.server.sharing.Sharing;
import tower.store.Store;
import tower.store.StoreException;

/**
 * The catalogue in the store's DuckDB file, in tables of its own ({@code cat_*}, created here). Verified tokens and
 * sessions are cached in memory for {@link #CACHE_TTL} so that a request hashes at most once a minute per token;
 * revoking a token or closing a session drops its cache entry at once, and an entry never outlives its token's
 * expiry. Sharing and audit live in {@link DuckSharing} and {@link DuckAudit}, over the same file.
 */
public final class DuckCatalog implements Catalog {
    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final int MAX_CACHED = 10_000;

    private final Store store;
    private final Map<String, Cached> tokenCache = new ConcurrentHashMap<>();
    private final Map<String, Cached> sessionCache = new ConcurrentHashMap<>();
    private final DuckSharing sharing;
    private final DuckAudit audit;

    /** A verified caller, trusted until {@code expiresAtNanos} (the cache TTL or the token's expiry, if sooner). */
    private record Cached(Caller caller, long expiresAtNanos) {
        boolean live() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    public DuckCatalog(Store store) {
        this.store = store;
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS cat_orgs (name VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL,"
                        + " created_at TIMESTAMP NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS cat_users (email VARCHAR PRIMARY KEY, org VARCHAR NOT NULL,"
                        + " role VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS cat_tokens (token_id VARCHAR PRIMARY KEY, email VARCHAR NOT NULL,"
                        + " name VARCHAR NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL, iterations INTEGER NOT NULL,"
                        + " created_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP)");
                s.execute("ALTER TABLE cat_tokens ADD COLUMN IF NOT EXISTS expires_at BIGINT");
                s.execute("ALTER TABLE cat_tokens ADD COLUMN IF NOT EXISTS last_used_at BIGINT");
                s.execute("CREATE TABLE IF NOT EXISTS cat_sessions (id_hash VARCHAR PRIMARY KEY, token_id VARCHAR NOT NULL,"
                        + " email VARCHAR NOT NULL, expires_at TIMESTAMP NOT NULL)");
            }
            return null;
        });
        this.sharing = new DuckSharing(store);
        this.audit = new DuckAudit(store);
    }

    @Override
    public Sharing sharing() {
        return sharing;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        audit.close();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private synchronized <T> T run(Work<T> work) {
        try (Connection c = store.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("catalogue query failed: " + e.getMessage(), e);
        }
    }

    private static String clean(String what, String text) {
        return CatalogSql.clean(what, text);
    }

    @Override
    public Organisation createOrganisation(String name, OrgKind kind) {
        String n = clean("organisation name", name);
        Instant now = Instant.now();
        return run(c -> {
            if (organisation(c, n).isPresent()) {
                throw TowerException.conflict("organisation '" + n + "' exists already");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_orgs VALUES (?, ?, ?)")) {
                ps.setString(1, n);
                ps.setString(2, kind.label());
                ps.setTimestamp(3, Timestamp.from(now));
                ps.executeUpdate();
            }
            return new Organisation(n, kind, now);
        });
    }

    private static Optional<Organisation> organisation(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, kind, created_at FROM cat_orgs WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Organisation(rs.getString(1), OrgKind.parse(rs.getString(2)),
                        rs.getTimestamp(3).toInstant())) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Organisation> organisation(String name) {
        return run(c -> organisation(c, name == null ? "" : name.trim()));
    }

    @Override
    public List<Organisation> organisations() {
        return run(c -> {
            List<Organisation> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, kind, created_at FROM cat_orgs ORDER BY name")) {
                while (rs.next()) {
                    out.add(new Organisation(rs.getString(1), OrgKind.parse(rs.getString(2)), rs.getTimestamp(3).toInstant()));
                }
            }
            return out;
        });
    }

    @Override
    public IssuedUser createUser(String organisation, String email, Role role) {
        String org = clean("organisation name", organisation);
        String mail = clean("email", email);
        if (!mail.matches("[^@\\s]+@[^@\\s]+")) {
            throw TowerException.badParameter("email '" + mail + "' is not an e-mail address");
        }
        Instant now = Instant.now();
        User u = run(c -> {
            if (organisation(c, org).isEmpty()) {
                throw TowerException.badParameter("no organisation '" + org + "' (create it with 'tower admin create-org')");
            }
            if (user(c, mail).isPresent()) {
                throw TowerException.conflict("user '" + mail + "' exists already");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_users VALUES (?, ?, ?, ?)")) {
                ps.setString(1, mail);
                ps.setString(2, org);
                ps.setString(3, role.label());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
            return new User(mail, org, role, now);
        });
        return new IssuedUser(u, createToken(mail, "default"));
    }

    private static Optional<User> user(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT email, org, role, created_at FROM cat_users WHERE email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        rs.getTimestamp(4).toInstant())) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<User> user(String email) {
        return run(c -> user(c, email == null ? "" : email.trim()));
    }

    @Override
    public IssuedToken createToken(String email, String name, Optional<Instant> expiresAt) {
        String mail = clean("email", email);
        String n = clean("token name", name);
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(Instant.now())) {
            throw TowerException.badParameter("expires_at " + expiresAt.get() + " is in the past");
        }
        IssuedToken token = Tokens.newToken();
        byte[] salt = Tokens.salt();
        byte[] hash = Tokens.slowHash(Tokens.parse(token.secret()).orElseThrow().secret(), salt, Tokens.ITERATIONS);
        run(c -> {
            if (user(c, mail).isEmpty()) {
                throw TowerException.badParameter("no user '" + mail + "'");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_tokens (token_id, email, name, salt, hash,"
                    + " iterations, created_at, revoked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
                ps.setString(1, token.tokenId());
                ps.setString(2, mail);
                ps.setString(3, n);
                ps.setBytes(4, salt);
                ps.setBytes(5, hash);
                ps.setInt(6, Tokens.ITERATIONS);
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                CatalogSql.setInstant(ps, 8, expiresAt);
                ps.executeUpdate();
            }
            return null;
        });
        return token;
    }

    @Override
    public List<User> users(String organisation) {
        return run(c -> {
            List<User> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT email, org, role, created_at FROM cat_users WHERE org = ? ORDER BY email")) {
                ps.setString(1, organisation);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new User(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<TokenInfo> tokens(String organisation) {
        return run(c -> {
            List<TokenInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.token_id, t.email, t.name, t.created_at, t.expires_at,"
                    + " t.last_used_at, t.revoked_at FROM cat_tokens t JOIN cat_users u ON u.email = t.email"
                    + " WHERE u.org = ? ORDER BY t.created_at DESC, t.token_id")) {
                ps.setString(1, organisation);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp revoked = rs.getTimestamp(7);
                        out.add(new TokenInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), CatalogSql.instant(rs, 5), CatalogSql.instant(rs, 6),
                                Optional.ofNullable(revoked).map(Timestamp::toInstant)));
                    }
                }
            }
            return out;
        });
    }

    /** Notes a token's use; called on the slow path only, so at most once per cache lifetime. */
    private void touch(String tokenId) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cat_tokens SET last_used_at = ? WHERE token_id = ?")) {
                ps.setLong(1, Instant.now().toEpochMilli());
                ps.setString(2, tokenId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> tokenOwner(String tokenId) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT email FROM cat_tokens WHERE token_id = ?")) {
                ps.setString(1, tokenId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public boolean revokeToken(String tokenId) {
        boolean done = run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cat_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.setString(2, tokenId);
                int n = ps.executeUpdate();
                try (PreparedStatement del = c.prepareStatement("DELETE FROM cat_sessions WHERE token_id = ?")) {
                    del.setString(1, tokenId);
                    del.executeUpdate();
                }
                return n > 0;
            }
        });
        tokenCache.values().removeIf(e -> e.caller().tokenId().equals(tokenId));
        sessionCache.values().removeIf(e -> e.caller().tokenId().equals(tokenId));
        return done;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        Optional<Tokens.Parsed> parsed = Tokens.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String key = Tokens.sha256Hex(token);
        Cached hit = tokenCache.get(key);
        if (hit != null && hit.live()) {
            return Optional.of(hit.caller());
        }
        record Row(byte[] salt, byte[] hash, int iterations, Caller caller, Optional<Instant> expiresAt) {
        }
        Optional<Row> row = run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.salt, t.hash, t.iterations, u.email, u.org, u.role,"
                    + " t.expires_at FROM cat_tokens t JOIN cat_users u ON u.email = t.email"
                    + " WHERE t.token_id = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)")) {
                ps.setString(1, parsed.get().id());
                ps.setLong(2, Instant.now().toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getBytes(1), rs.getBytes(2), rs.getInt(3),
                            new Caller(rs.getString(4), rs.getString(5), Role.parse(rs.getString(6)), parsed.get().id()),
                            CatalogSql.instant(rs, 7)))
                            : Optional.<Row>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        byte[] actual = Tokens.slowHash(parsed.get().secret(), row.get().salt(), row.get().iterations());
        if (!MessageDigest.isEqual(actual, row.get().hash())) {
            return Optional.empty();
        }
        remember(tokenCache, key, row.get().caller(), row.get().expiresAt());
        touch(parsed.get().id());
        return Optional.of(row.get().caller());
    }

    private static void remember(Map<String, Cached> cache, String key, Caller caller, Optional<Instant> expiresAt) {
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(e -> !e.live());
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        long ttl = CACHE_TTL.toNanos();
        if (expiresAt.isPresent()) {
            ttl = Math.min(ttl, Math.max(0, Duration.between(Instant.now(), expiresAt.get()).toNanos()));
        }
        cache.put(key, new Cached(caller, System.nanoTime() + ttl));
    }

    @Override
    public String openSession(Caller caller, Duration lifetime) {
        String id = Tokens.newSessionId();
        String hash = Tokens.sha256Hex(id);
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_sessions VALUES (?, ?, ?, ?)")) {
                ps.setString(1, hash);
                ps.setString(2, caller.tokenId());
                ps.setString(3, caller.email());
                ps.setTimestamp(4, Timestamp.from(Instant.now().plus(lifetime)));
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    @Override
    public Optional<Caller> session(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.sha256Hex(sessionId);
        Cached hit = sessionCache.get(hash);
        if (hit != null && hit.live()) {
            return Optional.of(hit.caller());
        }
        record Row(Caller caller, Optional<Instant> until) {
        }
        Optional<Row> row = run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.email, u.org, u.role, s.token_id, t.expires_at,"
                    + " s.expires_at FROM cat_sessions s"
                    + " JOIN cat_users u ON u.email = s.email JOIN cat_tokens t ON t.token_id = s.token_id"
                    + " WHERE s.id_hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL"
                    + " AND (t.expires_at IS NULL OR t.expires_at > ?)")) {
                ps.setString(1, hash);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.setLong(3, Instant.now().toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Row>empty();
                    }
                    Caller caller = new Caller(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)), rs.getString(4));
                    Optional<Instant> tokenEnd = CatalogSql.instant(rs, 5);
                    Instant sessionEnd = rs.getTimestamp(6).toInstant();
                    Instant end = tokenEnd.filter(t -> t.isBefore(sessionEnd)).orElse(sessionEnd);
                    return Optional.of(new Row(caller, Optional.of(end)));
                }
            }
        });
        row.ifPresent(r -> {
            remember(sessionCache, hash, r.caller(), r.until());
            touch(r.caller().tokenId());
        });
        return row.map(Row::caller);
    }

    @Override
    public void closeSession(String sessionId) {
        if (sessionId == null) {
            return;
        }
        String hash = Tokens.sha256Hex(sessionId);
        sessionCache.remove(hash);
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cat_sessions WHERE id_hash = ?")) {
                ps.setString(1, hash);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
