package tower.pipeline.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes Arbin classic CSV rows from a current and voltage per sample: it keeps test time, step time, Arbin's
 * per-cycle charge/discharge counters (integrated with the same rectangle rule a cycler uses) and a temperature.
 */
public final class ArbinCsvWriter implements AutoCloseable {
    private final BufferedWriter w;
    private final StringBuilder sb = new StringBuilder(200);
    private final long epoch;
    private long rows;
    private double t;
    private double stepStart;
    private int step = -1;
    private int cycle = -1;
    private double qc;
    private double qd;
    private double ec;
    private double ed;

    public ArbinCsvWriter(Path file, long epochSeconds) throws IOException {
        this.w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        this.epoch = epochSeconds;
        w.write(SyntheticArbin.HEADER);
        w.write('\n');
    }

    /** Advances the clock by {@code dt} seconds at current {@code i} (A, + = charge) and writes the sample there. */
    public void sample(int stepIndex, int cycleIndex, double dt, double i, double v, double temperatureC)
            throws IOException {
        if (cycleIndex != cycle) {
            cycle = cycleIndex;
            qc = 0;
            qd = 0;
            ec = 0;
            ed = 0;
        }
        t += dt;
        if (stepIndex != step) {
            step = stepIndex;
            stepStart = t;
        }
        if (i > 0) {
            qc += i * dt / 3600;
            ec += i * v * dt / 3600;
        } else if (i < 0) {
            qd -= i * dt / 3600;
            ed -= i * v * dt / 3600;
        }
        rows++;
        sb.setLength(0);
        sb.append(rows).append(',');
        SyntheticArbin.appendFixed(sb, t, 4).append(',');
        sb.append(epoch + (long) t).append(',');
        SyntheticArbin.appendFixed(sb, t - stepStart, 4).append(',');
        sb.append(stepIndex).append(',').append(cycleIndex).append(',');
        SyntheticArbin.appendFixed(sb, i, 7).append(',');
        SyntheticArbin.appendFixed(sb, v, 7).append(',');
        SyntheticArbin.appendFixed(sb, qc, 8).append(',');
        SyntheticArbin.appendFixed(sb, qd, 8).append(',');
        SyntheticArbin.appendFixed(sb, ec, 8).append(',');
        SyntheticArbin.appendFixed(sb, ed, 8).append(',');
        sb.append("0,");
        SyntheticArbin.appendFixed(sb, 0.021, 6).append(',');
        SyntheticArbin.appendFixed(sb, temperatureC, 4).append('\n');
        w.append(sb);
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        w.close();
    }
}
