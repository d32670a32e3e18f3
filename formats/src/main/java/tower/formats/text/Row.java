package tower.formats.text;

import java.util.Arrays;
import tower.core.series.Batch;
import tower.core.series.Quantity;

/** Scratch values of one text record, reused for every line. */
public final class Row {
    final double[] values = new double[Quantity.values().length];
    long epochNanos = Batch.NO_TIME;
    int stepType = -1;
    /** A format-specific code, e.g. Maccor's state letter. */
    public int code;
    /** A second clock reading for formats that split date and time (e.g. a time-of-day column). */
    public double aux = Double.NaN;

    /** Clears every value; for readers that assemble rows themselves (e.g. from spreadsheet cells). */
    public void reset() {
        Arrays.fill(values, Double.NaN);
        epochNanos = Batch.NO_TIME;
        stepType = -1;
        code = 0;
        aux = Double.NaN;
    }

    public double get(Quantity q) {
        return values[q.ordinal()];
    }

    public void set(Quantity q, double v) {
        values[q.ordinal()] = v;
    }

    public long epochNanos() {
        return epochNanos;
    }

    public void setEpochNanos(long nanos) {
        epochNanos = nanos;
    }

    public int stepType() {
        return stepType;
    }

    public void setStepType(int ordinal) {
        stepType = ordinal;
    }
}
