package tower.core.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.StepTable;

/** SOH, end of life, knee and fade rate of a test from its per-cycle summary (definitions §8). */
public final class Fade {
    private Fade() {
    }

    /** Diagnostic cycles are recognised from the cycles' peak currents only (no HPPC detection). */
    public static FadeResult analyze(CycleTable table, FadeOptions options) {
        return run(table, null, options);
    }

    /** Diagnostic cycles are recognised by step signature (pulses, low-rate steps). */
    public static FadeResult analyze(CycleTable table, StepTable steps, FadeOptions options) {
        return run(table, steps, options);
    }

    private static FadeResult run(CycleTable table, StepTable steps, FadeOptions o) {
        List<CycleSummary> cycles = table.cycles();
        CycleClasses classes = CycleClasses.of(cycles, steps, o);
        List<String> warnings = new ArrayList<>();
        int m = cycles.size();
        double[] x = new double[m];
        double[] q = new double[m];
        int n = 0;
        List<ExcludedCycle> excluded = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            CycleSummary c = cycles.get(p);
            if (classes.regular(p)) {
                x[n] = c.cycleIndex();
                q[n] = c.dischargeCapacityAh();
                n++;
            } else if (!classes.diagnostic(p)) {
                excluded.add(new ExcludedCycle(c.cycleIndex(), classes.kind[p]));
            }
        }
        // reference capacity
        CapacityReference ref = o.reference();
        double qRef;
        List<Long> refCycles = new ArrayList<>();
        switch (ref.kind()) {
            case "nominal" -> qRef = ref.nominalAh();
            case "median" -> {
                int k = Math.min(n, ref.medianCycles());
                if (k < ref.medianCycles()) {
                    warnings.add("median reference asked for " + ref.medianCycles() + " regular cycles; only " + k + " exist");
                }
                qRef = Numerics.median(q, k);
                for (int i = 0; i < k; i++) {
                    refCycles.add((long) x[i]);
                }
            }
            default -> {
                qRef = n > 0 ? q[0] : Double.NaN;
                if (n > 0) {
                    refCycles.add((long) x[0]);
                }
            }
        }
        if (n == 0) {
            warnings.add("no regular cycle with a discharge: no fade curve");
        }
        List<SohPoint> soh = new ArrayList<>(n);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = q[i] / qRef;
            soh.add(new SohPoint((long) x[i], q[i], s[i]));
        }
        OptionalLong eol = firstBelow(x, s, n, o.threshold());
        OptionalLong censored = eol.isEmpty() && n > 0 && Double.isFinite(qRef) ? OptionalLong.of((long) x[n - 1]) : OptionalLong.empty();
        Map<String, OptionalLong> levels = new LinkedHashMap<>();
        for (double level : o.capacityLevels()) {
            levels.put(CapacityReference.stripZeros(level), firstBelow(x, s, n, level));
        }
        // fade rate over the window
        double[] wx = new double[n];
        double[] wq = new double[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            if ((o.fadeFromCycle().isEmpty() || x[i] >= o.fadeFromCycle().getAsLong())
                    && (o.fadeToCycle().isEmpty() || x[i] <= o.fadeToCycle().getAsLong())) {
                wx[w] = x[i];
                wq[w] = q[i];
                w++;
            }
        }
        double rate = Numerics.linearFit(wx, wq, 0, w)[0];
        if (w < 2) {
            warnings.add("fewer than 2 regular cycles in the fade-rate window");
        }
        KneeFit knee = Knee.find(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(q, n), o.kneeMinCycles(), o.kneeMinF());
        List<DiagnosticCycle> diagnostics = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            if (classes.diagnostic(p)) {
                CycleSummary c = cycles.get(p);
                diagnostics.add(new DiagnosticCycle(c.cycleIndex(), classes.kind[p], classes.signature[p],
                        c.dischargeCapacityAh(), c.dischargeCapacityAh() / qRef));
            }
        }
        return new FadeResult(qRef, ref.rule(), List.copyOf(refCycles), o.threshold(), Collections.unmodifiableList(soh),
                eol, censored, knee.kneeCycle(), knee.kneeOnsetCycle(), rate, w, Collections.unmodifiableMap(levels), knee,
                List.copyOf(diagnostics), classes.rule, List.copyOf(excluded), o, List.copyOf(warnings));
    }

    private static OptionalLong firstBelow(double[] x, double[] soh, int n, double level) {
        for (int i = 0; i < n; i++) {
            if (soh[i] < level) {
                return OptionalLong.of((long) x[i]);
            }
        }
        return OptionalLong.empty();
    }
}
