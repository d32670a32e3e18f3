package tower.formats.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tower.core.cycling.CycleSummarizer;
import tower.core.ingest.InputException;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * A sink wrapper every reader sends its rows through (definitions §2). It
 * <ol>
 * <li>cross-checks the test time against the absolute clock where a file has both: the median rate of test time per
 *     clock second over spans of at least {@value #SPAN_S} s of clock (counting only intervals in which test time
 *     advanced: a pause stops test time, not the clock) must be 1, or a clean unit factor (60, 3600, 86400,
 *     1000, 10⁶ or their inverses) off, in which case test and step time are scaled to follow the clock (flag
 *     {@code unit_from_clock}); any other rate is refused with the numbers. The first spans are buffered
 *     (at most {@value #MAX_BUFFERED_ROWS} rows) until the rate is known;</li>
 * <li>repairs test time that steps backwards: from the clock where the row has one, else by an offset that keeps it
 *     monotone; a single row that drops back while the next one resumes the old count is treated as a glitch of that
 *     row (flag {@code time_repaired});</li>
 * <li>drops a record that repeats the record before it in every column the summary uses and in its record index
 *     (flag {@code duplicate_records}).</li>
 * </ol>
 * Each finding is one warning with its count. Rows stay in file order; nothing else is touched.
 */
public final class TimeAudit implements RecordSink {
    static final double SPAN_S = 100;
    static final int DECIDE_SPANS = 20;
    static final int MAX_BUFFERED_ROWS = 1 << 16;
    private static final double[] FACTORS = {60, 3600, 86400, 1e-3, 1e-6, 1.0 / 60, 1.0 / 3600, 1.0 / 86400, 1e3, 1e6};
    private static final String[] FACTOR_TEXT = {"60", "3600", "86400", "1/1000", "1/1000000", "1/60", "1/3600",
            "1/86400", "1000", "1000000"};

    private final RecordSink downstream;
    private TestMetadata md;
    private boolean hasTime;
    private boolean hasClock;
    private boolean hasStepTime;
    private boolean decided;
    private double factor = 1;
    private String factorText = "1";
    private final List<Batch> buffered = new ArrayList<>();
    private int bufferedRows;

    // evidence for the time unit: spans of >= SPAN_S clock seconds over the intervals in which test time advanced
    private long evidenceRow;
    private double anchorT = Double.NaN;
    private long anchorE = Batch.NO_TIME;
    private long spanStart;
    private double accT;
    private long accE;
    private long lastRow;
    private long previousClock = Batch.NO_TIME;
    private long clockResolutionNs = Long.MAX_VALUE;
    private double[] rates = new double[32];
    private double[] spans = new double[32];
    private long[] spanFirst = new long[32];
    private long[] spanLast = new long[32];
    private double[] spanTest = new double[32];
    private int spanCount;

    // repair of backward steps
    private double prevT = Double.NaN;
    private long prevE = Batch.NO_TIME;
    private double offset;
    private double offsetBefore;
    private double resetGap;
    private long resets;
    private long resetsFromClock;
    private long firstReset;

    // duplicates
    private Quantity[] keyReal = new Quantity[0];
    private double[] prevKey = new double[0];
    private long prevKeyClock = Batch.NO_TIME;
    private byte prevKeyType = -1;
    private boolean keyClock;
    private boolean keyType;
    private boolean havePrevKey;
    private long duplicates;
    private long firstDuplicate;
    private long row;

    private TimeAudit(RecordSink downstream) {
        this.downstream = downstream;
    }

    /** {@code sink} behind the audit. */
    public static RecordSink wrap(RecordSink sink) {
        return sink instanceof TimeAudit ? sink : new TimeAudit(sink);
    }

    @Override
    public void begin(Set<Quantity> columns, TestMetadata metadata) {
        md = metadata;
        hasTime = columns.contains(Quantity.TEST_TIME);
        hasClock = columns.contains(Quantity.UNIX_TIME);
        hasStepTime = columns.contains(Quantity.STEP_TIME);
        decided = !(hasTime && hasClock);
        List<Quantity> key = new ArrayList<>();
        for (Quantity q : columns) {
            if ((CycleSummarizer.COLUMNS_USED.contains(q) || q == Quantity.RECORD_INDEX) && (q.kind() == Quantity.Kind.REAL || q.kind() == Quantity.Kind.INTEGER)) {
                key.add(q);
            }
        }
        keyReal = key.toArray(Quantity[]::new);
        prevKey = new double[keyReal.length];
        keyClock = hasClock;
        keyType = columns.contains(Quantity.STEP_TYPE);
        downstream.begin(columns, metadata);
    }

    @Override
    public void accept(Batch batch) {
        if (decided) {
            process(batch);
            return;
        }
        gather(batch);
        buffered.add(batch.copy());
        bufferedRows += batch.size();
        if (spanCount >= DECIDE_SPANS || bufferedRows >= MAX_BUFFERED_ROWS) {
            decide();
        }
    }

    @Override
    public void end(TestMetadata metadata) {
        if (!decided) {
            decide();
        }
        if (resets > 0) {
            md.flag("time_repaired");
            long byOffset = resets - resetsFromClock;
            md.warn(String.format(Locale.ROOT, "test time steps backwards %d time%s (first at record %d): %s; flag time_repaired",
                    resets, resets == 1 ? "" : "s", firstReset,
                    byOffset == 0 ? "repaired from the clock"
                            : resetsFromClock == 0 ? "kept monotone by offsets (no clock to repair from)"
                            : resetsFromClock + " repaired from the clock, " + byOffset + " by offsets"));
        }
        if (duplicates > 0) {
            md.flag("duplicate_records");
            md.warn(String.format(Locale.ROOT, "%d record%s repeat%s the record before exactly (first at record %d): counted once; flag duplicate_records",
                    duplicates, duplicates == 1 ? "" : "s", duplicates == 1 ? "s" : "", firstDuplicate));
            md.setRows(Math.max(0, md.rows() - duplicates));
        }
        downstream.end(metadata);
    }

    /** Collects unit evidence from a batch (raw values, before any change). */
    private void gather(Batch b) {
        double[] t = b.column(Quantity.TEST_TIME);
        long[] e = b.epochNanos();
        for (int r = 0, n = b.size(); r < n; r++) {
            evidenceRow++;
            double ti = t[r];
            long ei = e[r];
            if (!Double.isFinite(ti) || ei == Batch.NO_TIME) {
                continue;
            }
            if (previousClock != Batch.NO_TIME && ei > previousClock) {
                clockResolutionNs = Math.min(clockResolutionNs, ei - previousClock);
            }
            previousClock = ei;
            if (anchorE == Batch.NO_TIME || ti < anchorT || ei < anchorE) {
                spanStart = evidenceRow; // first row, or time or clock went back: start a new span
                accT = 0;
                accE = 0;
            } else if (ti > anchorT) {
                // intervals in which test time stood still while the clock ran are pauses, not evidence of a unit
                accT += ti - anchorT;
                accE += ei - anchorE;
                lastRow = evidenceRow;
                if (accE >= SPAN_S * 1e9) {
                    addSpan(accT, accE / 1e9, spanStart, evidenceRow);
                    spanStart = evidenceRow;
                    accT = 0;
                    accE = 0;
                }
            }
            anchorT = ti;
            anchorE = ei;
        }
    }

    private void addSpan(double test, double clock, long first, long last) {
        if (spanCount == rates.length) {
            int n = spanCount * 2;
            rates = Arrays.copyOf(rates, n);
            spans = Arrays.copyOf(spans, n);
            spanFirst = Arrays.copyOf(spanFirst, n);
            spanLast = Arrays.copyOf(spanLast, n);
            spanTest = Arrays.copyOf(spanTest, n);
        }
        rates[spanCount] = test / clock;
        spans[spanCount] = clock;
        spanFirst[spanCount] = first;
        spanLast[spanCount] = last;
        spanTest[spanCount] = test;
        spanCount++;
    }

    /** Decides the unit factor from the evidence, then passes the buffered rows on. */
    private void decide() {
        decided = true;
        if (spanCount == 0 && accT > 0 && accE > 0) {
            addSpan(accT, accE / 1e9, spanStart, lastRow); // a short file: one shorter span
        }
        if (spanCount > 0) {
            double[] sorted = Arrays.copyOf(rates, spanCount);
            Arrays.sort(sorted);
            double rate = sorted[spanCount / 2];
            double minSpan = Double.MAX_VALUE;
            for (int k = 0; k < spanCount; k++) {
                minSpan = Math.min(minSpan, spans[k]);
            }
            double resolution = clockResolutionNs == Long.MAX_VALUE ? minSpan : clockResolutionNs / 1e9;
            double quantisation = 2 * resolution / minSpan;
            // too short a span for the clock's resolution: no evidence either way
            if (minSpan >= 1 && quantisation <= 0.5) {
                double tolerance = 0.03 + quantisation;
                if (Math.abs(rate - 1) > tolerance) {
                    int found = -1;
                    for (int k = 0; k < FACTORS.length && found < 0; k++) {
                        if (Math.abs(rate * FACTORS[k] - 1) <= tolerance) {
                            found = k;
                        }
                    }
                    int ex = example(rate);
                    String evidence = "test time advances " + num(rate) + " s per second of the clock (median over " + spanCount
                            + " clock span" + (spanCount == 1 ? "" : "s") + "; records " + spanFirst[ex] + "–" + spanLast[ex] + ": "
                            + num(spanTest[ex]) + " s of test time in " + num(spans[ex]) + " s of clock)";
                    if (found < 0) {
                        // the conclusion first: the safe-text limit may cut the evidence, never the reason
                        throw new InputException(md.sourcePath().isEmpty() ? md.sourceName() : md.sourcePath(),
                                "records " + spanFirst[ex] + "–" + spanLast[ex], "neither equal nor a clean unit factor: test time advances "
                                + num(rate) + " s per second of the clock (records " + spanFirst[ex] + "–" + spanLast[ex]
                                + ": " + num(spanTest[ex]) + " s of test time in " + num(spans[ex]) + " s of clock; median of "
                                + spanCount + " spans); check the test time unit");
                    }
                    factor = FACTORS[found];
                    factorText = FACTOR_TEXT[found];
                    md.flag("unit_from_clock");
                    md.warn(evidence + ": a factor of " + factorText + ", so test time" + (hasStepTime ? " and step time are" : " is")
                            + " scaled by " + factorText + " to follow the clock; flag unit_from_clock");
                }
            }
        }
        for (Batch b : buffered) {
            process(b);
        }
        buffered.clear();
        bufferedRows = 0;
    }

    /** Six significant digits, no trailing zeros. */
    private static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The span whose rate is nearest the median, quoted as evidence. */
    private int example(double rate) {
        int best = 0;
        for (int k = 1; k < spanCount; k++) {
            if (Math.abs(rates[k] - rate) < Math.abs(rates[best] - rate)) {
                best = k;
            }
        }
        return best;
    }

    private void process(Batch b) {
        int n = b.size();
        boolean[] drop = null;
        double[] t = hasTime ? b.column(Quantity.TEST_TIME) : null;
        long[] e = hasClock ? b.epochNanos() : null;
        double[] st = hasStepTime ? b.column(Quantity.STEP_TIME) : null;
        for (int r = 0; r < n; r++) {
            row++;
            if (duplicate(b, r)) {
                if (drop == null) {
                    drop = new boolean[n];
                }
                drop[r] = true;
                if (duplicates++ == 0) {
                    firstDuplicate = row;
                }
                continue;
            }
            if (t == null) {
                continue;
            }
            if (factor != 1) {
                t[r] *= factor;
                if (st != null) {
                    st[r] *= factor;
                }
            }
            repair(t, e, r);
        }
        downstream.accept(drop == null ? b : without(b, drop));
    }

    /** True when row {@code r} repeats the last kept row in every key column (and has a test time). */
    private boolean duplicate(Batch b, int r) {
        boolean same = havePrevKey && hasTime && !Double.isNaN(b.get(Quantity.TEST_TIME, r));
        for (int k = 0; k < keyReal.length && same; k++) {
            double v = b.get(keyReal[k], r);
            same = v == prevKey[k] || (Double.isNaN(v) && Double.isNaN(prevKey[k]));
        }
        if (same && keyClock) {
            same = b.epochNanos()[r] == prevKeyClock;
        }
        if (same && keyType) {
            same = b.stepTypes()[r] == prevKeyType;
        }
        if (same) {
            return true;
        }
        for (int k = 0; k < keyReal.length; k++) {
            prevKey[k] = b.get(keyReal[k], r);
        }
        if (keyClock) {
            prevKeyClock = b.epochNanos()[r];
        }
        if (keyType) {
            prevKeyType = b.stepTypes()[r];
        }
        havePrevKey = true;
        return false;
    }

    /**
     * Keeps test time from going back. At a backward step the row continues from the previous one by the clock's
     * advance (or by nothing without a clock) and later rows keep that offset; when a later row, read with the
     * offset before the step, continues the previous row again, the step was a glitch of the rows between and
     * the old offset returns.
     */
    private void repair(double[] t, long[] e, int r) {
        double raw = t[r];
        if (Double.isNaN(raw)) {
            return;
        }
        long clock = e == null ? Batch.NO_TIME : e[r];
        if (offset != offsetBefore && raw + offsetBefore >= prevT - resetGap) {
            offset = offsetBefore;
        }
        double v = raw + offset;
        if (!Double.isNaN(prevT) && v < prevT) {
            boolean fromClock = clock != Batch.NO_TIME && prevE != Batch.NO_TIME && clock >= prevE;
            double gap = fromClock ? (clock - prevE) / 1e9 : 0;
            offsetBefore = offset;
            offset = prevT + gap - raw;
            resetGap = gap;
            v = prevT + gap;
            if (resets++ == 0) {
                firstReset = row;
            }
            if (fromClock) {
                resetsFromClock++;
            }
        }
        t[r] = v;
        prevT = v;
        if (clock != Batch.NO_TIME) {
            prevE = clock;
        }
    }

    /** A copy of {@code b} without the dropped rows. */
    private static Batch without(Batch b, boolean[] drop) {
        int n = b.size();
        Set<Quantity> cols = b.columns().isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(b.columns());
        Batch out = new Batch(cols, Math.max(1, n));
        for (int r = 0; r < n; r++) {
            if (drop[r]) {
                continue;
            }
            int o = out.addRow();
            for (Quantity q : cols) {
                switch (q.kind()) {
                    case REAL, INTEGER -> out.set(q, o, b.get(q, r));
                    case EPOCH -> out.setEpochNanos(o, b.epochNanos()[r]);
                    case STEP_TYPE -> out.stepTypes()[o] = b.stepTypes()[r];
                }
            }
        }
        return out;
    }
}
