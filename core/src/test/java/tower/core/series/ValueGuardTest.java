package tower.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.cycling.Steps;
import tower.core.ingest.InputException;

/** The one check between every reader and its sinks (README "Errors and limits"). */
class ValueGuardTest {
    private static TimeSeries write(double[][] rows, int capacity) {
        TimeSeries.Collector c = new TimeSeries.Collector();
        BatchWriter w = new BatchWriter(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT,
                Quantity.STEP_INDEX, Quantity.CHARGING_CAPACITY), c, new TestMetadata().setSourceName("x.bin")
                .setSourcePath("/data/x.bin"), capacity);
        for (double[] r : rows) {
            w.startRow();
            w.set(Quantity.TEST_TIME, r[0]);
            w.set(Quantity.VOLTAGE, r[1]);
            w.set(Quantity.CURRENT, r[2]);
            w.set(Quantity.STEP_INDEX, r[3]);
            w.set(Quantity.CHARGING_CAPACITY, r[4]);
        }
        w.finish();
        return c.result();
    }

    private static double[][] rows(int n) {
        double[][] r = new double[n][];
        for (int k = 0; k < n; k++) {
            r[k] = new double[] {k, 3.7, 1.0, 1, k / 3600.0};
        }
        return r;
    }

    @Test
    void missingValuesPassAndSaneRowsAreUntouched() {
        double[][] r = rows(50);
        r[7][1] = Double.NaN;
        TimeSeries ts = write(r, 8);
        assertThat(ts.size()).isEqualTo(50);
        assertThat(ts.column(Quantity.VOLTAGE)[7]).isNaN();
        assertThat(ts.metadata().warnings()).isEmpty();
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheirRecord() {
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[][] r = rows(30);
            r[20][2] = bad;
            assertThatThrownBy(() -> write(r, 8)).isInstanceOf(InputException.class)
                    .hasMessage("/data/x.bin: record 21: Current is " + (bad > 0 ? "+" : "-") + "Infinity, not a finite number");
        }
    }

    @Test
    void valuesBeyondPhysicalBoundsAreRefusedWithTheirRecord() {
        record Case(int column, double value, String text) {
        }
        for (Case c : List.of(new Case(1, 1.66e49, "Voltage is 1.66000e+49 V, beyond the physical bound of ±1000 V"),
                new Case(2, -2e4, "Current is -20000.0 A, beyond the physical bound of ±1.000e+04 A"),
                new Case(0, 1e308, "Test Time is 1.00000e+308 s, beyond the physical bound of 0 to 100 years"),
                new Case(0, -5, "Test Time is -5.00000 s, beyond the physical bound of 0 to 100 years"),
                new Case(4, 3.3e300, "Charging Capacity is 3.30000e+300 Ah, beyond the physical bound of ±1.000e+06 Ah"))) {
            double[][] r = rows(30);
            r[12][c.column] = c.value;
            assertThatThrownBy(() -> write(r, 8)).isInstanceOf(InputException.class)
                    .hasMessageStartingWith("/data/x.bin: record 13: " + c.text);
        }
    }

    @Test
    void timeSteppingBackInsideAStepWarnsOnceAndNeverGivesANegativeDuration() {
        double[][] r = rows(40);
        r[10][0] = 2; // back from 9 to 2 inside step 1
        r[30][0] = 1;
        r[39][0] = 0; // the last row of the test goes back to its start
        TimeSeries.Collector ts = new TimeSeries.Collector();
        CycleSummarizer cycles = new CycleSummarizer(CyclingOptions.DEFAULT);
        BatchWriter w = new BatchWriter(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT,
                Quantity.STEP_INDEX), new Normalizer(Tee.of(ts, cycles), CyclingOptions.DEFAULT),
                new TestMetadata().setSourceName("x.bin"));
        for (double[] row : r) {
            w.startRow();
            w.set(Quantity.TEST_TIME, row[0]);
            w.set(Quantity.VOLTAGE, row[1]);
            w.set(Quantity.CURRENT, row[2]);
            w.set(Quantity.STEP_INDEX, row[3]);
        }
        w.finish();
        TimeSeries series = ts.result();
        // one time-order warning (the cycle may carry other flags of its own, e.g. implausible efficiency)
        assertThat(series.metadata().warnings()).filteredOn(m -> m.startsWith("test time steps back")).singleElement()
                .asString().startsWith("test time steps back inside a step 3 times (first at record 11: 2.00000 s after 9.00000 s)");
        assertThat(cycles.result().cycles()).allSatisfy(c -> assertThat(c.durationS()).isEqualTo(38));
        assertThat(Steps.of(series, CyclingOptions.DEFAULT).steps()).allSatisfy(s -> assertThat(s.durationS()).isGreaterThanOrEqualTo(0));
    }

    @Test
    void aNewStepMayRestartTheClockWithoutAWarning() {
        double[][] r = rows(20);
        for (int k = 10; k < 20; k++) {
            r[k][0] = k - 10;
            r[k][3] = 2;
        }
        assertThat(write(r, 8).metadata().warnings()).isEmpty();
    }
}
