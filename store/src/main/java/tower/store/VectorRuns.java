package tower.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.Optional;
import org.duckdb.DuckDBWritableVector;
import tower.core.series.Batch;

/**
 * Writes runs of a column into a DuckDB output vector. The driver offers one setter call per value, with three
 * checks and a validity update each (a third of an ingest's storing thread); where its vector's data and validity
 * buffers can be reached, a run is one bulk copy and one validity word per 64 rows instead. Where they cannot (a
 * driver that changed), {@link #of} gives the per-value setters, so a newer driver only makes this slower.
 */
abstract sealed class VectorRuns {
    private static final Optional<Direct.Handles> HANDLES = Direct.Handles.find();

    /** The fastest writer that works for this vector. */
    static VectorRuns of(DuckDBWritableVector v) {
        if (HANDLES.isPresent() && !Boolean.getBoolean("tower.store.valueSetters")) {
            Optional<VectorRuns> d = HANDLES.get().open(v);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return new Setters(v);
    }

    /** Rows {@code at..at+n} are {@code ord, ord+1, ...} (never null). */
    abstract void ordinals(int at, int n, long ord);

    /** Rows {@code at..} take {@code c[from..from+n]}; NaN is null. */
    abstract void doubles(int at, double[] c, int from, int n);

    /** Rows {@code at..} take {@code c[from..from+n]}; {@link Batch#NO_TIME} is null. */
    abstract void longs(int at, long[] c, int from, int n);

    /** Rows {@code at..} take {@code c[from..from+n]}; a negative value is null. */
    abstract void bytes(int at, byte[] c, int from, int n);

    /** Straight into the vector's memory. */
    static final class Direct extends VectorRuns {
        private final ByteBuffer data;
        private final ByteBuffer validity;
        private final int rows;

        private Direct(ByteBuffer data, ByteBuffer validity, int rows) {
            this.data = data;
            this.validity = validity;
            this.rows = rows;
        }

        /** The driver's private buffer fields, found once. */
        record Handles(VarHandle data, VarHandle validity, VarHandle rowCount) {
            static Optional<Handles> find() {
                try {
                    MethodHandles.Lookup l = MethodHandles.privateLookupIn(DuckDBWritableVector.class, MethodHandles.lookup());
                    return Optional.of(new Handles(l.findVarHandle(DuckDBWritableVector.class, "data", ByteBuffer.class),
                            l.findVarHandle(DuckDBWritableVector.class, "validity", ByteBuffer.class),
                            l.findVarHandle(DuckDBWritableVector.class, "rowCount", long.class)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return Optional.empty();
                }
            }

            /** A direct writer when the buffers look as expected: native order, room for every row. */
            Optional<VectorRuns> open(DuckDBWritableVector v) {
                ByteBuffer d = (ByteBuffer) data.get(v);
                ByteBuffer m = (ByteBuffer) validity.get(v);
                long n = (long) rowCount.get(v);
                int width = switch (v.getType()) {
                    case DOUBLE, BIGINT -> 8;
                    case TINYINT -> 1;
                    default -> 0;
                };
                if (d == null || m == null || width == 0 || n > Integer.MAX_VALUE / 8
                        || d.order() != java.nio.ByteOrder.nativeOrder() || m.order() != java.nio.ByteOrder.nativeOrder()
                        || d.capacity() < n * width || m.capacity() < ((n + 63) / 64) * 8) {
                    return Optional.empty();
                }
                return Optional.of(new Direct(d, m, (int) n));
            }
        }

        private void check(int at, int n) {
            if (at < 0 || n < 0 || at > rows - n) {
                throw new IndexOutOfBoundsException("rows " + at + ".." + (at + n) + " of a vector of " + rows);
            }
        }

        /** ORs bits into the validity word of rows {@code w*64..} (the driver hands out vectors with every row null). */
        private void orValid(int w, long bits) {
            if (bits != 0) {
                int at = w << 3;
                validity.putLong(at, validity.getLong(at) | bits);
            }
        }

        private void validRange(int at, int n) {
            int end = at + n;
            for (int r = at; r < end; ) {
                int stop = Math.min(end, ((r >>> 6) + 1) << 6);
                long bits = stop - r == 64 ? -1L : ((1L << (stop - r)) - 1) << r;
                orValid(r >>> 6, bits);
                r = stop;
            }
        }

        @Override
        void ordinals(int at, int n, long ord) {
            check(at, n);
            LongBuffer d = data.asLongBuffer();
            for (int i = 0; i < n; i++) {
                d.put(at + i, ord + i);
            }
            validRange(at, n);
        }

        @Override
        void doubles(int at, double[] c, int from, int n) {
            check(at, n);
            data.asDoubleBuffer().put(at, c, from, n);
            int end = at + n;
            for (int r = at, i = from; r < end; ) {
                int stop = Math.min(end, ((r >>> 6) + 1) << 6);
                long bits = 0;
                for (; r < stop; r++, i++) {
                    double x = c[i];
                    bits |= (x == x ? 1L : 0L) << r;
                }
                orValid((stop - 1) >>> 6, bits);
            }
        }

        @Override
        void longs(int at, long[] c, int from, int n) {
            check(at, n);
            data.asLongBuffer().put(at, c, from, n);
            int end = at + n;
            for (int r = at, i = from; r < end; ) {
                int stop = Math.min(end, ((r >>> 6) + 1) << 6);
                long bits = 0;
                for (; r < stop; r++, i++) {
                    bits |= (c[i] != Batch.NO_TIME ? 1L : 0L) << r;
                }
                orValid((stop - 1) >>> 6, bits);
            }
        }

        @Override
        void bytes(int at, byte[] c, int from, int n) {
            check(at, n);
            data.put(at, c, from, n);
            int end = at + n;
            for (int r = at, i = from; r < end; ) {
                int stop = Math.min(end, ((r >>> 6) + 1) << 6);
                long bits = 0;
                for (; r < stop; r++, i++) {
                    bits |= (c[i] >= 0 ? 1L : 0L) << r;
                }
                orValid((stop - 1) >>> 6, bits);
            }
        }
    }

    /** The driver's public setters, one call per value. */
    static final class Setters extends VectorRuns {
        private final DuckDBWritableVector v;

        Setters(DuckDBWritableVector v) {
            this.v = v;
        }

        @Override
        void ordinals(int at, int n, long ord) {
            for (int i = 0; i < n; i++) {
                v.setLong(at + i, ord + i);
            }
        }

        @Override
        void doubles(int at, double[] c, int from, int n) {
            for (int i = 0; i < n; i++) {
                double x = c[from + i];
                if (Double.isNaN(x)) {
                    v.setNull(at + i);
                } else {
                    v.setDouble(at + i, x);
                }
            }
        }

        @Override
        void longs(int at, long[] c, int from, int n) {
            for (int i = 0; i < n; i++) {
                long x = c[from + i];
                if (x == Batch.NO_TIME) {
                    v.setNull(at + i);
                } else {
                    v.setLong(at + i, x);
                }
            }
        }

        @Override
        void bytes(int at, byte[] c, int from, int n) {
            for (int i = 0; i < n; i++) {
                byte x = c[from + i];
                if (x < 0) {
                    v.setNull(at + i);
                } else {
                    v.setByte(at + i, x);
                }
            }
        }
    }
}
