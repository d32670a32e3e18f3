package tower.core.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tower.core.cycling.CycleFlag;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.StepSummary;
import tower.core.cycling.StepTable;
import tower.core.series.StepType;

/**
 * Sorts the cycles of a summary into regular cycles, diagnostic cycles (recognised by step signature, BEEP PR #175)
 * and cycles that cannot be used. With steps: a cycle with at least {@code minPulses} pulses (a non-rest step after
 * a rest, at most {@code pulseMaxDurationS} long, or typed {@code pulse}) is {@code hppc}; a cycle whose main
 * discharge or charge step (the non-CV step passing the most charge that way) peaks below {@code lowRateFraction}
 * of the median cycle's current is {@code low_rate}. A cycle the summary flagged {@code incomplete}, {@code merged},
 * {@code sign_conflict} or {@code implausible_efficiency} is none of these: its kind is its flags. Without steps only the low-rate test is made, on the cycle's peak
 * currents.
 */
final class CycleClasses {
    static final String REGULAR = "regular";

    final String[] kind;
    final String[] signature;
    final String rule;

    private CycleClasses(String[] kind, String[] signature, String rule) {
        this.kind = kind;
        this.signature = signature;
        this.rule = rule;
    }

    boolean regular(int position) {
        return kind[position].equals(REGULAR);
    }

    boolean diagnostic(int position) {
        return kind[position].equals("hppc") || kind[position].equals("low_rate");
    }

    static CycleClasses of(List<CycleSummary> cycles, StepTable steps, FadeOptions o) {
        int m = cycles.size();
        double[] dischargeI = new double[m];
        double[] chargeI = new double[m];
        int[] pulses = new int[m];
        Arrays.fill(dischargeI, Double.NaN);
        Arrays.fill(chargeI, Double.NaN);
        String rule;
        if (steps != null) {
            rule = String.format(Locale.ROOT, "by steps: hppc = at least %d pulses (non-rest step after a rest, <= %s s, "
                            + "or typed pulse); low_rate = peak current of the main discharge or charge step < %s x the "
                            + "median cycle's",
                    o.minPulses(), CapacityReference.stripZeros(o.pulseMaxDurationS()),
                    CapacityReference.stripZeros(o.lowRateFraction()));
            mainCurrents(cycles, steps.steps(), o, dischargeI, chargeI, pulses);
        } else {
            rule = String.format(Locale.ROOT, "by cycle peak currents (no steps): low_rate = |min current| or max current "
                    + "< %s x the median cycle's", CapacityReference.stripZeros(o.lowRateFraction()));
            for (int p = 0; p < m; p++) {
                CycleSummary c = cycles.get(p);
                dischargeI[p] = c.currentMinA() < 0 ? -c.currentMinA() : Double.NaN;
                chargeI[p] = c.currentMaxA() > 0 ? c.currentMaxA() : Double.NaN;
            }
        }
        double medD = Numerics.median(dischargeI);
        double medC = Numerics.median(chargeI);
        String[] kind = new String[m];
        String[] sig = new String[m];
        for (int p = 0; p < m; p++) {
            CycleSummary c = cycles.get(p);
            String k = REGULAR;
            String s = "";
            String flagged = excludingFlags(c);
            if (!flagged.isEmpty()) {
                k = flagged;
            } else if (pulses[p] >= o.minPulses()) {
                k = "hppc";
                s = pulses[p] + " pulses after rests";
            } else if (dischargeI[p] < o.lowRateFraction() * medD) {
                k = "low_rate";
                s = "discharge " + sig(dischargeI[p]) + " A vs median " + sig(medD) + " A";
            } else if (chargeI[p] < o.lowRateFraction() * medC) {
                k = "low_rate";
                s = "charge " + sig(chargeI[p]) + " A vs median " + sig(medC) + " A";
            } else if (!(c.dischargeCapacityAh() > 0)) {
                k = "no_discharge";
            }
            kind[p] = k;
            sig[p] = s;
        }
        return new CycleClasses(kind, sig, rule);
    }

    /** The summary flags that keep a cycle out of the fade curve, in this order. */
    static final List<CycleFlag> EXCLUDING = List.of(CycleFlag.INCOMPLETE, CycleFlag.MERGED, CycleFlag.SIGN_CONFLICT,
            CycleFlag.IMPLAUSIBLE_EFFICIENCY);

    /** The cycle's excluding flags joined by ", " (empty when none). */
    private static String excludingFlags(CycleSummary c) {
        StringBuilder b = new StringBuilder();
        for (CycleFlag f : EXCLUDING) {
            if (c.hasFlag(f.id())) {
                b.append(b.length() > 0 ? ", " : "").append(f.id());
            }
        }
        return b.toString();
    }

    private static void mainCurrents(List<CycleSummary> cycles, List<StepSummary> steps, FadeOptions o,
                                     double[] dischargeI, double[] chargeI, int[] pulses) {
        int m = cycles.size();
        if (m == 0) {
            return;
        }
        Integer[] order = new Integer[m];
        for (int p = 0; p < m; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (a, b) -> Double.compare(start(cycles.get(a)), start(cycles.get(b))));
        double[] starts = new double[m];
        for (int k = 0; k < m; k++) {
            starts[k] = start(cycles.get(order[k]));
        }
        double[] bestD = new double[m];
        double[] bestC = new double[m];
        for (int k = 0; k < steps.size(); k++) {
            StepSummary s = steps.get(k);
            int p = order[locate(starts, s.startTestTimeS())];
            if (s.isRest()) {
                continue;
            }
            boolean afterRest = k > 0 && steps.get(k - 1).isRest();
            boolean pulse = s.type() == StepType.PULSE || (afterRest && s.durationS() <= o.pulseMaxDurationS());
            if (pulse) {
                pulses[p]++;
                continue;
            }
            if (s.type() == StepType.CV_CHARGE || s.type() == StepType.CV_DISCHARGE) {
                continue;
            }
            // the step's peak current is its constant-current level even when a CV tail was logged in the same step
            double mean = s.currentMeanA();
            if (mean < 0 && s.dischargeCapacityAh() > bestD[p]) {
                bestD[p] = s.dischargeCapacityAh();
                dischargeI[p] = -s.currentMinA();
            } else if (mean > 0 && s.chargeCapacityAh() > bestC[p]) {
                bestC[p] = s.chargeCapacityAh();
                chargeI[p] = s.currentMaxA();
            }
        }
    }

    /** Four significant digits, no trailing zeros. */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Index of the last start not after t (0 when t precedes every start). */
    private static int locate(double[] starts, double t) {
        int lo = 0, hi = starts.length - 1, ans = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= t) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }

    private static double start(CycleSummary c) {
        return Double.isNaN(c.startTestTimeS()) ? Double.POSITIVE_INFINITY : c.startTestTimeS();
    }
}
