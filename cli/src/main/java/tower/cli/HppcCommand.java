package tower.cli;

import tower.pipeline.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.core.analysis.HppcResult;
import tower.core.analysis.Pulse;
import tower.core.analysis.PulseOptions;

@Command(name = "hppc", mixinStandardHelpOptions = true,
        description = "Pulse resistances (DCIR) of current pulses after rests: R = (V(t) − V_ocv)/(I(t) − I_ocv) at the "
                + "first sample, 0.1, 2, 3, 10, 18 s and the pulse end, with the ohmic / charge-transfer / polarisation "
                + "split and the SOC of each pulse.")
final class HppcCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TestInput input;

    @CommandLine.Option(names = "--max-pulse", paramLabel = "S", description = "Longest step counted as a pulse, s (default 60).")
    double maxPulse = PulseOptions.DEFAULT.maxPulseDurationS();

    @CommandLine.Option(names = "--capacity", paramLabel = "AH", description = "Capacity SOC is relative to (default: from the data).")
    double capacity = Double.NaN;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        tower.pipeline.LoadedTest t = input.load(spec);
        HppcResult r = tower.pipeline.analysis.Analyses.hppc(t.series(), t.cycles(), t.steps(), maxPulse, capacity);
        var out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %d pulses; SOC relative to %.5g Ah (%s)%n", t.source(), r.pulses().size(),
                r.capacityAh(), r.capacitySource());
        out.printf("%4s %6s %-9s %8s %8s %7s  %s%n", "#", "cycle", "direction", "I/A", "dur/s", "SOC", "R/ohm at first, 0.1s, 2s, 10s, end");
        for (Pulse p : r.pulses()) {
            Map<String, Double> res = p.resistanceOhm();
            out.printf(Locale.ROOT, "%4d %6d %-9s %8.4g %8.2f %7.3f  %s %s %s %s %s%n", p.number(), p.cycleIndex(),
                    p.direction(), p.currentA(), p.durationS(), p.soc(), fmt(res.get("first")), fmt(res.get("0.1s")),
                    fmt(res.get("2s")), fmt(res.get("10s")), fmt(res.get("end")));
        }
        out.flush();
        return 0;
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.5g", v);
    }
}
