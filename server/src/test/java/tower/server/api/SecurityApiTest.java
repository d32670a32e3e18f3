package tower.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.json.Json;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.audit.AuditLog;
import tower.server.auth.Catalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.store.Store;

/** CSRF, the login rate limit, token expiry, the partner's reads in the owner's audit log, and that log's append-only rule. */
class SecurityApiTest {
    @TempDir
    static Path tmp;
    static Store store;
    static Pipeline pipeline;
    static TowerServer server;
    static Http http;
    static String owner;
    static String partner;
    static String testId;

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(tmp.resolve("store"));
        pipeline = new Pipeline(PipelineConfig.defaults());
        server = TowerServer.start(ServerConfig.defaults().withPort(0), store, pipeline);
        Catalog c = server.catalog();
        c.createOrganisation("Cells Co", OrgKind.CELL);
        c.createOrganisation("Packs Co", OrgKind.PACK);
        owner = c.createUser("Cells Co", "owner@cells.example", Role.ADMIN).token().secret();
        partner = c.createUser("Packs Co", "reader@packs.example", Role.MEMBER).token().secret();
        http = new Http(server.port());
        Http.Response r = http.upload(owner, Path.of("..", "samples", "arbin_example.csv"), "arbin_example.csv", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        testId = Json.MAPPER.readTree(r.body()).get("id").asText();
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

    @Test
    void aSessionsStateChangingRequestsNeedItsCsrfToken() throws Exception {
        Http.Response login = http.post("/api/v1/login", null, "application/json", "{\"token\":\"" + owner + "\"}");
        String csrf = json(login).get("csrf_token").asText();
        String cookie = login.header("Set-Cookie").substring(0, login.header("Set-Cookie").indexOf(';'));
        assertThat(csrf).isNotBlank();
        // reading needs no CSRF token; /me gives it again (after a page reload)
        assertThat(json(http.withSession("GET", "/api/v1/me", cookie, null, null)).get("csrf_token").asText()).isEqualTo(csrf);
        Http.Response none = http.withSession("POST", "/api/v1/tokens", cookie, null, "{\"name\":\"x\"}");
        assertThat(none.status()).isEqualTo(403);
        assertThat(json(none).get("error").asText()).contains("X-CSRF-Token");
        assertThat(http.withSession("PATCH", "/api/v1/tests/" + testId, cookie, "forged", "{\"visibility\":\"public\"}")
                .status()).isEqualTo(403);
        assertThat(server.catalog().sharing().access(testId).orElseThrow().visibility().label()).isEqualTo("private");
        assertThat(http.withSession("POST", "/api/v1/tokens", cookie, csrf, "{\"name\":\"x\"}").status()).isEqualTo(201);
        // a script with a bearer token carries no ambient credentials: no CSRF token needed
        assertThat(http.request("POST", "/api/v1/tokens", owner, "{\"name\":\"y\"}").status()).isEqualTo(201);
    }

    @Test
    void failedLoginsAreLimitedPerAccountAndPerAddress() throws Exception {
        try (Store s = Store.open(tmp.resolve("limited")); TowerServer limited = TowerServer.start(ServerConfig.defaults()
                .withPort(0).withLoginLimits(new ServerConfig.LoginLimits(4, 2, Duration.ofMinutes(1))), s, pipeline)) {
            limited.catalog().createOrganisation("O", OrgKind.CELL);
            String good = limited.catalog().createUser("O", "u@o.example", Role.MEMBER).token().secret();
            String goodId = good.substring(6, 22);
            Http h = new Http(limited.port());
            String guess = "tower_" + goodId + "_guessedsecret";
            assertThat(h.get("/api/v1/me", guess).status()).isEqualTo(401);
            assertThat(h.get("/api/v1/me", guess).status()).isEqualTo(401);
            // the account is locked now, even for its right token; other accounts are not
            Http.Response locked = h.get("/api/v1/me", good);
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After")).matches("[0-9]+");
            assertThat(json(locked).get("error").asText()).contains("too many failed logins");
            String other = limited.catalog().createUser("O", "v@o.example", Role.MEMBER).token().secret();
            assertThat(h.get("/api/v1/me", other).status()).isEqualTo(200);
            // two more failures from this address reach its limit: logins from it are refused, whatever the token
            assertThat(h.post("/api/v1/login", null, "application/json", "{\"token\":\"tower_00000000000000aa_x\"}").status())
                    .isEqualTo(401);
            assertThat(h.get("/api/v1/me", "tower_00000000000000bb_y").status()).isEqualTo(401);
            assertThat(h.get("/api/v1/me", other).status()).isEqualTo(429);
            assertThat(h.post("/api/v1/login", null, "application/json", "{\"token\":\"" + other + "\"}").status())
                    .isEqualTo(429);
        }
    }

    @Test
    void anExpiredTokenIs401AndARevokedOneAtOnce() throws Exception {
        var t = server.catalog().createToken("owner@cells.example", "short", Optional.of(Instant.now().plusMillis(1500)));
        assertThat(http.get("/api/v1/me", t.secret()).status()).isEqualTo(200);
        JsonNode listed = json(http.get("/api/v1/tokens", owner));
        JsonNode row = null;
        for (JsonNode x : listed.get("tokens")) {
            if (x.get("token_id").asText().equals(t.tokenId())) {
                row = x;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("live").asBoolean()).isTrue();
        assertThat(row.get("last_used_at").isNull()).isFalse();
        assertThat(row.get("expires_at").asText()).isNotBlank();
        Thread.sleep(1700);
        Http.Response r = http.get("/api/v1/me", t.secret());
        assertThat(r.status()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).contains("expired");
        Http.Response past = http.request("POST", "/api/v1/tokens", owner, "{\"name\":\"old\",\"expires_at\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        Http.Response naive = http.request("POST", "/api/v1/tokens", owner, "{\"name\":\"n\",\"expires_at\":\"2030-01-01T00:00:00\"}");
        assertThat(naive.status()).isEqualTo(400);
        assertThat(json(naive).get("error").asText()).contains("time zone");
    }

    @Test
    void aPartnersReadsAreInTheOwnersAuditLogWhichOnlyGrows() throws Exception {
        Http.Response shared = http.request("POST", "/api/v1/tests/" + testId + "/shares", owner,
                "{\"org\":\"Packs Co\",\"purpose\":\"pack model validation\",\"expires_at\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        JsonNode seen = json(http.get("/api/v1/tests/" + testId, partner));
        assertThat(seen.get("owner").asText()).isEqualTo("Cells Co");
        assertThat(seen.get("access").asText()).isEqualTo("shared");
        assertThat(seen.get("grant").get("purpose").asText()).isEqualTo("pack model validation");
        assertThat(seen.has("shares")).isFalse();
        assertThat(seen.get("can_edit").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/tests/" + testId + "/cycles", partner).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/tests/" + testId + "/export?format=csv", partner).status()).isEqualTo(200);

        List<JsonNode> before = events(owner);
        assertThat(before).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("reader@packs.example");
            assertThat(e.get("actor_org").asText()).isEqualTo("Packs Co");
            assertThat(e.get("action").asText()).isEqualTo("read");
            assertThat(e.get("detail").asText()).isEqualTo("cycles");
        });
        assertThat(before).anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("export"));
        assertThat(before).anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("share"));
        // the partner's own log holds nothing of the owner's data
        assertThat(events(partner)).isEmpty();

        // no route edits the log: every other method on it is refused, and the API has no other path to it
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(http.request(method, "/api/v1/audit", owner, "{}").status()).isIn(404, 405);
        }
        assertThat(server.routes().stream().filter(r -> r.path().contains("audit")).map(r -> r.method().name()))
                .containsExactly("GET");
        Method[] methods = AuditLog.class.getDeclaredMethods();
        assertThat(Arrays.stream(methods).map(Method::getName).sorted()).containsExactly("events", "record");

        // deleting the test removes the data, not its history
        assertThat(http.request("DELETE", "/api/v1/tests/" + testId + "/shares/Packs Co".replace(" ", "%20"), owner, null)
                .status()).isEqualTo(204);
        assertThat(http.get("/api/v1/tests/" + testId, partner).status()).isEqualTo(404);
        List<JsonNode> after = events(owner);
        assertThat(after.size()).isGreaterThan(before.size());
        List<JsonNode> older = new ArrayList<>(after.subList(after.size() - before.size(), after.size()));
        assertThat(older).isEqualTo(before);
        assertThat(after.get(0).get("action").asText()).isEqualTo("unshare");
    }

    @Test
    void anUploadsNameNeverReachesTheFileSystem() throws Exception {
        Path sample = Path.of("..", "samples", "maccor_example.001");
        // a control character in the part header is a malformed body: 400, not a crash
        Http.Response nul = new Http(server.port()).upload(partner, sample, "evil\u0000name.001", Map.of());
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(json(nul).get("error").asText()).contains("multipart");
        Http.Response r = new Http(server.port()).upload(partner, sample, "../../../../tmp/evilname.001", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("file_name").asText()).isEqualTo("evilname.001");
        try (var walk = java.nio.file.Files.walk(tmp)) {
            assertThat(walk.map(p -> p.getFileName().toString()).filter(n -> n.contains("evil"))).isEmpty();
        }
        assertThat(java.nio.file.Files.exists(Path.of("/tmp/evilname.001"))).isFalse();
    }

    private static List<JsonNode> events(String token) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        json(http.get("/api/v1/audit", token)).get("events").forEach(out::add);
        return out;
    }

    /**
     * An upload refused before its body is read (here a wrong token) still reaches the client as its 401: the server
     * reads a small body away first. Closing with the body unread made the kernel reset the connection when the rest
     * of the body came, and a client that read its answer after that got the reset instead.
     */
    @Test
    void aRefusedUploadIsAnsweredNotReset() throws Exception {
        byte[] body = new byte[200_000];
        java.util.Arrays.fill(body, (byte) 'x');
        String head = "POST /api/v1/tests HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong\r\nConnection: close\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body, 0, 1000);
            out.flush();
            Thread.sleep(300); // the rest of the body comes late, as a slow upload's does
            out.write(body, 1000, body.length - 1000);
            out.flush();
            Thread.sleep(300);
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 401").contains("\"error\"");
        }
    }
}
