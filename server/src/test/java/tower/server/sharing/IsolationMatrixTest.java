package tower.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.json.Json;
import tower.pipeline.synthetic.Generated;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.api.Route;
import tower.server.auth.Catalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.store.Store;

/**
 * The isolation matrix, built from the server's route table: three organisations (A owns the data, B is a
 * partner in a project with A and holds grants, C is an outsider), A's tests private, project, shared,
 * expired-share, embargoed, past-embargo and public, plus a private test of B and of C. Every route that takes a
 * test is called by every caller on every test; a hidden test must answer exactly like a test that does not exist;
 * no answer to a caller may contain the id of a test hidden from it; lists hold exactly what the caller may see.
 * A route the matrix does not know fails the test.
 */
class IsolationMatrixTest {
    @TempDir
    static Path tmp;
    static Store store;
    static Pipeline pipeline;
    static TowerServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static String base;

    /** Callers: name → token (null = no token). */
    static final Map<String, String> CALLERS = new LinkedHashMap<>();
    static final Map<String, String> ORG_OF = Map.of("a_admin", "A", "a_viewer", "A", "b_member", "B", "c_member", "C");
    /** Fixture tests: name → id. */
    static final Map<String, String> TESTS = new LinkedHashMap<>();
    static final String MISSING = "0000000000000000-missing";
    static String jobOfA;

    /** Which fixture tests each organisation may read. */
    static final Map<String, Set<String>> MAY_READ = Map.of(
            "A", Set.of("a_private", "a_project", "a_shared", "a_expired", "a_embargoed", "a_embargo_passed", "a_public"),
            "B", Set.of("a_project", "a_shared", "a_embargo_passed", "a_public", "b_private"),
            "C", Set.of("a_embargo_passed", "a_public", "c_private"));

    static int cases;
    static final List<String> leaks = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(tmp.resolve("store"));
        pipeline = new Pipeline(PipelineConfig.defaults());
        server = TowerServer.start(ServerConfig.defaults().withPort(0).withJobThresholdBytes(2L << 20), store, pipeline);
        base = "http://127.0.0.1:" + server.port();
        Catalog c = server.catalog();
        c.createOrganisation("A", OrgKind.CELL);
        c.createOrganisation("B", OrgKind.PACK);
        c.createOrganisation("C", OrgKind.RECYCLER);
        CALLERS.put("a_admin", c.createUser("A", "admin@a.example", Role.ADMIN).token().secret());
        CALLERS.put("a_viewer", c.createUser("A", "viewer@a.example", Role.VIEWER).token().secret());
        CALLERS.put("b_member", c.createUser("B", "member@b.example", Role.MEMBER).token().secret());
        CALLERS.put("c_member", c.createUser("C", "member@c.example", Role.MEMBER).token().secret());
        CALLERS.put("anonymous", null);
        String a = CALLERS.get("a_admin");
        int n = 3;
        for (String name : List.of("a_private", "a_project", "a_shared", "a_expired", "a_embargoed", "a_embargo_passed",
                "a_public")) {
            TESTS.put(name, upload(a, n++));
        }
        TESTS.put("b_private", upload(CALLERS.get("b_member"), n++));
        TESTS.put("c_private", upload(CALLERS.get("c_member"), n++));
        assertThat(call("POST", "/api/v1/projects", a, "{\"name\":\"P\",\"members\":[\"B\"]}").status).isEqualTo(201);
        patch(a, "a_project", "{\"projects\":[\"P\"]}");
        share(a, "a_shared", "{\"org\":\"B\",\"purpose\":\"joint ageing study\",\"expires_at\":null}");
        Sharing sharing = c.sharing();
        Instant now = Instant.now();
        sharing.grant(new Grant(TESTS.get("a_expired"), "B", "ended pilot", Optional.of(now.minus(Duration.ofDays(1))),
                now.minus(Duration.ofDays(30)), "admin@a.example"));
        sharing.setVisibility(TESTS.get("a_expired"), Visibility.SHARED);
        patch(a, "a_embargoed", "{\"embargo_until\":\"" + now.plus(Duration.ofDays(365)) + "\"}");
        patch(a, "a_embargo_passed", "{\"embargo_until\":\"" + now.minus(Duration.ofMinutes(1)) + "\"}");
        patch(a, "a_public", "{\"visibility\":\"public\"}");
        Path big = tmp.resolve("big.csv");
        tower.pipeline.synthetic.SyntheticArbin.write(big, 3L << 20);
        Resp job = uploadFile(a, big, "big.csv");
        assertThat(job.status).as(job.body).isEqualTo(202);
        jobOfA = Json.MAPPER.readTree(job.body).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
        pipeline.close();
    }

    record Resp(int status, String body) {
    }

    static Resp call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Resp(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    static String upload(String token, int cycles) throws Exception {
        Path f = tmp.resolve("t" + cycles + ".csv");
        Generated.ageing(f, cycles, 1000, 100, 120);
        Resp r = uploadFile(token, f, "cell-" + cycles + ".csv");
        assertThat(r.status).as(r.body).isEqualTo(201);
        return Json.MAPPER.readTree(r.body).get("id").asText();
    }

    static Resp uploadFile(String token, Path f, String name) throws Exception {
        String boundary = "----m" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/tests"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(f), HttpRequest.BodyPublishers.ofByteArray(tail))).build();
        HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
        return new Resp(r.statusCode(), r.body());
    }

    static void patch(String token, String test, String body) throws Exception {
        Resp r = call("PATCH", "/api/v1/tests/" + TESTS.get(test), token, body);
        assertThat(r.status).as(r.body).isEqualTo(200);
    }

    static void share(String token, String test, String body) throws Exception {
        Resp r = call("POST", "/api/v1/tests/" + TESTS.get(test) + "/shares", token, body);
        assertThat(r.status).as(r.body).isEqualTo(201);
    }

    /** The query and body each test route is called with, so that a visible test answers 200. */
    static final Map<String, String> QUERY = Map.of(
            "GET /api/v1/tests/{id}/dqdv", "?cycle=2&half=discharge",
            "GET /api/v1/tests/{id}/timeseries", "?y=voltage_v&max_points=200");

    static String key(Route r) {
        return r.method().name() + " " + r.path();
    }

    static boolean isTestRoute(Route r) {
        return r.path().startsWith("/api/v1/tests/{id}");
    }

    static boolean mutates(Route r) {
        return r.method() != HandlerType.GET;
    }

    /** Test ids hidden from a caller. */
    static Set<String> hiddenFrom(String caller) {
        Set<String> out = new TreeSet<>();
        String org = ORG_OF.get(caller);
        TESTS.forEach((name, id) -> {
            if (org == null || !MAY_READ.get(org).contains(name)) {
                out.add(id);
            }
        });
        return out;
    }

    static void noLeak(String caller, String what, Resp r, Set<String> except) {
        for (String id : hiddenFrom(caller)) {
            if (!except.contains(id) && r.body.contains(id)) {
                leaks.add(caller + " " + what + " reveals " + id);
            }
        }
    }

    /** The answer for a test that does not exist, with the id swapped in: what a hidden test must look like. */
    static String missingAnswer(Route r, String token, String id) throws Exception {
        Resp m = call(r.method().name(), path(r, MISSING), token, body(r));
        return m.status + " " + m.body.replace(MISSING, id);
    }

    static String path(Route r, String id) {
        return r.path().replace("{id}", id).replace("{org}", "B") + QUERY.getOrDefault(key(r), "");
    }

    static String body(Route r) {
        return switch (key(r)) {
            case "PATCH /api/v1/tests/{id}" -> "{\"visibility\":\"private\"}";
            case "POST /api/v1/tests/{id}/shares" -> "{\"org\":\"C\",\"purpose\":\"x\",\"expires_at\":null}";
            default -> null;
        };
    }

    @Test
    void everyCallerSeesExactlyWhatItMayOnEveryRoute() throws Exception {
        Map<String, Checker> others = otherRoutes();
        List<String> unknown = new ArrayList<>();
        for (Route r : server.routes()) {
            if (!isTestRoute(r) && !others.containsKey(key(r))) {
                unknown.add(key(r));
            }
        }
        assertThat(unknown).as("routes the isolation matrix does not cover: add them to it").isEmpty();

        for (Route r : server.routes()) {
            if (!isTestRoute(r)) {
                continue;
            }
            for (var caller : CALLERS.entrySet()) {
                for (var test : TESTS.entrySet()) {
                    checkTestRoute(r, caller.getKey(), caller.getValue(), test.getKey(), test.getValue());
                }
            }
        }
        for (Route r : server.routes()) {
            if (!isTestRoute(r)) {
                for (var caller : CALLERS.entrySet()) {
                    others.get(key(r)).check(caller.getKey(), caller.getValue());
                    cases++;
                }
            }
        }
        int routes = server.routes().size();
        String summary = "isolation matrix: " + routes + " routes (" + server.routes().stream().filter(
                IsolationMatrixTest::isTestRoute).count() + " per test) x " + CALLERS.size() + " callers x " + TESTS.size()
                + " tests: " + cases + " cases, " + leaks.size() + " leaks";
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "isolation-matrix.txt"), summary + "\n" + String.join("\n", leaks) + "\n");
        assertThat(leaks).isEmpty();
    }

    private void checkTestRoute(Route r, String caller, String token, String testName, String id) throws Exception {
        cases++;
        String org = ORG_OF.get(caller);
        String where = caller + " " + key(r) + " on " + testName;
        if (token == null) {
            Resp resp = call(r.method().name(), path(r, id), null, body(r));
            assertThat(resp.status).as(where).isEqualTo(401);
            noLeak(caller, key(r), resp, Set.of(id));
            return;
        }
        boolean visible = MAY_READ.get(org).contains(testName);
        if (!visible) {
            Resp resp = call(r.method().name(), path(r, id), token, body(r));
            assertThat(resp.status + " " + resp.body).as(where + " must look like a missing test")
                    .isEqualTo(missingAnswer(r, token, id));
            noLeak(caller, key(r), resp, Set.of(id));
            return;
        }
        if (mutates(r)) {
            boolean owner = testName.startsWith(org.toLowerCase(java.util.Locale.ROOT) + "_");
            boolean mayChange = owner && !caller.endsWith("viewer");
            TestAccess before = server.catalog().sharing().access(id).orElseThrow();
            if (mayChange) {
                // a change by the owner is tested on a scratch copy, so that the fixture stays as it is
                return;
            }
            Resp resp = call(r.method().name(), path(r, id), token, body(r));
            assertThat(resp.status).as(where + ": " + resp.body).isEqualTo(403);
            assertThat(server.catalog().sharing().access(id).orElseThrow()).as(where + " changed nothing").isEqualTo(before);
            assertThat(server.catalog().sharing().access(id).map(TestAccess::owner)).contains(before.owner());
            noLeak(caller, key(r), resp, Set.of());
            return;
        }
        Resp resp = call("GET", path(r, id), token, null);
        assertThat(resp.status).as(where + ": " + resp.body).isEqualTo(200);
        noLeak(caller, key(r), resp, Set.of());
    }

    @Test
    void theOwnerChangesSharesAndDeletesAScratchTest() throws Exception {
        String a = CALLERS.get("a_admin");
        String scratch = upload(a, 40);
        Resp shared = call("POST", "/api/v1/tests/" + scratch + "/shares", a,
                "{\"org\":\"C\",\"purpose\":\"second-life screening\",\"expires_at\":\"" + Instant.now().plus(Duration.ofDays(7)) + "\"}");
        assertThat(shared.status).as(shared.body).isEqualTo(201);
        assertThat(call("GET", "/api/v1/tests/" + scratch, CALLERS.get("c_member"), null).status).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/tests/" + scratch + "/shares/C", a, null).status).isEqualTo(204);
        assertThat(call("GET", "/api/v1/tests/" + scratch, CALLERS.get("c_member"), null).status).isEqualTo(404);
        Resp p = call("PATCH", "/api/v1/tests/" + scratch, a, "{\"visibility\":\"public\"}");
        assertThat(Json.MAPPER.readTree(p.body).get("visibility").asText()).isEqualTo("public");
        assertThat(call("GET", "/api/v1/tests/" + scratch + "/cycles", CALLERS.get("c_member"), null).status).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/tests/" + scratch, a, null).status).isEqualTo(204);
        assertThat(call("GET", "/api/v1/tests/" + scratch, a, null).status).isEqualTo(404);
        assertThat(call("GET", "/api/v1/tests/" + scratch + "/cycles", CALLERS.get("c_member"), null).status).isEqualTo(404);
    }

    @FunctionalInterface
    interface Checker {
        void check(String caller, String token) throws Exception;
    }

    /** Every route that does not take a test, with what each caller must (and must not) get from it. */
    private Map<String, Checker> otherRoutes() {
        Map<String, Checker> m = new LinkedHashMap<>();
        m.put("GET /api/v1/health", (caller, token) -> noLeak(caller, "health", call("GET", "/api/v1/health", token, null), Set.of()));
        m.put("GET /api/v1/openapi.json", (caller, token) ->
                noLeak(caller, "openapi", call("GET", "/api/v1/openapi.json", token, null), Set.of()));
        m.put("POST /api/v1/login", (caller, token) -> {
            Resp r = call("POST", "/api/v1/login", null, "{\"token\":\"" + (token == null ? "none" : token) + "\"}");
            assertThat(r.status).isEqualTo(token == null ? 401 : 200);
            noLeak(caller, "login", r, Set.of());
        });
        m.put("POST /api/v1/logout", (caller, token) -> assertThat(call("POST", "/api/v1/logout", token, null).status).isEqualTo(204));
        m.put("GET /api/v1/me", (caller, token) -> ownOrgOnly(caller, call("GET", "/api/v1/me", token, null)));
        m.put("GET /api/v1/users", (caller, token) -> ownOrgOnly(caller, call("GET", "/api/v1/users", token, null)));
        m.put("POST /api/v1/users", (caller, token) -> {
            Resp r = call("POST", "/api/v1/users", token, "{\"email\":\"new-" + caller + "@x.example\",\"role\":\"viewer\"}");
            assertThat(r.status).as(caller + " " + r.body).isEqualTo(token == null ? 401 : caller.equals("a_admin") ? 201 : 403);
        });
        m.put("GET /api/v1/tokens", (caller, token) -> ownOrgOnly(caller, call("GET", "/api/v1/tokens", token, null)));
        m.put("POST /api/v1/tokens", (caller, token) -> assertThat(call("POST", "/api/v1/tokens", token, "{\"name\":\"m\"}").status)
                .isEqualTo(token == null ? 401 : 201));
        m.put("DELETE /api/v1/tokens/{id}", (caller, token) -> {
            // A's admin token: another organisation's caller gets the 404 of a token that does not exist
            String target = server.catalog().tokens("A").stream().filter(t -> t.email().equals("admin@a.example")
                    && t.name().equals("default")).findFirst().orElseThrow().tokenId();
            if (ORG_OF.getOrDefault(caller, "").equals("A")) {
                Resp made = call("POST", "/api/v1/tokens", token, "{\"name\":\"to-revoke\"}");
                target = Json.MAPPER.readTree(made.body).get("token_id").asText();
                assertThat(call("DELETE", "/api/v1/tokens/" + target, token, null).status).isEqualTo(204);
                return;
            }
            Resp r = call("DELETE", "/api/v1/tokens/" + target, token, null);
            assertThat(r.status).isEqualTo(token == null ? 401 : 404);
            String t = target;
            assertThat(server.catalog().tokens("A").stream().filter(x -> x.tokenId().equals(t)).findFirst()
                    .orElseThrow().revokedAt()).isEmpty();
        });
        m.put("GET /api/v1/orgs", (caller, token) -> {
            Resp r = call("GET", "/api/v1/orgs", token, null);
            assertThat(r.status).isEqualTo(token == null ? 401 : 200);
            noLeak(caller, "orgs", r, Set.of());
        });
        m.put("GET /api/v1/projects", (caller, token) -> {
            Resp r = call("GET", "/api/v1/projects", token, null);
            if (token == null) {
                assertThat(r.status).isEqualTo(401);
                return;
            }
            boolean inP = !ORG_OF.get(caller).equals("C");
            assertThat(r.body.contains("\"P\"")).as(caller + " sees project P").isEqualTo(inP);
            noLeak(caller, "projects", r, Set.of());
        });
        m.put("POST /api/v1/projects", (caller, token) -> {
            Resp r = call("POST", "/api/v1/projects", token, "{\"name\":\"Q-" + caller + "\",\"members\":[]}");
            assertThat(r.status).isEqualTo(token == null ? 401 : caller.endsWith("viewer") ? 403 : 201);
        });
        m.put("POST /api/v1/projects/{name}/members", (caller, token) -> {
            Resp r = call("POST", "/api/v1/projects/P/members", token, "{\"org\":\"C\"}");
            int expected = token == null ? 401 : caller.equals("a_admin") ? 201 : caller.equals("c_member") ? 404 : 403;
            assertThat(r.status).as(caller + " " + r.body).isEqualTo(expected);
            if (expected == 201) {
                assertThat(call("DELETE", "/api/v1/projects/P/members/C", token, null).status).isEqualTo(204);
            }
        });
        m.put("DELETE /api/v1/projects/{name}/members/{org}", (caller, token) -> {
            if (caller.equals("a_admin")) {
                return; // exercised with the POST above
            }
            Resp r = call("DELETE", "/api/v1/projects/P/members/B", token, null);
            assertThat(r.status).isEqualTo(token == null ? 401 : caller.equals("c_member") ? 404 : 403);
            assertThat(server.catalog().sharing().project("P").orElseThrow().members()).contains("B");
        });
        m.put("GET /api/v1/shares", (caller, token) -> {
            Resp r = call("GET", "/api/v1/shares", token, null);
            if (token == null) {
                assertThat(r.status).isEqualTo(401);
                return;
            }
            JsonNode n = Json.MAPPER.readTree(r.body);
            Set<String> received = new TreeSet<>();
            n.get("received").forEach(x -> received.add(x.get("test_id").asText()));
            assertThat(received).isEqualTo(caller.equals("b_member") ? Set.of(TESTS.get("a_shared")) : Set.of());
            noLeak(caller, "shares", r, Set.of());
        });
        m.put("GET /api/v1/audit", (caller, token) -> {
            Resp r = call("GET", "/api/v1/audit", token, null);
            assertThat(r.status).isEqualTo(token == null ? 401 : caller.endsWith("viewer") ? 403 : 200);
            noLeak(caller, "audit", r, Set.of());
            if (r.status == 200) {
                Json.MAPPER.readTree(r.body).get("events").forEach(e ->
                        assertThat(e.get("owner").asText()).isEqualTo(ORG_OF.get(caller)));
            }
        });
        m.put("GET /api/v1/tests", (caller, token) -> {
            Resp r = call("GET", "/api/v1/tests", token, null);
            if (token == null) {
                assertThat(r.status).isEqualTo(401);
                return;
            }
            Set<String> seen = new TreeSet<>();
            Json.MAPPER.readTree(r.body).get("tests").forEach(t -> seen.add(t.get("id").asText()));
            Set<String> expected = new TreeSet<>();
            MAY_READ.get(ORG_OF.get(caller)).forEach(name -> expected.add(TESTS.get(name)));
            seen.retainAll(new TreeSet<>(TESTS.values()));
            assertThat(seen).as(caller + " lists").isEqualTo(expected);
            noLeak(caller, "list", r, Set.of());
        });
        m.put("POST /api/v1/tests", (caller, token) -> {
            if (token == null || caller.endsWith("viewer")) {
                Path f = tmp.resolve("t3.csv");
                assertThat(uploadFile(token == null ? "none" : token, f, "t3.csv").status).isIn(401, 403);
                return;
            }
            // the same content as A's private test: another organisation gets a test of its own, never A's
            Resp r = uploadFile(token, tmp.resolve("t3.csv"), "same-content.csv");
            JsonNode n = Json.MAPPER.readTree(r.body);
            if (ORG_OF.get(caller).equals("A")) {
                assertThat(n.get("id").asText()).isEqualTo(TESTS.get("a_private"));
                assertThat(n.get("duplicate").asBoolean()).isTrue();
            } else {
                assertThat(r.status).isEqualTo(201);
                assertThat(n.get("id").asText()).isNotEqualTo(TESTS.get("a_private"));
                assertThat(n.get("duplicate").asBoolean()).isFalse();
                assertThat(n.get("owner").asText()).isEqualTo(ORG_OF.get(caller));
            }
            noLeak(caller, "upload", r, Set.of());
        });
        m.put("GET /api/v1/jobs/{id}", (caller, token) -> {
            Resp r = call("GET", "/api/v1/jobs/" + jobOfA, token, null);
            assertThat(r.status).isEqualTo(token == null ? 401 : ORG_OF.get(caller).equals("A") ? 200 : 404);
            if (r.status == 404) {
                Resp missing = call("GET", "/api/v1/jobs/job-that-does-not-exist", token, null);
                assertThat(r.body.replace(jobOfA, "X")).isEqualTo(missing.body.replace("job-that-does-not-exist", "X"));
            }
        });
        return m;
    }

    private static void ownOrgOnly(String caller, Resp r) throws Exception {
        if (CALLERS.get(caller) == null) {
            assertThat(r.status).isEqualTo(401);
            return;
        }
        assertThat(r.status).isEqualTo(200);
        String org = ORG_OF.get(caller).toLowerCase(java.util.Locale.ROOT);
        for (String other : List.of("a", "b", "c")) {
            if (!other.equals(org)) {
                assertThat(r.body).as(caller + " sees another organisation's users").doesNotContain("@" + other + ".example");
            }
        }
        noLeak(caller, "account", r, Set.of());
    }
}
