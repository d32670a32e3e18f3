package tower.cli;

import tower.pipeline.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.core.analysis.CycleLifeModel;
import tower.core.analysis.ElasticNetOptions;
import tower.core.analysis.TrainingCell;
import tower.core.ingest.InputException;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a cycle-life model: elastic net on z-scored features predicting log10(cycle life), with "
                + "alpha and l1_ratio chosen by group-aware cross-validation (cells of one group never on both sides of a fold).",
                "The model file records its features, coefficients, scaling, training cells and cross-validation error."})
final class TrainCommand implements Callable<Integer> {
    static final Map<String, List<String>> PRESETS = Map.of(
            "variance", List.of("delta_q_var_log10"),
            "discharge", List.of("delta_q_min_log10", "delta_q_var_log10", "delta_q_skew_log10", "delta_q_kurt_log10",
                    "q_2_ah", "q_max_minus_q_2_ah"),
            "full", List.of("delta_q_min_log10", "delta_q_var_log10", "fade_slope_2_100", "fade_intercept_2_100",
                    "q_2_ah", "charge_time_mean_1_5_s", "temperature_integral_2_100_c_s", "ir_min_2_100_ohm",
                    "ir_100_minus_2_ohm"));

    @CommandLine.Option(names = "--features", required = true, paramLabel = "FILE", description = "Output of 'tower features --json'.")
    Path featuresFile;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write (JSON).")
    Path out;

    @CommandLine.Option(names = "--model", paramLabel = "NAME", description = "variance (default), discharge, full (Severson's models) or a comma-separated feature list.")
    String model = "variance";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> names = PRESETS.getOrDefault(model, Arrays.stream(model.split(",")).map(String::strip).toList());
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(featuresFile.toFile());
        } catch (java.io.IOException e) {
            throw new InputException(featuresFile.toString(), "json", "not a features file: " + e.getMessage());
        }
        if (doc == null || !doc.has("cells")) {
            throw new InputException(featuresFile.toString(), "json", "no 'cells' list (make it with tower features --json)");
        }
        List<TrainingCell> cells = new ArrayList<>();
        int k = 0;
        for (JsonNode c : doc.get("cells")) {
            k++;
            Map<String, Double> f = new LinkedHashMap<>();
            JsonNode fs = c.get("features");
            if (fs == null) {
                throw new InputException(featuresFile.toString(), "cell " + k, "no features");
            }
            fs.fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
            JsonNode life = c.get("cycle_life");
            boolean censored = life == null || life.isNull();
            cells.add(new TrainingCell(c.path("cell_id").asText("cell-" + k), c.path("group").asText(c.path("cell_id").asText("cell-" + k)),
                    f, censored ? Double.NaN : life.asDouble(), censored));
        }
        CycleLifeModel m;
        try {
            m = CycleLifeModel.train(cells, names, ElasticNetOptions.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Files.writeString(out, Json.MAPPER.writeValueAsString(m));
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained on %d cells (%d left out), features %s%n", m.trainingCells().size(),
                m.excludedCells().size(), m.features());
        o.printf(Locale.ROOT, "alpha %.4g, l1_ratio %.2f; cross-validated RMSE %.4g log10 = %.1f cycles, mean abs error %.1f %%%n",
                m.alpha(), m.l1Ratio(), m.cvRmseLog10(), m.cvRmseCycles(), m.cvMeanAbsPercentError());
        o.println("model written to " + out);
        o.flush();
        return 0;
    }
}
