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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tower.pipeline.errors.TowerException;
import tower.store.Store;
import tower.store.StoreException;

/**
 * The catalogue in the store's DuckDB file, in tables of its own ({@code cat_*}, created here). Verified tokens and
 * sessions are cached in memory for {@link #CACHE_TTL} so that a request hashes at most once a minute per token;
 * revoking a token or closing a session drops its cache entry at once. The ownership of tests is mirrored in memory
 * (this process owns the store).
 */
public final class DuckCatalog implements Catalog {
    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final int MAX_CACHED = 10_000;

    private final Store store;
    private final Map<String, Cached> tokenCache = new ConcurrentHashMap<>();
    private final Map<String, Cached> sessionCache = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> owners = new ConcurrentHashMap<>();

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
                s.execute("CREATE TABLE IF NOT EXISTS cat_sessions (id_hash VARCHAR PRIMARY KEY, token_id VARCHAR NOT NULL,"
                        + " email VARCHAR NOT NULL, expires_at TIMESTAMP NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS cat_test_owners (test_id VARCHAR NOT NULL, org VARCHAR NOT NULL,"
                        + " added_at TIMESTAMP NOT NULL, PRIMARY KEY (test_id, org))");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT test_id, org FROM cat_test_owners")) {
                while (rs.next()) {
                    owners.computeIfAbsent(rs.getString(1), k -> ConcurrentHashMap.newKeySet()).add(rs.getString(2));
                }
            }
            return null;
        });
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
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.length() > 200 || t.chars().anyMatch(ch -> ch < 0x20)) {
            throw TowerException.badParameter(what + " must be 1 to 200 printable characters");
        }
        return t;
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
    public IssuedToken createToken(String email, String name) {
        String mail = clean("email", email);
        String n = clean("token name", name);
        IssuedToken token = Tokens.newToken();
        byte[] salt = Tokens.salt();
        byte[] hash = Tokens.slowHash(Tokens.parse(token.secret()).orElseThrow().secret(), salt, Tokens.ITERATIONS);
        run(c -> {
            if (user(c, mail).isEmpty()) {
                throw TowerException.badParameter("no user '" + mail + "'");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_tokens VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                ps.setString(1, token.tokenId());
                ps.setString(2, mail);
                ps.setString(3, n);
                ps.setBytes(4, salt);
                ps.setBytes(5, hash);
                ps.setInt(6, Tokens.ITERATIONS);
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
        return token;
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
        record Row(byte[] salt, byte[] hash, int iterations, Caller caller) {
        }
        Optional<Row> row = run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.salt, t.hash, t.iterations, u.email, u.org, u.role"
                    + " FROM cat_tokens t JOIN cat_users u ON u.email = t.email"
                    + " WHERE t.token_id = ? AND t.revoked_at IS NULL")) {
                ps.setString(1, parsed.get().id());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getBytes(1), rs.getBytes(2), rs.getInt(3),
                            new Caller(rs.getString(4), rs.getString(5), Role.parse(rs.getString(6)), parsed.get().id())))
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
        remember(tokenCache, key, row.get().caller());
        return Optional.of(row.get().caller());
    }

    private static void remember(Map<String, Cached> cache, String key, Caller caller) {
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(e -> !e.live());
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(key, new Cached(caller, System.nanoTime() + CACHE_TTL.toNanos()));
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
        Optional<Caller> caller = run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.email, u.org, u.role, s.token_id FROM cat_sessions s"
                    + " JOIN cat_users u ON u.email = s.email JOIN cat_tokens t ON t.token_id = s.token_id"
                    + " WHERE s.id_hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL")) {
                ps.setString(1, hash);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Caller(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                            rs.getString(4))) : Optional.<Caller>empty();
                }
            }
        });
        caller.ifPresent(value -> remember(sessionCache, hash, value));
        return caller;
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

    @Override
    public void addOwner(String testId, String organisation) {
        if (visible(testId, organisation)) {
            return;
        }
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO cat_test_owners VALUES (?, ?, ?)")) {
                ps.setString(1, testId);
                ps.setString(2, organisation);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
        owners.computeIfAbsent(testId, k -> ConcurrentHashMap.newKeySet()).add(organisation);
    }

    @Override
    public boolean visible(String testId, String organisation) {
        Set<String> o = owners.get(testId);
        return o != null && o.contains(organisation);
    }

    @Override
    public Set<String> visibleTests(String organisation) {
        Set<String> out = new java.util.TreeSet<>();
        owners.forEach((test, orgs) -> {
            if (orgs.contains(organisation)) {
                out.add(test);
            }
        });
        return out;
    }

}
