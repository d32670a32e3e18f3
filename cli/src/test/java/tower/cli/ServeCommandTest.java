package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.store.Store;

/** {@code tower admin} and {@code tower serve}: REST bodies equal the CLI's {@code --json} output byte for byte. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void adminCommandsManageOrganisationsUsersAndTokens() {
        String store = tmp.resolve("s").toString();
        Cli org = Cli.run("admin", "create-org", "Cells Inc", "--kind", "cell", "--store", store);
        assertThat(org.exit()).as(org.err()).isZero();
        assertThat(Cli.run("admin", "create-org", "Cells Inc", "--store", store).err()).contains("exists already");
        assertThat(Cli.run("admin", "create-org", "X", "--kind", "bakery", "--store", store).exit()).isEqualTo(2);
        Cli user = Cli.run("admin", "create-user", "--org", "Cells Inc", "--email", "eve@cells.example", "--role", "admin",
                "--store", store);
        assertThat(user.exit()).as(user.err()).isZero();
        assertThat(lastLine(user.out())).matches("tower_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(Cli.run("admin", "create-user", "--org", "Nobody", "--email", "x@y.z", "--role", "admin", "--store", store)
                .err()).contains("no organisation 'Nobody'");
        assertThat(Cli.run("admin", "create-user", "--org", "Cells Inc", "--email", "f@cells.example", "--role", "boss",
                "--store", store).exit()).isEqualTo(2);
        Cli token = Cli.run("admin", "create-token", "--email", "eve@cells.example", "--store", store);
        assertThat(token.exit()).as(token.err()).isZero();
        String t = lastLine(token.out());
        assertThat(t).startsWith("tower_").isNotEqualTo(lastLine(user.out()));
        Cli revoke = Cli.run("admin", "revoke-token", t, "--store", store);
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(Cli.run("admin", "revoke-token", t, "--store", store).exit()).isEqualTo(2);
        // the token text is nowhere in the database file
        try (Store s = Store.open(Path.of(store))) {
            var c = new tower.server.auth.DuckCatalog(s);
            assertThat(c.authenticate(lastLine(user.out()))).isPresent();
            assertThat(c.authenticate(t)).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void adminCommandsManageTokenExpiryProjectsOwnershipAndReadTheAuditLog() throws Exception {
        String store = tmp.resolve("s").toString();
        Cli.run("admin", "create-org", "Cells", "--store", store);
        Cli.run("admin", "create-org", "Packs", "--kind", "pack", "--store", store);
        Cli.run("admin", "create-user", "--org", "Cells", "--email", "a@cells.example", "--role", "admin", "--store", store);
        Cli token = Cli.run("admin", "create-token", "--email", "a@cells.example", "--name", "ci", "--expires-in-days", "30",
                "--store", store);
        assertThat(token.exit()).as(token.err()).isZero();
        assertThat(Cli.run("admin", "create-token", "--email", "a@cells.example", "--expires-in-days", "0", "--store", store)
                .err()).contains("--expires-in-days must be at least 1");
        Cli list = Cli.run("admin", "list-tokens", "--org", "Cells", "--store", store);
        assertThat(list.exit()).as(list.err()).isZero();
        String ciLine = list.out().lines().filter(l -> l.contains(" ci ")).findFirst().orElseThrow();
        assertThat(ciLine).contains("live").contains("never").contains(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .plusDays(30).toString());
        Cli project = Cli.run("admin", "create-project", "Joint ageing", "--lead", "Cells", "--member", "Packs", "--store", store);
        assertThat(project.exit()).as(project.err()).isZero();
        assertThat(project.out()).contains("project Joint ageing created: lead Cells, members Packs");
        assertThat(Cli.run("admin", "create-project", "Joint ageing", "--lead", "Cells", "--store", store).err())
                .contains("exists already");
        assertThat(Cli.run("admin", "create-project", "Other", "--lead", "Nobody", "--store", store).err())
                .contains("no organisation 'Nobody'");
        Cli ingest = Cli.run("ingest", "../samples/arbin_example.csv", "--store", store);
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(Cli.run("admin", "assign-tests", "--org", "Cells", "--store", store).out()).contains("1 tests assigned to Cells");
        String id;
        try (Store s = Store.open(Path.of(store))) {
            id = s.list().get(0).testId();
        }
        Cli taken = Cli.run("admin", "assign-tests", "--org", "Packs", id, "--store", store);
        assertThat(taken.exit()).isEqualTo(3);
        assertThat(taken.err()).contains("is owned by Cells already");
        assertThat(Cli.run("admin", "audit", "--org", "Cells", "--store", store).exit()).isZero();
    }

    @Test
    void restBodiesAreByteForByteTheCliJson() throws Exception {
        String store = tmp.resolve("s").toString();
        Cli.run("admin", "create-org", "Org", "--store", store);
        String token = lastLine(Cli.run("admin", "create-user", "--org", "Org", "--email", "a@o.example", "--role",
                "member", "--store", store).out());
        Path sample = Path.of("..", "samples", "arbin_example.csv");
        try (Store s = Store.open(Path.of(store));
             TowerServer server = TowerServer.start(ServerConfig.defaults().withPort(0), s, Main.pipeline())) {
            HttpClient http = HttpClient.newHttpClient();
            String boundary = "b" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"arbin_example.csv\"\r\n\r\n").getBytes();
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/v1/tests"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofFile(sample), HttpRequest.BodyPublishers.ofByteArray(tail)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
            String id = tower.pipeline.json.Json.MAPPER.readTree(up.body()).get("id").asText();
            String[][] pairs = {
                    {"cycles", "cycles " + id + " --json"},
                    {"cycles?format=csv", "cycles " + id + " --csv"},
                    {"analysis", "analyze " + id + " --json"},
                    {"analysis?reference=median:2&threshold=0.9", "analyze " + id + " --reference median:2 --threshold 0.9 --json"},
                    {"dqdv?cycle=2", "dqdv " + id + " --cycle 2 --json"},
                    {"dqdv?cycle=2&half=charge", "dqdv " + id + " --cycle 2 --half charge --json"},
                    {"hppc", "hppc " + id + " --json"},
            };
            for (String[] p : pairs) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/v1/tests/" + id + "/" + p[0]))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(p[0] + ": " + r.body()).isEqualTo(200);
                Cli cli = Cli.run((p[1] + " --store " + store).split(" "));
                assertThat(cli.exit()).as(cli.err()).isZero();
                assertThat(r.body()).as(p[0]).isEqualTo(cli.out());
            }
            // a second server on the same port says so in one line, exit 3
            Cli taken = Cli.run("serve", "--port", Integer.toString(server.port()), "--store", tmp.resolve("other").toString());
            assertThat(taken.exit()).isEqualTo(3);
            assertThat(taken.err().strip()).isEqualTo("error: port " + server.port()
                    + " on 127.0.0.1 is in use (choose another with --port)");
        }
        assertThat(Files.exists(Path.of(store, "uploads"))).isTrue();
    }
}
