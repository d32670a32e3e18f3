package tower.core.cycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;

/** Definitions §4 on generated profiles whose integrals are known in closed form (see {@link Profile}). */
class IntegrationTest {
    private static final double REL = 1e-9;

    private static CycleTable summarize(Profile p, Profile.Sampling sampling, double vendorScale, boolean stepTypes,
                                        TimeSeries.Collector also) {
        CycleSummarizer s = new CycleSummarizer(CyclingOptions.DEFAULT);
        p.write(new Normalizer(also == null ? s : Tee.of(s, also), CyclingOptions.DEFAULT), sampling, vendorScale,
                stepTypes);
        return s.result();
    }

    private static void assertExact(Profile p, CycleTable t) {
        for (CycleSummary c : t.cycles()) {
            double[] truth = p.truth(c.cycleIndex());
            assertThat(c.chargeCapacityAh()).as("Qc of cycle %d", c.cycleIndex()).isCloseTo(truth[0], within(REL * truth[0]));
            assertThat(c.dischargeCapacityAh()).as("Qd").isCloseTo(truth[1], within(REL * truth[1]));
            assertThat(c.chargeEnergyWh()).as("Ec").isCloseTo(truth[2], within(REL * truth[2]));
            assertThat(c.dischargeEnergyWh()).as("Ed").isCloseTo(truth[3], within(REL * truth[3]));
            assertThat(c.ahThroughput()).isCloseTo(truth[0] + truth[1], within(REL * (truth[0] + truth[1])));
            assertThat(c.flags()).doesNotContain("capacity_mismatch", "implausible_efficiency", "merged", "sign_conflict");
        }
    }

    private static Profile ccCv(int cycles, double i, double rampS) {
        Profile p = new Profile();
        for (int c = 1; c <= cycles; c++) {
            p.ccCvCycle(c, i, rampS);
        }
        return p;
    }

    @Test
    void ccCvChargeAndCcDischargeAtOneSecondAreExact() {
        Profile p = ccCv(3, 1.1, 1.0);
        CycleTable t = summarize(p, Profile.Sampling.every(1.0), 1.0, true, null);
        assertThat(t.cycles()).hasSize(3);
        assertExact(p, t);
        CycleSummary c2 = t.cycles().get(1);
        double cv = p.segments.get(11).charge(1500) + p.segments.get(12).charge(1.0); // cycle 2's CV segments
        assertThat(c2.cvCapacityAh()).isCloseTo(cv, within(REL * cv));
        double[] truth = p.truth(2);
        assertThat(c2.coulombicEfficiency()).isCloseTo(truth[1] / truth[0], within(1e-9));
        assertThat(c2.flags()).isEmpty();
    }

    @Test
    void tenSecondLoggingIsExactToo() {
        // the old rule (split by the later sample's sign) lost half an interval at every step end here
        Profile p = ccCv(3, 1.1, 10.0);
        CycleTable t = summarize(p, Profile.Sampling.every(10.0), 1.0, true, null);
        assertExact(p, t);
        CycleTable noTypes = summarize(p, Profile.Sampling.every(10.0), 1.0, false, null);
        assertExact(p, noTypes);
        double cv = p.segments.get(11).charge(1500) + p.segments.get(12).charge(10.0);
        assertThat(noTypes.cycles().get(1).cvCapacityAh()).as("BEEP's CV onset test finds the same CV phase")
                .isCloseTo(cv, within(REL * cv));
    }

    @Test
    void irregularIntervalsAreExact() {
        Profile p = ccCv(2, 2.5, 3.7);
        assertExact(p, summarize(p, Profile.Sampling.irregular(42, 0.3, 17), 1.0, true, null));
    }

    @Test
    void directReversalsWithoutRestSplitAtTheZeroCrossing() {
        Profile p = new Profile();
        for (int c = 1; c <= 3; c++) {
            p.reversalCycle(c, 1.5, c == 2 ? 7.0 : 1.0); // cycle 2 reverses over several samples
        }
        for (Profile.Sampling s : List.of(Profile.Sampling.every(1.0), Profile.Sampling.every(10.0),
                Profile.Sampling.irregular(7, 0.5, 12))) {
            assertExact(p, summarize(p, s, 1.0, true, null));
        }
    }

    @Test
    void stepCapacitiesAddUpToTheCycleTotals() {
        Profile p = ccCv(3, 1.1, 10.0);
        TimeSeries.Collector col = new TimeSeries.Collector();
        CycleTable t = summarize(p, Profile.Sampling.every(10.0), Double.NaN, true, col);
        StepTable steps = Steps.of(col.result(), CyclingOptions.DEFAULT);
        for (CycleSummary c : t.cycles()) {
            double qc = 0;
            double qd = 0;
            for (StepSummary s : steps.steps()) {
                if (s.cycleCount() == c.cycleIndex()) {
                    qc += s.chargeCapacityAh();
                    qd += s.dischargeCapacityAh();
                }
            }
            double[] truth = p.truth(c.cycleIndex());
            assertThat(qc).isCloseTo(truth[0], within(REL * truth[0]));
            assertThat(qd).isCloseTo(truth[1], within(REL * truth[1]));
        }
    }

    @Test
    void capacityMismatchNeedsARelativeAndAnAbsoluteDifference() {
        Profile p = ccCv(2, 1.1, 1.0);
        CycleTable off = summarize(p, Profile.Sampling.every(10.0), 1.02, true, null);
        assertThat(off.cycles().get(1).flags()).contains("capacity_mismatch");
        // a 2 µA cell whose vendor counter reads twice the integral: 2.5 µAh apart, far below 1 mAh
        Profile tiny = ccCv(2, 2e-6, 1.0);
        CycleTable t = summarize(tiny, Profile.Sampling.every(10.0), 2.0, true, null);
        assertThat(t.cycles().get(1).vendorChargeCapacityAh()).isCloseTo(2 * t.cycles().get(1).chargeCapacityAh(),
                within(1e-12));
        assertThat(t.cycles()).allSatisfy(c -> assertThat(c.flags()).doesNotContain("capacity_mismatch"));
        // with a stated 5 µAh nominal the floor is 0.1 % of it, so the same disagreement counts
        CycleSummarizer s = new CycleSummarizer(CyclingOptions.DEFAULT.withNominalCapacity(5e-6));
        tiny.write(new Normalizer(s, CyclingOptions.DEFAULT), Profile.Sampling.every(10.0), 2.0, true);
        assertThat(s.result().cycles().get(1).flags()).contains("capacity_mismatch");
    }

    @Test
    void oneIntervalByHand() {
        Integrator.Parts p = Integrator.interval(0, 4.0, 2.0, 10, 3.0, -2.0, new Integrator.Parts());
        // zero at t = 5 s where V = 3.5: 5 s of a 2 A → 0 A triangle each way
        assertThat(p.chargeAh).isCloseTo(5.0 / 3600, within(1e-15));
        assertThat(p.dischargeAh).isCloseTo(5.0 / 3600, within(1e-15));
        assertThat(p.chargeWh).isCloseTo(5.0 / 3600 * 3.75, within(1e-15));
        assertThat(p.dischargeWh).isCloseTo(5.0 / 3600 * 3.25, within(1e-15));
        assertThat(p.chargeS).isEqualTo(5.0);
        Integrator.Parts rest = Integrator.interval(0, 4.0, 2.0, 10, 4.0, 0.0, new Integrator.Parts());
        assertThat(rest.chargeAh).as("a step's last interval into rest counts in full").isCloseTo(10.0 / 3600, within(1e-15));
        assertThat(Integrator.interval(0, 4, 1, 0, 4, 1, new Integrator.Parts()).absAh()).isZero();
        assertThat(Integrator.interval(0, 4, Double.NaN, 1, 4, 1, new Integrator.Parts()).absAh()).isZero();
    }
}
