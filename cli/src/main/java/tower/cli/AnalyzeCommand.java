package tower.cli;

import tower.pipeline.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.core.analysis.CapacityReference;
import tower.pipeline.analysis.Analyses;
import tower.core.analysis.Fade;
import tower.core.analysis.FadeOptions;
import tower.core.analysis.FadeResult;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Fade and life: SOH per cycle, end of life (or censoring), knee and knee onset, fade rate, "
                + "capacity-threshold cycles; diagnostic (RPT/HPPC) cycles reported apart.")
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TestInput input;

    @CommandLine.Option(names = "--reference", paramLabel = "RULE", description = "first (default), nominal (the stored test's nominal_capacity_ah label), nominal:AH or median:N.")
    String reference = "first";

    @CommandLine.Option(names = "--threshold", description = "End-of-life SOH threshold (default ${DEFAULT-VALUE}).")
    double threshold = 0.8;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.fraction(spec, "--threshold", threshold);
        CapacityReference ref = null;
        if (!reference.equals("nominal")) {
            try {
                ref = CapacityReference.parse(reference);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--reference: " + e.getMessage());
            }
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold must be between 0 and 1");
        }
        tower.pipeline.LoadedTest t = input.load(spec);
        if (ref == null) {
            var nominal = t.stored().map(st -> st.labels().nominalCapacityAh()).orElse(java.util.OptionalDouble.empty());
            if (nominal.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--reference nominal: " + t.source()
                        + " has no nominal capacity (ingest --nominal-capacity AH, tower label ID nominal_capacity_ah=AH,"
                        + " or --reference nominal:AH)");
            }
            ref = CapacityReference.nominal(nominal.getAsDouble());
        }
        FadeOptions o = FadeOptions.DEFAULT.withReference(ref).withThreshold(threshold);
        FadeResult r = Fade.analyze(t.cycles(), t.steps(), o);
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
        if (!r.excludedCycles().isEmpty()) {
            out.println("left out of SOH, fade, end of life and knee: " + r.excludedCycles().stream()
                    .map(e -> e.cycleIndex() + " (" + e.reason() + ")").toList());
        }
        for (String w : r.warnings()) {
            out.println("note: " + w);
        }
        out.flush();
        return 0;
    }
}
