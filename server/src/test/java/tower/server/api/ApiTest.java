package tower.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.json.Json;
import tower.pipeline.synthetic.SyntheticArbin;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.auth.Catalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.store.Store;

/** Every route over real HTTP on an ephemeral port, with two organisations. */
class ApiTest {
    @TempDir
    static Path tmp;
    static Store store;
    static Pipeline pipeline;
    static TowerServer server;
    static Http http;
    static String alice;   // admin of org A
    static String bob;     // member of org B
    static String viewer;  // viewer of org A
    static String arbinId;
    static final Path SAMPLES = Path.of("..", "samples");

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(tmp.resolve("store"));
        pipeline = new Pipeline(PipelineConfig.defaults());
        server = TowerServer.start(ServerConfig.defaults().withPort(0).withMaxUploadBytes(400L << 20)
                .withJobThresholdBytes(20L << 20), store, pipeline);
        Catalog c = server.catalog();
        c.createOrganisation("Org A", OrgKind.CELL);
        c.createOrganisation("Org B", OrgKind.PACK);
        alice = c.createUser("Org A", "alice@a.example", Role.ADMIN).token().secret();
        viewer = c.createUser("Org A", "vera@a.example", Role.VIEWER).token().secret();
        bob = c.createUser("Org B", "bob@b.example", Role.MEMBER).token().secret();
        http = new Http(server.port());
        Http.Response r = http.upload(alice, SAMPLES.resolve("arbin_example.csv"), "arbin_example.csv",
                Map.of("cell_id", "CELL-A1"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        arbinId = json(r).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
        pipeline.close();
    }

    static JsonNode json(Http.Response r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static void assertError(Http.Response r, int status, String fragment) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode n = json(r);
        assertThat(n.size()).isEqualTo(1);
        assertThat(n.get("error").asText()).contains(fragment).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        Http.Response r = http.get("/api/v1/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void missingWrongAndMalformedTokensAre401() throws Exception {
        assertError(http.get("/api/v1/tests", null), 401, "log in");
        assertError(http.get("/api/v1/tests", "tower_0123456789abcdef_wrongsecret"), 401, "wrong, expired or revoked");
        assertError(http.get("/api/v1/tests", "not-a-token"), 401, "wrong, expired or revoked");
        String good = alice;
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
        assertError(http.get("/api/v1/tests", tampered), 401, "wrong, expired or revoked");
    }

    @Test
    void aRevokedTokenIs401AtOnce() throws Exception {
        Http.Response made = http.post("/api/v1/tokens", alice, "application/json", "{\"name\":\"script\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String token = json(made).get("token").asText();
        String id = json(made).get("token_id").asText();
        assertThat(http.get("/api/v1/me", token).status()).isEqualTo(200);
        assertError(http.delete("/api/v1/tokens/" + id, bob), 404, "no such live token");
        assertThat(http.delete("/api/v1/tokens/" + id, alice).status()).isEqualTo(204);
        assertError(http.get("/api/v1/me", token), 401, "wrong, expired or revoked");
    }

    @Test
    void meTellsTheCaller() throws Exception {
        JsonNode me = json(http.get("/api/v1/me", bob));
        assertThat(me.get("email").asText()).isEqualTo("bob@b.example");
        assertThat(me.get("organisation").asText()).isEqualTo("Org B");
        assertThat(me.get("role").asText()).isEqualTo("member");
    }

    @Test
    void loginGivesAStrictHttpOnlyCookieAndLogoutEndsIt() throws Exception {
        assertError(http.post("/api/v1/login", null, "application/json", "{\"token\":\"tower_0000000000000000_x\"}"),
                401, "wrong, expired or revoked");
        assertError(http.post("/api/v1/login", null, "application/json", "not json"), 400, "JSON");
        Http.Response r = http.post("/api/v1/login", null, "application/json", "{\"token\":\"" + alice + "\"}");
        assertThat(r.status()).isEqualTo(200);
        String cookie = r.header("Set-Cookie");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").startsWith(AuthApi.COOKIE + "=");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertThat(json(http.getWithCookie("/api/v1/me", pair)).get("email").asText()).isEqualTo("alice@a.example");
        assertThat(http.getWithCookie("/api/v1/tests/" + arbinId + "/cycles", pair).status()).isEqualTo(200);
        var out = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/logout")).header("Cookie", pair)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(204);
        assertError(http.getWithCookie("/api/v1/me", pair), 401, "session has ended");
    }

    @Test
    void listAndDetailShowTheOrganisationsTests() throws Exception {
        JsonNode list = json(http.get("/api/v1/tests", alice));
        assertThat(ids(list)).contains(arbinId);
        JsonNode t = json(http.get("/api/v1/tests/" + arbinId, alice));
        assertThat(t.get("file_name").asText()).isEqualTo("arbin_example.csv");
        assertThat(t.get("format").asText()).isEqualTo("arbin-csv");
        assertThat(t.get("cell").asText()).isEqualTo("CELL-A1");
        assertThat(t.get("rows").asLong()).isPositive();
        assertThat(t.get("plot_columns").toString()).contains("voltage_v").contains("test_time_s");
    }

    static Set<String> ids(JsonNode list) {
        Set<String> out = new HashSet<>();
        list.get("tests").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void anotherOrganisationsTestIsA404ExactlyLikeAMissingOne() throws Exception {
        assertThat(ids(json(http.get("/api/v1/tests", bob)))).doesNotContain(arbinId);
        String[] routes = {"", "/cycles", "/analysis", "/dqdv?cycle=1", "/hppc", "/steps", "/timeseries", "/export?format=csv"};
        for (String route : routes) {
            Http.Response hidden = http.get("/api/v1/tests/" + arbinId + route, bob);
            Http.Response missing = http.get("/api/v1/tests/t-000000000000" + route, bob);
            assertThat(hidden.status()).as(route).isEqualTo(404);
            assertThat(missing.status()).as(route).isEqualTo(404);
            assertThat(hidden.body().replace(arbinId, "ID")).as(route).isEqualTo(missing.body().replace("t-000000000000", "ID"));
        }
        // the same file uploaded by Org B is Org B's own test: a new id, not a duplicate, not Org A's metadata
        Http.Response r = http.upload(bob, SAMPLES.resolve("arbin_example.csv"), "b-copy.csv", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode b = json(r);
        assertThat(b.get("id").asText()).isNotEqualTo(arbinId);
        assertThat(b.get("duplicate").asBoolean()).isFalse();
        assertThat(b.get("file_name").asText()).isEqualTo("b-copy.csv");
        assertThat(ids(json(http.get("/api/v1/tests", alice)))).doesNotContain(b.get("id").asText());
        assertThat(http.get("/api/v1/tests/" + b.get("id").asText(), alice).status()).isEqualTo(404);
    }

    @Test
    void cyclesAnalysisAndDqdvHaveTheCliShapes() throws Exception {
        JsonNode cycles = json(http.get("/api/v1/tests/" + arbinId + "/cycles", alice));
        assertThat(cycles.get("test_id").asText()).isEqualTo(arbinId);
        assertThat(cycles.get("cycles").size()).isPositive();
        assertThat(cycles.get("cycles").get(0).has("discharge_capacity_ah")).isTrue();
        Http.Response csv = http.get("/api/v1/tests/" + arbinId + "/cycles?format=csv", alice);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(cycles.get("cycles").size() + 1L);
        assertThat(csv.body()).startsWith("cycle_index,");
        JsonNode a = json(http.get("/api/v1/tests/" + arbinId + "/analysis?threshold=0.9", alice));
        assertThat(a.get("threshold").asDouble()).isEqualTo(0.9);
        assertThat(a.has("soh")).isTrue();
        long cycle = cycles.get("cycles").get(1).get("cycle_index").asLong();
        Http.Response d = http.get("/api/v1/tests/" + arbinId + "/dqdv?cycle=" + cycle + "&half=discharge", alice);
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        assertThat(json(d).get("voltage_v").size()).isPositive();
        assertThat(json(http.get("/api/v1/tests/" + arbinId + "/steps", alice)).get("steps").size()).isPositive();
        assertThat(json(http.get("/api/v1/tests/" + arbinId + "/hppc", alice)).has("pulses")).isTrue();
    }

    @Test
    void largeCachedBodiesAreGzippedForClientsThatAcceptIt() throws Exception {
        String path = "/api/v1/tests/" + arbinId + "/cycles";
        String plain = http.get(path, alice).body();
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + path)).header("Authorization", "Bearer " + alice)
                .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (plain.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < tower.server.data.Body.GZIP_FROM) {
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            return;
        }
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        // one write with its length, not chunked (bench --server: chunked 32 kB slices stalled the p99)
        assertThat(r.headers().firstValue("Content-Length")).contains(String.valueOf(r.body().length));
        assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(plain);
        }
    }

    @Test
    void timeseriesIsDownsampledToColumnsOfEqualLength() throws Exception {
        JsonNode full = json(http.get("/api/v1/tests/" + arbinId, alice));
        long rows = full.get("rows").asLong();
        JsonNode ts = json(http.get("/api/v1/tests/" + arbinId + "/timeseries?y=voltage_v,current_a&x=test_time_s&max_points=100", alice));
        assertThat(ts.get("rows").asLong()).isEqualTo(rows);
        int n = ts.get("points").asInt();
        assertThat(n).isLessThanOrEqualTo(200).isGreaterThan(50);
        assertThat(ts.get("columns").get("test_time_s").size()).isEqualTo(n);
        assertThat(ts.get("columns").get("voltage_v").size()).isEqualTo(n);
        assertThat(ts.get("columns").get("current_a").size()).isEqualTo(n);
        JsonNode x = ts.get("columns").get("test_time_s");
        for (int i = 1; i < n; i++) {
            assertThat(x.get(i).asDouble()).isGreaterThanOrEqualTo(x.get(i - 1).asDouble());
        }
        JsonNode one = json(http.get("/api/v1/tests/" + arbinId + "/timeseries?y=voltage_v&x=charging_capacity_ah&cycle=1", alice));
        assertThat(one.get("rows").asLong()).isPositive().isLessThan(rows);
    }

    @Test
    void exportStreamsCsvAndParquet() throws Exception {
        byte[] csv = http.bytes("/api/v1/tests/" + arbinId + "/export?format=csv", alice);
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElse("")).contains("Test Time / s").contains("Voltage / V");
        long rows = json(http.get("/api/v1/tests/" + arbinId, alice)).get("rows").asLong();
        assertThat(text.lines().count()).isEqualTo(rows + 1);
        byte[] pq = http.bytes("/api/v1/tests/" + arbinId + "/export?format=parquet", alice);
        assertThat(new String(pq, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }

    @Test
    void badParametersAre400() throws Exception {
        String t = "/api/v1/tests/" + arbinId;
        assertError(http.get(t + "/analysis?threshold=2", alice), 400, "threshold");
        assertError(http.get(t + "/analysis?threshold=abc", alice), 400, "threshold");
        assertError(http.get(t + "/analysis?reference=bogus", alice), 400, "reference");
        assertError(http.get(t + "/dqdv", alice), 400, "cycle is required");
        assertError(http.get(t + "/dqdv?cycle=x", alice), 400, "cycle must be an integer");
        assertError(http.get(t + "/dqdv?cycle=999999", alice), 400, "");
        assertError(http.get(t + "/dqdv?cycle=1&half=sideways", alice), 400, "half");
        assertError(http.get(t + "/timeseries?y=nope", alice), 400, "unknown column 'nope'");
        assertError(http.get(t + "/timeseries?max_points=1", alice), 400, "max_points");
        assertError(http.get(t + "/export?format=xml", alice), 400, "csv or parquet");
        assertError(http.get(t + "/cycles?format=xml", alice), 400, "json or csv");
        assertError(http.get("/api/v1/nothing-here", alice), 404, "no such endpoint");
        assertError(http.get("/api/v1/jobs/j-unknown", alice), 404, "no such job");
    }

    @Test
    void uploadErrors() throws Exception {
        assertError(http.post("/api/v1/tests", alice, "application/json", "{}"), 415, "multipart");
        Path notes = Http.write(tmp, "notes.txt", "these are my notes\nnot a cycler file\n");
        Http.Response refused = http.upload(alice, notes, "my notes.txt", Map.of());
        assertError(refused, 422, "my notes.txt");
        assertThat(refused.body()).doesNotContain("upload-").doesNotContain(tmp.toString());
        Path cut = Http.write(tmp, "cut.csv", Files.readString(SAMPLES.resolve("arbin_example.csv")).lines().limit(5)
                .map(l -> l.substring(0, Math.min(l.length(), 30))).reduce("", (a, b) -> a + b + "\n"));
        Http.Response bad = http.upload(alice, cut, "../../etc/cut.csv", Map.of());
        assertThat(bad.status()).as(bad.body()).isIn(201, 422);
        if (bad.status() == 422) {
            assertThat(json(bad).get("error").asText()).startsWith("cut.csv:");
        }
        assertError(http.upload(alice, SAMPLES.resolve("arbin_example.csv"), "x.csv", Map.of("timezone", "Mars/Base")),
                400, "timezone");
        assertError(http.upload(viewer, SAMPLES.resolve("arbin_example.csv"), "x.csv", Map.of()), 403, "viewer");
        try (var files = Files.list(tmp.resolve("store").resolve("uploads"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("upload-")).toList()).isEmpty();
        }
    }

    @Test
    void anOversizedUploadIs413() throws Exception {
        try (TowerServer small = TowerServer.start(ServerConfig.defaults().withPort(0).withMaxUploadBytes(1 << 20),
                store, pipeline)) {
            Path big = tmp.resolve("big.csv");
            SyntheticArbin.write(big, 3L << 20);
            Http.Response r = new Http(small.port()).upload(alice, big, "big.csv", Map.of());
            assertError(r, 413, "larger than the limit");
        }
    }

    @Test
    void aLargeUploadIsIngestedAsABackgroundJob() throws Exception {
        Path big = tmp.resolve("large-arbin.csv");
        // 300 MB by default (about 20 s here); -Dtower.test.uploadMb=50 for a quicker run
        long rows = SyntheticArbin.write(big, Long.getLong("tower.test.uploadMb", 300L) << 20);
        long t0 = System.nanoTime();
        Http.Response r = http.upload(alice, big, "large-arbin.csv", Map.of("cell_id", "CELL-BIG"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String job = json(r).get("id").asText();
        assertThat(r.header("Location")).isEqualTo("/api/v1/jobs/" + job);
        assertError(http.get("/api/v1/jobs/" + job, bob), 404, "no such job");
        JsonNode state;
        do {
            Thread.sleep(500);
            state = json(http.get("/api/v1/jobs/" + job, alice));
            assertThat(state.get("bytes_done").asLong()).isLessThanOrEqualTo(state.get("bytes_total").asLong());
        } while (!state.get("state").asText().equals("done") && !state.get("state").asText().equals("failed"));
        assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("done");
        assertThat(state.get("rows_done").asLong()).isEqualTo(rows);
        assertThat(state.get("bytes_done").asLong()).isEqualTo(Files.size(big));
        String id = state.get("test").get("id").asText();
        assertThat(ids(json(http.get("/api/v1/tests", alice)))).contains(id);
        System.out.printf("large upload: %d MB, %d rows through the job path in %.1f s%n", Files.size(big) >> 20, rows,
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesTheServerHas() throws Exception {
        JsonNode doc = json(http.get("/api/v1/openapi.json", null));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            var p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey()));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(server.registeredEndpoints());
        assertThat(documented).contains("GET /api/v1/health", "POST /api/v1/tests", "GET /api/v1/tests/{id}/timeseries",
                "GET /api/v1/tests/{id}/export", "GET /api/v1/jobs/{id}");
    }
}
