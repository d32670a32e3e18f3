package tower.core.cycling;

import java.util.EnumSet;
import java.util.Set;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Generates cycling data with known answers: each cycle is a CC charge at {@code i} A for {@code chargeS} seconds,
 * a rest, a CC discharge at {@code -i} A for {@code dischargeS} seconds, a rest; sampled every {@code dt} s.
 */
final class Synthetic {
    private Synthetic() {
    }

    static void cycles(RecordSink sink, int n, double i, double chargeS, double dischargeS, double dt,
                       boolean vendorCycle, boolean vendorStep) {
        Set<Quantity> cols = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT);
        if (vendorCycle) {
            cols.add(Quantity.CYCLE_COUNT);
        }
        if (vendorStep) {
            cols.add(Quantity.STEP_INDEX);
        }
        BatchWriter w = new BatchWriter(cols, sink, new TestMetadata().setSourceName("synthetic"), 1000);
        double t = 0;
        for (int c = 1; c <= n; c++) {
            double[][] phases = {{i, chargeS, 1}, {0, 600, 2}, {-i, dischargeS, 3}, {0, 600, 4}};
            for (double[] ph : phases) {
                int steps = (int) Math.round(ph[1] / dt);
                for (int k = 0; k < steps; k++) {
                    w.startRow();
                    w.set(Quantity.TEST_TIME, t);
                    double frac = (k + 1.0) / steps;
                    double v = ph[0] > 0 ? 3.5 + 0.6 * frac : ph[0] < 0 ? 4.1 - 0.6 * frac : (ph[2] == 2 ? 4.0 : 3.6);
                    w.set(Quantity.VOLTAGE, v);
                    w.set(Quantity.CURRENT, ph[0]);
                    if (vendorCycle) {
                        w.set(Quantity.CYCLE_COUNT, c);
                    }
                    if (vendorStep) {
                        w.set(Quantity.STEP_INDEX, ph[2]);
                    }
                    t += dt;
                }
            }
        }
        w.finish();
    }
}
