package tower.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tower.pipeline.json.TestJson;
import tower.server.auth.Caller;
import tower.server.auth.Role;
import tower.server.sharing.Access;
import tower.server.sharing.Grant;
import tower.server.sharing.Project;
import tower.server.sharing.TestAccess;

/**
 * A test's JSON as a caller sees it: the CLI's fields ({@link TestJson}) and who owns it, its visibility, and what
 * of its sharing the caller may know. The owner sees every grant; a partner sees only its own grant; projects are
 * listed only where the caller's organisation is in them.
 */
final class SharingJson {
    private SharingJson() {
    }

    static Map<String, Object> test(TestGate.Seen seen, Caller caller, Instant now,
                                    java.util.function.Function<String, java.util.Optional<Project>> projects) {
        TestAccess a = seen.access();
        boolean owner = seen.how() == Access.OWNER;
        Map<String, Object> doc = TestJson.of(seen.test());
        doc.put("owner", a.owner());
        doc.put("visibility", a.visibility().label());
        doc.put("embargo_until", a.embargoUntil().map(Instant::toString).orElse(null));
        doc.put("access", seen.how().label());
        doc.put("can_edit", owner && caller.role() != Role.VIEWER);
        doc.put("projects", a.projects().stream().sorted().filter(p -> owner
                || projects.apply(p).map(x -> x.includes(caller.organisation())).orElse(false)).toList());
        if (owner) {
            List<Map<String, Object>> shares = new ArrayList<>();
            a.grants().forEach(g -> shares.add(share(g, now)));
            doc.put("shares", shares);
            doc.put("grant", null);
        } else {
            doc.put("grant", a.liveGrant(caller.organisation(), now).map(g -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("owner", a.owner());
                m.put("purpose", g.purpose());
                m.put("expires_at", g.expiresAt().map(Instant::toString).orElse(null));
                m.put("granted_at", g.grantedAt().toString());
                return (Object) m;
            }).orElse(null));
        }
        return doc;
    }

    static Map<String, Object> share(Grant g, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("org", g.org());
        m.put("purpose", g.purpose());
        m.put("expires_at", g.expiresAt().map(Instant::toString).orElse(null));
        m.put("granted_at", g.grantedAt().toString());
        m.put("granted_by", g.grantedBy());
        m.put("expired", !g.live(now));
        return m;
    }

    static Map<String, Object> project(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("lead", p.lead());
        m.put("members", p.members());
        m.put("created_at", p.createdAt().toString());
        return m;
    }
}
