package tower.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.TowerException;
import tower.server.audit.AuditAction;
import tower.server.audit.AuditEvent;
import tower.server.auth.Caller;
import tower.server.auth.Catalog;
import tower.server.auth.Role;
import tower.server.data.TestData;
import tower.server.sharing.Access;
import tower.server.sharing.TestAccess;
import tower.store.StoredTest;

/**
 * The one door to a test for every route: resolves {@code {id}}, applies the access rule, records the audit event.
 * A test the caller may not see gets exactly the answer of a test that does not exist.
 */
final class TestGate {
    private final TestData data;
    private final Catalog catalog;

    TestGate(TestData data, Catalog catalog) {
        this.data = data;
        this.catalog = catalog;
    }

    /** A test the caller sees, with how it sees it. */
    record Seen(StoredTest test, TestAccess access, Access how) {
    }

    private Optional<Seen> lookup(String id, Caller caller, Instant now) {
        Optional<TestAccess> a = catalog.sharing().access(id);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        Optional<Access> how = a.get().accessFor(caller.organisation(), now, catalog.sharing()::project);
        if (how.isEmpty()) {
            return Optional.empty();
        }
        return data.find(id).map(t -> new Seen(t, a.get(), how.get()));
    }

    /** The test of the path, read by the caller: recorded in the owner's audit log as {@code action}. */
    Seen read(Context ctx, Caller caller, AuditAction action) {
        Seen s = resolve(ctx, caller);
        record(ctx.ip(), caller, action, s.access(), detail(ctx));
        return s;
    }

    /** The test of the path, when the caller sees it (no audit: the route records what it changes). */
    Seen resolve(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        return lookup(id, caller, Instant.now()).orElseThrow(() -> TestsApi.notFound(id));
    }

    /** Every test the caller sees, oldest first. */
    java.util.List<Seen> visible(Caller caller) {
        Instant now = Instant.now();
        java.util.List<Seen> out = new java.util.ArrayList<>();
        for (StoredTest t : data.list()) {
            catalog.sharing().access(t.testId()).ifPresent(a -> a.accessFor(caller.organisation(), now,
                    catalog.sharing()::project).ifPresent(how -> out.add(new Seen(t, a, how))));
        }
        return out;
    }

    /**
     * The test of the path, for a change: hidden is a 404; seen but not owned (a partner, the public) or a viewer is a
     * 403, since grants are read-only.
     */
    Seen owned(Context ctx, Caller caller) {
        Seen s = resolve(ctx, caller);
        if (s.how() != Access.OWNER) {
            throw new TowerException(ErrorKind.FORBIDDEN, "only " + s.access().owner()
                    + ", the owner, may change, share or delete this test");
        }
        if (caller.role() == Role.VIEWER) {
            throw new TowerException(ErrorKind.FORBIDDEN, "a viewer may not change, share or delete tests");
        }
        return s;
    }

    void record(String address, Caller caller, AuditAction action, TestAccess access, String detail) {
        catalog.audit().record(new AuditEvent(Instant.now(), caller.email(), caller.organisation(), action,
                access.testId(), access.owner(), detail, address));
    }

    /** The route and query, e.g. {@code timeseries?y=voltage_v&max_points=2000}, clipped. */
    private static String detail(Context ctx) {
        String p = ctx.path();
        int at = p.indexOf("/tests/");
        String rest = at < 0 ? p : p.substring(at + 7);
        int slash = rest.indexOf('/');
        String what = slash < 0 ? "test" : rest.substring(slash + 1);
        String q = ctx.queryString();
        String d = q == null || q.isEmpty() ? what : what + "?" + q;
        return d.length() > 200 ? d.substring(0, 200) : d;
    }
}
