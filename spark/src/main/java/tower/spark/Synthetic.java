package tower.spark;

import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.Set;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Generated cycling tests with a known shape, for the equality tests and the benchmark: CC charge, rest, CC
 * discharge, rest per cycle; the capacity fades linearly and then faster after a knee; small seeded noise makes
 * every test different. Streams through a {@link BatchWriter}, so a test of any length costs one batch of memory.
 */
public final class Synthetic {
    /** The columns a generated test has (BDF labels in Parquet and CSV). */
    public static final Set<Quantity> COLUMNS = EnumSet.of(Quantity.TEST_TIME, Quantity.UNIX_TIME, Quantity.VOLTAGE,
            Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.STEP_INDEX, Quantity.TEMPERATURE_T1);

    private Synthetic() {
    }

    public static String testId(int index) {
        return String.format(java.util.Locale.ROOT, "gen-%05d", index);
    }

    /**
     * Unix time of a sample in whole seconds: BDF Parquet holds double seconds, and whole seconds survive the trip
     * to nanoseconds and back exactly, so every path sees the same clock.
     */
    static long unixSeconds(int test, double testTimeS) {
        return 1_700_000_000L + test * 86_400L + Math.round(testTimeS);
    }

    /**
     * Writes test {@code test} with {@code cycles} cycles of {@code rowsPerCycle} samples (at least 8) into
     * {@code sink}.
     */
    public static void write(int test, int cycles, int rowsPerCycle, RecordSink sink) {
        if (rowsPerCycle < 8 || cycles < 1) {
            throw new IllegalArgumentException("need at least 1 cycle of 8 rows");
        }
        SplittableRandom rnd = new SplittableRandom(1234567L + test);
        double q0 = 1.0 + 0.2 * rnd.nextDouble();              // Ah
        double fade = (0.5 + rnd.nextDouble()) * 4e-4;         // fraction per cycle
        int knee = (int) (cycles * (0.5 + 0.4 * rnd.nextDouble()));
        double current = 0.5 + 0.5 * rnd.nextDouble();        // A
        TestMetadata md = new TestMetadata().setSourceName(testId(test)).setFormat("synthetic");
        BatchWriter w = new BatchWriter(COLUMNS, sink, md);
        int nc = rowsPerCycle * 4 / 10;
        int nr = (rowsPerCycle - 2 * nc) / 2;
        int nd = rowsPerCycle - nc - 2 * nr;
        double t = 0;
        for (int c = 1; c <= cycles; c++) {
            double excess = Math.max(0, c - knee);
            double q = q0 * (1 - fade * c - 2e-6 * excess * excess);
            q = Math.max(q, 0.05 * q0);
            double charge = q * 3600 / current;                // s for a full charge at this capacity
            double soc = 0;
            // charge
            double dt = charge / nc;
            for (int i = 0; i < nc; i++) {
                t += dt;
                soc = Math.min(1, soc + dt * current / 3600 / q);
                row(w, test, t, 3.3 + 0.8 * soc + 0.05 + 0.002 * rnd.nextGaussian(), current, c, 1,
                        25 + 3 * soc + 0.05 * rnd.nextGaussian());
            }
            for (int i = 0; i < nr; i++) {
                t += 60;
                row(w, test, t, 3.3 + 0.8 * soc + 0.001 * rnd.nextGaussian(), 0, c, 2, 25 + 0.05 * rnd.nextGaussian());
            }
            dt = charge / nd;
            for (int i = 0; i < nd; i++) {
                t += dt;
                soc = Math.max(0, soc - dt * current / 3600 / q);
                // the discharge curve's shape drifts with age, as ΔQ(V) features need
                double v = 3.3 + 0.8 * soc - 0.05 - 0.1 * (1 - q / q0) * (1 - soc) + 0.002 * rnd.nextGaussian();
                row(w, test, t, v, -current, c, 3, 25 + 4 * (1 - soc) + 0.05 * rnd.nextGaussian());
            }
            for (int i = 0; i < nr; i++) {
                t += 60;
                row(w, test, t, 3.3 + 0.8 * soc + 0.001 * rnd.nextGaussian(), 0, c, 4, 25 + 0.05 * rnd.nextGaussian());
            }
        }
        w.finish();
    }

    private static void row(BatchWriter w, int test, double t, double v, double i, int cycle, int step, double temp) {
        w.startRow();
        w.set(Quantity.TEST_TIME, t);
        w.setEpochNanos(unixSeconds(test, t) * 1_000_000_000L);
        w.set(Quantity.VOLTAGE, v);
        w.set(Quantity.CURRENT, i);
        w.set(Quantity.CYCLE_COUNT, cycle);
        w.set(Quantity.STEP_INDEX, step);
        w.set(Quantity.TEMPERATURE_T1, temp);
    }
}
