package tower.core.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.Integrator;
import tower.core.cycling.StepTable;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;

/**
 * Early-life features of Severson et al. 2019 (definitions §11) from the first regular cycles of a test:
 * ΔQ₁₀₀₋₁₀(V) statistics, capacity-fade lines, charge time, temperature and internal resistance.
 */
public final class EarlyLife {
    static final String CONVENTIONS = "delta_q_* = log10(|statistic|) of dQ(V) = Q_late(V) - Q_early(V) on the voltage "
            + "grid; variance with ddof 0; skewness and excess kurtosis (Fisher) without bias correction, as scipy.stats "
            + "defaults; Q(V) by linear interpolation of the discharge's running-minimum voltage, ends held constant; "
            + "fade lines are least squares of discharge capacity against the regular-cycle number";

    private EarlyLife() {
    }

    /** Regular cycles in order, and their Q(V) sampling helpers. */
    private record Context(TimeSeries ts, CycleTable table, CycleRows rows, List<Integer> regular, double restCurrent) {
    }

    private static Context context(TimeSeries ts, CycleTable table, StepTable steps, EarlyLifeOptions o) {
        CycleClasses classes = CycleClasses.of(table.cycles(), steps, o.fade());
        List<Integer> regular = new ArrayList<>();
        for (int p = 0; p < table.cycles().size(); p++) {
            if (classes.regular(p)) {
                regular.add(p);
            }
        }
        return new Context(ts, table, CycleRows.of(ts, table), regular, steps.restCurrentA());
    }

    public static EarlyLifeFeatures features(TimeSeries ts, CycleTable table, StepTable steps, EarlyLifeOptions o) {
        Context c = context(ts, table, steps, o);
        Map<String, Double> f = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Map<String, Long> used = new LinkedHashMap<>();
        int n = c.regular.size();
        List<CycleSummary> cycles = table.cycles();
        // ΔQ features
        String[] dqNames = {"delta_q_min_log10", "delta_q_mean_log10", "delta_q_var_log10", "delta_q_skew_log10",
                "delta_q_kurt_log10", "delta_q_at_low_voltage_ah"};
        double vLow = Double.NaN, vHigh = Double.NaN;
        if (n >= o.lateCycle()) {
            int pe = c.regular.get(o.earlyCycle() - 1), pl = c.regular.get(o.lateCycle() - 1);
            used.put(Integer.toString(o.earlyCycle()), cycles.get(pe).cycleIndex());
            used.put(Integer.toString(o.lateCycle()), cycles.get(pl).cycleIndex());
            double[][] de = discharge(c, pe);
            double[][] dl = discharge(c, pl);
            if (de[0].length < 2 || dl[0].length < 2) {
                String why = "cycle " + cycles.get(de[0].length < 2 ? pe : pl).cycleIndex() + " has no discharge curve";
                for (String name : dqNames) {
                    put(f, missing, name, Double.NaN, why);
                }
            } else {
                vLow = Double.isNaN(o.voltageLowV()) ? Math.min(de[0][0], dl[0][0]) : o.voltageLowV();
                vHigh = Double.isNaN(o.voltageHighV())
                        ? Math.max(de[0][de[0].length - 1], dl[0][dl[0].length - 1]) : o.voltageHighV();
                double[] grid = Numerics.linspace(vLow, vHigh, o.points());
                double[] dq = deltaQ(de, dl, grid);
                double[] mo = Numerics.moments(dq);
                double min = Double.POSITIVE_INFINITY;
                for (double d : dq) {
                    min = Math.min(min, d);
                }
                put(f, missing, dqNames[0], log10Abs(min), "minimum of dQ is 0");
                put(f, missing, dqNames[1], log10Abs(mo[0]), "mean of dQ is 0");
                put(f, missing, dqNames[2], log10Abs(mo[1]), "variance of dQ is 0");
                put(f, missing, dqNames[3], log10Abs(mo[2]), "skewness of dQ is 0 or undefined");
                put(f, missing, dqNames[4], log10Abs(mo[3]), "kurtosis of dQ is 0 or undefined");
                f.put(dqNames[5], dq[0]);
            }
        } else {
            String why = "only " + n + " regular cycles; dQ needs cycle " + o.lateCycle();
            for (String name : dqNames) {
                put(f, missing, name, Double.NaN, why);
            }
        }
        // capacity-fade features
        int last = Math.min(n, o.lateCycle());
        double[] num = new double[last];
        double[] q = new double[last];
        for (int k = 0; k < last; k++) {
            num[k] = k + 1;
            q[k] = cycles.get(c.regular.get(k)).dischargeCapacityAh();
        }
        String span = o.fadeFirstCycle() + "_" + o.lateCycle();
        String late = o.lateFadeFirstCycle() + "_" + o.lateCycle();
        fadeLine(f, missing, "fade_slope_" + span, "fade_intercept_" + span, num, q, o.fadeFirstCycle(), o.lateCycle(), n);
        fadeLine(f, missing, "fade_slope_" + late, "fade_intercept_" + late, num, q, o.lateFadeFirstCycle(), o.lateCycle(), n);
        int q2 = o.fadeFirstCycle();
        if (n >= q2) {
            double qFirst = q[q2 - 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = q2 - 1; k < last; k++) {
                max = Math.max(max, q[k]);
            }
            f.put("q_" + q2 + "_ah", qFirst);
            put(f, missing, "q_max_minus_q_" + q2 + "_ah", n >= o.lateCycle() ? max - qFirst : Double.NaN,
                    "only " + n + " regular cycles; needs " + o.lateCycle());
        } else {
            put(f, missing, "q_" + q2 + "_ah", Double.NaN, "only " + n + " regular cycles");
            put(f, missing, "q_max_minus_q_" + q2 + "_ah", Double.NaN, "only " + n + " regular cycles");
        }
        put(f, missing, "q_" + o.lateCycle() + "_ah", n >= o.lateCycle() ? q[o.lateCycle() - 1] : Double.NaN,
                "only " + n + " regular cycles");
        // charge time
        int ct = Math.min(n, o.chargeTimeCycles());
        double sum = 0;
        for (int k = 0; k < ct; k++) {
            sum += cycles.get(c.regular.get(k)).chargeDurationS();
        }
        put(f, missing, "charge_time_mean_1_" + o.chargeTimeCycles() + "_s", ct == o.chargeTimeCycles() ? sum / ct : Double.NaN,
                "only " + n + " regular cycles");
        temperature(c, f, missing, o, span);
        resistance(c, f, missing, o);
        // label
        FadeResult fade = Fade.analyze(table, steps, o.fade());
        String rule = String.format(Locale.ROOT, "first regular cycle with soh < %s, reference %s",
                CapacityReference.stripZeros(o.fade().threshold()), fade.referenceRule());
        return new EarlyLifeFeatures(ts.metadata() == null ? "" : ts.metadata().sourceName(),
                Collections.unmodifiableMap(f), Collections.unmodifiableMap(missing), n,
                Collections.unmodifiableMap(used), vLow, vHigh, fade.eolCycle(), fade.censoredAt(), rule, CONVENTIONS, o);
    }

    /** ΔQ(V) between the early and late regular cycles, on the options' voltage window. */
    public static DeltaQCurve deltaQ(TimeSeries ts, CycleTable table, StepTable steps, EarlyLifeOptions o) {
        Context c = context(ts, table, steps, o);
        int n = c.regular.size();
        if (n < o.lateCycle()) {
            throw new IllegalArgumentException("only " + n + " regular cycles; dQ needs cycle " + o.lateCycle());
        }
        int pe = c.regular.get(o.earlyCycle() - 1), pl = c.regular.get(o.lateCycle() - 1);
        double[][] de = discharge(c, pe);
        double[][] dl = discharge(c, pl);
        if (de[0].length < 2 || dl[0].length < 2) {
            throw new IllegalArgumentException("cycle " + table.cycles().get(de[0].length < 2 ? pe : pl).cycleIndex()
                    + " has no discharge curve");
        }
        double vLow = Double.isNaN(o.voltageLowV()) ? Math.min(de[0][0], dl[0][0]) : o.voltageLowV();
        double vHigh = Double.isNaN(o.voltageHighV()) ? Math.max(de[0][de[0].length - 1], dl[0][dl[0].length - 1]) : o.voltageHighV();
        double[] grid = Numerics.linspace(vLow, vHigh, o.points());
        return new DeltaQCurve(table.cycles().get(pe).cycleIndex(), table.cycles().get(pl).cycleIndex(),
                Dqdv.list(grid), Dqdv.list(deltaQ(de, dl, grid)));
    }

    private static double[] deltaQ(double[][] early, double[][] late, double[] grid) {
        double[] qe = Numerics.interpSorted(early[0], early[1], early[0].length, grid);
        double[] ql = Numerics.interpSorted(late[0], late[1], late[0].length, grid);
        double[] dq = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            dq[k] = ql[k] - qe[k];
        }
        return dq;
    }

    /**
     * The discharge of one cycle as {ascending voltage, discharge capacity}: samples with I below the rest band,
     * capacity integrated by trapezoids, kept where the voltage reaches a new minimum (so Q(V) is single-valued).
     */
    private static double[][] discharge(Context c, int p) {
        double[] t = c.ts.column(Quantity.TEST_TIME);
        double[] v = c.ts.column(Quantity.VOLTAGE);
        double[] i = c.ts.column(Quantity.CURRENT);
        int a = c.rows.first(p), b = c.rows.end(p);
        double[] vs = new double[Math.max(1, b - a)];
        double[] qs = new double[vs.length];
        int e = 0;
        double q = 0;
        Integrator.Parts parts = new Integrator.Parts();
        for (int r = a; r < b; r++) {
            if (c.rows.positionOfRow(r) != p || !(i[r] < -c.restCurrent)) {
                continue;
            }
            if (r > a) {
                q += Integrator.interval(t[r - 1], v[r - 1], i[r - 1], t[r], v[r], i[r], parts).dischargeAh;
            }
            if (!Double.isNaN(v[r]) && (e == 0 || v[r] < vs[e - 1])) {
                vs[e] = v[r];
                qs[e] = q;
                e++;
            }
        }
        if (e > 0) {
            qs[e - 1] = q; // the lowest voltage carries the whole discharge (e.g. a CV hold at the cut-off)
        }
        double[] va = new double[e];
        double[] qa = new double[e];
        for (int k = 0; k < e; k++) {
            va[k] = vs[e - 1 - k];
            qa[k] = qs[e - 1 - k];
        }
        return new double[][] {va, qa};
    }

    private static void fadeLine(Map<String, Double> f, Map<String, String> missing, String slopeName,
                                 String interceptName, double[] num, double[] q, int first, int last, int n) {
        if (n < last) {
            String why = "only " + n + " regular cycles; needs " + last;
            put(f, missing, slopeName, Double.NaN, why);
            put(f, missing, interceptName, Double.NaN, why);
            return;
        }
        double[] fit = Numerics.linearFit(num, q, first - 1, last);
        put(f, missing, slopeName, fit[0], "fewer than 2 cycles in the window");
        put(f, missing, interceptName, fit[1], "fewer than 2 cycles in the window");
    }

    private static void temperature(Context c, Map<String, Double> f, Map<String, String> missing, EarlyLifeOptions o,
                                    String span) {
        String integral = "temperature_integral_" + span + "_c_s";
        String max = "temperature_max_" + span + "_c";
        String min = "temperature_min_" + span + "_c";
        Quantity col = null;
        for (Quantity q : Quantity.TEMPERATURES) {
            if (c.ts.has(q)) {
                col = q;
                break;
            }
        }
        int n = c.regular.size();
        if (col == null || n < o.lateCycle()) {
            String why = col == null ? "the test has no cell temperature" : "only " + n + " regular cycles; needs " + o.lateCycle();
            put(f, missing, integral, Double.NaN, why);
            put(f, missing, max, Double.NaN, why);
            put(f, missing, min, Double.NaN, why);
            return;
        }
        double[] t = c.ts.column(Quantity.TEST_TIME);
        double[] temp = c.ts.column(col);
        double sum = 0, hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
        for (int k = o.fadeFirstCycle() - 1; k < o.lateCycle(); k++) {
            int p = c.regular.get(k);
            int prev = -1;
            for (int r = c.rows.first(p); r < c.rows.end(p); r++) {
                if (c.rows.positionOfRow(r) != p || Double.isNaN(temp[r]) || Double.isNaN(t[r])) {
                    continue;
                }
                hi = Math.max(hi, temp[r]);
                lo = Math.min(lo, temp[r]);
                if (prev >= 0 && t[r] > t[prev]) {
                    sum += 0.5 * (temp[r] + temp[prev]) * (t[r] - t[prev]);
                }
                prev = r;
            }
        }
        boolean any = hi > Double.NEGATIVE_INFINITY;
        put(f, missing, integral, any ? sum : Double.NaN, "no temperature samples in the cycles");
        put(f, missing, max, any ? hi : Double.NaN, "no temperature samples in the cycles");
        put(f, missing, min, any ? lo : Double.NaN, "no temperature samples in the cycles");
    }

    /** Internal resistance: the last value the instrument logged in each cycle (as BEEP's summary). */
    private static void resistance(Context c, Map<String, Double> f, Map<String, String> missing, EarlyLifeOptions o) {
        int a = o.fadeFirstCycle(), z = o.lateCycle();
        String first = "ir_" + a + "_ohm", min = "ir_min_" + a + "_" + z + "_ohm", diff = "ir_" + z + "_minus_" + a + "_ohm";
        Quantity col = c.ts.has(Quantity.INTERNAL_RESISTANCE) ? Quantity.INTERNAL_RESISTANCE
                : c.ts.has(Quantity.DC_INTERNAL_RESISTANCE) ? Quantity.DC_INTERNAL_RESISTANCE : null;
        int n = c.regular.size();
        if (col == null || n < z) {
            String why = col == null ? "the test has no internal resistance column" : "only " + n + " regular cycles; needs " + z;
            put(f, missing, first, Double.NaN, why);
            put(f, missing, min, Double.NaN, why);
            put(f, missing, diff, Double.NaN, why);
            return;
        }
        double[] ir = c.ts.column(col);
        double[] last = new double[z];
        double lo = Double.POSITIVE_INFINITY;
        for (int k = a - 1; k < z; k++) {
            int p = c.regular.get(k);
            last[k] = Double.NaN;
            for (int r = c.rows.end(p) - 1; r >= c.rows.first(p); r--) {
                if (c.rows.positionOfRow(r) == p && ir[r] > 0) {
                    last[k] = ir[r];
                    break;
                }
            }
            if (!Double.isNaN(last[k])) {
                lo = Math.min(lo, last[k]);
            }
        }
        put(f, missing, first, last[a - 1], "no resistance logged in cycle " + a);
        put(f, missing, min, lo < Double.POSITIVE_INFINITY ? lo : Double.NaN, "no resistance logged in the cycles");
        put(f, missing, diff, last[z - 1] - last[a - 1], "no resistance logged in cycle " + a + " or " + z);
    }

    private static double log10Abs(double x) {
        double a = Math.abs(x);
        return a > 0 && Double.isFinite(a) ? Math.log10(a) : Double.NaN;
    }

    private static void put(Map<String, Double> f, Map<String, String> missing, String name, double value, String why) {
        f.put(name, value);
        if (Double.isNaN(value)) {
            missing.put(name, why);
        }
    }
}
