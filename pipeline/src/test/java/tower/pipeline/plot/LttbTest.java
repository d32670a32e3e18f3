package tower.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tower.core.series.Quantity;

class LttbTest {
    @Test
    void keepsEndsAndASpikeAndReturnsAscendingIndices() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 5000.0);
        }
        y[54_321] = 50; // a one-sample spike must survive
        int[] idx = Lttb.indices(x, y, 500);
        assertThat(idx).hasSize(500);
        assertThat(idx[0]).isZero();
        assertThat(idx[499]).isEqualTo(n - 1);
        assertThat(idx).contains(54_321);
        for (int i = 1; i < idx.length; i++) {
            assertThat(idx[i]).isGreaterThan(idx[i - 1]);
        }
    }

    @Test
    void fewPointsAreKeptAndNaNsSkipped() {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, Double.NaN, 3, 4};
        assertThat(Lttb.indices(x, y, 10)).containsExactly(0, 2, 3);
    }

    @Test
    void columnNamesAreSnakeCaseLabels() {
        assertThat(PlotColumns.jsonName(Quantity.VOLTAGE)).isEqualTo("voltage_v");
        assertThat(PlotColumns.jsonName(Quantity.TEST_TIME)).isEqualTo("test_time_s");
        assertThat(PlotColumns.jsonName(Quantity.CYCLE_COUNT)).isEqualTo("cycle_count");
        assertThat(PlotColumns.jsonName(Quantity.TEMPERATURE_T1)).isEqualTo("temperature_t1_degc");
        assertThat(PlotColumns.byName("current_a")).contains(Quantity.CURRENT);
    }
}
