package tower.cli;

import tower.pipeline.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.analysis.CapacityReference;
import tower.core.analysis.EarlyLife;
import tower.core.analysis.EarlyLifeFeatures;
import tower.core.analysis.EarlyLifeOptions;
import tower.core.analysis.FadeOptions;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Early-life features (Severson et al. 2019) of each test from its first 100 cycles: ΔQ100-10(V) "
                + "statistics, fade-curve fits, Q(2), charge time, temperature and IR features; with the cycle-life label "
                + "(EOL by --reference/--threshold) or censoring.",
                "The JSON is the input of 'tower train --features FILE'."})
final class FeaturesCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Cycler files or stored test ids.")
    List<String> inputs;

    @CommandLine.Option(names = "--reference", paramLabel = "RULE", description = "SOH reference for the label: first (default), nominal:AH, median:N.")
    String reference = "first";

    @CommandLine.Option(names = "--threshold", description = "End-of-life SOH threshold (default ${DEFAULT-VALUE}).")
    double threshold = 0.8;

    @CommandLine.Option(names = "--voltage-window", paramLabel = "LOW:HIGH", description = "Discharge voltage window of ΔQ(V), e.g. 2.0:3.5 (default: from the data).")
    String window;

    @CommandLine.Option(names = "--group", paramLabel = "NAME", description = "Batch/channel group of these cells (cross-validation never splits a group; default: each cell its own).")
    String group;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.fraction(spec, "--threshold", threshold);
        EarlyLifeOptions o = EarlyLifeOptions.DEFAULT;
        try {
            o = o.withFade(FadeOptions.DEFAULT.withReference(CapacityReference.parse(reference)).withThreshold(threshold));
            if (window != null) {
                String[] p = window.split(":");
                o = o.withVoltageWindow(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
            }
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
        List<Map<String, Object>> cells = new ArrayList<>();
        var out = spec.commandLine().getOut();
        for (String in : inputs) {
            tower.pipeline.LoadedTest t = Inputs.load(spec, in, common, store);
            EarlyLifeFeatures f = EarlyLife.features(t.series(), t.cycles(), t.steps(), o);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new LinkedHashMap<>(Json.MAPPER.convertValue(f, Map.class));
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell_id", in.startsWith("t-") ? in : t.source());
            cell.put("group", group != null ? group : (in.startsWith("t-") ? in : t.source()));
            cell.putAll(m);
            cells.add(cell);
            if (!json) {
                out.printf(Locale.ROOT, "%s: %d regular cycles, cycle life %s%n", t.source(), f.regularCycles(),
                        f.cycleLife().isPresent() ? f.cycleLife().getAsLong() : "not reached (censored at " + f.censoredAt().orElse(-1) + ")");
                for (var e : f.features().entrySet()) {
                    out.printf(Locale.ROOT, "  %-36s %s%n", e.getKey(), e.getValue().isNaN() ? "- (" + f.missing().get(e.getKey()) + ")"
                            : String.format(Locale.ROOT, "%.6g", e.getValue()));
                }
            }
        }
        if (json) {
            Json.print(out, Map.of("cells", cells));
        }
        out.flush();
        return 0;
    }
}
