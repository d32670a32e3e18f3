package tower.cli;

import tower.pipeline.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CyclesAndConvertTest {
    @Test
    void cyclesJsonHasEveryInterfaceField() throws Exception {
        Cli r = Cli.run("cycles", Cli.shared("battery-data-toolkit/arbin_example.csv"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("source").asText()).isEqualTo("arbin_example.csv");
        assertThat(doc.get("format").asText()).isEqualTo("arbin-csv");
        assertThat(doc.get("rows").asLong()).isEqualTo(2142);
        assertThat(doc.get("cycle_rule").asText()).isEqualTo("vendor");
        JsonNode c = doc.get("cycles").get(1);
        for (String f : new String[]{"cycle_index", "start_test_time_s", "duration_s", "charge_capacity_ah",
                "discharge_capacity_ah", "charge_energy_wh", "discharge_energy_wh", "coulombic_efficiency",
                "energy_efficiency", "voltage_min_v", "voltage_max_v", "mean_charge_voltage_v",
                "mean_discharge_voltage_v", "current_min_a", "current_max_a", "temperature_min_c",
                "temperature_mean_c", "temperature_max_c", "charge_duration_s", "cv_time_s", "cv_capacity_ah",
                "ah_throughput", "flags"}) {
            assertThat(c.has(f)).as(f).isTrue();
        }
        assertThat(c.get("cycle_index").asInt()).isEqualTo(2);
        assertThat(c.get("coulombic_difference_ah").asDouble()).isCloseTo(
                c.get("charge_capacity_ah").asDouble() - c.get("discharge_capacity_ah").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(doc.get("cycles").get(0).get("capacity_loss_ah").isNull()).isTrue();
        assertThat(c.get("discharge_capacity_ah").asDouble()).isBetween(1.07, 1.08);
        assertThat(doc.get("cycles").get(0).get("flags").toString()).contains("incomplete");
    }

    @Test
    void halfCellCoulombicEfficiencyMatchesCellpy() throws Exception {
        Cli r = Cli.run("cycles", Cli.shared("cellpy/20160805_test001_45_cc_01.res"), "--json", "--timezone", "UTC",
                "--ce-convention", "inverted");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("ce_convention").asText()).isEqualTo("inverted");
        assertThat(doc.get("cycles").size()).isEqualTo(18);
        // cellpy's summary (tests/data/goldens/pipeline_smoke): cycle 1 coulombic efficiency 92.61 %
        assertThat(doc.get("cycles").get(0).get("coulombic_efficiency").asDouble()).isBetween(0.9255, 0.9267);
    }

    @Test
    void unknownValuesAreNullNotPlaceholders(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("no-temp.csv");
        Files.writeString(f, "Data_Point,Test_Time,Current,Voltage,Cycle_Index\n1,0,1,3.5,1\n2,10,1,3.6,1\n3,20,-1,3.5,1\n");
        Cli r = Cli.run("cycles", f.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode c = Json.MAPPER.readTree(r.out()).get("cycles").get(0);
        assertThat(c.get("temperature_mean_c").isNull()).isTrue();
    }

    @Test
    void badInputExitsThreeWithOneLineError(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Cli r = Cli.run("cycles", empty.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: " + empty + ": offset 0: empty file");

        Path random = dir.resolve("random.nda");
        byte[] bytes = new byte[4096];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(random, bytes);
        r = Cli.run("cycles", random.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: " + random + ": ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);

        Path truncated = dir.resolve("truncated.csv");
        Files.writeString(truncated, "Data_Point,Test_Time,DateTime,Current,Voltage\n1,0,1499006353,1,3.5\n2,1,14990");
        r = Cli.run("cycles", truncated.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("line 3");

        Path latin = dir.resolve("latin1.csv");
        Files.write(latin, "Data_Point,Test_Time,Current,Voltage\n1,0,1,3\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        r = Cli.run("cycles", latin.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("line 2").contains("column 'Voltage'");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run("cycles").exit()).isEqualTo(2);
        assertThat(Cli.run("cycles", "x.csv", "--timezone", "Mars/Olympus").exit()).isEqualTo(2);
        assertThat(Cli.run("nosuchcommand").exit()).isEqualTo(2);
    }

    @Test
    void convertWritesBdfThatReadsBackUnchanged(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Cli r = Cli.run("convert", Cli.shared("PyProBE/sample_data_arbin.csv"), a.toString(), "--timezone", "Europe/London");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(a).get(0)).startsWith("Record Index / 1,Test Time / s,Unix Time / s,Voltage / V,Current / A");
        assertThat(Cli.run("convert", a.toString(), b.toString()).exit()).isZero();
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
    }

    @Test
    void naiveTimestampsWithoutZoneWarn(@TempDir Path dir) {
        Cli r = Cli.run("convert", Cli.shared("PyProBE/sample_data_arbin.csv"), dir.resolve("x.csv").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("warning:").contains("UTC assumed");
    }

    @Test
    void failedConvertLeavesNoOutput(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "Data_Point,Test_Time,Current,Voltage\n1,0,1,3.5\n2,1,x,3.5\n");
        Path out = dir.resolve("out.csv");
        assertThat(Cli.run("convert", bad.toString(), out.toString()).exit()).isEqualTo(3);
        assertThat(out).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("bad.csv");
        }
    }

    @Test
    void genericCsvWithAMappingFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("lab.csv");
        Files.writeString(data, "t_min;I_mA;U_V\n0;500;3,5\n1;500;3,6\n2;-500;3,5\n3;-500;3,4\n");
        Path mapping = dir.resolve("lab.properties");
        Files.writeString(mapping, "separator = ;\ndecimal = ,\nheader.line = 1\ncurrent.sign = discharge-positive\n"
                + "column.1 = t_min -> Test Time / min\ncolumn.2 = I_mA -> Current / mA\ncolumn.3 = U_V -> Voltage / V\n");
        Path out = dir.resolve("out.csv");
        Cli r = Cli.run("convert", data.toString(), out.toString(), "--format", "generic-csv", "--mapping", mapping.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        var lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("Test Time / s,Voltage / V,Current / A");
        assertThat(lines.get(2)).startsWith("60,3.6,-0.5");
        // without a mapping the file is not recognised: nothing is guessed
        assertThat(Cli.run("cycles", data.toString()).exit()).isEqualTo(3);
    }

    @Test
    void formatsListsReadersWithDetection() throws Exception {
        Cli r = Cli.run("formats", "--json");
        assertThat(r.exit()).isZero();
        JsonNode f = Json.MAPPER.readTree(r.out()).get("formats");
        assertThat(f.size()).isGreaterThanOrEqualTo(2);
        assertThat(f.get(0).has("detection")).isTrue();
    }
}
