package tower.core.series;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A reusable chunk of rows held column by column. Readers fill one batch and hand it to a {@link RecordSink};
 * sinks must copy what they keep, because the same arrays are refilled for the next chunk.
 */
public final class Batch {
    public static final int DEFAULT_CAPACITY = 8192;
    public static final long NO_TIME = Long.MIN_VALUE;

    private final Set<Quantity> columns;
    private final double[][] reals = new double[Quantity.values().length][];
    private final long[] epochNanos;
    private final byte[] stepTypes;
    private final int capacity;
    private final int[] realOrdinals;
    private int size;

    public Batch(Set<Quantity> columns, int capacity) {
        this.columns = Collections.unmodifiableSet(columns.isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(columns));
        this.capacity = capacity;
        long[] e = null;
        byte[] s = null;
        for (Quantity q : columns) {
            switch (q.kind()) {
                case REAL, INTEGER -> reals[q.ordinal()] = new double[capacity];
                case EPOCH -> e = new long[capacity];
                case STEP_TYPE -> s = new byte[capacity];
            }
        }
        this.epochNanos = e;
        this.stepTypes = s;
        this.realOrdinals = columns.stream().filter(q -> q.kind() == Quantity.Kind.REAL || q.kind() == Quantity.Kind.INTEGER)
                .mapToInt(Quantity::ordinal).toArray();
    }

    public Set<Quantity> columns() {
        return columns;
    }

    public boolean has(Quantity q) {
        return columns.contains(q);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /** Direct access to a real or integer column (length = capacity; rows 0..size-1 are valid). */
    public double[] column(Quantity q) {
        double[] c = reals[q.ordinal()];
        if (c == null) {
            throw new IllegalArgumentException("batch has no column " + q.label());
        }
        return c;
    }

    public long[] epochNanos() {
        if (epochNanos == null) {
            throw new IllegalArgumentException("batch has no column " + Quantity.UNIX_TIME.label());
        }
        return epochNanos;
    }

    public byte[] stepTypes() {
        if (stepTypes == null) {
            throw new IllegalArgumentException("batch has no column " + Quantity.STEP_TYPE.label());
        }
        return stepTypes;
    }

    public double get(Quantity q, int row) {
        return reals[q.ordinal()][row];
    }

    /** Starts a new row with every column missing; returns its index. */
    public int addRow() {
        if (size == capacity) {
            throw new IllegalStateException("batch is full");
        }
        int r = size++;
        for (int o : realOrdinals) {
            reals[o][r] = Double.NaN;
        }
        if (epochNanos != null) {
            epochNanos[r] = NO_TIME;
        }
        if (stepTypes != null) {
            stepTypes[r] = -1;
        }
        return r;
    }

    public void set(Quantity q, int row, double value) {
        reals[q.ordinal()][row] = value;
    }

    public void setEpochNanos(int row, long nanos) {
        epochNanos[row] = nanos;
    }

    public void setStepType(int row, StepType type) {
        stepTypes[row] = (byte) type.ordinal();
    }

    /** A copy of the valid rows, with exactly that capacity (for handing rows across threads). */
    public Batch copy() {
        Batch c = new Batch(columns, Math.max(1, size));
        for (int r = 0; r < size; r++) {
            c.addRow();
        }
        for (Quantity q : columns) {
            switch (q.kind()) {
                case REAL, INTEGER -> System.arraycopy(reals[q.ordinal()], 0, c.reals[q.ordinal()], 0, size);
                case EPOCH -> System.arraycopy(epochNanos, 0, c.epochNanos, 0, size);
                case STEP_TYPE -> System.arraycopy(stepTypes, 0, c.stepTypes, 0, size);
            }
        }
        return c;
    }

    public void clear() {
        size = 0;
    }
}
