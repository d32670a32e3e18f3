package tower.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.Integrator;
import tower.core.cycling.StepSummary;
import tower.core.cycling.StepTable;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;

/**
 * Current pulses after rests and their resistances (definitions §10, BEEP's res_calc): R(t) = (V(t) − V_ocv) /
 * (I(t) − I_ocv) with V_ocv the rest's last voltage and I_ocv the mean of its last samples; split into ohmic
 * R(first), charge-transfer R(2 s) − R(first) and polarisation R(end) − R(2 s) (BEEP PR #67).
 */
public final class Hppc {
    private static final double END_TOLERANCE_S = 0.02;
    private static final double END_TOLERANCE = 0.01;
    private Hppc() {
    }

    public static HppcResult analyze(TimeSeries ts, CycleTable table, StepTable steps, PulseOptions o) {
        double[] t = ts.column(Quantity.TEST_TIME);
        double[] v = ts.column(Quantity.VOLTAGE);
        double[] i = ts.column(Quantity.CURRENT);
        CycleRows rows = CycleRows.of(ts, table);
        List<StepSummary> all = steps.steps();
        List<Integer> pulseSteps = new ArrayList<>();
        for (int k = 1; k < all.size(); k++) {
            StepSummary s = all.get(k);
            StepSummary rest = all.get(k - 1);
            if (s.isRest() || !rest.isRest() || s.rows() < 2 || rest.durationS() < o.minRestS()) {
                continue;
            }
            if (s.durationS() <= o.maxPulseDurationS()) {
                pulseSteps.add(k);
            }
        }
        // net charge passed since the start; SOC is anchored at its maximum (the fully charged point)
        int n = ts.size();
        double[] qAtPulse = new double[pulseSteps.size()];
        double q = 0, qMax = 0, qMin = 0;
        Integrator.Parts parts = new Integrator.Parts();
        int next = 0;
        for (int r = 0; r < n; r++) {
            if (r > 0) {
                double dt = t[r] - t[r - 1];
                q += Integrator.interval(t[r - 1], v[r - 1], i[r - 1], t[r], v[r], i[r], parts).netAh();
            }
            qMax = Math.max(qMax, q);
            qMin = Math.min(qMin, q);
            while (next < pulseSteps.size() && all.get(pulseSteps.get(next)).firstRow() == r) {
                qAtPulse[next++] = q;
            }
        }
        double capacity;
        String capacitySource;
        if (o.capacityAh() > 0) {
            capacity = o.capacityAh();
            capacitySource = "option";
        } else {
            capacity = qMax - qMin;
            for (CycleSummary c : table.cycles()) {
                capacity = Math.max(capacity, Math.max(c.dischargeCapacityAh(), c.chargeCapacityAh()));
            }
            if (!(capacity > 0)) {
                capacity = Double.NaN;
            }
            capacitySource = "largest of any cycle's charge or discharge capacity and the test's net-charge swing";
        }
        List<Pulse> pulses = new ArrayList<>();
        for (int k = 0; k < pulseSteps.size(); k++) {
            StepSummary s = all.get(pulseSteps.get(k));
            StepSummary rest = all.get(pulseSteps.get(k) - 1);
            int restEnd = rest.firstRow() + rest.rows();
            double vOcv = v[restEnd - 1];
            double iOcv = 0;
            int count = 0;
            for (int r = Math.max(rest.firstRow(), restEnd - o.restSamplesForCurrent()); r < restEnd; r++) {
                if (!Double.isNaN(i[r])) {
                    iOcv += i[r];
                    count++;
                }
            }
            iOcv = count > 0 ? iOcv / count : 0;
            int a = s.firstRow(), b = a + s.rows();
            Map<String, Double> res = new LinkedHashMap<>();
            double r0 = resistance(v[a], i[a], vOcv, iOcv);
            res.put("first", r0);
            double r2 = Double.NaN;
            for (double tau : o.timesS()) {
                double rt = resistanceAt(t, v, i, a, b, t[a] + tau, vOcv, iOcv);
                res.put(CapacityReference.stripZeros(tau) + "s", rt);
                if (tau == 2.0) {
                    r2 = rt;
                }
            }
            if (!o.timesS().contains(2.0)) {
                r2 = resistanceAt(t, v, i, a, b, t[a] + 2.0, vOcv, iOcv);
            }
            double rEnd = resistance(v[b - 1], i[b - 1], vOcv, iOcv);
            res.put("end", rEnd);
            double soc = 1.0 - (qMax - qAtPulse[k]) / capacity;
            int pos = rows.positionOfRow(a);
            pulses.add(new Pulse(k + 1, s.stepCount(), pos < 0 ? -1 : rows.cycleIndex(pos),
                    s.currentMeanA() > 0 ? "charge" : "discharge", t[a], s.durationS(), s.currentMeanA(), vOcv, iOcv,
                    rest.durationS(), soc, java.util.Collections.unmodifiableMap(res), r0, r2 - r0, rEnd - r2));
        }
        String pulseRule = String.format(Locale.ROOT, "a non-rest step directly after a rest of at least %s s, lasting at "
                        + "most %s s", CapacityReference.stripZeros(o.minRestS()),
                CapacityReference.stripZeros(o.maxPulseDurationS()));
        String resistanceRule = "R(t) = (V(t) - V_ocv) / (I(t) - I_ocv); V_ocv = last sample of the preceding rest, I_ocv = "
                + "mean of its last " + o.restSamplesForCurrent() + " samples; t from the pulse's first sample, V and I "
                + "linearly interpolated; a time past the pulse's end by at most max(0.02 s, 1 %) takes the last sample, "
                + "a later one is NaN; ohmic = R(first), charge_transfer = R(2s) - R(first), polarisation = R(end) - R(2s)";
        String socRule = "soc = 1 - (max net charge - net charge at pulse start) / capacity; net charge = integral of I dt "
                + "from the test start (trapezoid), so SOC 1 is the most charged point of the test";
        return new HppcResult(resistanceRule, pulseRule, socRule, capacity, capacitySource, o, List.copyOf(pulses));
    }

    private static double resistance(double v, double i, double vOcv, double iOcv) {
        double di = i - iOcv;
        return di == 0 || Double.isNaN(di) ? Double.NaN : (v - vOcv) / di;
    }

    private static double resistanceAt(double[] t, double[] v, double[] i, int a, int b, double time, double vOcv,
                                       double iOcv) {
        double over = time - t[b - 1];
        if (over > 0) {
            // a pulse logged from a few ms after its start still counts as lasting its nominal time
            return over <= Math.max(END_TOLERANCE_S, END_TOLERANCE * (time - t[a]))
                    ? resistance(v[b - 1], i[b - 1], vOcv, iOcv) : Double.NaN;
        }
        int k = a;
        while (k + 1 < b && t[k + 1] < time) {
            k++;
        }
        if (k + 1 >= b || t[k + 1] == t[k]) {
            return resistance(v[k], i[k], vOcv, iOcv);
        }
        double f = (time - t[k]) / (t[k + 1] - t[k]);
        f = Math.max(0, Math.min(1, f));
        return resistance(v[k] + f * (v[k + 1] - v[k]), i[k] + f * (i[k + 1] - i[k]), vOcv, iOcv);
    }
}
