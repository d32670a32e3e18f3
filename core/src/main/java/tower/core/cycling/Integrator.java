package tower.core.cycling;

/**
 * The one capacity and energy integration of the project (definitions §4): current linear between two samples
 * (trapezoid rule); an interval whose ends have opposite signs is split where the line crosses zero, the part
 * before counting to the direction of the earlier current and the part after to that of the later one; the
 * energy of each part is its capacity times the mean of V at the part's two ends (V linear too). Everything in
 * core that integrates current goes through {@link #interval}.
 */
public final class Integrator {
    /** Charge, discharge (both ≥ 0) and their energies and durations of one interval; reused between calls. */
    public static final class Parts {
        public double chargeAh;
        public double dischargeAh;
        public double chargeWh;
        public double dischargeWh;
        public double chargeS;
        public double dischargeS;

        void clear() {
            chargeAh = dischargeAh = chargeWh = dischargeWh = chargeS = dischargeS = 0;
        }

        /** Net charge into the cell (Ah): charge − discharge. */
        public double netAh() {
            return chargeAh - dischargeAh;
        }

        /** |I| integrated (Ah): charge + discharge. */
        public double absAh() {
            return chargeAh + dischargeAh;
        }
    }

    private Integrator() {
    }

    /**
     * Integrates the interval (t0, t1] into {@code out} (cleared first). An interval with a non-positive or unknown
     * duration, or an unknown current at either end, adds nothing. When one voltage is unknown the other stands
     * for both; when both are, the energies are NaN.
     */
    public static Parts interval(double t0, double v0, double i0, double t1, double v1, double i1, Parts out) {
        out.clear();
        double dt = t1 - t0;
        if (!(dt > 0) || Double.isNaN(i0) || Double.isNaN(i1)) {
            return out;
        }
        if (Double.isNaN(v0)) {
            v0 = v1;
        } else if (Double.isNaN(v1)) {
            v1 = v0;
        }
        if (i0 >= 0 && i1 >= 0) {
            add(out, 0.5 * (i0 + i1) * dt / 3600.0, 0.5 * (v0 + v1), i0 > 0 || i1 > 0 ? dt : 0);
        } else if (i0 <= 0 && i1 <= 0) {
            add(out, 0.5 * (i0 + i1) * dt / 3600.0, 0.5 * (v0 + v1), dt);
        } else {
            double f = i0 / (i0 - i1); // fraction of the interval before the zero crossing, in (0, 1)
            double vx = v0 + f * (v1 - v0);
            add(out, 0.5 * i0 * f * dt / 3600.0, 0.5 * (v0 + vx), f * dt);
            add(out, 0.5 * i1 * (1 - f) * dt / 3600.0, 0.5 * (vx + v1), (1 - f) * dt);
        }
        return out;
    }

    private static void add(Parts out, double q, double vMean, double duration) {
        if (q > 0) {
            out.chargeAh += q;
            out.chargeWh += q * vMean;
            out.chargeS += duration;
        } else if (q < 0) {
            out.dischargeAh -= q;
            out.dischargeWh -= q * vMean;
            out.dischargeS += duration;
        }
    }
}
