package tower.formats.bdf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;

/**
 * Writes a stream as BDF CSV: one header row of BDF labels, one row per record, empty cells for missing values.
 * Numbers are written so that they read back to the same double; Unix time keeps nanosecond precision.
 */
public final class BdfCsvWriter implements RecordSink {
    private final Writer out;
    private Quantity[] cols;
    private final StringBuilder line = new StringBuilder(256);

    public BdfCsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void begin(Set<Quantity> columns, TestMetadata metadata) {
        cols = columns.toArray(new Quantity[0]);
        line.setLength(0);
        for (int c = 0; c < cols.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            line.append(cols[c].label());
        }
        line.append('\n');
        write();
    }

    @Override
    public void accept(Batch b) {
        int n = b.size();
        for (int r = 0; r < n; r++) {
            line.setLength(0);
            for (int c = 0; c < cols.length; c++) {
                if (c > 0) {
                    line.append(',');
                }
                Quantity q = cols[c];
                switch (q.kind()) {
                    case REAL -> appendReal(line, b.column(q)[r]);
                    case INTEGER -> {
                        double v = b.column(q)[r];
                        if (Double.isFinite(v)) {
                            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                                line.append((long) v);
                            } else {
                                line.append(v);
                            }
                        }
                    }
                    case EPOCH -> appendEpoch(line, b.epochNanos()[r]);
                    case STEP_TYPE -> {
                        byte t = b.stepTypes()[r];
                        if (t >= 0) {
                            line.append(StepType.ofOrdinal(t).label());
                        }
                    }
                }
            }
            line.append('\n');
            write();
        }
    }

    static void appendReal(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) {
            return; // a BDF file never holds a non-finite number (readers refuse them; this is the last guard)
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    static void appendEpoch(StringBuilder sb, long nanos) {
        if (nanos == Batch.NO_TIME) {
            return;
        }
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        sb.append(sec);
        if (frac != 0) {
            String f = Long.toString(1_000_000_000L + frac).substring(1);
            int end = f.length();
            while (end > 0 && f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
    }

    private void write() {
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end(TestMetadata metadata) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
