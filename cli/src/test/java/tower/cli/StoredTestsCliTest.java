package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.pipeline.json.Json;

/** Issue 9 §2–§6 from the command line: exit codes, the exact one-line messages, files and permissions. */
class StoredTestsCliTest {
    static final String ARBIN = Cli.shared("battery-data-toolkit/arbin_example.csv");
    static final String ID = "t-2c32d4c47910";

    private static JsonNode json(Cli r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    private static String ingest(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", ARBIN, "--store", dir.resolve("s").toString()));
        args.addAll(List.of(extra));
        Cli r = Cli.run(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.err()).isZero();
        return dir.resolve("s").toString();
    }

    @Test
    void onlyIngestCreatesAStoreAndSaysSo(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("typo").toString();
        for (String[] cmd : List.of(new String[]{"list"}, new String[]{"cycles", ID}, new String[]{"analyze", ID},
                new String[]{"steps", ID}, new String[]{"export", ID, dir.resolve("x.csv").toString()},
                new String[]{"export", "--dataset", dir.resolve("ds").toString()}, new String[]{"label", ID, "cell=A"},
                new String[]{"delete", ID, "--yes"}, new String[]{"resummarize", ID}, new String[]{"store", "info"}, new String[]{"store", "compact"})) {
            List<String> args = new ArrayList<>(List.of(cmd));
            args.addAll(List.of("--store", missing));
            Cli r = Cli.run(args.toArray(new String[0]));
            assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isEqualTo(3);
            assertThat(r.err()).isEqualTo("error: no store at " + missing + " (tower ingest creates one)\n");
            assertThat(r.out()).isEmpty();
        }
        assertThat(Path.of(missing)).doesNotExist();
        Cli r = Cli.run("ingest", ARBIN, "--store", missing);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("created store " + missing + "\n");
        r = Cli.run("ingest", ARBIN, "--store", missing);
        assertThat(r.err()).isEmpty();
        assertThat(Cli.run("list", "--store", "").err()).startsWith("error: --store: give a directory, not an empty string");
        assertThat(Cli.run("list", "--store", "").exit()).isEqualTo(2);
    }

    @Test
    void unknownIdsEmptyFoldersAndGlobsAreDataErrorsWithOneLine(@TempDir Path dir) throws Exception {
        String store = ingest(dir);
        String real = dir.resolve("s").toRealPath().toString();
        for (String[] cmd : List.of(new String[]{"cycles", "t-000000000000"}, new String[]{"analyze", "t-000000000000"},
                new String[]{"steps", "t-000000000000"}, new String[]{"dqdv", "t-000000000000", "--cycle", "1"},
                new String[]{"hppc", "t-000000000000"}, new String[]{"export", "t-000000000000", dir.resolve("x.csv").toString()},
                new String[]{"label", "t-000000000000", "cell=A"}, new String[]{"delete", "t-000000000000", "--yes"},
                new String[]{"resummarize", "t-000000000000"})) {
            List<String> args = new ArrayList<>(List.of(cmd));
            args.addAll(List.of("--store", store));
            Cli r = Cli.run(args.toArray(new String[0]));
            assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isEqualTo(3);
            assertThat(r.err()).isEqualTo("error: no such test t-000000000000 in " + real + "\n");
        }
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli r = Cli.run("ingest", empty.toString(), "--store", store);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: " + empty + ": the folder holds no files\n");
        r = Cli.run("ingest", dir.resolve("in/*.csv").toString(), "--store", store);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: " + dir.resolve("in/*.csv") + ": no file matches this pattern\n");
        r = Cli.run("convert", ARBIN, "/missing/dir/x.csv");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: /missing/dir/x.csv: output: the folder /missing/dir does not exist; create it first or choose another OUTPUT\n");
        // a bad file: exit 3, its one line, no usage text
        Path bad = Files.writeString(dir.resolve("bad.csv"), "Data_Point,Test_Time,Current,Voltage,Cycle_Index\n1,0,oops,3.5,1\n");
        r = Cli.run("cycles", bad.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: " + bad + ": ").doesNotContain("Usage");
        r = Cli.run("convert", bad.toString(), dir.resolve("o.parquet").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: " + bad + ": ").doesNotContain(".part").doesNotContain("/tmp/tower");
    }

    @Test
    void aNominalCapacityGivenAtIngestReachesTheSummary(@TempDir Path dir) throws Exception {
        // arbin_example's cycles hold about 1.07 Ah: a stated 0.5 Ah cell makes them over 1.2 x nominal
        String store = ingest(dir, "--nominal-capacity", "0.5");
        JsonNode cycles = json(Cli.run("cycles", ID, "--json", "--store", store)).get("cycles");
        assertThat(cycles.get(1).get("flags").toString()).contains("over_nominal");
        // other cycling options on the stored test keep the nominal it was stored with
        cycles = json(Cli.run("cycles", ID, "--json", "--cycle-rule", "charge_first", "--store", store)).get("cycles");
        assertThat(cycles.toString()).contains("over_nominal");
        String plain = ingest(dir.resolve("plain"));
        assertThat(json(Cli.run("cycles", ID, "--json", "--store", plain)).get("cycles").toString())
                .doesNotContain("over_nominal");
    }

    @Test
    void labelsListDeleteAndSpecificCapacity(@TempDir Path dir) throws Exception {
        String store = ingest(dir, "--cell", "A1", "--nominal-capacity", "1.1", "--chemistry", "LFP/graphite",
                "--active-mass", "0.5");
        JsonNode t = json(Cli.run("list", "--json", "--store", store)).get("tests").get(0);
        assertThat(t.get("cell").asText()).isEqualTo("A1");
        assertThat(t.get("nominal_capacity_ah").asDouble()).isEqualTo(1.1);
        assertThat(t.get("chemistry").asText()).isEqualTo("LFP/graphite");
        assertThat(t.get("active_mass_g").asDouble()).isEqualTo(0.5);
        assertThat(t.get("area_cm2").isNull()).isTrue();

        Cli r = Cli.run("label", ID, "cell=B2", "area_cm2=1.54", "temperature_c=25", "tag.batch=7", "chemistry=",
                "--store", store);
        assertThat(r.exit()).as(r.err()).isZero();
        t = json(Cli.run("list", "--json", "--store", store)).get("tests").get(0);
        assertThat(t.get("cell").asText()).isEqualTo("B2");
        assertThat(t.get("area_cm2").asDouble()).isEqualTo(1.54);
        assertThat(t.get("temperature_c").asDouble()).isEqualTo(25);
        assertThat(t.get("chemistry").isNull()).isTrue();
        assertThat(t.get("tags").get("batch").asText()).isEqualTo("7");
        r = Cli.run("label", ID, "nominal_capacity_ah=-1", "--store", store);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: nominal_capacity_ah must be a positive number, not '-1'\n");
        r = Cli.run("label", ID, "colour=red", "--store", store);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: unknown label 'colour' (use cell, nominal_capacity_ah, chemistry,"
                + " active_mass_g, area_cm2, temperature_c or tag.NAME)\n");
        r = Cli.run("ingest", ARBIN, "--store", dir.resolve("s2").toString(), "--active-mass", "zero");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: active_mass_g must be a number, not 'zero'\n");
        assertThat(dir.resolve("s2")).doesNotExist();

        // specific capacity with the active mass: mAh per gram
        JsonNode cycles = json(Cli.run("cycles", ID, "--json", "--store", store)).get("cycles");
        for (JsonNode c : cycles) {
            assertThat(c.get("discharge_specific_capacity_mah_g").asDouble())
                    .isCloseTo(c.get("discharge_capacity_ah").asDouble() * 1000 / 0.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(c.has("charge_specific_capacity_mah_g")).isTrue();
        }
        assertThat(Cli.run("cycles", ID, "--csv", "--store", store).out().lines().findFirst().orElseThrow())
                .endsWith(",flags,charge_specific_capacity_mah_g,discharge_specific_capacity_mah_g");
        assertThat(json(Cli.run("cycles", ARBIN, "--json")).get("cycles").get(0).has("charge_specific_capacity_mah_g")).isFalse();

        // SOH against the nominal capacity
        JsonNode fade = json(Cli.run("analyze", ID, "--reference", "nominal", "--json", "--store", store));
        assertThat(fade.get("reference_capacity_ah").asDouble()).isEqualTo(1.1);
        r = Cli.run("analyze", ARBIN, "--reference", "nominal");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --reference nominal: arbin_example.csv has no nominal capacity");

        // delete: unknown ids delete nothing; --yes is needed off a terminal
        r = Cli.run("delete", ID, "--store", store);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: delete needs --yes when standard input is not a terminal");
        r = Cli.run("delete", ID, "t-000000000000", "--yes", "--store", store);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(json(Cli.run("list", "--json", "--store", store)).get("tests").size()).isEqualTo(1);
        r = Cli.run("delete", ID, "--yes", "--store", store);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("deleted " + ID + "\n");
        assertThat(json(Cli.run("list", "--json", "--store", store)).get("tests").size()).isZero();
    }

    @Test
    void storedTestsHonourCyclingOptionsAndResummarize(@TempDir Path dir) throws Exception {
        String store = ingest(dir);
        String[] opts = {"--cycle-rule", "charge_first", "--ce-convention", "discharge_first"};
        for (String[] cmd : List.of(new String[]{"cycles", "--json"}, new String[]{"analyze", "--json"},
                new String[]{"steps", "--json"}, new String[]{"dqdv", "--cycle", "2", "--json"},
                new String[]{"hppc", "--json", "--max-pulse", "600"})) {
            List<String> file = new ArrayList<>(List.of(cmd[0], ARBIN));
            List<String> stored = new ArrayList<>(List.of(cmd[0], ID, "--store", store));
            for (int k = 1; k < cmd.length; k++) {
                file.add(cmd[k]);
                stored.add(cmd[k]);
            }
            file.addAll(List.of(opts));
            stored.addAll(List.of(opts));
            JsonNode a = json(Cli.run(file.toArray(new String[0])));
            JsonNode b = json(Cli.run(stored.toArray(new String[0])));
            strip(a);
            strip(b);
            assertThat(b).as(cmd[0]).isEqualTo(a);
        }
        JsonNode before = json(Cli.run("cycles", ID, "--json", "--store", store));
        assertThat(before.get("cycle_rule").asText()).isEqualTo("vendor");
        Cli r = Cli.run("resummarize", ID, "--cycle-rule", "charge_first", "--store", store);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(ID + ": ").contains("by rule charge_first");
        JsonNode after = json(Cli.run("cycles", ID, "--json", "--store", store));
        JsonNode fromFile = json(Cli.run("cycles", ARBIN, "--json", "--cycle-rule", "charge_first"));
        assertThat(after.get("cycle_rule").asText()).isEqualTo("charge_first");
        assertThat(after.get("cycles")).isEqualTo(fromFile.get("cycles"));
        assertThat(json(Cli.run("list", "--json", "--store", store)).get("tests").get(0).get("cycle_rule").asText())
                .isEqualTo("charge_first");
    }

    /** Drops the fields that name the input (file name vs test id) so file and stored results compare. */
    private static void strip(JsonNode n) {
        if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (String f : List.of("source", "test_id", "timezone", "flags", "warnings", "file")) {
                o.remove(f);
            }
        }
    }

    @Test
    void exportsFollowTheUmaskAndParquetIsTypedWithProvenance(@TempDir Path dir) throws Exception {
        String store = ingest(dir, "--cell", "C9", "--nominal-capacity", "1.1");
        Path csv = dir.resolve("out/t.csv");
        Files.createDirectories(csv.getParent());
        Path reference = Files.writeString(dir.resolve("out/reference.txt"), "x");
        Cli r = Cli.run("export", ID, csv.toString(), "--store", store);
        assertThat(r.exit()).as(r.err()).isZero();
        String umaskPerms = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo(umaskPerms);
        Path conv = dir.resolve("out/c.csv");
        assertThat(Cli.run("convert", ARBIN, conv.toString()).exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conv))).isEqualTo(umaskPerms);
        Path pq = dir.resolve("out/t.parquet");
        assertThat(Cli.run("export", ID, pq.toString(), "--store", store).exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pq))).isEqualTo(umaskPerms);
        Path cpq = dir.resolve("out/c.parquet");
        assertThat(Cli.run("convert", ARBIN, cpq.toString()).exit()).isZero();
        try (var l = Files.list(csv.getParent())) {
            assertThat(l.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("c.csv", "c.parquet", "reference.txt", "t.csv", "t.parquet");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (Path p : List.of(pq, cpq)) {
                Map<String, String> types = new HashMap<>();
                try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + p + "')")) {
                    while (rs.next()) {
                        types.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertThat(types).as(p.toString()).containsEntry("Cycle Count / 1", "BIGINT")
                        .containsEntry("Step Count / 1", "BIGINT").containsEntry("Record Index / 1", "BIGINT")
                        .containsEntry("Unix Time / s", "DOUBLE").containsEntry("Date Time (UTC)", "TIMESTAMP WITH TIME ZONE");
                Map<String, String> kv = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + p + "')")) {
                    while (rs.next()) {
                        kv.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertThat(kv).as(p.toString()).containsEntry("tower.source_file", "arbin_example.csv")
                        .containsEntry("tower.format", "arbin-csv").containsEntry("tower.version", "0.1.0-SNAPSHOT")
                        .containsKeys("tower.reader_version", "tower.units", "tower.flags");
                if (p.equals(pq)) {
                    assertThat(kv).containsEntry("tower.cell", "C9").containsEntry("tower.source_sha256",
                            "2c32d4c479104e42f1ae26d30dc2660c890856a171aa1aa5c2d6004916fb1caa");
                    assertThat(kv.get("tower.labels")).isEqualTo("{\"nominal_capacity_ah\":1.1}");
                }
            }
            // the dataset's tests.parquet has the fields of list --json
            Path ds = dir.resolve("ds");
            assertThat(Cli.run("export", "--dataset", ds.toString(), "--store", store).exit()).isZero();
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + ds.resolve("tests.parquet") + "')")) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
            List<String> fields = new ArrayList<>();
            Iterator<String> it = json(Cli.run("list", "--json", "--store", store)).get("tests").get(0).fieldNames();
            it.forEachRemaining(fields::add);
            assertThat(cols).isEqualTo(fields);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ds)))
                    .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("ref-dir")))));
        }
        assertThat(Cli.run("export", "--help").out()).contains("DIR/samples/test_id=<id>/part-0.parquet");
    }

    @Test
    void warningsAreOneLinePerKind() {
        List<String> w = List.of("line 12: the current's sign disagrees with the Novonix step type",
                "line 15: the current's sign disagrees with the Novonix step type",
                "line 99: the current's sign disagrees with the Novonix step type",
                "no Test Time column: test time is the time since the first row's Unix time");
        assertThat(Warnings.lines("f.csv", w, false)).containsExactly(
                "warning: f.csv: line 12: the current's sign disagrees with the Novonix step type (and 2 more like it;"
                        + " --verbose lists all)",
                "warning: f.csv: no Test Time column: test time is the time since the first row's Unix time");
        assertThat(Warnings.lines("f.csv", w, true)).hasSize(4);
    }
}
