package tower.pipeline.synthetic;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The demo's generated tests, each with a known truth: a CC-CV ageing test whose capacity fades linearly and then
 * falls faster after a knee, an HPPC sequence of pulses at ten states of charge, and a formation test with a low
 * first-cycle efficiency. The cell is a 1.1 Ah NMC-like cell: OCV from 3.0 V (empty) to 4.2 V (full), R0 20 mΩ,
 * one RC pair (15 mΩ, 5 s).
 */
public final class Generated {
    private Generated() {
    }

    static final double NOMINAL_AH = 1.1;
    static final double R0 = 0.020;
    static final double R1 = 0.015;
    static final double TAU_S = 5;

    /** Open-circuit voltage at a state of charge in [0, 1]. */
    static double ocv(double soc) {
        double s = Math.max(0, Math.min(1, soc));
        return 3.0 + 0.75 * s + 0.45 * Math.pow(s, 3) - 0.12 * Math.exp(-20 * s) + 0.12 * Math.exp(-20);
    }

    /**
     * Capacity at a cycle of the ageing test: 0.01 % per cycle, and after the knee cycle a quadratic fall that
     * reaches a further 25 % loss {@code kneeWidth} cycles later.
     */
    public static double ageingCapacityAh(int cycle, int kneeCycle, int kneeWidth) {
        double q = NOMINAL_AH * (1 - 0.0001 * cycle);
        if (cycle > kneeCycle) {
            double x = (cycle - kneeCycle) / (double) kneeWidth;
            q -= NOMINAL_AH * 0.25 * x * x;
        }
        return Math.max(q, 0.05 * NOMINAL_AH);
    }

    /**
     * A CC-CV ageing test: per cycle a 1 A charge to 4.2 V, a CV hold to C/20, a rest, a 1 A discharge to the
     * (fading) capacity and a rest, sampled every {@code sampleS} seconds. Returns the rows written.
     */
    public static long ageing(Path file, int cycles, int kneeCycle, int kneeWidth, double sampleS) throws IOException {
        try (ArbinCsvWriter w = new ArbinCsvWriter(file, 1_735_689_600L)) {
            for (int n = 1; n <= cycles; n++) {
                double cap = ageingCapacityAh(n, kneeCycle, kneeWidth);
                double soc = 0.02;
                double temp = 25;
                // CC charge at 1 A until the terminal voltage reaches 4.2 V
                while (true) {
                    double v = ocv(soc) + 1.0 * (R0 + R1);
                    if (v >= 4.2 || soc >= 1) {
                        break;
                    }
                    soc += sampleS / 3600 / cap;
                    w.sample(1, n, sampleS, 1.0, Math.min(v, 4.2), temp + 2);
                }
                // CV at 4.2 V: the current decays until C/20
                double i = 1.0;
                while (i > 0.05 * NOMINAL_AH) {
                    i = Math.max(0, (4.2 - ocv(soc)) / (R0 + R1));
                    if (i <= 0.05 * NOMINAL_AH) {
                        break;
                    }
                    soc += i * sampleS / 3600 / cap;
                    w.sample(2, n, sampleS, i, 4.2, temp + 1);
                }
                rest(w, 3, n, 600, sampleS, ocv(soc), temp);
                // CC discharge at 1 A to 3.0 V (the capacity is what fades)
                while (true) {
                    double v = ocv(soc) - 1.0 * (R0 + R1);
                    if (v <= 3.0 || soc <= 0) {
                        break;
                    }
                    soc -= sampleS / 3600 / cap;
                    w.sample(4, n, sampleS, -1.0, Math.max(v, 3.0), temp + 3);
                }
                rest(w, 5, n, 600, sampleS, ocv(soc), temp);
            }
            return w.rows();
        }
    }

    private static void rest(ArbinCsvWriter w, int step, int cycle, double seconds, double sampleS, double v,
                             double temp) throws IOException {
        for (double s = 0; s < seconds; s += sampleS) {
            w.sample(step, cycle, sampleS, 0, v, temp);
        }
    }

    /**
     * An HPPC sequence at 1 s resolution: from full, at each of ten states of charge a 10 s 2 A discharge pulse,
     * 40 s rest, a 10 s 1.5 A charge pulse, then 10 % of capacity discharged at 1 A and a 10 min rest.
     * The pulse resistance is R0 at the first sample and approaches R0 + R1 (35 mΩ) with time constant 5 s.
     */
    public static long hppc(Path file) throws IOException {
        try (ArbinCsvWriter w = new ArbinCsvWriter(file, 1_735_776_000L)) {
            double soc = 1.0;
            int step = 0;
            rest(w, ++step, 1, 600, 1, ocv(soc), 25);
            for (int level = 0; level < 10; level++) {
                step = pulse(w, step, soc, -2.0);
                rest(w, ++step, 1, 40, 1, ocv(soc), 25);
                step = pulse(w, step, soc, 1.5);
                rest(w, ++step, 1, 40, 1, ocv(soc), 25);
                ++step;
                double target = soc - 0.1;
                while (soc > target + 1e-9) {
                    soc -= 1.0 / 3600 / NOMINAL_AH;
                    w.sample(step, 1, 1, -1.0, ocv(soc) - 1.0 * (R0 + R1), 26);
                }
                rest(w, ++step, 1, 600, 1, ocv(soc), 25);
            }
            return w.rows();
        }
    }

    private static int pulse(ArbinCsvWriter w, int step, double soc, double current) throws IOException {
        int s = step + 1;
        for (int k = 1; k <= 10; k++) {
            double polar = R1 * (1 - Math.exp(-(k - 1) / TAU_S));
            w.sample(s, 1, 1, current, ocv(soc) + current * (R0 + polar), 25.5);
        }
        return s;
    }

    /**
     * A formation test: three C/10 cycles whose coulombic efficiency rises from 0.86 (SEI growth on the first
     * charge) to 0.97 and 0.995, then two 1 A cycles (0.998, 0.999), sampled every 30 s. Each discharge ends at
     * 0 % state of charge, so a cycle's CE is the generator's value within one sample's charge.
     */
    public static long formation(Path file) throws IOException {
        double[] ce = {0.86, 0.97, 0.995, 0.998, 0.999};
        double[] rate = {0.11, 0.11, 0.11, 1.0, 1.0};
        try (ArbinCsvWriter w = new ArbinCsvWriter(file, 1_735_862_400L)) {
            double dt = 30;
            for (int n = 1; n <= ce.length; n++) {
                double cap = NOMINAL_AH * 1.02;
                double charged = 0;
                double soc = 0;
                // charge: the first cycle's extra charge goes into the SEI, not the state of charge
                while (ocv(soc) + rate[n - 1] * (R0 + R1) < 4.2) {
                    charged += rate[n - 1] * dt / 3600;
                    soc = charged * ce[n - 1] / cap;
                    w.sample(1, n, dt, rate[n - 1], ocv(soc) + rate[n - 1] * (R0 + R1), 25);
                }
                rest(w, 2, n, 1800, dt, ocv(soc), 25);
                // the discharge runs until the charge put in is out (to 0 % state of charge), so CE = ce[n]
                while (soc > 0) {
                    soc -= rate[n - 1] * dt / 3600 / cap;
                    w.sample(3, n, dt, -rate[n - 1], ocv(soc) - rate[n - 1] * (R0 + R1), 25);
                }
                rest(w, 4, n, 1800, dt, ocv(soc), 25);
            }
            return w.rows();
        }
    }
}
