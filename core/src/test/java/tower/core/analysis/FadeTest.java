package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tower.core.cycling.CycleSummary;

class FadeTest {
    private static final int CYCLES = 900;
    private static final int HPPC_CYCLE = 450;

    /** Capacity of regular cycle n: slow linear fade, then an exponential knee around cycle 800. */
    static double capacity(int n) {
        return 1.1 - 5e-5 * n - 0.02 * Math.exp((n - 700) / 60.0);
    }

    static boolean rpt(int n) {
        return n % 100 == 0;
    }

    /** 900 cycles at 1C; every 100th an RPT at C/20, cycle 450 an HPPC cycle; vendor cycle numbers. */
    static SyntheticCell.Data test() {
        SyntheticCell c = new SyntheticCell(SyntheticCell.Ocv.smooth(), 0.02, 0.01, 5, true, false, false, 7);
        c.rest(60, 30);
        for (int n = 1; n <= CYCLES; n++) {
            double q = capacity(n);
            if (rpt(n)) {
                c.fullCycle(0.055, 0.055, q * 1.01, 20, 60);
            } else if (n == HPPC_CYCLE) {
                c.cc(1.1, q, 1 - c.soc(), 20);
                c.rest(600, 60);
                for (int p = 0; p < 5; p++) {
                    c.hold(-2.0, 10, 0.1, q);
                    c.rest(300, 10);
                    c.cc(-1.1, q, 0.1, 10);
                    c.rest(600, 60);
                }
                c.cc(-1.1, q, c.soc(), 20);
                c.rest(60, 30);
                c.cycle(n + 1);
            } else {
                c.fullCycle(1.1, 1.1, q, 20, 60);
            }
        }
        return c.finish();
    }

    private static final SyntheticCell.Data DATA = test();

    @Test
    void diagnosticCyclesAreRecognisedByStepSignatureAndKeptOutOfTheFadeCurve() {
        FadeResult r = Fade.analyze(DATA.table(), DATA.steps(), FadeOptions.DEFAULT);
        List<Long> lowRate = r.diagnosticCycles().stream().filter(d -> d.kind().equals("low_rate"))
                .map(DiagnosticCycle::cycleIndex).toList();
        assertThat(lowRate).containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L);
        List<Long> hppc = r.diagnosticCycles().stream().filter(d -> d.kind().equals("hppc"))
                .map(DiagnosticCycle::cycleIndex).toList();
        assertThat(hppc).containsExactly((long) HPPC_CYCLE);
        assertThat(r.diagnosticCycles().get(0).signature()).contains("discharge 0.055 A vs median 1.1 A");
        assertThat(r.diagnosticCycles().stream().filter(d -> d.kind().equals("hppc")).findFirst().orElseThrow().signature())
                .isEqualTo("5 pulses after rests");
        assertThat(r.diagnosticRule()).startsWith("by steps");
        assertThat(r.excludedCycles()).isEmpty();
        assertThat(r.soh()).hasSize(CYCLES - 10);
        assertThat(r.soh()).noneMatch(p -> rpt((int) p.cycleIndex()) || p.cycleIndex() == HPPC_CYCLE);
        // an RPT's SOH is reported apart against the same reference
        DiagnosticCycle d100 = r.diagnosticCycles().get(0);
        assertThat(d100.dischargeCapacityAh()).isCloseTo(capacity(100) * 1.01, within(1e-5));
        assertThat(d100.soh()).isCloseTo(capacity(100) * 1.01 / capacity(1), within(1e-5));
    }

    @Test
    void sohEolThresholdCyclesAndFadeRate() {
        FadeResult r = Fade.analyze(DATA.table(), DATA.steps(), FadeOptions.DEFAULT);
        double ref = capacity(1);
        assertThat(r.referenceRule()).isEqualTo("first");
        assertThat(r.referenceCycles()).containsExactly(1L);
        assertThat(r.referenceCapacityAh()).isCloseTo(ref, within(1e-5));
        SohPoint p2 = r.soh().get(1);
        assertThat(p2.cycleIndex()).isEqualTo(2);
        assertThat(p2.soh()).isCloseTo(capacity(2) / ref, within(1e-5));
        long expectedEol = firstRegularBelow(0.8, ref);
        assertThat(r.eolCycle()).hasValue(expectedEol);
        assertThat(r.censoredAt()).isEmpty();
        assertThat(r.capacityThresholdCycles()).containsOnlyKeys("0.98", "0.95", "0.9", "0.85", "0.8");
        for (double level : List.of(0.98, 0.95, 0.9, 0.85, 0.8)) {
            assertThat(r.capacityThresholdCycles().get(CapacityReference.stripZeros(level)))
                    .as("level %s", level).hasValue(firstRegularBelow(level, ref));
        }
        assertThat(r.capacityThresholdCycles().get("0.8")).isEqualTo(r.eolCycle());
        // fade rate: least-squares slope over all regular cycles
        assertThat(r.fadeRateAhPerCycle()).isCloseTo(slope(1, CYCLES), within(1e-8));
        assertThat(r.fadeRateCycles()).isEqualTo(CYCLES - 10);
        FadeResult w = Fade.analyze(DATA.table(), DATA.steps(),
                FadeOptions.DEFAULT.withFadeWindow(OptionalLong.of(1), OptionalLong.of(300)));
        assertThat(w.fadeRateAhPerCycle()).isCloseTo(slope(1, 300), within(1e-9)).isCloseTo(-5e-5, within(2e-6));
        assertThat(w.fadeRateCycles()).isEqualTo(297);
    }

    @Test
    void kneeAndOnsetBracketTheAcceleration() {
        FadeResult r = Fade.analyze(DATA.table(), DATA.steps(), FadeOptions.DEFAULT);
        assertThat(r.kneeCycle()).isPresent();
        assertThat(r.kneeOnsetCycle()).isPresent();
        long knee = r.kneeCycle().getAsLong();
        long onset = r.kneeOnsetCycle().getAsLong();
        System.out.printf("synthetic knee %d, onset %d, F %.1f, slopes %.3g -> %.3g Ah/cycle%n", knee, onset,
                r.knee().fStatistic(), r.knee().slopeBeforeAhPerCycle(), r.knee().slopeAfterAhPerCycle());
        assertThat(knee).isBetween(720L, 880L);
        assertThat(onset).isBetween(550L, knee);
        assertThat(r.knee().method()).contains("bacon_watts").contains("Fermin-Cueto");
        assertThat(r.knee().slopeAfterAhPerCycle()).isLessThan(r.knee().slopeBeforeAhPerCycle());
    }

    @Test
    void censoredWhenTheThresholdIsNotReached() {
        FadeResult r = Fade.analyze(DATA.table(), DATA.steps(), FadeOptions.DEFAULT.withThreshold(0.3));
        assertThat(r.eolCycle()).isEmpty();
        assertThat(r.censoredAt()).hasValue(CYCLES - 1); // 900 is an RPT: the last regular cycle is 899
        assertThat(r.threshold()).isEqualTo(0.3);
        assertThat(r.options().threshold()).isEqualTo(0.3);
    }

    @Test
    void referenceRules() {
        FadeResult nominal = Fade.analyze(DATA.table(), DATA.steps(),
                FadeOptions.DEFAULT.withReference(CapacityReference.parse("nominal:1.2")));
        assertThat(nominal.referenceRule()).isEqualTo("nominal:1.2");
        assertThat(nominal.referenceCapacityAh()).isEqualTo(1.2);
        assertThat(nominal.referenceCycles()).isEmpty();
        assertThat(nominal.soh().get(0).soh()).isCloseTo(capacity(1) / 1.2, within(1e-5));
        // median of the first 40 regular cycles (1..40): the median of cycles 20 and 21
        FadeResult median = Fade.analyze(DATA.table(), DATA.steps(),
                FadeOptions.DEFAULT.withReference(CapacityReference.parse("median:40")));
        assertThat(median.referenceRule()).isEqualTo("median:40");
        assertThat(median.referenceCapacityAh()).isCloseTo((capacity(20) + capacity(21)) / 2, within(1e-5));
        assertThat(median.referenceCycles()).hasSize(40).startsWith(1L).endsWith(40L);
        assertThat(median.warnings()).isEmpty();
        FadeResult tooMany = Fade.analyze(DATA.table(), DATA.steps(),
                FadeOptions.DEFAULT.withReference(CapacityReference.median(5000)));
        assertThat(tooMany.warnings()).anyMatch(s -> s.contains("only 890"));
    }

    @Test
    void withoutStepsOnlyLowRateCyclesAreFound() {
        FadeResult r = Fade.analyze(DATA.table(), FadeOptions.DEFAULT);
        assertThat(r.diagnosticCycles()).extracting(DiagnosticCycle::kind).containsOnly("low_rate").hasSize(9);
        assertThat(r.diagnosticRule()).startsWith("by cycle peak currents");
        assertThat(r.soh()).hasSize(CYCLES - 9);
    }

    @Test
    void referenceParsing() {
        assertThat(CapacityReference.parse("first")).isEqualTo(CapacityReference.FIRST);
        assertThat(CapacityReference.parse(" Nominal:1.1Ah ").nominalAh()).isEqualTo(1.1);
        assertThat(CapacityReference.parse("nominal:1.10").rule()).isEqualTo("nominal:1.1");
        assertThat(CapacityReference.parse("median:40").medianCycles()).isEqualTo(40);
        assertThat(CapacityReference.parse("median").rule()).isEqualTo("median:40");
        for (String bad : List.of("nominal:", "nominal:-1", "nominal:abc", "median:x", "median:0", "last", "first:3")) {
            assertThatThrownBy(() -> CapacityReference.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void incompleteAndEmptyCyclesAreExcluded() {
        SyntheticCell c = new SyntheticCell(SyntheticCell.Ocv.smooth(), 0.02, 0, 1, true, false, false, 1);
        c.rest(60, 30);
        for (int n = 1; n <= 20; n++) {
            if (n == 10) {
                c.cc(1.1, 1.0, 1 - c.soc(), 20); // charge only
                c.rest(60, 30);
                c.cycle(n + 1);
            } else {
                c.fullCycle(1.1, 1.1, 1.0 - 0.001 * n, 20, 60);
            }
        }
        c.cc(1.1, 1.0, 1 - c.soc(), 20); // cycle 21: charge, then the test stops
        SyntheticCell.Data d = c.finish();
        FadeResult r = Fade.analyze(d.table(), d.steps(), FadeOptions.DEFAULT);
        // cycle 10 has no discharge and cycle 11 discharges what cycle 10 charged (its own charge is a top-up):
        // both lack a full half-cycle, so the summary flags them incomplete (CE null rather than 0.0 and 14.6)
        assertThat(r.excludedCycles()).containsExactly(new ExcludedCycle(10, "incomplete"),
                new ExcludedCycle(11, "incomplete"), new ExcludedCycle(21, "incomplete"));
        assertThat(d.table().cycles().get(9).coulombicEfficiency()).isNaN();
        assertThat(d.table().cycles().get(10).coulombicEfficiency()).isNaN();
        assertThat(r.diagnosticCycles()).isEmpty();
        assertThat(r.soh()).hasSize(18);
        assertThat(r.censoredAt()).hasValue(20);
        assertThat(r.kneeCycle()).isEmpty();
    }

    @Test
    void emptyTableGivesAnEmptyResult() {
        var table = new tower.core.cycling.CycleTable("vendor", "charge_first", tower.core.cycling.CyclingOptions.DEFAULT, List.of());
        FadeResult r = Fade.analyze(table, FadeOptions.DEFAULT);
        assertThat(r.soh()).isEmpty();
        assertThat(r.referenceCapacityAh()).isNaN();
        assertThat(r.eolCycle()).isEmpty();
        assertThat(r.censoredAt()).isEmpty();
        assertThat(r.fadeRateAhPerCycle()).isNaN();
        assertThat(r.warnings()).isNotEmpty();
    }

    @Test
    void hingeFindsAPiecewiseLinearKneeAndRejectsAStraightLine() {
        Random rnd = new Random(3);
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] line = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k + 1;
            double base = 1.0 - 2e-5 * x[k] - (x[k] > 600 ? 4e-4 * (x[k] - 600) : 0);
            y[k] = base + 5e-4 * rnd.nextGaussian();
            line[k] = 1.0 - 1e-4 * x[k] + 5e-4 * rnd.nextGaussian();
        }
        KneeFit knee = Knee.find(x, y, 10, 10);
        assertThat(knee.kneeCycle().getAsLong()).isBetween(590L, 610L);
        assertThat(knee.slopeBeforeAhPerCycle()).isCloseTo(-2e-5, within(3e-6));
        assertThat(knee.slopeAfterAhPerCycle()).isCloseTo(-4.2e-4, within(1e-5));
        assertThat(knee.kneeOnsetCycle().getAsLong()).isLessThanOrEqualTo(knee.kneeCycle().getAsLong());
        KneeFit none = Knee.find(x, line, 10, 10);
        assertThat(none.kneeCycle()).isEmpty();
        assertThat(none.note()).isNotEmpty();
        assertThat(Knee.find(new double[] {1, 2, 3}, new double[] {1, 1, 1}, 10, 10).note()).contains("too few");
    }

    @Test
    void timingOn5000Cycles() {
        SyntheticCell c = new SyntheticCell(SyntheticCell.Ocv.smooth(), 0.02, 0, 1, true, false, false, 1);
        c.rest(60, 30);
        for (int n = 1; n <= 5000; n++) {
            double q = 1.1 - 2e-5 * n - 0.02 * Math.exp((n - 4000) / 300.0);
            if (n % 250 == 0) {
                c.fullCycle(0.055, 0.055, q, 4, 60);
            } else {
                c.fullCycle(1.1, 1.1, q, 4, 60);
            }
        }
        SyntheticCell.Data d = c.finish();
        long c0 = System.nanoTime();
        FadeResult first = Fade.analyze(d.table(), d.steps(), FadeOptions.DEFAULT);
        double coldMs = (System.nanoTime() - c0) / 1e6;
        assertThat(first.diagnosticCycles()).hasSize(20);
        int reps = 20;
        long t0 = System.nanoTime();
        FadeResult r = null;
        for (int k = 0; k < reps; k++) {
            r = Fade.analyze(d.table(), d.steps(), FadeOptions.DEFAULT);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        System.out.printf("analyze on %d cycles (%d steps): first call %.1f ms, then %.1f ms per call; knee %s onset %s eol %s%n",
                d.table().cycles().size(), d.steps().steps().size(), coldMs, ms, r.kneeCycle(), r.kneeOnsetCycle(), r.eolCycle());
    }

    // --- expectations computed independently of Fade

    private static long firstRegularBelow(double level, double ref) {
        for (int n = 1; n <= CYCLES; n++) {
            if (!rpt(n) && n != HPPC_CYCLE && capacity(n) / ref < level) {
                return n;
            }
        }
        return -1;
    }

    private static double slope(int from, int to) {
        List<double[]> pts = new ArrayList<>();
        for (CycleSummary s : DATA.table().cycles()) {
            int n = (int) s.cycleIndex();
            if (n >= from && n <= to && !rpt(n) && n != HPPC_CYCLE) {
                pts.add(new double[] {n, s.dischargeCapacityAh()});
            }
        }
        double mx = pts.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = pts.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0, sxx = 0;
        for (double[] p : pts) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }

    @SuppressWarnings("unused")
    private static String ids(List<DiagnosticCycle> d) {
        return d.stream().map(x -> x.cycleIndex() + ":" + x.kind()).collect(Collectors.joining(","));
    }
}
