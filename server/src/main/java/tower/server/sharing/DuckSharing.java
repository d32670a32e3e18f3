package tower.server.sharing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.TowerException;
import tower.server.data.CatalogSql;
import tower.store.Store;

/**
 * {@link Sharing} in the store's DuckDB file ({@code cat_tests}, {@code cat_test_projects}, {@code cat_grants},
 * {@code cat_projects}, {@code cat_project_members}), mirrored in memory as immutable records that a change
 * replaces (this process owns the store), so the check every request makes touches no database.
 */
public final class DuckSharing implements Sharing {
    private final Store store;
    private final Map<String, TestAccess> tests = new ConcurrentHashMap<>();
    private final Map<String, Project> projects = new ConcurrentHashMap<>();

    public DuckSharing(Store store) {
        this.store = store;
        CatalogSql.run(store, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS cat_tests (test_id VARCHAR PRIMARY KEY, owner VARCHAR NOT NULL,"
                        + " visibility VARCHAR NOT NULL, embargo_until BIGINT, registered_at BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS cat_test_projects (test_id VARCHAR NOT NULL, project VARCHAR NOT NULL,"
                        + " PRIMARY KEY (test_id, project))");
                s.execute("CREATE TABLE IF NOT EXISTS cat_grants (test_id VARCHAR NOT NULL, org VARCHAR NOT NULL,"
                        + " purpose VARCHAR NOT NULL, expires_at BIGINT, granted_at BIGINT NOT NULL,"
                        + " granted_by VARCHAR NOT NULL, PRIMARY KEY (test_id, org))");
                s.execute("CREATE TABLE IF NOT EXISTS cat_projects (name VARCHAR PRIMARY KEY, lead VARCHAR NOT NULL,"
                        + " created_at BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS cat_project_members (project VARCHAR NOT NULL, org VARCHAR NOT NULL,"
                        + " added_at BIGINT NOT NULL, PRIMARY KEY (project, org))");
            }
            migrateOwners(c);
            load(c);
            return null;
        });
    }

    /** Stores made before sharing existed kept owners in cat_test_owners: the first becomes the owner, the others partners. */
    private static void migrateOwners(Connection c) throws SQLException {
        boolean old;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'cat_test_owners'")) {
            rs.next();
            old = rs.getLong(1) > 0;
        }
        if (!old) {
            return;
        }
        Map<String, List<String>> owners = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT test_id, org FROM cat_test_owners ORDER BY added_at, org")) {
            while (rs.next()) {
                owners.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        long now = Instant.now().toEpochMilli();
        for (var e : owners.entrySet()) {
            boolean shared = e.getValue().size() > 1;
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO cat_tests VALUES (?, ?, ?, NULL, ?)")) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue().get(0));
                ps.setString(3, (shared ? Visibility.SHARED : Visibility.PRIVATE).label());
                ps.setLong(4, now);
                ps.executeUpdate();
            }
            for (String partner : e.getValue().subList(1, e.getValue().size())) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT OR IGNORE INTO cat_grants VALUES (?, ?, 'co-owner before sharing existed', NULL, ?, 'migration')")) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, partner);
                    ps.setLong(3, now);
                    ps.executeUpdate();
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE cat_test_owners");
        }
    }

    private void load(Connection c) throws SQLException {
        Map<String, Set<String>> attached = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT test_id, project FROM cat_test_projects")) {
            while (rs.next()) {
                attached.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        Map<String, List<Grant>> grants = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT test_id, org, purpose, expires_at, granted_at, granted_by FROM cat_grants ORDER BY granted_at")) {
            while (rs.next()) {
                grants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Grant(rs.getString(1),
                        rs.getString(2), rs.getString(3), CatalogSql.instant(rs, 4), Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getString(6)));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT test_id, owner, visibility, embargo_until FROM cat_tests")) {
            while (rs.next()) {
                String id = rs.getString(1);
                tests.put(id, new TestAccess(id, rs.getString(2), Visibility.parse(rs.getString(3)),
                        CatalogSql.instant(rs, 4), attached.getOrDefault(id, Set.of()), grants.getOrDefault(id, List.of())));
            }
        }
        Map<String, List<String>> members = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT project, org FROM cat_project_members ORDER BY org")) {
            while (rs.next()) {
                members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, lead, created_at FROM cat_projects")) {
            while (rs.next()) {
                String n = rs.getString(1);
                projects.put(n, new Project(n, rs.getString(2), members.getOrDefault(n, List.of()),
                        Instant.ofEpochMilli(rs.getLong(3))));
            }
        }
    }

    private TestAccess require(String testId) {
        TestAccess a = tests.get(testId);
        if (a == null) {
            throw new TowerException(ErrorKind.UNKNOWN_TEST, "no such test " + testId);
        }
        return a;
    }

    @Override
    public synchronized void register(String testId, String owner) {
        if (tests.containsKey(testId)) {
            return;
        }
        CatalogSql.run(store, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO cat_tests VALUES (?, ?, 'private', NULL, ?)")) {
                ps.setString(1, testId);
                ps.setString(2, owner);
                ps.setLong(3, Instant.now().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        tests.put(testId, TestAccess.privateTo(testId, owner));
    }

    @Override
    public Optional<TestAccess> access(String testId) {
        return Optional.ofNullable(tests.get(testId));
    }

    @Override
    public Optional<Access> accessFor(String testId, String org, Instant now) {
        TestAccess a = tests.get(testId);
        return a == null ? Optional.empty() : a.accessFor(org, now, this::project);
    }

    @Override
    public Set<String> owned(String org) {
        Set<String> out = new TreeSet<>();
        tests.values().forEach(a -> {
            if (a.owner().equals(org)) {
                out.add(a.testId());
            }
        });
        return out;
    }

    @Override
    public List<TestAccess> all() {
        return List.copyOf(tests.values());
    }

    @Override
    public synchronized TestAccess setVisibility(String testId, Visibility visibility) {
        TestAccess a = require(testId).withVisibility(visibility);
        update("UPDATE cat_tests SET visibility = ? WHERE test_id = ?", visibility.label(), testId);
        tests.put(testId, a);
        return a;
    }

    @Override
    public synchronized TestAccess setEmbargo(String testId, Optional<Instant> embargoUntil) {
        TestAccess a = require(testId).withEmbargo(embargoUntil);
        CatalogSql.run(store, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cat_tests SET embargo_until = ? WHERE test_id = ?")) {
                CatalogSql.setInstant(ps, 1, embargoUntil);
                ps.setString(2, testId);
                ps.executeUpdate();
            }
            return null;
        });
        tests.put(testId, a);
        return a;
    }

    @Override
    public synchronized TestAccess setProjects(String testId, Set<String> names) {
        TestAccess a = require(testId).withProjects(names);
        CatalogSql.run(store, c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM cat_test_projects WHERE test_id = ?")) {
                    ps.setString(1, testId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_test_projects VALUES (?, ?)")) {
                    for (String p : names) {
                        ps.setString(1, testId);
                        ps.setString(2, p);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return null;
        });
        tests.put(testId, a);
        return a;
    }

    @Override
    public synchronized TestAccess grant(Grant g) {
        TestAccess a = require(g.testId()).withGrant(g);
        CatalogSql.run(store, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO cat_grants VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, g.testId());
                ps.setString(2, g.org());
                ps.setString(3, g.purpose());
                CatalogSql.setInstant(ps, 4, g.expiresAt());
                ps.setLong(5, g.grantedAt().toEpochMilli());
                ps.setString(6, g.grantedBy());
                ps.executeUpdate();
            }
            return null;
        });
        tests.put(g.testId(), a);
        return a;
    }

    @Override
    public synchronized boolean revoke(String testId, String org) {
        TestAccess a = require(testId);
        if (a.grant(org).isEmpty()) {
            return false;
        }
        update("DELETE FROM cat_grants WHERE test_id = ? AND org = ?", testId, org);
        tests.put(testId, a.withoutGrant(org));
        return true;
    }

    @Override
    public synchronized void forget(String testId) {
        update("DELETE FROM cat_grants WHERE test_id = ?", testId);
        update("DELETE FROM cat_test_projects WHERE test_id = ?", testId);
        update("DELETE FROM cat_tests WHERE test_id = ?", testId);
        tests.remove(testId);
    }

    @Override
    public synchronized Project createProject(String name, String lead, List<String> members) {
        String n = CatalogSql.clean("project name", name);
        if (projects.containsKey(n)) {
            throw TowerException.conflict("project '" + n + "' exists already");
        }
        List<String> m = new ArrayList<>(new TreeSet<>(members));
        m.remove(lead);
        long now = Instant.now().toEpochMilli();
        CatalogSql.run(store, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_projects VALUES (?, ?, ?)")) {
                ps.setString(1, n);
                ps.setString(2, lead);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_project_members VALUES (?, ?, ?)")) {
                for (String org : m) {
                    ps.setString(1, n);
                    ps.setString(2, org);
                    ps.setLong(3, now);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        Project p = new Project(n, lead, m, Instant.ofEpochMilli(now));
        projects.put(n, p);
        return p;
    }

    @Override
    public synchronized Project addMember(String name, String org) {
        Project p = project(name).orElseThrow(() -> noProject(name));
        if (p.includes(org)) {
            return p;
        }
        CatalogSql.run(store, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cat_project_members VALUES (?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, org);
                ps.setLong(3, Instant.now().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        List<String> m = new ArrayList<>(p.members());
        m.add(org);
        m.sort(null);
        Project q = new Project(p.name(), p.lead(), m, p.createdAt());
        projects.put(name, q);
        return q;
    }

    @Override
    public synchronized boolean removeMember(String name, String org) {
        Project p = project(name).orElseThrow(() -> noProject(name));
        if (!p.members().contains(org)) {
            return false;
        }
        update("DELETE FROM cat_project_members WHERE project = ? AND org = ?", name, org);
        projects.put(name, new Project(p.name(), p.lead(), p.members().stream().filter(x -> !x.equals(org)).toList(),
                p.createdAt()));
        return true;
    }

    /** The answer for a project that does not exist or that the caller is not in: the same, by design. */
    public static TowerException noProject(String name) {
        return new TowerException(ErrorKind.UNKNOWN_TEST, "no such project '"
                + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'");
    }

    @Override
    public Optional<Project> project(String name) {
        return Optional.ofNullable(projects.get(name));
    }

    @Override
    public List<Project> projectsOf(String org) {
        return projects.values().stream().filter(p -> p.includes(org))
                .sorted(java.util.Comparator.comparing(Project::name)).toList();
    }

    private void update(String sql, String... args) {
        CatalogSql.run(store, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }
}
