package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.pipeline.json.Json;

/** Generic CSV with a column of step labels: --step-type-column NAME --step-type-map LABEL=TYPE,... */
class StepTypeColumnCliTest {
    private static final String MAP = "CC_Chg=charge,CC_DChg=discharge,Rest=rest";

    @TempDir
    Path dir;
    private Path csv;
    private Path mapping;

    @BeforeEach
    void files() throws Exception {
        csv = dir.resolve("run7.csv");
        Files.writeString(csv, """
                Time;I_mA;U_V;Mode
                0;0;3.40;Rest
                10;0;3.40;Rest
                20;1000;3.60;CC_Chg
                30;1000;3.70;cc_chg
                40;1000;3.80;CC_Chg
                50;0;3.75;Rest
                60;-1000;3.60;CC_DChg
                70;-1000;3.50;CC_DChg
                80;-1000;3.40;CC_DChg
                90;0;3.45;
                """);
        mapping = dir.resolve("lab.properties");
        Files.writeString(mapping, """
                separator = ;
                column.1 = Time -> Test Time / s
                column.2 = I_mA -> Current / mA
                column.3 = U_V -> Voltage / V
                """);
    }

    private Cli convert(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("convert", csv.toString(), dir.resolve("out.csv").toString(),
                "--format", "generic-csv", "--mapping", mapping.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private List<String> stepTypes(Path bdf) throws Exception {
        List<String> lines = Files.readAllLines(bdf);
        int col = List.of(lines.get(0).split(",")).indexOf("Step Type");
        assertThat(col).as(lines.get(0)).isNotNegative();
        return lines.subList(1, lines.size()).stream().map(l -> {
            String[] f = l.split(",", -1);
            return col < f.length ? f[col] : "";
        }).toList();
    }

    @Test
    void convertMapsEveryLabelIgnoringCaseAndLeavesAnEmptyLabelEmpty() throws Exception {
        Cli r = convert("--step-type-column", "Mode", "--step-type-map", MAP);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(stepTypes(dir.resolve("out.csv"))).containsExactly("rest", "rest", "cc_charge", "cc_charge",
                "cc_charge", "rest", "cc_discharge", "cc_discharge", "cc_discharge", "");
    }

    @Test
    void aColumnByPositionAndTheMappingsOwnStepTypeColumnBothTakeTheMap() throws Exception {
        Cli r = convert("--step-type-column", "#4", "--step-type-map", MAP);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(stepTypes(dir.resolve("out.csv")).get(2)).isEqualTo("cc_charge");
        // mapped as Step Type in the file: its words would read 'CC_Chg' as cc_charge too, but 'Rest' -> rest and
        // the map decides; a label the built-in words do not know is what the map is for
        Files.writeString(csv, Files.readString(csv).replace("CC_DChg", "Entladen"));
        Files.writeString(mapping, Files.readString(mapping) + "column.4 = Mode -> Step Type\n");
        r = convert("--step-type-column", "Mode", "--step-type-map", "CC_Chg=charge,Entladen=discharge,Rest=rest");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(stepTypes(dir.resolve("out.csv")).get(6)).isEqualTo("cc_discharge");
    }

    @Test
    void analysisCommandsAndIngestUseTheLabels() throws Exception {
        String[] opts = {"--format", "generic-csv", "--mapping", mapping.toString(), "--step-type-column", "Mode",
                "--step-type-map", MAP};
        Cli r = Cli.run(concat(new String[]{"steps", csv.toString(), "--json"}, opts));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> types = new java.util.ArrayList<>();
        for (JsonNode s : Json.MAPPER.readTree(r.out()).get("steps")) {
            if (s.get("type_source").asText().equals("vendor")) {
                types.add(s.get("step_type").asText());
            }
        }
        assertThat(types).containsExactly("rest", "cc_charge", "rest", "cc_discharge");

        String store = dir.resolve("store").toString();
        r = Cli.run(concat(new String[]{"ingest", csv.toString(), "--store", store, "--json"}, opts));
        assertThat(r.exit()).as(r.err()).isZero();
        String id = Json.MAPPER.readTree(r.out()).findValue("test_id").asText();
        Path exported = dir.resolve("exported.csv");
        r = Cli.run("export", id, exported.toString(), "--store", store);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(stepTypes(exported)).startsWith("rest", "rest", "cc_charge");
    }

    @Test
    void anUnknownLabelIsRefusedWithFileLineAndLabel() throws Exception {
        Files.writeString(csv, Files.readString(csv).replace("70;-1000;3.50;CC_DChg", "70;-1000;3.50;CV_DChg"));
        Cli r = convert("--step-type-column", "Mode", "--step-type-map", MAP);
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: " + csv + ": line 9: column 'Mode': cannot read 'CV_DChg' (label not in"
                + " --step-type-map CC_Chg, CC_DChg, Rest; add it, or '*=other' for a fallback)\n");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void aFallbackReadsUnknownLabelsWithOneWarning() throws Exception {
        Files.writeString(csv, Files.readString(csv).replace("CC_DChg", "CV_DChg"));
        Cli r = convert("--step-type-column", "Mode", "--step-type-map", MAP + ",*=other");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("warning: run7.csv: step labels not in --step-type-map, read as 'other' (3 rows):"
                + " 'CV_DChg' in 3 rows\n");
        assertThat(stepTypes(dir.resolve("out.csv")).get(6)).isEqualTo("other");
    }

    @Test
    void wrongOptionsAreUsageErrorsOfOneLine() {
        assertUsage(convert("--step-type-column", "Mode", "--step-type-map", "CC_Chg=chrg"),
                "error: --step-type-map: unknown step type 'chrg' for label 'CC_Chg' (use charge, discharge, rest,"
                        + " cc_charge, cv_charge, cc_discharge, cv_discharge, pulse, ocv, other) (see tower convert --help)");
        assertUsage(convert("--step-type-column", "Mode", "--step-type-map", "CC_Chg=charge,cc_chg=discharge"),
                "error: --step-type-map: label 'cc_chg' is given twice (as 'CC_Chg'; labels match ignoring case)"
                        + " (see tower convert --help)");
        assertUsage(convert("--step-type-column", "Mode", "--step-type-map", "CC_Chg"),
                "error: --step-type-map: expected LABEL=TYPE, found 'CC_Chg' (see tower convert --help)");
        assertUsage(convert("--step-type-column", "Mode"),
                "error: --step-type-column and --step-type-map go together (see tower convert --help)");
        assertUsage(Cli.run("cycles", csv.toString(), "--step-type-column", "Mode", "--step-type-map", MAP),
                "error: --step-type-column goes with --format generic-csv --mapping FILE (see tower cycles --help)");
    }

    @Test
    void aColumnTheFileOrTheMappingDoesNotAllowIsBadInput() {
        Cli r = convert("--step-type-column", "Modus", "--step-type-map", MAP);
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: " + csv + ": line 1: --step-type-column 'Modus' is not in the header\n");
        r = convert("--step-type-column", "U_V", "--step-type-map", MAP);
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: " + mapping + ": key column.3: --step-type-column 'U_V' is mapped to"
                + " Voltage / V in lab.properties\n");
    }

    private static void assertUsage(Cli r, String line) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(line + "\n");
        assertThat(r.out()).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
