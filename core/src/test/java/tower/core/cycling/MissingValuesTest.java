package tower.core.cycling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;

/** A missing value (NaN) leaves its own contribution out and never turns a cycle's sums into NaN (found by fuzzing). */
class MissingValuesTest {
    @Test
    void aMissingVoltageKeepsTheCycleEnergy() {
        CycleSummarizer s = new CycleSummarizer(CyclingOptions.DEFAULT);
        BatchWriter w = new BatchWriter(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT),
                new Normalizer(s, CyclingOptions.DEFAULT), new TestMetadata().setSourceName("x"));
        for (int k = 0; k < 200; k++) {
            w.startRow();
            w.set(Quantity.TEST_TIME, k * 10.0);
            w.set(Quantity.VOLTAGE, k == 50 ? Double.NaN : 3.7);
            w.set(Quantity.CURRENT, k < 100 ? 1.0 : -1.0);
            w.set(Quantity.CYCLE_COUNT, 1);
        }
        w.finish();
        CycleSummary c = s.result().cycles().get(0);
        assertThat(c.chargeEnergyWh()).isFinite().isCloseTo(3.7 * c.chargeCapacityAh(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.dischargeEnergyWh()).isFinite().isPositive();
    }
}
