package tower.core.cycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;

class CycleSummarizerTest {
    private static CycleTable run(CyclingOptions o, boolean vendorCycle, boolean vendorStep) {
        CycleSummarizer s = new CycleSummarizer(o);
        Synthetic.cycles(new Normalizer(s, o), 5, 2.0, 1800, 1710, 1.0, vendorCycle, vendorStep);
        return s.result();
    }

    @Test
    void integratesKnownCapacitiesPerCycle() {
        CycleTable t = run(CyclingOptions.DEFAULT, true, true);
        assertThat(t.cycleRule()).isEqualTo("vendor");
        assertThat(t.cycles()).hasSize(5);
        CycleSummary c2 = t.cycles().get(1);
        assertThat(c2.cycleIndex()).isEqualTo(2);
        // 2 A for 1800 s = 1.0 Ah; 2 A for 1710 s = 0.95 Ah (± one interval of the rest/charge boundary)
        assertThat(c2.chargeCapacityAh()).isCloseTo(1.0, within(2.0 / 3600 + 1e-9));
        assertThat(c2.dischargeCapacityAh()).isCloseTo(0.95, within(2.0 / 3600 + 1e-9));
        assertThat(c2.coulombicEfficiency()).isCloseTo(0.95, within(0.002));
        assertThat(c2.energyEfficiency()).isLessThan(1.0).isGreaterThan(0.8);
        assertThat(c2.meanChargeVoltageV()).isCloseTo(3.8, within(0.01));
        assertThat(c2.voltageMaxV()).isCloseTo(4.1, within(1e-9));
        assertThat(c2.currentMinA()).isEqualTo(-2.0);
        assertThat(c2.ahThroughput()).isCloseTo(1.95, within(0.002));
        assertThat(c2.temperatureMeanC()).isNaN();
        assertThat(c2.flags()).isEmpty();
        assertThat(t.ceConvention()).isEqualTo("charge_first");
    }

    @Test
    void derivesTheSameCyclesByRuleWhenTheFileHasNone() {
        CycleTable vendor = run(CyclingOptions.DEFAULT, true, true);
        CycleTable derived = run(CyclingOptions.DEFAULT, false, false);
        assertThat(derived.cycleRule()).isEqualTo("charge_first");
        assertThat(derived.cycles()).hasSize(5);
        for (int k = 0; k < 5; k++) {
            assertThat(derived.cycles().get(k).dischargeCapacityAh())
                    .isCloseTo(vendor.cycles().get(k).dischargeCapacityAh(), within(1e-3));
        }
    }

    @Test
    void stepWrapRuleCountsCyclesWhenTheStepIdGoesBack() {
        CycleTable t = run(CyclingOptions.DEFAULT.withCycleRule(CycleRule.STEP_WRAP), false, true);
        assertThat(t.cycleRule()).isEqualTo("step_wrap");
        assertThat(t.cycles()).hasSize(5);
    }

    @Test
    void dischargeFirstRuleUsesThePreviousChargeForCoulombicEfficiency() {
        CycleTable t = run(CyclingOptions.DEFAULT.withCycleRule(CycleRule.DISCHARGE_FIRST), false, false);
        // charge of cycle 1 stands alone; then each discharge opens a cycle
        assertThat(t.cycles()).hasSize(6);
        assertThat(t.ceConvention()).isEqualTo("discharge_first");
        assertThat(t.cycles().get(1).coulombicEfficiency()).isCloseTo(0.95, within(0.002));
    }

    @Test
    void normalizerAddsStepCountThatNeverResets() {
        TimeSeries.Collector col = new TimeSeries.Collector();
        Synthetic.cycles(new Normalizer(col, CyclingOptions.DEFAULT), 3, 1.0, 600, 600, 1.0, true, true);
        TimeSeries ts = col.result();
        double[] sc = ts.column(Quantity.STEP_COUNT);
        assertThat(sc[0]).isEqualTo(1);
        assertThat(sc[sc.length - 1]).isEqualTo(12); // 4 steps × 3 cycles
        for (int k = 1; k < sc.length; k++) {
            assertThat(sc[k] - sc[k - 1]).isIn(0.0, 1.0);
        }
        StepTable steps = Steps.of(ts, CyclingOptions.DEFAULT);
        assertThat(steps.steps()).hasSize(12);
        assertThat(steps.steps().get(0).type()).isEqualTo(tower.core.series.StepType.CC_CHARGE);
        assertThat(steps.steps().get(1).type()).isEqualTo(tower.core.series.StepType.REST);
        assertThat(steps.steps().get(2).type()).isEqualTo(tower.core.series.StepType.CC_DISCHARGE);
        assertThat(steps.steps().get(2).dischargeCapacityAh()).isCloseTo(600 / 3600.0, within(1e-3));
    }

    @Test
    void vendorCounterThatResetsPerCycleBecomesTestCumulative() {
        TimeSeries.Collector col = new TimeSeries.Collector();
        CyclingOptions o = CyclingOptions.DEFAULT;
        var w = new tower.core.series.BatchWriter(java.util.EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE,
                Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.CYCLE_CHARGING_CAPACITY),
                new Normalizer(col, o), new tower.core.series.TestMetadata());
        double[][] rows = {{0, 1, 0.0}, {1, 1, 0.5}, {2, 1, 1.0}, {3, 2, 0.0}, {4, 2, 0.4}, {5, 2, 0.9}};
        for (double[] r : rows) {
            w.startRow();
            w.set(Quantity.TEST_TIME, r[0]);
            w.set(Quantity.VOLTAGE, 3.7);
            w.set(Quantity.CURRENT, 1);
            w.set(Quantity.CYCLE_COUNT, r[1]);
            w.set(Quantity.CYCLE_CHARGING_CAPACITY, r[2]);
        }
        w.finish();
        assertThat(col.result().column(Quantity.CHARGING_CAPACITY)).containsExactly(0, 0.5, 1.0, 1.0, 1.4, 1.9);
    }

    @Test
    void pauseOverAnHourIsFlagged() {
        CycleSummarizer s = new CycleSummarizer(CyclingOptions.DEFAULT);
        var w = new tower.core.series.BatchWriter(java.util.EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE,
                Quantity.CURRENT), new Normalizer(s, CyclingOptions.DEFAULT), new tower.core.series.TestMetadata());
        double[] times = {0, 10, 20, 5000, 5010};
        for (double t : times) {
            w.startRow();
            w.set(Quantity.TEST_TIME, t);
            w.set(Quantity.VOLTAGE, 3.7);
            w.set(Quantity.CURRENT, 1);
        }
        w.finish();
        assertThat(s.result().cycles().get(0).flags()).contains("paused");
    }

    @Test
    void teeFeedsSeveralSinks() {
        TimeSeries.Collector a = new TimeSeries.Collector();
        TimeSeries.Collector b = new TimeSeries.Collector();
        Synthetic.cycles(Tee.of(a, b), 1, 1.0, 100, 100, 1.0, true, true);
        assertThat(a.result().size()).isEqualTo(b.result().size()).isEqualTo(1400);
    }
}
