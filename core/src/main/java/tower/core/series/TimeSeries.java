package tower.core.series;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A whole time series in memory, one primitive array per column. Built by {@link TimeSeries.Collector}
 * for analyses that need random access; streaming paths use {@link RecordSink} instead.
 */
public final class TimeSeries {
    private final Set<Quantity> columns;
    private final double[][] reals;
    private final long[] epochNanos;
    private final byte[] stepTypes;
    private final int size;
    private final TestMetadata metadata;

    private TimeSeries(Set<Quantity> columns, double[][] reals, long[] epochNanos, byte[] stepTypes, int size,
                       TestMetadata metadata) {
        this.columns = Collections.unmodifiableSet(columns);
        this.reals = reals;
        this.epochNanos = epochNanos;
        this.stepTypes = stepTypes;
        this.size = size;
        this.metadata = metadata;
    }

    public int size() {
        return size;
    }

    public Set<Quantity> columns() {
        return columns;
    }

    public boolean has(Quantity q) {
        return columns.contains(q);
    }

    public TestMetadata metadata() {
        return metadata;
    }

    /** The column's values (length == size). Callers must not modify it. */
    public double[] column(Quantity q) {
        double[] c = reals[q.ordinal()];
        if (c == null) {
            throw new IllegalArgumentException("time series has no column " + q.label());
        }
        return c;
    }

    public long[] epochNanos() {
        if (epochNanos == null) {
            throw new IllegalArgumentException("time series has no column " + Quantity.UNIX_TIME.label());
        }
        return epochNanos;
    }

    public byte[] stepTypes() {
        if (stepTypes == null) {
            throw new IllegalArgumentException("time series has no column " + Quantity.STEP_TYPE.label());
        }
        return stepTypes;
    }

    /** Replays the series into a sink in batches (e.g. to re-summarise or export a stored test). */
    public void replay(RecordSink sink) {
        sink.begin(columns, metadata);
        Batch b = new Batch(columns, Batch.DEFAULT_CAPACITY);
        for (int start = 0; start < size; start += b.capacity()) {
            b.clear();
            int n = Math.min(size, start + b.capacity()) - start;
            for (int i = 0; i < n; i++) {
                b.addRow();
            }
            for (Quantity q : columns) {
                switch (q.kind()) {
                    case REAL, INTEGER -> System.arraycopy(reals[q.ordinal()], start, b.column(q), 0, n);
                    case EPOCH -> System.arraycopy(epochNanos, start, b.epochNanos(), 0, n);
                    case STEP_TYPE -> System.arraycopy(stepTypes, start, b.stepTypes(), 0, n);
                }
            }
            sink.accept(b);
        }
        sink.end(metadata);
    }

    /** A sink that keeps everything in growing primitive arrays. */
    public static final class Collector implements RecordSink {
        private Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
        private double[][] reals = new double[Quantity.values().length][];
        private long[] epochNanos;
        private byte[] stepTypes;
        private int size;
        private TestMetadata metadata;
        private TimeSeries result;
        private final int expectedRows;

        public Collector() {
            this(1024);
        }

        /**
         * A collector whose columns start at {@code expectedRows} (e.g. a stored test's known row count): a
         * 10-million-row test is then read without growing and copying its arrays (which cost seconds of copying
         * collector pauses); more rows still fit.
         */
        public Collector(long expectedRows) {
            this.expectedRows = (int) Math.max(1, Math.min(expectedRows, Integer.MAX_VALUE - 16));
        }

        @Override
        public void begin(Set<Quantity> cols, TestMetadata md) {
            this.columns = cols.isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(cols);
            this.metadata = md;
            int cap = expectedRows;
            for (Quantity q : columns) {
                switch (q.kind()) {
                    case REAL, INTEGER -> reals[q.ordinal()] = new double[cap];
                    case EPOCH -> epochNanos = new long[cap];
                    case STEP_TYPE -> stepTypes = new byte[cap];
                }
            }
        }

        private void ensure(int needed) {
            int cap = capacity();
            if (needed <= cap) {
                return;
            }
            int n = Math.max(needed, cap + (cap >> 1));
            for (Quantity q : columns) {
                switch (q.kind()) {
                    case REAL, INTEGER -> reals[q.ordinal()] = Arrays.copyOf(reals[q.ordinal()], n);
                    case EPOCH -> epochNanos = Arrays.copyOf(epochNanos, n);
                    case STEP_TYPE -> stepTypes = Arrays.copyOf(stepTypes, n);
                }
            }
        }

        private int capacity() {
            for (Quantity q : columns) {
                switch (q.kind()) {
                    case REAL, INTEGER -> {
                        return reals[q.ordinal()].length;
                    }
                    case EPOCH -> {
                        return epochNanos.length;
                    }
                    case STEP_TYPE -> {
                        return stepTypes.length;
                    }
                }
            }
            return Integer.MAX_VALUE;
        }

        @Override
        public void accept(Batch batch) {
            int n = batch.size();
            ensure(size + n);
            for (Quantity q : columns) {
                switch (q.kind()) {
                    case REAL, INTEGER -> System.arraycopy(batch.column(q), 0, reals[q.ordinal()], size, n);
                    case EPOCH -> System.arraycopy(batch.epochNanos(), 0, epochNanos, size, n);
                    case STEP_TYPE -> System.arraycopy(batch.stepTypes(), 0, stepTypes, size, n);
                }
            }
            size += n;
        }

        @Override
        public void end(TestMetadata md) {
            if (size != capacity()) {
                for (Quantity q : columns) {
                    switch (q.kind()) {
                        case REAL, INTEGER -> reals[q.ordinal()] = Arrays.copyOf(reals[q.ordinal()], size);
                        case EPOCH -> epochNanos = Arrays.copyOf(epochNanos, size);
                        case STEP_TYPE -> stepTypes = Arrays.copyOf(stepTypes, size);
                    }
                }
            }
            result = new TimeSeries(columns, reals, epochNanos, stepTypes, size, md);
        }

        public TimeSeries result() {
            if (result == null) {
                throw new IllegalStateException("the stream has not ended");
            }
            return result;
        }
    }
}
