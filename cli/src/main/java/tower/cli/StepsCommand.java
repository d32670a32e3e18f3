package tower.cli;

import tower.pipeline.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.cycling.StepSummary;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.series.TimeSeries;

@Command(name = "steps", mixinStandardHelpOptions = true,
        description = "The steps of a file: segmentation (Step Count) and type (vendor's where the file has one, else rules).")
final class StepsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Cycler file.")
    Path input;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TimeSeries.Collector collector = new TimeSeries.Collector();
        var r = Inputs.read(input, Inputs.spec(spec, common), tower.core.ingest.Progress.NONE, collector);
        Warnings.print(spec.commandLine().getErr(), r.metadata());
        StepTable table = Steps.of(collector.result(), common.cycling());
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = tower.pipeline.analysis.Analyses.stepsJson(input.getFileName().toString(),
                    r.formatId(), table);
            Json.print(out, doc);
            return 0;
        }
        out.printf("%6s %6s %6s %-13s %-7s %10s %10s %10s %8s %8s%n", "step", "vendor", "cycle", "type", "source",
                "start/s", "dur/s", "Imean/A", "V0", "V1");
        for (StepSummary s : table.steps()) {
            out.printf(Locale.ROOT, "%6d %6s %6s %-13s %-7s %10.1f %10.1f %10.4g %8.4f %8.4f%n", s.stepCount(),
                    fmt(s.vendorStepIndex()), fmt(s.cycleCount()), s.type().label(), s.typeSource(),
                    s.startTestTimeS(), s.durationS(), s.currentMeanA(), s.voltageFirstV(), s.voltageLastV());
        }
        out.flush();
        return 0;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : Long.toString((long) v);
    }
}
