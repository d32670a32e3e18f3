package tower.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.TowerException;
import tower.server.audit.AuditAction;
import tower.server.audit.AuditEvent;
import tower.server.auth.Caller;
import tower.server.auth.Catalog;
import tower.server.auth.Role;
import tower.server.data.CatalogSql;
import tower.server.data.TestData;
import tower.server.sharing.DuckSharing;
import tower.server.sharing.Grant;
import tower.server.sharing.Project;
import tower.server.sharing.TestAccess;
import tower.server.sharing.Visibility;

/**
 * The owner's side of cooperation: visibility, embargo and projects of a test, grants to partners, deleting a
 * test, joint projects, and the audit log of the organisation's data. Only the owner organisation's admins and
 * members change anything; partners read.
 */
public final class SharingApi {
    private final TestData data;
    private final Catalog catalog;
    private final TestGate gate;

    public SharingApi(TestData data, Catalog catalog, TestsApi tests) {
        this.data = data;
        this.catalog = catalog;
        this.gate = tests.gate();
    }

    // ------------------------------------------------------------------ one test

    /** PATCH: visibility, embargo_until (ISO-8601 or null) and projects (names), each optional. */
    void patch(Context ctx, Caller caller) {
        TestGate.Seen seen = gate.owned(ctx, caller);
        JsonNode body = Bodies.json(ctx, "{\"visibility\": \"shared\", \"embargo_until\": \"2027-06-01T00:00:00Z\","
                + " \"projects\": [\"NAME\"]}");
        Set<String> known = Set.of("visibility", "embargo_until", "projects");
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw TowerException.badParameter("unknown field '" + Params.clip(f)
                        + "' (visibility, embargo_until or projects)");
            }
        });
        String id = seen.test().testId();
        Optional<Visibility> visibility = Bodies.text(body, "visibility").map(Visibility::parse);
        if (Bodies.has(body, "visibility") && visibility.isEmpty()) {
            throw TowerException.badParameter("visibility must be private, project, shared or public");
        }
        Optional<Instant> embargo = Bodies.instant(body, "embargo_until");
        Optional<Set<String>> projects = Optional.empty();
        if (Bodies.has(body, "projects")) {
            Set<String> names = new LinkedHashSet<>(Bodies.texts(body, "projects"));
            for (String p : names) {
                // the owner attaches its tests only to projects its organisation is in; others do not exist for it
                if (!catalog.sharing().project(p).map(x -> x.includes(caller.organisation())).orElse(false)) {
                    throw DuckSharing.noProject(p);
                }
            }
            projects = Optional.of(names);
        }
        List<String> changed = new ArrayList<>();
        TestAccess a = seen.access();
        if (projects.isPresent() && !projects.get().equals(a.projects())) {
            a = catalog.sharing().setProjects(id, projects.get());
            changed.add("projects=" + String.join(",", projects.get()));
            if (visibility.isEmpty() && !projects.get().isEmpty() && a.visibility() == Visibility.PRIVATE) {
                visibility = Optional.of(Visibility.PROJECT);
            }
        }
        if (Bodies.has(body, "embargo_until") && !embargo.equals(a.embargoUntil())) {
            a = catalog.sharing().setEmbargo(id, embargo);
            changed.add("embargo_until=" + embargo.map(Instant::toString).orElse("none"));
        }
        if (visibility.isPresent() && visibility.get() != a.visibility()) {
            a = catalog.sharing().setVisibility(id, visibility.get());
            changed.add("visibility=" + visibility.get().label());
        }
        if (!changed.isEmpty()) {
            gate.record(ctx.ip(), caller, AuditAction.CHANGE, a, String.join("; ", changed));
        }
        TestsApi.sendJson(ctx, SharingJson.test(new TestGate.Seen(seen.test(), a, seen.how()), caller, Instant.now(),
                catalog.sharing()::project));
    }

    void delete(Context ctx, Caller caller) {
        TestGate.Seen seen = gate.owned(ctx, caller);
        String id = seen.test().testId();
        data.delete(id);
        catalog.sharing().forget(id);
        gate.record(ctx.ip(), caller, AuditAction.DELETE, seen.access(), seen.test().fileName());
        ctx.status(204);
    }

    /** POST a grant: {"org", "expires_at", "purpose"}; raises the visibility to shared when it was lower. */
    void share(Context ctx, Caller caller) {
        TestGate.Seen seen = gate.owned(ctx, caller);
        JsonNode body = Bodies.json(ctx, "{\"org\": \"NAME\", \"expires_at\": \"2027-06-01T00:00:00Z\" or null,"
                + " \"purpose\": \"...\"}");
        String org = Bodies.text(body, "org").orElseThrow(() -> TowerException.badParameter("org is required"));
        if (catalog.organisation(org).isEmpty()) {
            throw TowerException.badParameter("no organisation '" + Params.clip(org) + "' (GET /api/v1/orgs lists them)");
        }
        if (org.equals(caller.organisation())) {
            throw TowerException.badParameter("a test is always readable by its owner; share it with another organisation");
        }
        String purpose = CatalogSql.clean("purpose", Bodies.text(body, "purpose").orElseThrow(
                () -> TowerException.badParameter("purpose is required (what the partner may use the data for)")));
        Optional<Instant> expires = Bodies.instant(body, "expires_at");
        Instant now = Instant.now();
        if (expires.isPresent() && !expires.get().isAfter(now)) {
            throw TowerException.badParameter("expires_at " + expires.get() + " is in the past");
        }
        String id = seen.test().testId();
        Grant g = new Grant(id, org, purpose, expires, now, caller.email());
        TestAccess a = catalog.sharing().grant(g);
        if (!a.visibility().atLeast(Visibility.SHARED)) {
            a = catalog.sharing().setVisibility(id, Visibility.SHARED);
        }
        gate.record(ctx.ip(), caller, AuditAction.SHARE, a, org + " until " + expires.map(Instant::toString).orElse("revoked")
                + ": " + purpose);
        ctx.status(201);
        TestsApi.sendJson(ctx, SharingJson.share(g, now));
    }

    void unshare(Context ctx, Caller caller) {
        TestGate.Seen seen = gate.owned(ctx, caller);
        String org = ctx.pathParam("org");
        if (!catalog.sharing().revoke(seen.test().testId(), org)) {
            throw new TowerException(ErrorKind.UNKNOWN_TEST, "test " + seen.test().testId() + " is not shared with "
                    + Params.clip(org));
        }
        gate.record(ctx.ip(), caller, AuditAction.UNSHARE, seen.access(), org);
        ctx.status(204);
    }

    // ------------------------------------------------------------------ lists

    /** The grants the caller's organisation gave and the ones it received (live only). */
    void shares(Context ctx, Caller caller) {
        Instant now = Instant.now();
        Map<String, String> names = new java.util.HashMap<>();
        data.list().forEach(t -> names.put(t.testId(), t.fileName()));
        List<Map<String, Object>> granted = new ArrayList<>();
        List<Map<String, Object>> received = new ArrayList<>();
        for (TestAccess a : catalog.sharing().all()) {
            if (!names.containsKey(a.testId())) {
                continue;
            }
            if (a.owner().equals(caller.organisation())) {
                for (Grant g : a.grants()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("test_id", a.testId());
                    m.put("file_name", names.get(a.testId()));
                    m.putAll(SharingJson.share(g, now));
                    granted.add(m);
                }
            } else if (a.visibility().atLeast(Visibility.SHARED)) {
                a.liveGrant(caller.organisation(), now).ifPresent(g -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("test_id", a.testId());
                    m.put("file_name", names.get(a.testId()));
                    m.put("owner", a.owner());
                    m.put("purpose", g.purpose());
                    m.put("expires_at", g.expiresAt().map(Instant::toString).orElse(null));
                    m.put("granted_at", g.grantedAt().toString());
                    received.add(m);
                });
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("granted", granted);
        doc.put("received", received);
        TestsApi.sendJson(ctx, doc);
    }

    void audit(Context ctx, Caller caller) {
        if (caller.role() == Role.VIEWER) {
            throw new TowerException(ErrorKind.FORBIDDEN, "the audit log is for admins and members of " + caller.organisation());
        }
        int limit = (int) Params.integer(ctx, "limit", 500, 1, 10_000);
        Optional<String> test = Params.string(ctx, "test");
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditEvent e : catalog.audit().events(caller.organisation(), test, limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("actor_org", e.actorOrg());
            m.put("action", e.action().label());
            m.put("test_id", e.testId());
            m.put("owner", e.owner());
            m.put("detail", e.detail());
            m.put("address", e.address());
            events.add(m);
        }
        TestsApi.sendJson(ctx, Map.of("events", events));
    }

    /** The organisations of the platform (names and kinds are not secret: partners must be able to name each other). */
    void organisations(Context ctx, Caller caller) {
        List<Map<String, Object>> out = new ArrayList<>();
        catalog.organisations().forEach(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            m.put("kind", o.kind().label());
            out.add(m);
        });
        TestsApi.sendJson(ctx, Map.of("organisations", out));
    }

    // ------------------------------------------------------------------ projects

    void projects(Context ctx, Caller caller) {
        List<Map<String, Object>> out = new ArrayList<>();
        catalog.sharing().projectsOf(caller.organisation()).forEach(p -> out.add(SharingJson.project(p)));
        TestsApi.sendJson(ctx, Map.of("projects", out));
    }

    void createProject(Context ctx, Caller caller) {
        if (caller.role() == Role.VIEWER) {
            throw new TowerException(ErrorKind.FORBIDDEN, "a viewer may not create projects");
        }
        JsonNode body = Bodies.json(ctx, "{\"name\": \"...\", \"members\": [\"ORG\"]}");
        String name = Bodies.text(body, "name").orElseThrow(() -> TowerException.badParameter("name is required"));
        List<String> members = Bodies.texts(body, "members");
        for (String m : members) {
            requireOrg(m);
        }
        Project p = catalog.sharing().createProject(name, caller.organisation(), members);
        ctx.status(201);
        TestsApi.sendJson(ctx, SharingJson.project(p));
    }

    /** A project the caller's organisation leads; a project it is not in is a 404, one it only joined a 403. */
    private Project led(Context ctx, Caller caller) {
        String name = ctx.pathParam("name");
        Project p = catalog.sharing().project(name).filter(x -> x.includes(caller.organisation()))
                .orElseThrow(() -> DuckSharing.noProject(name));
        if (!p.lead().equals(caller.organisation()) || caller.role() == Role.VIEWER) {
            throw new TowerException(ErrorKind.FORBIDDEN, "only admins and members of " + p.lead()
                    + ", the lead, manage the members of project " + p.name());
        }
        return p;
    }

    void addMember(Context ctx, Caller caller) {
        Project p = led(ctx, caller);
        JsonNode body = Bodies.json(ctx, "{\"org\": \"NAME\"}");
        String org = Bodies.text(body, "org").orElseThrow(() -> TowerException.badParameter("org is required"));
        requireOrg(org);
        ctx.status(201);
        TestsApi.sendJson(ctx, SharingJson.project(catalog.sharing().addMember(p.name(), org)));
    }

    void removeMember(Context ctx, Caller caller) {
        Project p = led(ctx, caller);
        String org = ctx.pathParam("org");
        if (!catalog.sharing().removeMember(p.name(), org)) {
            throw new TowerException(ErrorKind.UNKNOWN_TEST, Params.clip(org) + " is not a member of project " + p.name());
        }
        ctx.status(204);
    }

    private void requireOrg(String org) {
        if (catalog.organisation(org).isEmpty()) {
            throw TowerException.badParameter("no organisation '" + Params.clip(org) + "' (GET /api/v1/orgs lists them)");
        }
    }
}
