package tower.core.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeSeriesCollectorTest {
    private static TimeSeries collect(TimeSeries.Collector c, int rows) {
        Set<Quantity> cols = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE);
        c.begin(cols, new TestMetadata());
        Batch b = new Batch(cols, 7);
        for (int i = 0; i < rows; i++) {
            if (b.isFull()) {
                c.accept(b);
                b.clear();
            }
            int r = b.addRow();
            b.set(Quantity.TEST_TIME, r, i);
            b.set(Quantity.VOLTAGE, r, 3.0 + i * 1e-3);
        }
        if (b.size() > 0) {
            c.accept(b);
        }
        c.end(new TestMetadata());
        return c.result();
    }

    @Test
    void rowsBeyondOrBelowTheExpectedCountAreAllKeptExactly() {
        for (int expected : new int[] {1, 50, 100, 101, 5000}) {
            TimeSeries ts = collect(new TimeSeries.Collector(expected), 100);
            assertThat(ts.size()).as("expected %d", expected).isEqualTo(100);
            assertThat(ts.column(Quantity.TEST_TIME)).hasSize(100).startsWith(0.0).endsWith(99.0);
            assertThat(ts.column(Quantity.VOLTAGE)[42]).isEqualTo(3.0 + 42 * 1e-3);
        }
        assertThat(collect(new TimeSeries.Collector(), 0).size()).isZero();
    }
}
