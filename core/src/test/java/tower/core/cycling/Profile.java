package tower.core.cycling;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;

/**
 * A generated test whose exact integrals are known: a chain of segments, each with a linear current and a linear
 * voltage of which at least one is constant (CC with a voltage ramp, CV with a current ramp, a current ramp at a
 * held voltage, a rest). The truth of a segment is computed from its end points in closed form, independent of
 * how it is sampled (voltage and current are continuous from segment to segment); the sampling (every 1 s, every 10 s or irregular) only decides the rows written.
 */
final class Profile {
    record Segment(double durationS, double i0, double i1, double v0, double v1, long cycle, StepType type) {
        /** ∫ max(I, 0) dt (Ah) over the first {@code tau} seconds. */
        double charge(double tau) {
            return part(tau, true);
        }

        /** ∫ max(−I, 0) dt (Ah) over the first {@code tau} seconds. */
        double discharge(double tau) {
            return part(tau, false);
        }

        private double part(double tau, boolean positive) {
            double sgn = positive ? 1 : -1;
            double a = sgn * i0;
            double b = sgn * (i0 + (i1 - i0) * tau / durationS);
            if (a >= 0 && b >= 0) {
                return 0.5 * (a + b) * tau / 3600;
            }
            if (a <= 0 && b <= 0) {
                return 0;
            }
            double zero = tau * a / (a - b); // where the current line crosses zero
            return a > 0 ? 0.5 * a * zero / 3600 : 0.5 * b * (tau - zero) / 3600;
        }

        /** Energy of the charge (or discharge) over the whole segment: V or I is constant, so ∫IV dt is exact. */
        double energy(boolean positive) {
            double q = positive ? charge(durationS) : discharge(durationS);
            if (i0 == i1) {
                return q * 0.5 * (v0 + v1);
            }
            if (v0 != v1) {
                throw new IllegalStateException("a segment needs a constant current or a constant voltage");
            }
            return q * v0;
        }
    }

    final List<Segment> segments = new ArrayList<>();

    Profile add(double durationS, double i0, double i1, double v0, double v1, long cycle, StepType type) {
        segments.add(new Segment(durationS, i0, i1, v0, v1, cycle, type));
        return this;
    }

    /** Charge CC-CV, rest, discharge CC, rest (with ramps of {@code rampS} between levels), for cycle c. */
    Profile ccCvCycle(long c, double i, double rampS) {
        add(rampS, 0, i, 3.5, 3.5, c, StepType.CC_CHARGE);
        add(3000, i, i, 3.5, 4.2, c, StepType.CC_CHARGE);
        add(1500, i, i / 20, 4.2, 4.2, c, StepType.CV_CHARGE);
        add(rampS, i / 20, 0, 4.2, 4.2, c, StepType.CV_CHARGE);
        add(600, 0, 0, 4.2, 4.1, c, StepType.REST);
        add(rampS, 0, -i, 4.1, 4.1, c, StepType.CC_DISCHARGE);
        add(3300, -i, -i, 4.1, 3.0, c, StepType.CC_DISCHARGE);
        add(rampS, -i, 0, 3.0, 3.0, c, StepType.CC_DISCHARGE);
        add(600, 0, 0, 3.0, 3.5, c, StepType.REST);
        return this;
    }

    /** Charge then discharge with no rest between: the current goes from +i to −i within {@code rampS}. */
    Profile reversalCycle(long c, double i, double rampS) {
        add(rampS, 0, i, 3.5, 3.5, c, StepType.CC_CHARGE);
        add(2000, i, i, 3.5, 4.1, c, StepType.CC_CHARGE);
        add(rampS, i, -i, 4.1, 4.1, c, StepType.OTHER);
        add(1900, -i, -i, 4.1, 3.4, c, StepType.CC_DISCHARGE);
        add(rampS, -i, 0, 3.4, 3.4, c, StepType.CC_DISCHARGE);
        add(300, 0, 0, 3.4, 3.5, c, StepType.REST);
        return this;
    }

    double[] truth(long cycle) {
        double[] q = new double[4]; // charge Ah, discharge Ah, charge Wh, discharge Wh
        for (Segment s : segments) {
            if (s.cycle == cycle) {
                q[0] += s.charge(s.durationS);
                q[1] += s.discharge(s.durationS);
                q[2] += s.energy(true);
                q[3] += s.energy(false);
            }
        }
        return q;
    }

    /** How sample times are laid out within a segment. */
    interface Sampling {
        /** Times in (0, duration] at which a segment of that duration is sampled; the last is the duration. */
        double[] times(double duration);

        static Sampling every(double dt) {
            return d -> {
                int n = Math.max(1, (int) Math.ceil(d / dt - 1e-9));
                double[] t = new double[n];
                for (int k = 0; k < n; k++) {
                    t[k] = Math.min(d, (k + 1) * dt);
                }
                t[n - 1] = d;
                return t;
            };
        }

        static Sampling irregular(long seed, double minDt, double maxDt) {
            Random r = new Random(seed);
            return d -> {
                List<Double> t = new ArrayList<>();
                double x = 0;
                while (true) {
                    x += minDt + (maxDt - minDt) * r.nextDouble();
                    if (x >= d) {
                        break;
                    }
                    t.add(x);
                }
                t.add(d);
                return t.stream().mapToDouble(Double::doubleValue).toArray();
            };
        }
    }

    /**
     * Writes the profile: test time, voltage, current, cycle, step type and — when {@code vendorScale} is not NaN —
     * the vendor's cumulative capacities (the exact values times {@code vendorScale}).
     */
    void write(RecordSink sink, Sampling sampling, double vendorScale, boolean stepTypes) {
        Set<Quantity> cols = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT);
        if (stepTypes) {
            cols.add(Quantity.STEP_TYPE);
        }
        boolean vendor = !Double.isNaN(vendorScale);
        if (vendor) {
            cols.add(Quantity.CHARGING_CAPACITY);
            cols.add(Quantity.DISCHARGING_CAPACITY);
        }
        BatchWriter w = new BatchWriter(cols, sink, new TestMetadata().setSourceName("profile"), 777);
        double t0 = 0;
        double qc = 0;
        double qd = 0;
        Segment firstSeg = segments.get(0);
        row(w, 0, firstSeg.v0, firstSeg.i0, firstSeg.cycle, firstSeg.type, 0, 0, vendor, stepTypes);
        for (Segment s : segments) {
            for (double tau : sampling.times(s.durationS)) {
                double f = tau / s.durationS;
                row(w, t0 + tau, s.v0 + f * (s.v1 - s.v0), s.i0 + f * (s.i1 - s.i0), s.cycle, s.type,
                        vendorScale * (qc + s.charge(tau)), vendorScale * (qd + s.discharge(tau)), vendor, stepTypes);
            }
            t0 += s.durationS;
            qc += s.charge(s.durationS);
            qd += s.discharge(s.durationS);
        }
        w.finish();
    }

    private static void row(BatchWriter w, double t, double v, double i, long cycle, StepType type, double qc,
                            double qd, boolean vendor, boolean stepTypes) {
        w.startRow();
        w.set(Quantity.TEST_TIME, t);
        w.set(Quantity.VOLTAGE, v);
        w.set(Quantity.CURRENT, i);
        w.set(Quantity.CYCLE_COUNT, cycle);
        if (stepTypes) {
            w.setStepType(type);
        }
        if (vendor) {
            w.set(Quantity.CHARGING_CAPACITY, qc);
            w.set(Quantity.DISCHARGING_CAPACITY, qd);
        }
    }
}
