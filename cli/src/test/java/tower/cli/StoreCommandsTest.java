package tower.cli;

import tower.pipeline.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandsTest {
    @Test
    void ingestListExportAndCyclesById(@TempDir Path dir) throws Exception {
        String store = dir.resolve("store").toString();
        String arbin = Cli.shared("battery-data-toolkit/arbin_example.csv");
        Cli r = Cli.run("ingest", arbin, "--store", store, "--cell", "CELL-7", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode stored = Json.MAPPER.readTree(r.out()).get("stored").get(0);
        String id = stored.get("test_id").asText();
        assertThat(id).startsWith("t-");
        assertThat(stored.get("duplicate").asBoolean()).isFalse();

        // the same content again is the same test
        r = Cli.run("ingest", arbin, "--store", store, "--json");
        assertThat(Json.MAPPER.readTree(r.out()).get("stored").get(0).get("duplicate").asBoolean()).isTrue();

        r = Cli.run("list", "--store", store, "--json");
        JsonNode t = Json.MAPPER.readTree(r.out()).get("tests");
        assertThat(t.size()).isEqualTo(1);
        for (String f : new String[]{"id", "file_name", "format", "rows", "cycles", "cell", "ingested_at"}) {
            assertThat(t.get(0).has(f)).as(f).isTrue();
        }
        assertThat(t.get(0).get("cell").asText()).isEqualTo("CELL-7");
        assertThat(t.get(0).get("rows").asLong()).isEqualTo(2142);

        // cycles of the stored test equal cycles of the file
        Cli fromFile = Cli.run("cycles", arbin, "--json");
        Cli fromStore = Cli.run("cycles", id, "--store", store, "--json");
        assertThat(fromStore.exit()).as(fromStore.err()).isZero();
        assertThat(Json.MAPPER.readTree(fromStore.out()).get("cycles"))
                .isEqualTo(Json.MAPPER.readTree(fromFile.out()).get("cycles"));

        // export CSV equals convert of the same file
        Path exported = dir.resolve("exported.csv");
        Path converted = dir.resolve("converted.csv");
        assertThat(Cli.run("export", id, exported.toString(), "--store", store).exit()).isZero();
        assertThat(Cli.run("convert", arbin, converted.toString()).exit()).isZero();
        assertThat(Files.readString(exported)).isEqualTo(Files.readString(converted));
        Path parquet = dir.resolve("exported.parquet");
        assertThat(Cli.run("export", id, parquet.toString(), "--store", store).exit()).isZero();
        assertThat(Files.size(parquet)).isPositive();
        assertThat(Cli.run("export", "t-nosuch", parquet.toString(), "--store", store).exit()).isEqualTo(3);
    }

    @Test
    void badFileLeavesTheStoreAsItWas(@TempDir Path dir) throws Exception {
        String store = dir.resolve("store").toString();
        assertThat(Cli.run("ingest", Cli.shared("battery-data-toolkit/arbin_example.csv"), "--store", store).exit()).isZero();
        Path bad = dir.resolve("bad.csv");
        StringBuilder b = new StringBuilder("Data_Point,Test_Time,Current,Voltage,Cycle_Index\n");
        for (int i = 1; i <= 50_000; i++) {
            b.append(i).append(',').append(i).append(",1.0,3.5,1\n");
        }
        b.append("50001,50001,oops,3.5,1\n");
        Files.writeString(bad, b);
        Cli r = Cli.run("ingest", bad.toString(), "--store", store);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("error: " + bad + ": line 50002: column 'Current'");
        JsonNode tests = Json.MAPPER.readTree(Cli.run("list", "--store", store, "--json").out()).get("tests");
        assertThat(tests.size()).isEqualTo(1);
    }

    @Test
    void folderIngestSkipsWhatItCannotReadWithASummary(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in/sub"));
        Files.copy(Path.of(Cli.shared("battery-data-toolkit/arbin_example.csv")), folder.resolve("a.csv"));
        Files.writeString(folder.resolve("notes.txt"), "not a cycler file\n");
        Cli r = Cli.run("ingest", dir.resolve("in").toString(), "--store", dir.resolve("s").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 stored (0 already present), 0 failed, 1 skipped");
    }

    @Test
    void maccorContinuationFilesInAFolderAreOneTest(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("maccor"));
        for (String f : new String[]{"maccor_example.001", "maccor_example.002"}) {
            Files.copy(Path.of(Cli.shared("battery-data-toolkit/" + f)), folder.resolve(f));
        }
        Cli r = Cli.run("ingest", folder.toString(), "--store", dir.resolve("s").toString(), "--json",
                "--timezone", "America/Chicago");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode stored = Json.MAPPER.readTree(r.out()).get("stored");
        assertThat(stored.size()).isEqualTo(1);
        assertThat(stored.get(0).get("rows").asLong()).isEqualTo(16);
    }

    @Test
    void storeDefaultTimezoneAppliesToNaiveTimestamps(@TempDir Path dir) throws Exception {
        String store = dir.resolve("s").toString();
        assertThat(Cli.run("config", "--store", store, "--timezone", "Europe/London").exit()).isZero();
        Cli r = Cli.run("ingest", Cli.shared("PyProBE/sample_data_arbin.csv"), "--store", store, "--json");
        assertThat(r.err()).doesNotContain("UTC assumed");
        JsonNode t = Json.MAPPER.readTree(Cli.run("list", "--store", store, "--json").out()).get("tests").get(0);
        assertThat(t.get("timezone").asText()).isEqualTo("Europe/London");
        assertThat(t.get("timezone_assumed").asBoolean()).isFalse();
    }
}
