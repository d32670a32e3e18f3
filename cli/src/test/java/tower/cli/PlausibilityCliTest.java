package tower.cli;

import tower.pipeline.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The plausibility flags on the real files that showed each problem (../shared/data, MANIFEST.md). */
class PlausibilityCliTest {
    private static JsonNode cycles(String file, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "cycles";
        args[1] = Cli.shared(file);
        args[2] = "--json";
        args[3] = "--timezone=UTC";
        System.arraycopy(more, 0, args, 4, more.length);
        Cli r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void aMaccorFileWithCycleZeroThroughoutIsMergedAndTheSuggestedRuleSplitsIt() throws Exception {
        JsonNode doc = cycles("cellpy/maccor_001.txt");
        assertThat(doc.get("cycles")).hasSize(1);
        assertThat(doc.get("cycles").get(0).get("flags").toString()).contains("merged");
        assertThat(doc.get("warnings").toString()).contains("--cycle-rule charge_first");
        JsonNode split = cycles("cellpy/maccor_001.txt", "--cycle-rule", "charge_first");
        assertThat(split.get("cycles").size()).isGreaterThan(1);
        for (JsonNode c : split.get("cycles")) {
            assertThat(c.get("flags").toString()).doesNotContain("merged");
        }
    }

    @Test
    void aBdfFileWithPositiveCurrentOnDischargeIsReadTheVendorsWayAndFlagged() throws Exception {
        JsonNode doc = cycles("cellpy/batmo_bdf.csv");
        assertThat(doc.get("warnings").toString()).contains("sign_conflict");
        JsonNode c3 = doc.get("cycles").get(2);
        assertThat(c3.get("flags").toString()).contains("sign_conflict");
        // read with the vendor's direction: the charge is at the higher voltage, EE below 1
        assertThat(c3.get("mean_charge_voltage_v").asDouble()).isGreaterThan(c3.get("mean_discharge_voltage_v").asDouble());
        assertThat(c3.get("energy_efficiency").asDouble()).isLessThan(1.0);
        Cli a = Cli.run("analyze", Cli.shared("cellpy/batmo_bdf.csv"), "--json", "--timezone=UTC");
        assertThat(a.exit()).as(a.err()).isZero();
        JsonNode fade = Json.MAPPER.readTree(a.out());
        assertThat(fade.get("excluded_cycles").size()).isEqualTo(doc.get("cycles").size());
        assertThat(fade.get("excluded_cycles").get(2).get("reason").asText()).contains("sign_conflict");
        assertThat(fade.get("eol_cycle").isNull()).isTrue();
    }

    @Test
    void aSiliconAnodeAgainstLithiumIsAHalfCellWithTheInvertedConvention() throws Exception {
        JsonNode doc = cycles("cellpy/20160805_test001_45_cc_01.res");
        assertThat(doc.get("ce_convention").asText()).isEqualTo("inverted");
        assertThat(doc.get("flags").toString()).contains("half_cell");
        assertThat(doc.get("warnings").toString()).contains("half-cell");
        JsonNode c2 = doc.get("cycles").get(1);
        assertThat(c2.get("coulombic_efficiency").asDouble()).isEqualTo(
                c2.get("charge_capacity_ah").asDouble() / c2.get("discharge_capacity_ah").asDouble());
    }
}
