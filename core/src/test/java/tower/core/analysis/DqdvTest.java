package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tower.core.cycling.CycleSummary;

class DqdvTest {
    private static final double CAPACITY = 1.1;

    /** Three cycles of the LFP-like cell at C/5, no resistance: V is the OCV, so dQ/dV = Q·f'(V) exactly. */
    private static SyntheticCell.Data cell(double noise) {
        SyntheticCell c = SyntheticCell.simple(SyntheticCell.Ocv.lfpLike());
        c.voltageNoise = noise;
        c.rest(60, 30);
        for (int k = 0; k < 3; k++) {
            c.fullCycle(0.22, 0.22, CAPACITY, 4000, 600);
        }
        return c.finish();
    }

    private static double integral(DqdvResult r) {
        double dv = r.method().voltageStepV();
        double s = 0;
        for (double d : r.dqdvAhPerV()) {
            s += d * dv;
        }
        return s;
    }

    @Test
    void integralOfDischargeDqdvIsTheHalfCycleCapacity() {
        SyntheticCell.Data d = cell(0);
        DqdvResult r = Dqdv.of(d.ts(), d.table(), d.steps(), 2, HalfCycle.DISCHARGE, DqdvOptions.DEFAULT);
        CycleSummary c2 = d.table().cycles().get(1);
        assertThat(r.cycleIndex()).isEqualTo(2);
        assertThat(r.half()).isEqualTo("discharge");
        assertThat(r.halfCycleCapacityAh()).isCloseTo(CAPACITY, within(0.002));
        // dQ/dV is negative on discharge and its integral over V is minus the discharge capacity
        assertThat(integral(r)).isCloseTo(-c2.dischargeCapacityAh(), within(0.01 * c2.dischargeCapacityAh()));
        assertThat(r.voltageV()).hasSameSizeAs(r.dqdvAhPerV());
        assertThat(r.capacityAh()).hasSameSizeAs(r.dvdqVPerAh());
        assertThat(r.method().voltageStepV()).isCloseTo(0.001, within(1e-5));
        assertThat(r.method().gaussianSigmaPoints()).isCloseTo(5.0, within(0.05));
        assertThat(r.method().name()).isEqualTo("cellpy");
        assertThat(r.voltageV().get(0)).isLessThan(r.voltageV().get(r.voltageV().size() - 1));
    }

    @Test
    void peaksSitAtTheModelsPlateausWithTheirShareOfCapacity() {
        SyntheticCell.Data d = cell(0);
        for (HalfCycle half : HalfCycle.values()) {
            DqdvResult r = Dqdv.of(d.ts(), d.table(), d.steps(), 2, half, DqdvOptions.DEFAULT);
            List<DqdvPeak> peaks = r.peaks();
            assertThat(peaks).as(half.label()).hasSize(2);
            assertThat(peaks.get(0).voltageV()).isCloseTo(3.25, within(0.003));
            assertThat(peaks.get(1).voltageV()).isCloseTo(3.40, within(0.003));
            double sign = half == HalfCycle.DISCHARGE ? -1 : 1;
            assertThat(Math.signum(peaks.get(0).dqdvAhPerV())).isEqualTo(sign);
            // the two peaks split the whole curve at the valley between them
            double q = r.halfCycleCapacityAh();
            assertThat(peaks.get(0).areaAh() + peaks.get(1).areaAh()).isCloseTo(q, within(0.02 * q));
            // each peak's area above the flat baseline is its step's share of capacity (0.5 and 0.3 of 1.0)
            double baselinePerV = q * 0.2 / 1.0 / 1.6;
            for (int k = 0; k < 2; k++) {
                DqdvPeak p = peaks.get(k);
                double excess = p.areaAh() - baselinePerV * (p.toVoltageV() - p.fromVoltageV());
                assertThat(excess).as("peak %d", k).isCloseTo(q * (k == 0 ? 0.5 : 0.3), within(0.03 * q));
            }
            // the height: Gaussian broadening of a logistic-derivative peak lowers it a little, never raises it
            SyntheticCell.Ocv ocv = SyntheticCell.Ocv.lfpLike();
            double exact = q * ocv.dfrac(3.25);
            assertThat(Math.abs(peaks.get(0).dqdvAhPerV())).isBetween(0.8 * exact, 1.0 * exact);
        }
    }

    @Test
    void chargeIntegralIsPositiveAndDvdqIntegratesToTheVoltageSwing() {
        SyntheticCell.Data d = cell(0);
        DqdvResult r = Dqdv.of(d.ts(), d.table(), d.steps(), 2, HalfCycle.CHARGE, DqdvOptions.DEFAULT);
        CycleSummary c2 = d.table().cycles().get(1);
        assertThat(integral(r)).isCloseTo(c2.chargeCapacityAh(), within(0.01 * c2.chargeCapacityAh()));
        double dq = r.capacityAh().get(1) - r.capacityAh().get(0);
        double swing = 0;
        for (double x : r.dvdqVPerAh()) {
            swing += x * dq;
        }
        double vFirst = r.voltageV().get(0), vLast = r.voltageV().get(r.voltageV().size() - 1);
        assertThat(swing).isCloseTo(vLast - vFirst, within(0.01));
    }

    @Test
    void noisyVoltageWithSavitzkyGolayKeepsAreaAndPeaks() {
        SyntheticCell.Data d = cell(0.001);
        DqdvOptions o = DqdvOptions.DEFAULT.withPreSmoothing(true);
        DqdvResult r = Dqdv.of(d.ts(), d.table(), d.steps(), 3, HalfCycle.DISCHARGE, o);
        CycleSummary c3 = d.table().cycles().get(2);
        assertThat(integral(r)).isCloseTo(-c3.dischargeCapacityAh(), within(0.02 * c3.dischargeCapacityAh()));
        assertThat(r.method().preSmoothing()).isTrue();
        assertThat(r.method().sgWindow()).isOdd().isGreaterThanOrEqualTo(5);
        assertThat(r.method().sgOrder()).isEqualTo(3);
        List<DqdvPeak> big = r.peaks().stream().filter(p -> p.prominenceAhPerV() > 0.2 * maxAbs(r.dqdvAhPerV())).toList();
        assertThat(big).hasSize(2);
        assertThat(big.get(0).voltageV()).isCloseTo(3.25, within(0.01));
        assertThat(big.get(1).voltageV()).isCloseTo(3.40, within(0.01));
    }

    @Test
    void normalisedAreaEqualsCapacity() {
        SyntheticCell.Data d = cell(0);
        DqdvOptions o = new DqdvOptions(0.001, 0.01, 4, 0, false, 0, 3, 0.01, true, 0.05, 0.05);
        DqdvResult r = Dqdv.of(d.ts(), d.table(), d.steps(), 2, HalfCycle.DISCHARGE, o);
        double area = 0;
        for (double x : r.dqdvAhPerV()) {
            area += Math.abs(x) * r.method().voltageStepV();
        }
        assertThat(area).isCloseTo(r.halfCycleCapacityAh(), within(1e-9));
        assertThat(r.method().normalisedArea()).isTrue();
    }

    @Test
    void unknownCycleOrMissingHalfIsRefused() {
        SyntheticCell c = SyntheticCell.simple(SyntheticCell.Ocv.lfpLike());
        c.rest(60, 30);
        c.fullCycle(0.22, 0.22, CAPACITY, 500, 600);
        c.cc(0.22, CAPACITY, 0.5, 200); // cycle 2: charge only
        SyntheticCell.Data d = c.finish();
        assertThatThrownBy(() -> Dqdv.of(d.ts(), d.table(), d.steps(), 9, HalfCycle.DISCHARGE, DqdvOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cycle 9");
        assertThatThrownBy(() -> Dqdv.of(d.ts(), d.table(), d.steps(), 2, HalfCycle.DISCHARGE, DqdvOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no constant-current discharge");
        assertThat(Dqdv.of(d.ts(), d.table(), d.steps(), 2, HalfCycle.CHARGE, DqdvOptions.DEFAULT).halfCycleCapacityAh())
                .isCloseTo(0.55, within(0.001));
    }

    @Test
    void timing() {
        SyntheticCell.Data d = cell(0.0005);
        long c0 = System.nanoTime();
        Dqdv.of(d.ts(), d.table(), d.steps(), 2, HalfCycle.DISCHARGE, DqdvOptions.DEFAULT);
        double coldMs = (System.nanoTime() - c0) / 1e6;
        CycleRows rows = CycleRows.of(d.ts(), d.table());
        for (int k = 0; k < 300; k++) {
            Dqdv.of(d.ts(), rows, d.steps(), 2, HalfCycle.DISCHARGE, DqdvOptions.DEFAULT.withPreSmoothing(k % 2 == 0));
        }
        int reps = 200;
        long t0 = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            Dqdv.of(d.ts(), rows, d.steps(), 2, HalfCycle.DISCHARGE, DqdvOptions.DEFAULT.withPreSmoothing(k % 2 == 0));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        System.out.printf("dQ/dV of one half-cycle (%d samples): first call %.1f ms, warm %.3f ms%n",
                d.table().cycles().get(1).samples() / 2, coldMs, ms);
    }

    private static double maxAbs(List<Double> xs) {
        double m = 0;
        for (double x : xs) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
