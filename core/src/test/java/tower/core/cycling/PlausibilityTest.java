package tower.core.cycling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;

/** The plausibility flags of the per-cycle summary on generated tests (interface.md, "Per-cycle summary"). */
class PlausibilityTest {
    private record Run(CycleTable table, TestMetadata metadata) {
    }

    private static Run run(Profile p, CyclingOptions o, boolean stepTypes) {
        CycleSummarizer s = new CycleSummarizer(o);
        TestMetadata[] md = new TestMetadata[1];
        RecordSink capture = new RecordSink() {
            @Override
            public void begin(java.util.Set<tower.core.series.Quantity> columns, TestMetadata metadata) {
                md[0] = metadata;
            }

            @Override
            public void accept(tower.core.series.Batch batch) {
            }

            @Override
            public void end(TestMetadata metadata) {
            }
        };
        p.write(new Normalizer(tower.core.series.Tee.of(s, capture), o), Profile.Sampling.every(10.0), Double.NaN,
                stepTypes);
        return new Run(s.result(), md[0]);
    }

    private static Profile cycles(int n) {
        Profile p = new Profile();
        for (int c = 1; c <= n; c++) {
            p.ccCvCycle(c, 1.1, 1.0);
        }
        return p;
    }

    @Test
    void aCleanTestHasNoFlagsAndNoWarnings() {
        Run r = run(cycles(5), CyclingOptions.DEFAULT.withNominalCapacity(1.1), true);
        assertThat(r.table().cycles()).allSatisfy(c -> assertThat(c.flags()).isEmpty());
        assertThat(r.metadata().warnings()).isEmpty();
        assertThat(r.metadata().flags()).doesNotContain("half_cell");
    }

    @Test
    void aVendorCycleHoldingTwoChargesIsMergedWithTheRuleToTry() {
        Profile p = new Profile();
        for (int c = 1; c <= 4; c++) {
            p.ccCvCycle(c == 3 ? 2 : c, 1.1, 1.0); // the vendor cycle number does not advance after cycle 2
        }
        Run r = run(p, CyclingOptions.DEFAULT, true);
        assertThat(r.table().cycles()).extracting(CycleSummary::cycleIndex).containsExactly(1L, 2L, 4L);
        assertThat(r.table().cycles().get(1).flags()).contains("merged");
        assertThat(r.table().cycles().get(0).flags()).doesNotContain("merged");
        assertThat(r.metadata().warnings()).anyMatch(w -> w.contains("cycle 2") && w.contains("--cycle-rule charge_first"));
        // the suggested rule splits it
        Run split = run(p, CyclingOptions.DEFAULT.withCycleRule(CycleRule.CHARGE_FIRST), true);
        assertThat(split.table().cycles()).hasSize(4).allSatisfy(c -> assertThat(c.flags()).doesNotContain("merged"));
    }

    @Test
    void currentAgainstTheVendorStepTypeIsReadTheVendorsWayAndFlagged() {
        Profile clean = cycles(3);
        Profile p = new Profile();
        for (Profile.Segment s : clean.segments) {
            boolean flip = s.type() == StepType.CC_DISCHARGE; // a file whose discharge current is positive
            p.add(s.durationS(), flip ? -s.i0() : s.i0(), flip ? -s.i1() : s.i1(), s.v0(), s.v1(), s.cycle(), s.type());
        }
        Run r = run(p, CyclingOptions.DEFAULT, true);
        Run ok = run(clean, CyclingOptions.DEFAULT, true);
        for (int k = 0; k < 3; k++) {
            CycleSummary c = r.table().cycles().get(k);
            assertThat(c.flags()).contains("sign_conflict");
            assertThat(c.dischargeCapacityAh()).isEqualTo(ok.table().cycles().get(k).dischargeCapacityAh());
            assertThat(c.energyEfficiency()).isLessThan(1);
        }
        assertThat(r.metadata().warnings()).anyMatch(w -> w.contains("vendor's step type") && w.contains("sign convention"));
    }

    @Test
    void efficiencyAboveOneAndCapacityAboveNominalAreFlagged() {
        Profile p = new Profile();
        for (int c = 1; c <= 3; c++) {
            // cycle 2 discharges at a higher voltage than it charged: EE > 1 cannot be
            double lift = c == 2 ? 1.0 : 0;
            p.add(1, 0, 1.0, 3.5, 3.5, c, StepType.CC_CHARGE).add(3600, 1.0, 1.0, 3.5, 4.0, c, StepType.CC_CHARGE)
                    .add(1, 1.0, 0, 4.0, 4.0, c, StepType.CC_CHARGE).add(600, 0, 0, 4.0, 4.0 + lift, c, StepType.REST)
                    .add(1, 0, -1.0, 4.0 + lift, 4.0 + lift, c, StepType.CC_DISCHARGE)
                    .add(3500, -1.0, -1.0, 4.0 + lift, 3.5, c, StepType.CC_DISCHARGE)
                    .add(1, -1.0, 0, 3.5, 3.5, c, StepType.CC_DISCHARGE).add(600, 0, 0, 3.5, 3.5, c, StepType.REST);
        }
        Run r = run(p, CyclingOptions.DEFAULT.withNominalCapacity(0.8), true);
        assertThat(r.table().cycles().get(1).energyEfficiency()).isGreaterThan(1);
        assertThat(r.table().cycles().get(1).flags()).contains("implausible_efficiency", "over_nominal");
        assertThat(r.table().cycles().get(0).flags()).doesNotContain("implausible_efficiency").contains("over_nominal");
        assertThat(r.metadata().warnings()).anyMatch(w -> w.startsWith("cycle 2: energy efficiency above 1"));
        assertThat(r.metadata().warnings()).anyMatch(w -> w.contains("over_nominal") && w.contains("0.8 Ah"));
        assertThat(run(p, CyclingOptions.DEFAULT.withNominalCapacity(1.0), true).table().cycles())
                .allSatisfy(c -> assertThat(c.flags()).doesNotContain("over_nominal"));
    }

    @Test
    void aFirstDischargeAPartialFirstChargeAndAnEndMidStepAreIncomplete() {
        Profile p = new Profile();
        // cycle 1: the cell is discharged first (charge_first cycles), cycles 2-4 full, cycle 5 stops mid-discharge
        p.add(1, 0, -1.1, 3.8, 3.8, 1, StepType.CC_DISCHARGE).add(1500, -1.1, -1.1, 3.8, 3.0, 1, StepType.CC_DISCHARGE)
                .add(1, -1.1, 0, 3.0, 3.0, 1, StepType.CC_DISCHARGE).add(600, 0, 0, 3.0, 3.5, 1, StepType.REST);
        for (int c = 2; c <= 4; c++) {
            p.ccCvCycle(c, 1.1, 1.0);
        }
        p.add(1, 0, 1.1, 3.5, 3.5, 5, StepType.CC_CHARGE).add(3000, 1.1, 1.1, 3.5, 4.2, 5, StepType.CC_CHARGE)
                .add(1500, 1.1, 0.055, 4.2, 4.2, 5, StepType.CV_CHARGE).add(1, 0.055, 0, 4.2, 4.2, 5, StepType.CV_CHARGE)
                .add(1, 0, -1.1, 4.2, 4.2, 5, StepType.CC_DISCHARGE).add(900, -1.1, -1.1, 4.2, 3.9, 5, StepType.CC_DISCHARGE);
        Run r = run(p, CyclingOptions.DEFAULT.withCeConvention(CeConvention.CHARGE_FIRST), true);
        List<CycleSummary> c = r.table().cycles();
        assertThat(c).hasSize(5);
        for (int k : new int[]{0, 4}) {
            assertThat(c.get(k).flags()).as("cycle %d", k + 1).contains("incomplete");
            assertThat(c.get(k).coulombicEfficiency()).isNaN();
            assertThat(c.get(k).energyEfficiency()).isNaN();
            assertThat(c.get(k).capacityLossAh()).isNaN();
        }
        assertThat(c.get(1).capacityLossAh()).as("the loss against an incomplete cycle is unknown").isNaN();
        assertThat(c.get(2).capacityLossAh()).isFinite();
        assertThat(c.get(2).flags()).isEmpty();
        // a partial first charge (a test started on a half-charged cell)
        Profile half = new Profile();
        half.add(1, 0, 1.1, 3.8, 3.8, 1, StepType.CC_CHARGE).add(1000, 1.1, 1.1, 3.8, 4.2, 1, StepType.CC_CHARGE)
                .add(1, 1.1, 0, 4.2, 4.2, 1, StepType.CC_CHARGE).add(600, 0, 0, 4.2, 4.1, 1, StepType.REST)
                .add(1, 0, -1.1, 4.1, 4.1, 1, StepType.CC_DISCHARGE).add(3300, -1.1, -1.1, 4.1, 3.0, 1, StepType.CC_DISCHARGE)
                .add(1, -1.1, 0, 3.0, 3.0, 1, StepType.CC_DISCHARGE).add(600, 0, 0, 3.0, 3.5, 1, StepType.REST);
        for (int k = 2; k <= 4; k++) {
            half.ccCvCycle(k, 1.1, 1.0);
        }
        List<CycleSummary> h = run(half, CyclingOptions.DEFAULT, true).table().cycles();
        assertThat(h.get(0).flags()).contains("incomplete");
        assertThat(h.get(0).coulombicEfficiency()).isNaN();
        assertThat(h.subList(1, 4)).allSatisfy(x -> assertThat(x.flags()).isEmpty());
    }

    @Test
    void anElectrodeAgainstLithiumIsAHalfCellWithTheInvertedConvention() {
        Profile p = new Profile();
        p.add(60, 0, 0, 2.9, 2.9, 1, StepType.REST); // a fresh electrode's open-circuit voltage
        for (int c = 1; c <= 4; c++) {
            p.add(1, 0, -0.002, c == 1 ? 2.9 : 1.0, c == 1 ? 2.9 : 1.0, c, StepType.CC_DISCHARGE)
                    .add(3600, -0.002, -0.002, c == 1 ? 2.9 : 1.0, 0.05, c, StepType.CC_DISCHARGE)
                    .add(1, -0.002, 0, 0.05, 0.05, c, StepType.CC_DISCHARGE).add(600, 0, 0, 0.05, 0.1, c, StepType.REST)
                    .add(1, 0, 0.002, 0.1, 0.1, c, StepType.CC_CHARGE)
                    .add(3400, 0.002, 0.002, 0.1, 1.0, c, StepType.CC_CHARGE)
                    .add(1, 0.002, 0, 1.0, 1.0, c, StepType.CC_CHARGE).add(600, 0, 0, 1.0, 1.0, c, StepType.REST);
        }
        Run r = run(p, CyclingOptions.DEFAULT, true);
        assertThat(r.metadata().flags()).contains("half_cell");
        assertThat(r.table().ceConvention()).isEqualTo("inverted");
        assertThat(r.metadata().warnings()).anyMatch(w -> w.contains("half-cell") && w.contains("--ce-convention"));
        CycleSummary c2 = r.table().cycles().get(1);
        assertThat(c2.coulombicEfficiency()).isEqualTo(c2.chargeCapacityAh() / c2.dischargeCapacityAh());
        // the user still decides
        Run chosen = run(p, CyclingOptions.DEFAULT.withCeConvention(CeConvention.DISCHARGE_FIRST), true);
        assertThat(chosen.table().ceConvention()).isEqualTo("discharge_first");
        // a full cell is not one
        assertThat(run(cycles(3), CyclingOptions.DEFAULT, true).metadata().flags()).doesNotContain("half_cell");
    }
}
