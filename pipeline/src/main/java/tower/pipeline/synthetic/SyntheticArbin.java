package tower.pipeline.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a realistic Arbin classic CSV of a chosen size for benchmarks and demos: 1 Hz CC–CV charge, rest,
 * CC discharge, rest, with a slowly fading capacity, a temperature trace and Arbin's per-cycle counters.
 */
public final class SyntheticArbin {
    public static final String HEADER = "Data_Point,Test_Time,DateTime,Step_Time,Step_Index,Cycle_Index,Current,Voltage,"
            + "Charge_Capacity,Discharge_Capacity,Charge_Energy,Discharge_Energy,dV/dt,Internal_Resistance,Temperature";

    private SyntheticArbin() {
    }

    /** Writes about {@code targetBytes} bytes; returns the number of data rows. */
    public static long write(Path file, long targetBytes) throws IOException {
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(HEADER);
            w.write('\n');
            long bytes = HEADER.length() + 1;
            double t = 0;
            long epoch = 1_700_000_000L;
            StringBuilder sb = new StringBuilder(200);
            int cycle = 0;
            while (bytes < targetBytes) {
                cycle++;
                double capacity = 1.1 * (1 - 0.0002 * cycle); // Ah, slow fade
                double qc = 0;
                double qd = 0;
                double ec = 0;
                double ed = 0;
                // step 1: CC charge 1 A until "4.2 V" (90 % of capacity), step 2: CV at 4.2 V with decaying current,
                // step 3: rest 10 min, step 4: CC discharge 1 A to empty, step 5: rest 10 min
                int[] durations = {(int) (capacity * 0.9 * 3600), 1200, 600, (int) (capacity * 0.98 * 3600), 600};
                for (int step = 1; step <= 5 && bytes < targetBytes; step++) {
                    for (int k = 0; k < durations[step - 1] && bytes < targetBytes; k++) {
                        double i;
                        double v;
                        switch (step) {
                            case 1 -> {
                                i = 1.0;
                                v = 3.4 + 0.8 * Math.sqrt((double) k / durations[0]);
                            }
                            case 2 -> {
                                i = 1.0 * Math.exp(-k / 300.0);
                                v = 4.2;
                            }
                            case 4 -> {
                                i = -1.0;
                                double soc = 1 - (double) k / durations[3];
                                v = 3.0 + 1.1 * Math.pow(soc, 0.3);
                            }
                            default -> {
                                i = 0;
                                v = step == 3 ? 4.15 : 3.2;
                            }
                        }
                        if (i > 0) {
                            qc += i / 3600;
                            ec += i * v / 3600;
                        } else if (i < 0) {
                            qd -= i / 3600;
                            ed -= i * v / 3600;
                        }
                        rows++;
                        sb.setLength(0);
                        sb.append(rows).append(',');
                        appendFixed(sb, t, 4).append(',');
                        sb.append(epoch + (long) t).append(',');
                        appendFixed(sb, k, 4).append(',');
                        sb.append(step).append(',').append(cycle).append(',');
                        appendFixed(sb, i, 7).append(',');
                        appendFixed(sb, v + 0.0005 * Math.sin(t), 7).append(',');
                        appendFixed(sb, qc, 8).append(',');
                        appendFixed(sb, qd, 8).append(',');
                        appendFixed(sb, ec, 8).append(',');
                        appendFixed(sb, ed, 8).append(',');
                        appendFixed(sb, 1e-4 * Math.cos(t), 8).append(',');
                        appendFixed(sb, 0.021 + 1e-6 * cycle, 6).append(',');
                        appendFixed(sb, 25 + 2 * Math.abs(i) + 0.1 * Math.sin(t / 100), 4).append('\n');
                        w.append(sb);
                        bytes += sb.length();
                        t += 1;
                    }
                }
            }
        }
        return rows;
    }

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** Fixed-point decimal without String.format (which would dominate the generator's time). */
    public static StringBuilder appendFixed(StringBuilder sb, double v, int decimals) {
        long scale = POW10[decimals];
        long x = Math.round(Math.abs(v) * scale);
        if (v < 0 && x != 0) {
            sb.append('-');
        }
        sb.append(x / scale);
        if (decimals > 0) {
            sb.append('.');
            String frac = Long.toString(x % scale + scale);
            sb.append(frac, 1, frac.length());
        }
        return sb;
    }
}
