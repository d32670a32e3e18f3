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
    /** The arrays the batch reads and writes: its own, or those of the batch it is a view of ({@link #viewOf}). */
    private final double[][] reals = new double[Quantity.values().length][];
    private long[] epochNanos;
    private byte[] stepTypes;
    private final double[][] ownReals = new double[Quantity.values().length][];
    private final long[] ownEpochNanos;
    private final byte[] ownStepTypes;
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
        this.ownEpochNanos = e;
        this.ownStepTypes = s;
        System.arraycopy(reals, 0, ownReals, 0, reals.length);
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

    /** Direct access to a real or integer column (at least capacity long; rows 0..size-1 are valid). */
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

    /**
     * Starts {@code n} rows at once, every column missing, and returns the first one's index: for readers that then
     * fill the new rows column by column.
     */
    public int addRows(int n) {
        if (n < 0 || n > capacity - size) {
            throw new IllegalStateException("batch has room for " + (capacity - size) + " rows, not " + n);
        }
        int first = size;
        size += n;
        for (int o : realOrdinals) {
            java.util.Arrays.fill(reals[o], first, size, Double.NaN);
        }
        if (epochNanos != null) {
            java.util.Arrays.fill(epochNanos, first, size, NO_TIME);
        }
        if (stepTypes != null) {
            java.util.Arrays.fill(stepTypes, first, size, (byte) -1);
        }
        return first;
    }

    /** Drops the rows after the first {@code rows} (a reader giving up rows it started). */
    public void truncate(int rows) {
        if (rows < 0 || rows > size) {
            throw new IllegalArgumentException("batch has " + size + " rows, cannot keep " + rows);
        }
        size = rows;
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
        return copyTo(new Batch(columns, Math.max(1, size)));
    }

    /**
     * Copies the valid rows into {@code c}, which must have the same columns and room for them (a batch handed back
     * for reuse), and returns it.
     */
    public Batch copyTo(Batch c) {
        if (!c.columns.equals(columns) || c.capacity() < size) {
            throw new IllegalArgumentException("a copy needs the same columns and room for " + size + " rows");
        }
        c.clear();
        c.size = size; // every column is copied whole below
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
        if (viewing) {
            System.arraycopy(ownReals, 0, reals, 0, reals.length);
            epochNanos = ownEpochNanos;
            stepTypes = ownStepTypes;
            viewing = false;
        }
    }

    private boolean viewing;

    /**
     * Shows the rows of {@code in} without copying them, for a stage that adds columns to a stream: the columns
     * {@code in} has are its arrays (read them, do not write them), the others are this batch's own, missing in
     * every row until set. Valid until {@code in} changes; {@link #clear} ends the view. {@code in}'s columns must
     * be among this batch's, its rows within this batch's capacity.
     */
    public void viewOf(Batch in) {
        if (!columns.containsAll(in.columns) || in.size > capacity) {
            throw new IllegalArgumentException("a batch of " + columns.size() + " columns and " + capacity
                    + " rows cannot show one of " + in.columns + " and " + in.size + " rows");
        }
        clear();
        viewing = true;
        size = in.size;
        for (int o : realOrdinals) {
            if (in.reals[o] != null) {
                reals[o] = in.reals[o];
            } else {
                java.util.Arrays.fill(reals[o], 0, size, Double.NaN);
            }
        }
        if (epochNanos != null) {
            if (in.epochNanos != null) {
                epochNanos = in.epochNanos;
            } else {
                java.util.Arrays.fill(epochNanos, 0, size, NO_TIME);
            }
        }
        if (stepTypes != null) {
            if (in.stepTypes != null) {
                stepTypes = in.stepTypes;
            } else {
                java.util.Arrays.fill(stepTypes, 0, size, (byte) -1);
            }
        }
    }
}
