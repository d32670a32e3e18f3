package tower.core.cycling;

import java.util.EnumSet;
import java.util.Set;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Completes a reader's stream with the columns every test has: {@code Step Count / 1} (increments at every step
 * change, never resets) and the test-cumulative capacity and energy columns, rebuilt from the vendor's scoped
 * accumulators where the vendor resets them per step, cycle or schedule. Streams; keeps O(1) state.
 */
public final class Normalizer implements RecordSink {
    private static final Quantity[][] SCOPED = {
            {Quantity.CHARGING_CAPACITY, Quantity.STEP_CHARGING_CAPACITY, Quantity.CYCLE_CHARGING_CAPACITY, Quantity.SCHEDULE_CHARGING_CAPACITY},
            {Quantity.DISCHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY, Quantity.SCHEDULE_DISCHARGING_CAPACITY},
            {Quantity.CHARGING_ENERGY, Quantity.STEP_CHARGING_ENERGY, Quantity.CYCLE_CHARGING_ENERGY, Quantity.SCHEDULE_CHARGING_ENERGY},
            {Quantity.DISCHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY, Quantity.CYCLE_DISCHARGING_ENERGY, Quantity.SCHEDULE_DISCHARGING_ENERGY},
    };

    private final RecordSink downstream;
    private final CurrentState state;
    private Batch out;
    private final Quantity[] sourceOf = new Quantity[SCOPED.length];
    private final double[] prevScoped = new double[SCOPED.length];
    private final Quantity[] scopeOf = new Quantity[SCOPED.length];
    private double prevStepCountIn = Double.NaN;
    private final double[] cumulative = new double[SCOPED.length];
    private boolean addStepCount;
    private long stepCount;
    private double prevStepIndex = Double.NaN;
    private int prevStepType = Integer.MIN_VALUE;
    private double prevStepTime = Double.NaN;
    private double prevCycle = Double.NaN;
    private int prevState = Integer.MIN_VALUE;
    private double firstTestTime = Double.NaN;
    private double lastTestTime = Double.NaN;
    private long firstUnix = Batch.NO_TIME;
    private long lastUnix = Batch.NO_TIME;
    private boolean first = true;
    /** Per row of the batch in hand: {@link #STEP_BEGAN} and/or {@link #CYCLE_BEGAN}. */
    private byte[] boundary = new byte[Batch.DEFAULT_CAPACITY];
    private static final int STEP_BEGAN = 1;
    private static final int CYCLE_BEGAN = 2;

    public Normalizer(RecordSink downstream, CyclingOptions options) {
        this.downstream = downstream;
        this.state = CurrentState.of(options);
    }

    /** Columns after normalisation, for a reader's columns. */
    public static Set<Quantity> outputColumns(Set<Quantity> in) {
        EnumSet<Quantity> cols = in.isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(in);
        cols.add(Quantity.STEP_COUNT);
        for (Quantity[] group : SCOPED) {
            if (!cols.contains(group[0])) {
                for (int s = 1; s < group.length; s++) {
                    if (cols.contains(group[s])) {
                        cols.add(group[0]);
                        break;
                    }
                }
            }
        }
        return cols;
    }

    @Override
    public void begin(Set<Quantity> columns, TestMetadata metadata) {
        if (!columns.contains(Quantity.TEST_TIME) || !columns.contains(Quantity.VOLTAGE) || !columns.contains(Quantity.CURRENT)) {
            throw new IllegalStateException("reader must supply Test Time, Voltage and Current");
        }
        addStepCount = !columns.contains(Quantity.STEP_COUNT);
        for (int g = 0; g < SCOPED.length; g++) {
            if (!columns.contains(SCOPED[g][0])) {
                for (int s = 1; s < SCOPED[g].length; s++) {
                    if (columns.contains(SCOPED[g][s])) {
                        sourceOf[g] = SCOPED[g][s];
                        scopeOf[g] = s == 1 ? Quantity.STEP_COUNT : s == 2 ? Quantity.CYCLE_COUNT : null;
                        break;
                    }
                }
            }
            prevScoped[g] = Double.NaN;
        }
        Set<Quantity> outCols = outputColumns(columns);
        out = new Batch(outCols, Batch.DEFAULT_CAPACITY);
        downstream.begin(outCols, metadata);
    }

    @Override
    public void accept(Batch in) {
        int n = in.size();
        out.viewOf(in); // the reader's columns as they are, plus the ones made here
        steps(in, n);
        for (int g = 0; g < SCOPED.length; g++) {
            if (sourceOf[g] != null) {
                accumulate(g, in.column(sourceOf[g]), out.column(SCOPED[g][0]), n);
            }
        }
        downstream.accept(out);
    }

    // One loop per method: the JIT compiles each on its own, early and once, rather than the whole of accept
    // again for every loop that gets hot.

    /** Clock span, step count and, per row, whether its step or cycle began there ({@link #boundary}). */
    private void steps(Batch in, int n) {
        double[] time = in.column(Quantity.TEST_TIME);
        double[] current = in.column(Quantity.CURRENT);
        double[] stepIdx = in.has(Quantity.STEP_INDEX) ? in.column(Quantity.STEP_INDEX) : null;
        byte[] stepType = in.has(Quantity.STEP_TYPE) ? in.stepTypes() : null;
        double[] stepTime = in.has(Quantity.STEP_TIME) ? in.column(Quantity.STEP_TIME) : null;
        double[] cycle = in.has(Quantity.CYCLE_COUNT) ? in.column(Quantity.CYCLE_COUNT) : null;
        long[] unix = in.has(Quantity.UNIX_TIME) ? in.epochNanos() : null;
        double[] stepCountIn = addStepCount ? null : in.column(Quantity.STEP_COUNT);
        double[] stepOut = addStepCount ? out.column(Quantity.STEP_COUNT) : null;
        byte[] flags = boundary;
        for (int r = 0; r < n; r++) {
            if (!Double.isNaN(time[r])) {
                if (Double.isNaN(firstTestTime)) {
                    firstTestTime = time[r];
                }
                lastTestTime = time[r];
            }
            if (unix != null && unix[r] != Batch.NO_TIME) {
                if (firstUnix == Batch.NO_TIME) {
                    firstUnix = unix[r];
                }
                lastUnix = unix[r];
            }
            boolean cycleChanged = cycle != null && !first && !sameValue(cycle[r], prevCycle);
            boolean stepChanged;
            if (!addStepCount) {
                double sc = stepCountIn[r];
                stepChanged = !first && !sameValue(sc, prevStepCountIn);
                prevStepCountIn = sc;
            } else {
                boolean change = first;
                if (stepIdx != null || stepType != null) {
                    if (stepIdx != null && !sameValue(stepIdx[r], prevStepIndex)) {
                        change = true;
                    }
                    if (stepType != null && stepType[r] != prevStepType) {
                        change = true;
                    }
                    if (stepTime != null && stepTime[r] < prevStepTime) {
                        change = true;
                    }
                    if (cycle != null && !sameValue(cycle[r], prevCycle)) {
                        change = true;
                    }
                } else {
                    int s = state.classify(current[r]);
                    if (s != prevState) {
                        change = true;
                    }
                    prevState = s;
                }
                if (change) {
                    stepCount++;
                }
                stepChanged = change && !first;
                stepOut[r] = stepCount;
                if (stepIdx != null) {
                    prevStepIndex = stepIdx[r];
                }
                if (stepType != null) {
                    prevStepType = stepType[r];
                }
                if (stepTime != null) {
                    prevStepTime = stepTime[r];
                }
            }
            if (cycle != null) {
                prevCycle = cycle[r];
            }
            first = false;
            flags[r] = (byte) ((stepChanged ? STEP_BEGAN : 0) | (cycleChanged ? CYCLE_BEGAN : 0));
        }
    }

    /** The test-cumulative column of group {@code g} from its vendor's scoped accumulator {@code src}. */
    private void accumulate(int g, double[] src, double[] dst, int n) {
        int restart = scopeOf[g] == Quantity.STEP_COUNT ? STEP_BEGAN : scopeOf[g] == Quantity.CYCLE_COUNT ? CYCLE_BEGAN : 0;
        byte[] flags = boundary;
        double prev = prevScoped[g];
        double sum = cumulative[g];
        for (int r = 0; r < n; r++) {
            double v = src[r];
            if (!Double.isNaN(v)) {
                double inc;
                if (Double.isNaN(prev)) {
                    inc = 0; // the first value is the baseline (a resumed test may not start at zero)
                } else if ((flags[r] & restart) != 0) {
                    inc = Math.max(0, v); // the accumulator restarts from zero at its scope's boundary
                } else if (v >= prev) {
                    inc = v - prev;
                } else {
                    inc = Math.max(0, v); // the vendor reset its accumulator
                }
                sum += inc;
                prev = v;
            }
            dst[r] = sum;
        }
        prevScoped[g] = prev;
        cumulative[g] = sum;
    }

    private static boolean sameValue(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }

    @Override
    public void end(TestMetadata metadata) {
        // Cross-check the elapsed test time against the elapsed clock time: a factor of 60 or 1000 means a
        // seconds/minutes/milliseconds mix-up in the header (BDF #65); pauses make small differences normal.
        if (firstUnix != Batch.NO_TIME && lastUnix != firstUnix && !Double.isNaN(firstTestTime)) {
            double dTest = lastTestTime - firstTestTime;
            double dUnix = (lastUnix - firstUnix) / 1e9;
            if (dTest > 60 && dUnix > 60) {
                double ratio = dTest / dUnix;
                if (ratio > 1.01 || ratio < 0.5) {
                    metadata.warn(String.format(java.util.Locale.ROOT,
                            "test time advances %.4g s while the clock advances %.4g s: check the time units", dTest, dUnix));
                    metadata.flag("time_mismatch");
                }
            }
        }
        downstream.end(metadata);
    }
}
