package tower.cli;

import tower.pipeline.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.core.analysis.CapacityReference;
import tower.pipeline.analysis.Analyses;
import tower.core.analysis.FadeResult;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Fade and life: SOH per cycle, end of life (or censoring), knee and knee onset, fade rate, "
                + "capacity-threshold cycles; diagnostic (RPT/HPPC) cycles reported apart.")
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TestInput input;

    @CommandLine.Option(names = "--reference", paramLabel = "RULE", description = "first (default), nominal:AH or median:N.")
    String reference = "first";

    @CommandLine.Option(names = "--threshold", description = "End-of-life SOH threshold (default ${DEFAULT-VALUE}).")
    double threshold = 0.8;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CapacityReference ref;
        try {
            ref = Analyses.reference(reference);
            Analyses.threshold(threshold);
        } catch (tower.pipeline.errors.TowerException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        tower.pipeline.LoadedTest t = input.load(spec);
        FadeResult r = Analyses.fade(t.cycles(), t.steps(), ref, threshold);
        var out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return 0;
        }
        out.printf(Locale.ROOT, "%s (%s): reference %.6g Ah (%s), threshold %.2f%n", t.source(), t.format(),
                r.referenceCapacityAh(), r.referenceRule(), r.threshold());
        out.println("end of life: " + (r.eolCycle().isPresent() ? "cycle " + r.eolCycle().getAsLong()
                : "not reached (censored at cycle " + r.censoredAt().orElse(-1) + ")"));
        out.printf(Locale.ROOT, "fade rate: %.4g Ah/cycle over %d cycles%n", r.fadeRateAhPerCycle(), r.fadeRateCycles());
        out.println("knee: " + (r.kneeCycle().isPresent() ? "cycle " + r.kneeCycle().getAsLong() : "none")
                + ", onset: " + (r.kneeOnsetCycle().isPresent() ? "cycle " + r.kneeOnsetCycle().getAsLong() : "none")
                + " (" + r.knee().method() + ")");
        StringBuilder levels = new StringBuilder();
        for (Map.Entry<String, java.util.OptionalLong> e : r.capacityThresholdCycles().entrySet()) {
            levels.append(' ').append(e.getKey()).append('=').append(e.getValue().isPresent() ? e.getValue().getAsLong() : "-");
        }
        out.println("capacity-threshold cycles:" + levels);
        if (!r.diagnosticCycles().isEmpty()) {
            out.println("diagnostic cycles (not in the fade curve): " + r.diagnosticCycles().stream()
                    .map(d -> d.cycleIndex() + " " + d.kind()).toList());
        }
        for (String w : r.warnings()) {
            out.println("note: " + w);
        }
        out.flush();
        return 0;
    }
}
