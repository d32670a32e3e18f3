package tower.core.analysis;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;

/**
 * Generates cycler data of a model cell for tests: V = OCV(soc) + I·R0 + v_RC, with v_RC relaxing towards I·R1
 * with time constant tau. Samples go through BatchWriter → Normalizer → (TimeSeries.Collector, CycleSummarizer),
 * as a reader's would. Each step starts with a sample 1 ms after the previous one (as cyclers log step changes).
 */
final class SyntheticCell {
    static final double FIRST_SAMPLE_S = 0.001;

    /** OCV as the inverse of a charge fraction f(V) = baseline + logistic steps, normalised to [0, 1] on [vMin, vMax]. */
    static final class Ocv {
        final double vMin, vMax, base;
        final double[] centres, widths, weights;
        private final double f0, f1;
        private final double[] tableV;
        private final double[] tableF;

        Ocv(double vMin, double vMax, double base, double[] centres, double[] widths, double[] weights) {
            this.vMin = vMin;
            this.vMax = vMax;
            this.base = base;
            this.centres = centres;
            this.widths = widths;
            this.weights = weights;
            this.f0 = raw(vMin);
            this.f1 = raw(vMax);
            int n = 40001;
            tableV = new double[n];
            tableF = new double[n];
            for (int k = 0; k < n; k++) {
                tableV[k] = vMin + (vMax - vMin) * k / (n - 1);
                tableF[k] = frac(tableV[k]);
            }
        }

        private double raw(double v) {
            double s = base * (v - vMin) / (vMax - vMin);
            for (int k = 0; k < centres.length; k++) {
                s += weights[k] / (1 + Math.exp(-(v - centres[k]) / widths[k]));
            }
            return s;
        }

        /** Charge fraction (soc) at open-circuit voltage v. */
        double frac(double v) {
            return (raw(v) - f0) / (f1 - f0);
        }

        /** d frac / dV. */
        double dfrac(double v) {
            double s = base / (vMax - vMin);
            for (int k = 0; k < centres.length; k++) {
                double e = Math.exp(-(v - centres[k]) / widths[k]);
                s += weights[k] * e / ((1 + e) * (1 + e) * widths[k]);
            }
            return s / (f1 - f0);
        }

        /** OCV at a charge fraction. */
        double voltage(double soc) {
            double s = Math.max(0, Math.min(1, soc));
            return Numerics.interp(tableF, tableV, tableF.length, s);
        }

        static Ocv lfpLike() {
            return new Ocv(2.0, 3.6, 0.2, new double[] {3.25, 3.40}, new double[] {0.01, 0.01}, new double[] {0.5, 0.3});
        }

        static Ocv smooth() {
            return new Ocv(2.0, 3.6, 1.0, new double[] {3.0, 3.3}, new double[] {0.08, 0.06}, new double[] {0.6, 0.4});
        }
    }

    final Ocv ocv;
    double r0, r1, tau;
    double temperatureC = Double.NaN;
    double internalResistance = Double.NaN;
    double voltageNoise;
    private final Random random;
    private final BatchWriter writer;
    private final TimeSeries.Collector collector = new TimeSeries.Collector();
    private final CycleSummarizer summarizer;
    private final CyclingOptions options;
    private final boolean vendorCycles;
    private double time;
    private double soc;
    private double vrc;
    private double current;
    private long cycle = 1;
    private boolean any;

    SyntheticCell(Ocv ocv, double r0, double r1, double tau, boolean vendorCycles, boolean temperature, boolean ir, long seed) {
        this.ocv = ocv;
        this.r0 = r0;
        this.r1 = r1;
        this.tau = tau;
        this.vendorCycles = vendorCycles;
        this.random = new Random(seed);
        this.options = CyclingOptions.DEFAULT;
        Set<Quantity> cols = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT);
        if (vendorCycles) {
            cols.add(Quantity.CYCLE_COUNT);
        }
        if (temperature) {
            cols.add(Quantity.TEMPERATURE_T1);
        }
        if (ir) {
            cols.add(Quantity.INTERNAL_RESISTANCE);
        }
        summarizer = new CycleSummarizer(vendorCycles ? options : options.withCycleRule(tower.core.cycling.CycleRule.CHARGE_FIRST));
        writer = new BatchWriter(cols, new Normalizer(Tee.of(collector, summarizer), options),
                new TestMetadata().setSourceName("synthetic").setFormat("synthetic"));
    }

    static SyntheticCell simple(Ocv ocv) {
        return new SyntheticCell(ocv, 0, 0, 1, true, false, false, 1);
    }

    double soc() {
        return soc;
    }

    double time() {
        return time;
    }

    SyntheticCell soc(double s) {
        soc = s;
        return this;
    }

    SyntheticCell cycle(long c) {
        cycle = c;
        return this;
    }

    long cycle() {
        return cycle;
    }

    private void advance(double dt, double i, double capacityAh) {
        time += dt;
        soc += i * dt / 3600.0 / capacityAh;
        double target = i * r1;
        vrc = target + (vrc - target) * Math.exp(-dt / tau);
        current = i;
        sample();
    }

    double voltageNow() {
        return ocv.voltage(soc) + current * r0 + vrc;
    }

    private void sample() {
        writer.startRow();
        writer.set(Quantity.TEST_TIME, time);
        double v = voltageNow() + (voltageNoise > 0 ? voltageNoise * random.nextGaussian() : 0);
        writer.set(Quantity.VOLTAGE, v);
        writer.set(Quantity.CURRENT, current);
        if (vendorCycles) {
            writer.set(Quantity.CYCLE_COUNT, cycle);
        }
        if (writer.has(Quantity.TEMPERATURE_T1)) {
            writer.set(Quantity.TEMPERATURE_T1, temperatureC);
        }
        if (writer.has(Quantity.INTERNAL_RESISTANCE)) {
            writer.set(Quantity.INTERNAL_RESISTANCE, internalResistance);
        }
        any = true;
    }

    /** Holds current i for duration seconds: a first sample after 1 ms, then every dt. */
    SyntheticCell hold(double i, double duration, double dt, double capacityAh) {
        if (!any) {
            current = i;
            sample();
        }
        advance(FIRST_SAMPLE_S, i, capacityAh);
        double done = FIRST_SAMPLE_S;
        while (done < duration - 1e-9) {
            double step = Math.min(dt, duration - done);
            advance(step, i, capacityAh);
            done += step;
        }
        return this;
    }

    SyntheticCell rest(double duration, double dt) {
        return hold(0, duration, dt, 1);
    }

    /** Constant current (A, signed) that moves soc by the given fraction of capacityAh, in about `samples` samples. */
    SyntheticCell cc(double i, double capacityAh, double socChange, int samples) {
        double duration = Math.abs(socChange) * capacityAh / Math.abs(i) * 3600.0;
        return hold(i, duration, (duration - FIRST_SAMPLE_S) / samples, capacityAh);
    }

    /** A full charge from the current soc to 1, and a full discharge to 0, of a cell of capacity capacityAh. */
    SyntheticCell fullCycle(double chargeA, double dischargeA, double capacityAh, int samples, double restS) {
        cc(chargeA, capacityAh, 1 - soc, samples);
        rest(restS, restS / 2);
        cc(-dischargeA, capacityAh, soc, samples);
        rest(restS, restS / 2);
        cycle++;
        return this;
    }

    record Data(TimeSeries ts, CycleTable table, StepTable steps) {
    }

    Data finish() {
        writer.finish();
        TimeSeries ts = collector.result();
        return new Data(ts, summarizer.result(), Steps.of(ts, options));
    }
}
