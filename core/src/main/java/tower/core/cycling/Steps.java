package tower.core.cycling;

import java.util.ArrayList;
import java.util.List;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TimeSeries;

/**
 * Segments a normalised time series into steps (by {@code Step Count}) and classifies each one, preferring the
 * vendor's own step type where the file has one; otherwise cellpy-style rules (definitions §5):
 * rest when |I| stays below ε_I = max(floor, relative·max|I|); charge or discharge by the sign of the mean current;
 * CV when |ΔV/V| &lt; cvVoltageRelative and |I| falls by more than cvCurrentDrop; a short non-rest step between
 * rests is a pulse. A constant-voltage phase at the end of a CC step (a vendor "CCCV" step) becomes a step of its
 * own, typed cv_charge/cv_discharge by rules, with the same {@code Step Count}. A step's capacities integrate the intervals ending at its samples ({@link Integrator}), the
 * interval from the previous step's last sample included, so the steps of a cycle add up to the cycle's totals.
 */
public final class Steps {
    private Steps() {
    }

    public static StepTable of(TimeSeries ts, CyclingOptions o) {
        int n = ts.size();
        double[] t = ts.column(Quantity.TEST_TIME);
        double[] v = ts.column(Quantity.VOLTAGE);
        double[] i = ts.column(Quantity.CURRENT);
        double[] sc = ts.column(Quantity.STEP_COUNT);
        double[] si = ts.has(Quantity.STEP_INDEX) ? ts.column(Quantity.STEP_INDEX) : null;
        double[] cy = ts.has(Quantity.CYCLE_COUNT) ? ts.column(Quantity.CYCLE_COUNT) : null;
        byte[] st = ts.has(Quantity.STEP_TYPE) ? ts.stepTypes() : null;
        double maxAbs = 0;
        for (int k = 0; k < n; k++) {
            if (!Double.isNaN(i[k])) {
                maxAbs = Math.max(maxAbs, Math.abs(i[k]));
            }
        }
        double eps = Math.max(o.restCurrentFloorA(), o.restCurrentRelative() * maxAbs);
        List<StepSummary> out = new ArrayList<>();
        int start = 0;
        if (o.hasNominalCapacity()) {
            eps = Math.max(eps, o.restCurrentRelative() * o.nominalCapacityAh());
        }
        while (start < n) {
            int end = start + 1;
            while (end < n && sc[end] == sc[start]) {
                end++;
            }
            StepSummary whole = summarise(start, end, t, v, i, sc, si, cy, st, eps, o, null);
            int cv = whole.type() == StepType.CC_CHARGE || whole.type() == StepType.CC_DISCHARGE
                    ? cvOnset(start, end, t, v, i, o) : -1;
            if (cv > start + 1) {
                // a CC-CV step logged as one (vendor "CCCV"): the CC part keeps the step's type, the CV part is typed
                StepType cvType = whole.type() == StepType.CC_CHARGE ? StepType.CV_CHARGE : StepType.CV_DISCHARGE;
                out.add(summarise(start, cv, t, v, i, sc, si, cy, st, eps, o, whole.type()));
                out.add(summarise(cv, end, t, v, i, sc, si, cy, st, eps, o, cvType));
            } else {
                out.add(whole);
            }
            start = end;
        }
        // pulses: short non-rest steps with rest on both sides
        for (int k = 1; k + 1 < out.size(); k++) {
            StepSummary s = out.get(k);
            if (!s.isRest() && s.typeSource().equals("rules") && s.durationS() <= o.pulseMaxDurationS()
                    && out.get(k - 1).isRest() && out.get(k + 1).isRest()) {
                out.set(k, withType(s, StepType.PULSE));
            }
        }
        return new StepTable(eps, o, List.copyOf(out));
    }

    private static StepSummary withType(StepSummary s, StepType type) {
        return new StepSummary(s.stepCount(), s.vendorStepIndex(), s.cycleCount(), type, s.typeSource(), s.firstRow(),
                s.rows(), s.startTestTimeS(), s.durationS(), s.currentMeanA(), s.currentFirstA(), s.currentLastA(),
                s.currentMinA(), s.currentMaxA(), s.voltageFirstV(), s.voltageLastV(), s.voltageMinV(),
                s.voltageMaxV(), s.chargeCapacityAh(), s.dischargeCapacityAh());
    }

    /**
     * The first row of a constant-voltage phase at the end of rows [a, b), or -1: BEEP's onset test (over at least
     * 1 s: |dV/dt| ≤ 1e-5 V/s and |I| falling by at least 1e-4 A/s), after which the voltage stays within
     * cvVoltageRelative of its onset value and |I| falls by more than cvCurrentDrop to the step's end.
     */
    private static int cvOnset(int a, int b, double[] t, double[] v, double[] i, CyclingOptions o) {
        int j = a;
        for (int k = a + 1; k < b; k++) {
            while (j + 1 < k && t[k] - t[j + 1] >= 1.0) {
                j++;
            }
            double dt = t[k] - t[j];
            if (!(dt >= 1.0)) {
                continue;
            }
            double dvdt = Math.abs(v[k] - v[j]) / dt;
            double didt = (Math.abs(i[k]) - Math.abs(i[j])) / dt;
            if (!(dvdt <= 1e-5 && didt <= -1e-4)) {
                continue;
            }
            int onset = j;
            double v0 = v[onset];
            double i0 = Math.abs(i[onset]);
            boolean held = true;
            for (int r = onset; r < b && held; r++) {
                held = Math.abs(v[r] - v0) <= o.cvVoltageRelative() * Math.abs(v0);
            }
            if (held && i0 > 0 && (i0 - Math.abs(i[b - 1])) / i0 > o.cvCurrentDrop()) {
                return onset + 1; // the onset sample ends the CC phase; the CV phase's intervals start after it
            }
            return -1;
        }
        return -1;
    }

    private static StepSummary summarise(int a, int b, double[] t, double[] v, double[] i, double[] sc, double[] si,
                                         double[] cy, byte[] st, double eps, CyclingOptions o, StepType forced) {
        double imin = Double.POSITIVE_INFINITY, imax = Double.NEGATIVE_INFINITY, vmin = Double.POSITIVE_INFINITY,
                vmax = Double.NEGATIVE_INFINITY, isum = 0, qc = 0, qd = 0;
        int icount = 0;
        Integrator.Parts parts = new Integrator.Parts();
        double tmax = t[a];
        for (int k = a; k < b; k++) {
            if (!Double.isNaN(i[k])) {
                imin = Math.min(imin, i[k]);
                imax = Math.max(imax, i[k]);
                isum += i[k];
                icount++;
            }
            if (t[k] > tmax) {
                tmax = t[k];
            }
            if (!Double.isNaN(v[k])) {
                vmin = Math.min(vmin, v[k]);
                vmax = Math.max(vmax, v[k]);
            }
            if (k > 0) {
                Integrator.interval(t[k - 1], v[k - 1], i[k - 1], t[k], v[k], i[k], parts);
                qc += parts.chargeAh;
                qd += parts.dischargeAh;
            }
        }
        double mean = icount > 0 ? isum / icount : Double.NaN;
        StepType type;
        String source;
        if (forced != null) {
            type = forced;
            source = forced == StepType.CV_CHARGE || forced == StepType.CV_DISCHARGE ? "rules" : st != null && st[a] >= 0 ? "vendor" : "rules";
        } else if (st != null && st[a] >= 0) {
            type = StepType.ofOrdinal(st[a]);
            source = "vendor";
        } else {
            source = "rules";
            if (icount == 0 || (Math.abs(imax) < eps && Math.abs(imin) < eps)) {
                type = StepType.REST;
            } else {
                boolean charge = mean > 0;
                double v0 = v[a], v1 = v[b - 1];
                double i0 = Math.abs(i[a]), i1 = Math.abs(i[b - 1]);
                boolean flatV = v0 != 0 && Math.abs((v1 - v0) / v0) < o.cvVoltageRelative();
                boolean currentFalls = i0 > 0 && (i0 - i1) / i0 > o.cvCurrentDrop();
                if (flatV && currentFalls) {
                    type = charge ? StepType.CV_CHARGE : StepType.CV_DISCHARGE;
                } else {
                    type = charge ? StepType.CC_CHARGE : StepType.CC_DISCHARGE;
                }
            }
        }
        return new StepSummary((long) sc[a], si == null ? Double.NaN : si[a], cy == null ? Double.NaN : cy[a], type,
                source, a, b - a, t[a], tmax - t[a], mean, i[a], i[b - 1], fin(imin), fin(imax), v[a], v[b - 1],
                fin(vmin), fin(vmax), qc, qd);
    }

    private static double fin(double x) {
        return Double.isInfinite(x) ? Double.NaN : x;
    }
}
