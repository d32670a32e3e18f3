package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tower.core.cycling.CycleField;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;

/** analyze leaves flagged cycles out of SOH, fade rate, end of life and knee, and says which and why. */
class FadeExclusionTest {
    private static CycleSummary cycle(long n, double qc, double qd, List<String> flags) {
        return CycleField.summary(f -> switch (f) {
            case CYCLE_INDEX -> n;
            case SAMPLES -> 100L;
            case FLAGS -> flags;
            case START_TEST_TIME_S -> n * 10_000.0;
            case DURATION_S -> 9_000.0;
            case CHARGE_CAPACITY_AH -> qc;
            case DISCHARGE_CAPACITY_AH -> qd;
            case CURRENT_MIN_A -> -1.0;
            case CURRENT_MAX_A -> 1.0;
            default -> Double.NaN;
        });
    }

    @Test
    void aMergedFirstCycleAndAPartialLastCycleDoNotMakeAFlatTestFade() {
        List<CycleSummary> rows = new ArrayList<>();
        rows.add(cycle(1, 2.02, 2.0, List.of("merged")));
        for (int n = 2; n <= 30; n++) {
            rows.add(cycle(n, 1.01, 1.0, List.of()));
        }
        rows.add(cycle(31, 1.01, 5.0, List.of("implausible_efficiency")));
        rows.add(cycle(32, 1.01, 1.0, List.of("sign_conflict")));
        rows.add(cycle(33, 0.5, 0.001, List.of("incomplete")));
        CycleTable table = new CycleTable("vendor", "charge_first", CyclingOptions.DEFAULT, rows);
        FadeResult r = Fade.analyze(table, FadeOptions.DEFAULT);
        assertThat(r.eolCycle()).isEmpty();
        assertThat(r.censoredAt()).hasValue(30);
        assertThat(r.fadeRateAhPerCycle()).isCloseTo(0.0, within(1e-12));
        assertThat(r.referenceCapacityAh()).isEqualTo(1.0);
        assertThat(r.soh()).hasSize(29).allSatisfy(p -> assertThat(p.soh()).isEqualTo(1.0));
        assertThat(r.kneeCycle()).isEmpty();
        assertThat(r.excludedCycles()).containsExactly(new ExcludedCycle(1, "merged"),
                new ExcludedCycle(31, "implausible_efficiency"), new ExcludedCycle(32, "sign_conflict"),
                new ExcludedCycle(33, "incomplete"));
    }

    @Test
    void withoutTheFlagsTheSameRowsWouldFool() {
        // the control: unflagged, the merged first cycle and the 1 mAh cycle set a fade rate and an end of life
        List<CycleSummary> rows = new ArrayList<>();
        rows.add(cycle(1, 2.02, 2.0, List.of()));
        for (int n = 2; n <= 6; n++) {
            rows.add(cycle(n, 1.01, 1.0, List.of()));
        }
        rows.add(cycle(7, 0.5, 0.001, List.of()));
        FadeResult r = Fade.analyze(new CycleTable("vendor", "charge_first", CyclingOptions.DEFAULT, rows),
                FadeOptions.DEFAULT);
        assertThat(r.eolCycle()).hasValue(2);
        assertThat(r.fadeRateAhPerCycle()).isLessThan(-0.1);
    }
}
