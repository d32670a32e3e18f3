package tower.cli;

import tower.pipeline.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCommandsTest {
    @Test
    void analyzeJsonHasTheInterfaceFieldsAndCensorsInsteadOfInventingEol() throws Exception {
        Cli r = Cli.run("analyze", Cli.shared("cellpy/20160805_test001_45_cc_01.res"), "--timezone", "UTC", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = Json.MAPPER.readTree(r.out());
        for (String f : new String[]{"reference_capacity_ah", "reference_rule", "threshold", "soh", "eol_cycle",
                "censored_at", "knee_cycle", "knee_onset_cycle", "fade_rate_ah_per_cycle", "capacity_threshold_cycles"}) {
            assertThat(d.has(f)).as(f).isTrue();
        }
        assertThat(d.get("eol_cycle").isNull()).isTrue();
        assertThat(d.get("censored_at").asLong()).isPositive();
        assertThat(d.get("soh").get(0).get("soh").asDouble()).isEqualTo(1.0);
        assertThat(d.get("capacity_threshold_cycles").has("0.8")).isTrue();

        Cli nominal = Cli.run("analyze", Cli.shared("cellpy/20160805_test001_45_cc_01.res"), "--timezone", "UTC",
                "--reference", "nominal:0.0016", "--threshold", "0.95", "--json");
        JsonNode n = Json.MAPPER.readTree(nominal.out());
        assertThat(n.get("reference_rule").asText()).isEqualTo("nominal:0.0016");
        assertThat(n.get("eol_cycle").isNull()).isFalse();
        assertThat(Cli.run("analyze", "x.csv", "--reference", "bogus").exit()).isEqualTo(2);
    }

    @Test
    void dqdvJsonIntegratesBackToTheHalfCycleCapacity() throws Exception {
        Cli r = Cli.run("dqdv", Cli.shared("battery-data-toolkit/arbin_example.csv"), "--cycle", "2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = Json.MAPPER.readTree(r.out());
        for (String f : new String[]{"cycle_index", "half", "voltage_v", "dqdv_ah_per_v", "capacity_ah", "dvdq_v_per_ah", "method"}) {
            assertThat(d.has(f)).as(f).isTrue();
        }
        double area = 0;
        JsonNode v = d.get("voltage_v");
        JsonNode q = d.get("dqdv_ah_per_v");
        for (int i = 1; i < v.size(); i++) {
            area += 0.5 * (q.get(i).asDouble() + q.get(i - 1).asDouble()) * (v.get(i).asDouble() - v.get(i - 1).asDouble());
        }
        assertThat(Math.abs(area)).isCloseTo(d.get("half_cycle_capacity_ah").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(Cli.run("dqdv", Cli.shared("battery-data-toolkit/arbin_example.csv"), "--cycle", "99").exit()).isEqualTo(2);
    }

    @Test
    void hppcFindsTheDischargePulseOfTheBiologicFile() throws Exception {
        Cli r = Cli.run("hppc", Cli.shared("PyProBE/Sample_data_biologic_CA1.txt"), "--timezone", "UTC", "--max-pulse", "600", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode p = Json.MAPPER.readTree(r.out()).get("pulses").get(0);
        assertThat(p.get("direction").asText()).isEqualTo("discharge");
        assertThat(p.get("resistance_ohm").get("first").asDouble()).isBetween(0.005, 0.05);
        assertThat(p.get("ohmic_ohm").asDouble()).isEqualTo(p.get("resistance_ohm").get("first").asDouble());
    }

    @Test
    void trainWritesAModelThatRecoversAKnownDependenceAndPredictLoadsIt(@TempDir Path dir) throws Exception {
        // A cohort whose log10 cycle life falls linearly with log10 var(ΔQ), in 6 batches.
        StringBuilder b = new StringBuilder("{\"cells\":[");
        Random rnd = new Random(7);
        for (int i = 0; i < 60; i++) {
            double x = -5 + 2 * rnd.nextDouble();
            double life = Math.pow(10, 2.0 - 0.5 * x + 0.02 * rnd.nextGaussian());
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"cell_id\":\"c%d\",\"group\":\"batch%d\",\"features\":{\"delta_q_var_log10\":%.6f},\"cycle_life\":%.0f}",
                    i, i % 6, x, life));
        }
        b.append(",{\"cell_id\":\"censored\",\"group\":\"batch0\",\"features\":{\"delta_q_var_log10\":-4},\"cycle_life\":null}]}");
        Path features = dir.resolve("features.json");
        Files.writeString(features, b);
        Path model = dir.resolve("model.json");
        Cli r = Cli.run("train", "--features", features.toString(), "--out", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode m = Json.MAPPER.readTree(model.toFile());
        assertThat(m.get("features").get(0).asText()).isEqualTo("delta_q_var_log10");
        assertThat(m.get("training_cells").size()).isEqualTo(60);
        assertThat(m.get("excluded_cells").has("censored")).isTrue();
        assertThat(m.get("cv_rmse_log10").asDouble()).isLessThan(0.05);
        // coefficient on the z-scored feature: -0.5 × sd(x) ≈ -0.5 × 0.577
        assertThat(m.get("coefficients").get(0).asDouble()).isBetween(-0.33, -0.24);

        Cli p = Cli.run("predict", "--model", model.toString(), Cli.shared("battery-data-toolkit/arbin_example.csv"), "--json");
        assertThat(p.exit()).as(p.err()).isZero();
        JsonNode pred = Json.MAPPER.readTree(p.out()).get("predictions").get(0);
        // two cycles are not enough for ΔQ100-10: a null prediction naming the missing feature, not a number
        assertThat(pred.get("predicted_cycle_life").isNull()).isTrue();
        assertThat(pred.get("missing_features").get(0).asText()).isEqualTo("delta_q_var_log10");
    }
}
