package tower.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tower.core.cycling.CycleFlag;
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
 * R(first), charge-transfer R(2 s) − R(first) and polarisation R(end) − R(2 s) (BEEP PR #67). A value the sampling
 * cannot support is NaN with its reason rather than interpolated across a wide gap; negative and absurd resistances
 * are flagged; SOC is relative to a stated capacity (the option, else a reference cycle's measured discharge).
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
            int firstCycle = pulseSteps.isEmpty() ? -1 : rows.positionOfRow(all.get(pulseSteps.get(0)).firstRow());
            CycleSummary ref = referenceCycle(table.cycles(), firstCycle);
            if (ref != null) {
                capacity = ref.dischargeCapacityAh();
                capacitySource = "measured discharge capacity of cycle " + ref.cycleIndex()
                        + (firstCycle > 0 && table.cycles().get(firstCycle - 1) == ref
                        ? " (the cycle before the first pulse)" : " (the largest of the unflagged cycles)");
            } else {
                capacity = qMax - qMin > 0 ? qMax - qMin : Double.NaN;
                capacitySource = "the test's net-charge swing (no unflagged cycle with a full discharge; give --capacity)";
            }
        }
        double[] stepTime = ts.has(Quantity.STEP_TIME) ? ts.column(Quantity.STEP_TIME) : null;
        List<Pulse> pulses = new ArrayList<>();
        int unsupported = 0;
        int lateFirst = 0;
        int flagged = 0;
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
            Map<String, String> missing = new LinkedHashMap<>();
            // the step edge lies between the rest's last sample and the pulse's first; a step time that restarted
            // at the edge bounds it better (one that did not restart is larger than the gap and is ignored)
            double delay = t[a] - t[restEnd - 1];
            if (stepTime != null && Double.isFinite(stepTime[a]) && stepTime[a] >= 0) {
                delay = Math.min(delay, stepTime[a]);
            }
            double r0 = Double.NaN;
            if (delay <= o.firstSampleMaxDelayS()) {
                r0 = resistance(v[a], i[a], vOcv, iOcv);
            } else {
                missing.put("first", "the pulse's first sample is " + CapacityReference.stripZeros(round(delay))
                        + " s after the step edge (more than " + CapacityReference.stripZeros(o.firstSampleMaxDelayS())
                        + " s): not an ohmic resistance");
                lateFirst++;
            }
            res.put("first", r0);
            double r2 = Double.NaN;
            String[] why = new String[1];
            for (double tau : o.timesS()) {
                String key = CapacityReference.stripZeros(tau) + "s";
                why[0] = null;
                double rt = resistanceAt(t, v, i, a, b, tau, vOcv, iOcv, o, why);
                res.put(key, rt);
                if (why[0] != null) {
                    missing.put(key, why[0]);
                    if (why[0].startsWith("no sample")) {
                        unsupported++;
                    }
                }
                if (tau == 2.0) {
                    r2 = rt;
                }
            }
            if (!o.timesS().contains(2.0)) {
                r2 = resistanceAt(t, v, i, a, b, 2.0, vOcv, iOcv, o, why);
            }
            double rEnd = resistance(v[b - 1], i[b - 1], vOcv, iOcv);
            res.put("end", rEnd);
            List<String> flags = new ArrayList<>();
            for (double r : res.values()) {
                if (r < 0 && !flags.contains("negative_resistance")) {
                    flags.add("negative_resistance");
                }
                if (r > o.maxResistanceOhm() && !flags.contains("absurd_resistance")) {
                    flags.add("absurd_resistance");
                }
            }
            if (!flags.isEmpty()) {
                flagged++;
            }
            double soc = 1.0 - (qMax - qAtPulse[k]) / capacity;
            int pos = rows.positionOfRow(a);
            pulses.add(new Pulse(k + 1, s.stepCount(), pos < 0 ? -1 : rows.cycleIndex(pos),
                    s.currentMeanA() > 0 ? "charge" : "discharge", t[a], s.durationS(), s.currentMeanA(), vOcv, iOcv,
                    rest.durationS(), soc, java.util.Collections.unmodifiableMap(res),
                    java.util.Collections.unmodifiableMap(missing), r0, r2 - r0, rEnd - r2, flags));
        }
        List<String> warnings = new ArrayList<>();
        if (unsupported > 0) {
            warnings.add(unsupported + " resistance values are null: the sampling has no sample near that time (see "
                    + "each pulse's missing); log pulses faster to get them");
        }
        if (lateFirst > 0) {
            warnings.add(lateFirst + " pulses have no first-sample (ohmic) resistance: their first sample is more than "
                    + CapacityReference.stripZeros(o.firstSampleMaxDelayS()) + " s after the step edge");
        }
        if (flagged > 0) {
            warnings.add(flagged + " pulses have a negative or absurd resistance (flags): check the current sign and "
                    + "the rest before each pulse");
        }
        String pulseRule = String.format(Locale.ROOT, "a non-rest step directly after a rest of at least %s s, lasting at "
                        + "most %s s", CapacityReference.stripZeros(o.minRestS()),
                CapacityReference.stripZeros(o.maxPulseDurationS()));
        String resistanceRule = "R(t) = (V(t) - V_ocv) / (I(t) - I_ocv); V_ocv = last sample of the preceding rest, I_ocv = "
                + "mean of its last " + o.restSamplesForCurrent() + " samples; t from the pulse's first sample; R(first) "
                + "only when that sample is at most " + CapacityReference.stripZeros(o.firstSampleMaxDelayS())
                + " s after the step edge; R(t) needs a sample within max(" + CapacityReference.stripZeros(o.sampleToleranceS())
                + " s, " + CapacityReference.stripZeros(o.sampleToleranceRelative()) + " t) of t (V and I then linearly "
                + "interpolated), else NaN; a time past the pulse's end by at most max(0.02 s, 1 %) takes the last "
                + "sample, a later one is NaN; ohmic = R(first), charge_transfer = R(2s) - R(first), polarisation = "
                + "R(end) - R(2s)";
        String socRule = "soc = 1 - (max net charge - net charge at pulse start) / capacity; net charge = integral of I dt "
                + "from the test start (definitions §4), so SOC 1 is the most charged point of the test";
        return new HppcResult(resistanceRule, pulseRule, socRule, capacity, capacitySource, o, List.copyOf(pulses),
                List.copyOf(warnings));
    }

    /**
     * The cycle whose measured discharge capacity SOC is relative to: the cycle before the first pulse's when it is
     * unflagged and has a discharge, else the unflagged cycle with the largest discharge; null when none.
     */
    private static CycleSummary referenceCycle(List<CycleSummary> cycles, int firstPulseCycle) {
        if (firstPulseCycle > 0 && usable(cycles.get(firstPulseCycle - 1))) {
            return cycles.get(firstPulseCycle - 1);
        }
        CycleSummary best = null;
        for (CycleSummary c : cycles) {
            if (usable(c) && (best == null || c.dischargeCapacityAh() > best.dischargeCapacityAh())) {
                best = c;
            }
        }
        return best;
    }

    private static boolean usable(CycleSummary c) {
        return c.dischargeCapacityAh() > 0 && !c.hasFlag(CycleFlag.INCOMPLETE.id()) && !c.hasFlag(CycleFlag.MERGED.id())
                && !c.hasFlag(CycleFlag.SIGN_CONFLICT.id()) && !c.hasFlag(CycleFlag.IMPLAUSIBLE_EFFICIENCY.id());
    }

    private static double round(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(3)).doubleValue();
    }

    private static double resistance(double v, double i, double vOcv, double iOcv) {
        double di = i - iOcv;
        return di == 0 || Double.isNaN(di) ? Double.NaN : (v - vOcv) / di;
    }

    /** R at τ after the pulse's first sample, or NaN with the reason in {@code why[0]}. */
    private static double resistanceAt(double[] t, double[] v, double[] i, int a, int b, double tau, double vOcv,
                                       double iOcv, PulseOptions o, String[] why) {
        double time = t[a] + tau;
        double over = time - t[b - 1];
        if (over > 0) {
            // a pulse logged from a few ms after its start still counts as lasting its nominal time
            if (over <= Math.max(END_TOLERANCE_S, END_TOLERANCE * tau)) {
                return resistance(v[b - 1], i[b - 1], vOcv, iOcv);
            }
            why[0] = "the pulse lasts " + CapacityReference.stripZeros(round(t[b - 1] - t[a])) + " s";
            return Double.NaN;
        }
        int k = a;
        while (k + 1 < b && t[k + 1] < time) {
            k++;
        }
        int next = Math.min(k + 1, b - 1);
        double nearest = Math.min(Math.abs(time - t[k]), Math.abs(t[next] - time));
        double tolerance = Math.max(o.sampleToleranceS(), o.sampleToleranceRelative() * tau);
        if (nearest > tolerance) {
            why[0] = "no sample within " + CapacityReference.stripZeros(round(tolerance)) + " s of " + CapacityReference.stripZeros(tau)
                    + " s (samples at " + CapacityReference.stripZeros(round(t[k] - t[a])) + " and "
                    + CapacityReference.stripZeros(round(t[next] - t[a])) + " s)";
            return Double.NaN;
        }
        if (next == k || t[next] == t[k]) {
            return resistance(v[k], i[k], vOcv, iOcv);
        }
        double f = (time - t[k]) / (t[next] - t[k]);
        f = Math.max(0, Math.min(1, f));
        return resistance(v[k] + f * (v[next] - v[k]), i[k] + f * (i[next] - i[k]), vOcv, iOcv);
    }
}
