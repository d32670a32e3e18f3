package tower.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;

/** Deterministic generated cycling data, streamed through a {@link BatchWriter} like a reader does. */
final class Synthetic {
    static final Set<Quantity> FULL = EnumSet.of(Quantity.TEST_TIME, Quantity.UNIX_TIME, Quantity.VOLTAGE,
            Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.STEP_INDEX, Quantity.STEP_TYPE, Quantity.TEMPERATURE_T1,
            Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY);
    static final Set<Quantity> MINIMAL = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT);
    static final long T0_NANOS = 1_700_000_000_123_456_789L;

    /** Called after every row with the number of rows written so far; may throw to abort, or block. */
    interface RowHook {
        void after(long rows);
    }

    private Synthetic() {
    }

    static SeriesSource series(Set<Quantity> columns, int rows) {
        return series(columns, rows, n -> { });
    }

    /** A source that throws {@link InputException} once {@code failAt} rows have been written. */
    static SeriesSource failing(Set<Quantity> columns, int rows, int failAt) {
        return series(columns, rows, n -> {
            if (n == failAt) {
                throw InputException.atLine("synthetic.csv", n + 1, "broken row");
            }
        });
    }

    static SeriesSource series(Set<Quantity> columns, int rows, RowHook hook) {
        return sink -> {
            TestMetadata md = new TestMetadata().setSourceName("synthetic.csv").setFormat("synthetic")
                    .setReaderVersion("7").setStartTime(Instant.ofEpochSecond(0, T0_NANOS))
                    .setTimezone(ZoneId.of("Europe/Berlin")).putVendor("Channel", "12").putVendor("Schedule", "a \"b\" c")
                    .warn("a warning");
            BatchWriter w = new BatchWriter(columns, sink, md);
            double qc = 0, qd = 0;
            for (int k = 0; k < rows; k++) {
                int phase = k % 200; // 80 charge, 20 rest, 80 discharge, 20 rest
                long cycle = k / 200 + 1;
                double current = phase < 80 ? 1.0 : phase < 100 ? 0 : phase < 180 ? -1.0 : 0;
                StepType type = phase < 80 ? StepType.CC_CHARGE : phase < 100 ? StepType.REST
                        : phase < 180 ? StepType.CC_DISCHARGE : StepType.REST;
                int stepIndex = phase < 80 ? 1 : phase < 100 ? 2 : phase < 180 ? 3 : 4;
                double t = k * 10.0;
                if (current > 0) {
                    qc += current * 10 / 3600;
                } else if (current < 0) {
                    qd -= current * 10 / 3600;
                }
                w.startRow();
                w.set(Quantity.TEST_TIME, t);
                w.set(Quantity.VOLTAGE, 3.6 + 0.4 * Math.sin(k * 0.031) + (current > 0 ? 0.05 : current < 0 ? -0.05 : 0));
                w.set(Quantity.CURRENT, current == 0 ? (k % 7 == 0 ? -0.0 : 1e-6 * (k % 3)) : current);
                if (w.has(Quantity.UNIX_TIME) && k % 1000 != 999) {
                    w.setEpochNanos(T0_NANOS + k * 10_000_000_000L + k % 997);
                }
                if (w.has(Quantity.CYCLE_COUNT)) {
                    w.set(Quantity.CYCLE_COUNT, cycle);
                }
                if (w.has(Quantity.STEP_INDEX)) {
                    w.set(Quantity.STEP_INDEX, stepIndex);
                }
                if (w.has(Quantity.STEP_TYPE) && k % 500 != 499) {
                    w.setStepType(type);
                }
                if (w.has(Quantity.TEMPERATURE_T1) && k % 97 != 0) {
                    w.set(Quantity.TEMPERATURE_T1, 25 + 0.001 * (k % 1234));
                }
                if (w.has(Quantity.CHARGING_CAPACITY)) {
                    w.set(Quantity.CHARGING_CAPACITY, qc);
                    w.set(Quantity.DISCHARGING_CAPACITY, qd);
                }
                hook.after(k + 1L);
            }
            w.finish();
        };
    }
}
