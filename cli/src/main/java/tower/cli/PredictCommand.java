package tower.cli;

import tower.pipeline.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.analysis.CycleLifeModel;
import tower.core.analysis.EarlyLife;
import tower.core.analysis.EarlyLifeFeatures;
import tower.core.analysis.EarlyLifeOptions;
import tower.core.ingest.InputException;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Apply a cycle-life model (from 'tower train') to tests: predicted cycle life from their early-life features.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file written by tower train.")
    Path modelFile;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Cycler files or stored test ids.")
    List<String> inputs;

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
        CycleLifeModel model;
        try {
            model = Json.MAPPER.readValue(modelFile.toFile(), CycleLifeModel.class);
        } catch (java.io.IOException e) {
            throw new InputException(modelFile.toString(), "json", "not a model file: " + e.getMessage());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        var out = spec.commandLine().getOut();
        for (String in : inputs) {
            tower.pipeline.LoadedTest t = Inputs.load(spec, in, common, store);
            EarlyLifeFeatures f = EarlyLife.features(t.series(), t.cycles(), t.steps(), EarlyLifeOptions.DEFAULT);
            List<String> missing = model.missingFeatures(f.features());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", in);
            m.put("source", t.source());
            m.put("predicted_cycle_life", missing.isEmpty() ? model.predict(f.features()) : Double.NaN);
            m.put("predicted_log10_cycle_life", missing.isEmpty() ? model.predictLog10(f.features()) : Double.NaN);
            m.put("missing_features", missing);
            m.put("observed_cycle_life", f.cycleLife().isPresent() ? f.cycleLife().getAsLong() : null);
            rows.add(m);
            if (!json) {
                out.printf(Locale.ROOT, "%s: %s%n", t.source(), missing.isEmpty()
                        ? String.format(Locale.ROOT, "predicted cycle life %.0f", model.predict(f.features()))
                        : "cannot predict: missing " + missing);
            }
        }
        if (json) {
            Json.print(out, Map.of("model", modelFile.toString(), "predictions", rows));
        }
        out.flush();
        return 0;
    }
}
