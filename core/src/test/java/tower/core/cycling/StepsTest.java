package tower.core.cycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tower.core.series.StepType;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;

class StepsTest {
    @Test
    void theConstantVoltagePhaseOfAVendorCccvStepIsTypedCv() {
        Profile p = new Profile();
        for (int c = 1; c <= 2; c++) {
            // the vendor logs CC and CV as one "CCCV" step typed cc_charge
            p.add(10, 0, 1.1, 3.5, 3.5, c, StepType.CC_CHARGE).add(3000, 1.1, 1.1, 3.5, 4.2, c, StepType.CC_CHARGE)
                    .add(1500, 1.1, 0.055, 4.2, 4.2, c, StepType.CC_CHARGE).add(10, 0.055, 0, 4.2, 4.2, c, StepType.REST)
                    .add(600, 0, 0, 4.2, 4.1, c, StepType.REST).add(10, 0, -1.1, 4.1, 4.1, c, StepType.CC_DISCHARGE)
                    .add(3300, -1.1, -1.1, 4.1, 3.0, c, StepType.CC_DISCHARGE).add(10, -1.1, 0, 3.0, 3.0, c, StepType.REST)
                    .add(600, 0, 0, 3.0, 3.5, c, StepType.REST);
        }
        TimeSeries.Collector col = new TimeSeries.Collector();
        p.write(new Normalizer(col, CyclingOptions.DEFAULT), Profile.Sampling.every(10.0), Double.NaN, true);
        List<StepSummary> steps = Steps.of(col.result(), CyclingOptions.DEFAULT).steps();
        assertThat(steps).extracting(StepSummary::type).startsWith(StepType.CC_CHARGE, StepType.CV_CHARGE,
                StepType.REST, StepType.CC_DISCHARGE, StepType.REST);
        StepSummary cc = steps.get(0);
        StepSummary cv = steps.get(1);
        assertThat(cc.typeSource()).isEqualTo("vendor");
        assertThat(cv.typeSource()).isEqualTo("rules");
        assertThat(cv.stepCount()).isEqualTo(cc.stepCount());
        double cvTruth = p.segments.get(2).charge(1500);
        double ccTruth = p.segments.get(0).charge(10) + p.segments.get(1).charge(3000);
        assertThat(cv.chargeCapacityAh()).isCloseTo(cvTruth, within(1e-9 * cvTruth));
        assertThat(cc.chargeCapacityAh()).isCloseTo(ccTruth, within(1e-9 * ccTruth));
        assertThat(cv.voltageMinV()).isCloseTo(4.2, within(1e-12));
        // a CC step without a CV tail stays whole
        assertThat(steps.get(3).rows()).isEqualTo(331);
    }

    @Test
    void aSmallOffsetCurrentInARestIsARestOnALargeCell() {
        // a 43 Ah cell whose rests read -0.13 mA, the test starting with such a rest
        Profile p = new Profile();
        p.add(600, -1.3e-4, -1.3e-4, 3.6, 3.6, 1, StepType.REST);
        p.add(10, -1.3e-4, 43, 3.6, 3.6, 1, StepType.CC_CHARGE).add(3300, 43, 43, 3.6, 4.2, 1, StepType.CC_CHARGE)
                .add(10, 43, -1.3e-4, 4.2, 4.2, 1, StepType.CC_CHARGE).add(600, -1.3e-4, -1.3e-4, 4.2, 4.1, 1, StepType.REST)
                .add(10, -1.3e-4, -43, 4.1, 4.1, 1, StepType.CC_DISCHARGE).add(3200, -43, -43, 4.1, 3.0, 1, StepType.CC_DISCHARGE)
                .add(10, -43, -1.3e-4, 3.0, 3.0, 1, StepType.CC_DISCHARGE).add(600, -1.3e-4, -1.3e-4, 3.0, 3.6, 1, StepType.REST);
        CyclingOptions o = CyclingOptions.DEFAULT.withCycleRule(CycleRule.CHARGE_FIRST).withNominalCapacity(43);
        CycleSummarizer s = new CycleSummarizer(o);
        TimeSeries.Collector col = new TimeSeries.Collector();
        p.write(new Normalizer(Tee.of(s, col), o), Profile.Sampling.every(10.0), Double.NaN, false);
        assertThat(s.result().cycles()).as("no cycle of its own for the leading rest").hasSize(1);
        List<StepSummary> steps = Steps.of(col.result(), o).steps();
        assertThat(steps.get(0).type()).isEqualTo(StepType.REST);
        assertThat(steps).extracting(StepSummary::type).containsExactly(StepType.REST, StepType.CC_CHARGE,
                StepType.REST, StepType.CC_DISCHARGE, StepType.REST);
    }
}
