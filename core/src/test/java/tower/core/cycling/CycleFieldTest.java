package tower.core.cycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleFieldTest {
    @Test
    void everyFieldHasAUniqueJsonNameAndTheInterfaceNamesAreAllThere() {
        List<String> names = CycleField.jsonNames();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).containsSubsequence("cycle_index", "start_test_time_s", "duration_s", "charge_capacity_ah",
                "discharge_capacity_ah", "charge_energy_wh", "discharge_energy_wh", "coulombic_efficiency",
                "energy_efficiency", "voltage_min_v", "voltage_max_v", "mean_charge_voltage_v",
                "mean_discharge_voltage_v", "current_min_a", "current_max_a", "temperature_min_c",
                "temperature_mean_c", "temperature_max_c", "charge_duration_s", "cv_time_s", "cv_capacity_ah",
                "ah_throughput", "vendor_charge_capacity_ah", "vendor_discharge_capacity_ah", "samples",
                "coulombic_difference_ah", "capacity_loss_ah", "flags");
        assertThat(CycleField.byJsonName("flags")).contains(CycleField.FLAGS);
        assertThat(CycleField.byJsonName("nope")).isEmpty();
    }

    @Test
    void rowsRebuiltFromTheirFieldValuesAreEqual() {
        CycleSummarizer s = new CycleSummarizer(CyclingOptions.DEFAULT);
        Synthetic.cycles(new Normalizer(s, CyclingOptions.DEFAULT), 3, 2.0, 1800, 1710, 1.0, true, true);
        for (CycleSummary c : s.result().cycles()) {
            CycleSummary back = CycleField.summary(f -> f.get(c));
            assertThat(back).isEqualTo(c);
            for (CycleField f : CycleField.values()) {
                Object v = f.get(c);
                switch (f.kind()) {
                    case DOUBLE -> assertThat(v).isInstanceOf(Double.class);
                    case LONG -> assertThat(v).isInstanceOf(Long.class);
                    case INT -> assertThat(v).isInstanceOf(Integer.class);
                    case FLAGS -> assertThat(v).isInstanceOf(List.class);
                }
            }
        }
    }

    @Test
    void capacityLossAndCoulombicDifferenceAreDerivedByTheTable() {
        CycleSummarizer s = new CycleSummarizer(CyclingOptions.DEFAULT);
        Synthetic.cycles(new Normalizer(s, CyclingOptions.DEFAULT), 3, 2.0, 1800, 1710, 1.0, true, true);
        List<CycleSummary> c = s.result().cycles();
        assertThat(c.get(0).capacityLossAh()).isNaN();
        assertThat(c.get(1).capacityLossAh()).isCloseTo(c.get(0).dischargeCapacityAh() - c.get(1).dischargeCapacityAh(),
                within(1e-15));
        assertThat(c.get(1).coulombicDifferenceAh()).isCloseTo(
                c.get(1).chargeCapacityAh() - c.get(1).dischargeCapacityAh(), within(1e-15));
        // an incomplete row has no capacity loss, nor has the row after it
        CycleSummary inc = CycleField.summary(f -> f == CycleField.FLAGS ? List.of("incomplete") : f.get(c.get(1)));
        CycleTable t = new CycleTable("vendor", "charge_first", CyclingOptions.DEFAULT, List.of(c.get(0), inc, c.get(2)));
        assertThat(t.cycles().get(1).capacityLossAh()).isNaN();
        assertThat(t.cycles().get(2).capacityLossAh()).isNaN();
        assertThat(t.cycles().get(1).coulombicDifferenceAh()).isCloseTo(
                inc.chargeCapacityAh() - inc.dischargeCapacityAh(), within(1e-15));
    }
}
