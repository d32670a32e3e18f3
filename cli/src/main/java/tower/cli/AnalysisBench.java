package tower.cli;

import java.util.EnumSet;
import tower.core.analysis.Dqdv;
import tower.core.analysis.DqdvOptions;
import tower.core.analysis.EarlyLife;
import tower.core.analysis.EarlyLifeOptions;
import tower.core.analysis.Fade;
import tower.core.analysis.FadeOptions;
import tower.core.analysis.HalfCycle;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;

/**
 * The analysis half of {@code tower bench}: a generated ageing test of many cycles (CC charge, rest, CC discharge,
 * rest; 30 s sampling; capacity fading with a knee) held in memory, then each analysis timed on it.
 */
final class AnalysisBench {
    private AnalysisBench() {
    }

    static void run(BenchCommand b, int cycles) throws Exception {
        TimeSeries.Collector col = new TimeSeries.Collector();
        CycleSummarizer sum = new CycleSummarizer(CyclingOptions.DEFAULT);
        BatchWriter w = new BatchWriter(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT,
                Quantity.CYCLE_COUNT, Quantity.STEP_INDEX, Quantity.TEMPERATURE_T1),
                new Normalizer(Tee.of(col, sum), CyclingOptions.DEFAULT), new TestMetadata().setSourceName("bench-ageing"));
        double t = 0;
        double dt = 30;
        for (int c = 1; c <= cycles; c++) {
            double q = 1.1 * (1 - 0.00004 * c - (c > 0.7 * cycles ? 0.0006 * (c - 0.7 * cycles) : 0));
            q = Math.max(q, 0.3);
            int n = (int) Math.round(q * 3600 / dt);
            int[] lengths = {n, 20, n, 20};
            for (int s = 0; s < 4; s++) {
                for (int k = 0; k < lengths[s]; k++) {
                    double x = (k + 1.0) / lengths[s];
                    double i = s == 0 ? 1.0 : s == 2 ? -1.0 : 0;
                    double v = s == 0 ? 3.3 + 0.9 * Math.pow(x, 0.5) : s == 2 ? 4.2 - 0.3 * x - 0.9 * Math.pow(x, 8)
                            : s == 1 ? 4.15 : 3.05;
                    w.startRow();
                    w.set(Quantity.TEST_TIME, t);
                    w.set(Quantity.VOLTAGE, v);
                    w.set(Quantity.CURRENT, i);
                    w.set(Quantity.CYCLE_COUNT, c);
                    w.set(Quantity.STEP_INDEX, s + 1);
                    w.set(Quantity.TEMPERATURE_T1, 25 + 3 * Math.abs(i));
                    t += dt;
                }
            }
        }
        w.finish();
        TimeSeries ts = col.result();
        CycleTable table = sum.result();
        long rows = ts.size();
        StepTable[] steps = new StepTable[1];
        b.timeColdAndWarm("steps of " + cycles + " cycles (" + rows + " rows)", rows, 5, () -> steps[0] = Steps.of(ts, CyclingOptions.DEFAULT));
        b.timeColdAndWarm("analyze (fade, EOL, knee) of " + cycles + " cycles", rows, 5, () -> Fade.analyze(table, steps[0], FadeOptions.DEFAULT));
        long half = Math.max(1, cycles / 2);
        b.timeColdAndWarm("dqdv of one half-cycle", rows, 20, () -> Dqdv.of(ts, table, steps[0], half, HalfCycle.parse("discharge"), DqdvOptions.DEFAULT));
        b.timeColdAndWarm("features (Severson) of " + cycles + " cycles", rows, 5, () -> EarlyLife.features(ts, table, steps[0], EarlyLifeOptions.DEFAULT));
    }
}
