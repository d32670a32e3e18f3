package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tower.core.series.Quantity;

class CycleRowsTest {
    private static SyntheticCell.Data cell(boolean vendor) {
        SyntheticCell c = new SyntheticCell(SyntheticCell.Ocv.smooth(), 0.02, 0, 1, vendor, false, false, 1);
        c.rest(60, 30);
        for (int k = 0; k < 5; k++) {
            c.fullCycle(1.1, 1.1, 1.0, 10, 60);
        }
        return c.finish();
    }

    @Test
    void vendorAndDerivedCyclesCoverTheSameRows() {
        SyntheticCell.Data vendor = cell(true);
        SyntheticCell.Data derived = cell(false);
        assertThat(vendor.table().cycleRule()).isEqualTo("vendor");
        assertThat(derived.table().cycleRule()).isEqualTo("charge_first");
        CycleRows v = CycleRows.of(vendor.ts(), vendor.table());
        CycleRows d = CycleRows.of(derived.ts(), derived.table());
        assertThat(v.size()).isEqualTo(5);
        assertThat(d.size()).isEqualTo(5);
        double[] cycle = vendor.ts().column(Quantity.CYCLE_COUNT);
        for (int p = 0; p < 5; p++) {
            assertThat(v.cycleIndex(p)).isEqualTo(p + 1);
            assertThat(d.cycleIndex(p)).isEqualTo(p + 1);
            assertThat(v.positionOf(p + 1)).isEqualTo(p);
            for (int r = v.first(p); r < v.end(p); r++) {
                assertThat(cycle[r]).isEqualTo(p + 1);
                assertThat(v.positionOfRow(r)).isEqualTo(p);
            }
            // the rows are the same samples in both
            assertThat(d.first(p)).isEqualTo(v.first(p));
            assertThat(d.end(p)).isEqualTo(v.end(p));
        }
        assertThat(v.end(4)).isEqualTo(vendor.ts().size());
        assertThat(v.positionOf(99)).isEqualTo(-1);
    }
}
