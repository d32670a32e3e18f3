package tower.core.analysis;

import java.util.ArrayList;
import java.util.List;
import tower.core.cycling.CycleTable;
import tower.core.cycling.Integrator;
import tower.core.cycling.StepSummary;
import tower.core.cycling.StepTable;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TimeSeries;

/**
 * dQ/dV (ICA) and dV/dQ (DVA) of one constant-current half-cycle with cellpy's method (definitions §9):
 * V(Q) interpolated on a uniform capacity grid, optionally Savitzky–Golay smoothed, inverted to Q(V) on a uniform
 * voltage grid, differenced, and smoothed with a Gaussian filter that keeps the area (so ∫dQ/dV dV is the
 * half-cycle capacity).
 */
public final class Dqdv {
    static final String INVERSION = "running max of V (charge) / running min (discharge): Q at the first crossing of "
            + "each voltage, the last point carrying the half-cycle's full capacity; linear interpolation";

    private Dqdv() {
    }

    public static DqdvResult of(TimeSeries ts, CycleTable table, StepTable steps, long cycleIndex, HalfCycle half,
                                DqdvOptions o) {
        return of(ts, CycleRows.of(ts, table), steps, cycleIndex, half, o);
    }

    /** As {@link #of(TimeSeries, CycleTable, StepTable, long, HalfCycle, DqdvOptions)} with the cycle rows at hand. */
    public static DqdvResult of(TimeSeries ts, CycleRows rows, StepTable steps, long cycleIndex, HalfCycle half,
                                DqdvOptions o) {
        int p = rows.positionOf(cycleIndex);
        if (p < 0) {
            throw new IllegalArgumentException("the test has no cycle " + cycleIndex + (rows.size() > 0
                    ? " (cycles " + rows.cycleIndex(0) + ".." + rows.cycleIndex(rows.size() - 1) + ")" : ""));
        }
        double[] t = ts.column(Quantity.TEST_TIME);
        double[] v = ts.column(Quantity.VOLTAGE);
        double[] i = ts.column(Quantity.CURRENT);
        List<Long> used = new ArrayList<>();
        double[] qs = new double[Math.max(16, rows.end(p) - rows.first(p))];
        double[] vs = new double[qs.length];
        int n = 0;
        double qBase = 0;
        // the half's constant-current steps; those at the level of the one passing the most charge are used
        List<StepSummary> candidates = new ArrayList<>();
        List<Double> levels = new ArrayList<>();
        double mainLevel = Double.NaN, mainCharge = -1;
        for (StepSummary s : steps.steps()) {
            if (s.firstRow() < rows.first(p) || s.firstRow() >= rows.end(p) || rows.positionOfRow(s.firstRow()) != p
                    || !selected(s, half)) {
                continue;
            }
            double level = ccLevel(i, s.firstRow(), s.firstRow() + s.rows());
            double charge = half == HalfCycle.DISCHARGE ? s.dischargeCapacityAh() : s.chargeCapacityAh();
            candidates.add(s);
            levels.add(level);
            if (charge > mainCharge) {
                mainCharge = charge;
                mainLevel = level;
            }
        }
        for (int c = 0; c < candidates.size(); c++) {
            StepSummary s = candidates.get(c);
            double level = levels.get(c);
            if (!(Math.abs(level - mainLevel) <= o.ccCurrentTolerance() * mainLevel)) {
                continue;
            }
            used.add(s.stepCount());
            int a = s.firstRow(), b = a + s.rows();
            double floor = (1 - o.ccCurrentTolerance()) * level;
            double q = qBase;
            int prev = -1;
            Integrator.Parts parts = new Integrator.Parts();
            for (int r = a; r < b; r++) {
                if (!(Math.abs(i[r]) >= floor)) {
                    continue;
                }
                if (prev >= 0 && r == prev + 1) {
                    q += Integrator.interval(t[prev], v[prev], i[prev], t[r], v[r], i[r], parts).absAh();
                }
                prev = r;
                if (Double.isNaN(v[r]) || (n > 0 && q <= qs[n - 1])) {
                    continue;
                }
                if (n == qs.length) {
                    qs = java.util.Arrays.copyOf(qs, 2 * n);
                    vs = java.util.Arrays.copyOf(vs, 2 * n);
                }
                qs[n] = q;
                vs[n] = v[r];
                n++;
            }
            qBase = q;
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("cycle " + cycleIndex + " has no constant-current " + half.label() + " step");
        }
        if (n < 3) {
            throw new IllegalArgumentException("cycle " + cycleIndex + " has too few " + half.label() + " samples (" + n + ")");
        }
        return compute(cycleIndex, half, java.util.Arrays.copyOf(qs, n), java.util.Arrays.copyOf(vs, n), List.copyOf(used), o);
    }

    /** The 90th percentile of |I| over rows [a, b): the step's constant-current level. */
    private static double ccLevel(double[] i, int a, int b) {
        double[] abs = new double[b - a];
        int m = 0;
        for (int r = a; r < b; r++) {
            if (!Double.isNaN(i[r])) {
                abs[m++] = Math.abs(i[r]);
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(abs, 0, m);
        return abs[Math.min(m - 1, (int) Math.floor(0.9 * (m - 1)))];
    }

    private static boolean selected(StepSummary s, HalfCycle half) {
        if (half == HalfCycle.DISCHARGE) {
            return s.type() == StepType.CC_DISCHARGE || (s.type() == StepType.OTHER && s.currentMeanA() < 0);
        }
        return s.type() == StepType.CC_CHARGE || (s.type() == StepType.OTHER && s.currentMeanA() > 0);
    }

    /** The method on samples of capacity passed (strictly increasing, from the half's start) and voltage. */
    static DqdvResult compute(long cycleIndex, HalfCycle half, double[] qs, double[] vs, List<Long> steps, DqdvOptions o) {
        int n = qs.length;
        double qTotal = qs[n - 1];
        if (!(qTotal > 0)) {
            throw new IllegalArgumentException("cycle " + cycleIndex + " passes no charge in its " + half.label());
        }
        int m = o.capacityPoints() > 0 ? o.capacityPoints() : Math.max(200, Math.min(20000, n));
        double[] qGrid = Numerics.linspace(0, qTotal, m);
        double[] vGrid = Numerics.interpSorted(qs, vs, n, qGrid);
        int window = 0;
        if (o.preSmoothing()) {
            window = o.sgWindow() > 0 ? o.sgWindow() : (int) Math.round(m / 50.0);
            if (window % 2 == 0) {
                window++;
            }
            window = Math.max(window, o.sgOrder() + 2 + (o.sgOrder() % 2 == 0 ? 1 : 0));
            vGrid = Numerics.savitzkyGolay(vGrid, window, o.sgOrder());
        }
        // dV/dQ on the capacity grid
        double dq = qTotal / (m - 1);
        double[] dvdq = new double[m - 1];
        double[] qMid = new double[m - 1];
        for (int k = 0; k < m - 1; k++) {
            dvdq[k] = (vGrid[k + 1] - vGrid[k]) / dq;
            qMid[k] = 0.5 * (qGrid[k] + qGrid[k + 1]);
        }
        double dvdqFwhm = o.dvdqFwhmFraction() * qTotal;
        double dvdqSigma = dvdqFwhm > 0 ? dvdqFwhm / dq / 2 : 0;
        dvdq = Numerics.gaussianSmooth(dvdq, dvdqSigma, o.gaussianTruncate());
        // monotonic envelope, as ascending voltage with the matching capacity
        boolean charge = half == HalfCycle.CHARGE;
        double[] ev = new double[m];
        double[] eq = new double[m];
        int e = 0;
        for (int k = 0; k < m; k++) {
            double val = vGrid[k];
            if (e == 0 || (charge ? val > ev[e - 1] : val < ev[e - 1])) {
                ev[e] = val;
                eq[e] = qGrid[k];
                e++;
            }
        }
        eq[e - 1] = qTotal;
        if (!charge) {
            reverse(ev, e);
            reverse(eq, e);
        }
        double vLo = ev[0], vHi = ev[e - 1];
        int points = (int) Math.round((vHi - vLo) / o.voltageStepV()) + 1;
        if (e < 2 || points < 3) {
            throw new IllegalArgumentException("cycle " + cycleIndex + ": the " + half.label()
                    + " spans too small a voltage range for dQ/dV (" + (vHi - vLo) + " V)");
        }
        double[] vAxis = Numerics.linspace(vLo, vHi, points);
        double[] qOfV = Numerics.interpSorted(ev, eq, e, vAxis);
        double dv = (vHi - vLo) / (points - 1);
        double[] dqdv = new double[points - 1];
        double[] vMid = new double[points - 1];
        for (int k = 0; k < points - 1; k++) {
            dqdv[k] = (qOfV[k + 1] - qOfV[k]) / dv;
            vMid[k] = 0.5 * (vAxis[k] + vAxis[k + 1]);
        }
        double sigma = o.fwhmV() > 0 ? o.fwhmV() / dv / 2 : 0;
        dqdv = Numerics.gaussianSmooth(dqdv, sigma, o.gaussianTruncate());
        if (o.normaliseArea()) {
            double area = 0;
            for (double d : dqdv) {
                area += Math.abs(d) * dv;
            }
            if (area > 0) {
                double f = qTotal / area;
                for (int k = 0; k < dqdv.length; k++) {
                    dqdv[k] *= f;
                }
            }
        }
        List<DqdvPeak> peaks = peaks(vMid, dqdv, dv, o.peakMinProminence());
        DqdvMethod method = new DqdvMethod("cellpy", "Q is the capacity passed in the half-cycle, V ascending: "
                + "dQ/dV and dV/dQ are negative on discharge", n, steps, String.format(java.util.Locale.ROOT,
                "constant-current steps whose level (90th percentile of |I|) is within %s of the level of the step "
                + "passing the most charge; of those, samples with |I| >= %s x the step's level; capacity integrated over "
                + "consecutive kept samples (trapezoid)", CapacityReference.stripZeros(o.ccCurrentTolerance()), CapacityReference.stripZeros(1 - o.ccCurrentTolerance())), m, o.preSmoothing(), window,
                o.preSmoothing() ? o.sgOrder() : 0, INVERSION, dv, o.fwhmV(), sigma, o.gaussianTruncate(),
                "mass_conserving (kernel renormalised at the ends)", dvdqFwhm, dvdqSigma, o.normaliseArea(),
                o.peakMinProminence());
        return new DqdvResult(cycleIndex, half.label(), qTotal, list(vMid), list(dqdv), list(qMid), list(dvdq), peaks,
                method);
    }

    private static void reverse(double[] a, int n) {
        for (int k = 0, j = n - 1; k < j; k++, j--) {
            double tmp = a[k];
            a[k] = a[j];
            a[j] = tmp;
        }
    }

    static List<Double> list(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double d : a) {
            out.add(d);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * Local maxima of |y| at least {@code minProminenceFraction}·max|y| prominent (topographic prominence). A peak's
     * area is ∫|y| dx between the lowest points separating it from its neighbouring peaks (the curve's ends for the
     * outermost peaks), so the areas add up to the whole curve's.
     */
    static List<DqdvPeak> peaks(double[] x, double[] y, double dx, double minProminenceFraction) {
        int n = y.length;
        double[] a = new double[n];
        double max = 0;
        for (int k = 0; k < n; k++) {
            a[k] = Math.abs(y[k]);
            max = Math.max(max, a[k]);
        }
        List<int[]> found = new ArrayList<>();
        List<Double> prominences = new ArrayList<>();
        if (max == 0) {
            return List.of();
        }
        for (int k = 1; k < n - 1; k++) {
            if (!(a[k] > a[k - 1])) {
                continue;
            }
            int plateauEnd = k;
            while (plateauEnd + 1 < n && a[plateauEnd + 1] == a[k]) {
                plateauEnd++;
            }
            if (plateauEnd == n - 1 || !(a[plateauEnd + 1] < a[k])) {
                continue;
            }
            double minL = a[k];
            for (int j = k - 1; j >= 0 && a[j] <= a[k]; j--) {
                minL = Math.min(minL, a[j]);
            }
            double minR = a[k];
            for (int j = plateauEnd + 1; j < n && a[j] <= a[k]; j++) {
                minR = Math.min(minR, a[j]);
            }
            double prominence = a[k] - Math.max(minL, minR);
            if (prominence >= minProminenceFraction * max) {
                found.add(new int[] {(k + plateauEnd) / 2});
                prominences.add(prominence);
            }
        }
        List<DqdvPeak> out = new ArrayList<>(found.size());
        int left = 0;
        for (int f = 0; f < found.size(); f++) {
            int peak = found.get(f)[0];
            int right = n - 1;
            if (f + 1 < found.size()) {
                int nextPeak = found.get(f + 1)[0];
                right = peak;
                for (int j = peak; j <= nextPeak; j++) {
                    if (a[j] < a[right]) {
                        right = j;
                    }
                }
            }
            double area = 0;
            for (int j = left; j <= right; j++) {
                // the valley point is shared: half of it to each side
                double w = (j == left && left > 0) || (j == right && right < n - 1) ? 0.5 : 1.0;
                area += w * a[j] * dx;
            }
            out.add(new DqdvPeak(x[peak], y[peak], prominences.get(f), area, x[left], x[right]));
            left = right;
        }
        return List.copyOf(out);
    }
}
