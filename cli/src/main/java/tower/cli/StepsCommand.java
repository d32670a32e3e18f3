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
        description = "The steps of a file or stored test: segmentation (Step Count) and type (vendor's where the file has one, else rules).")
final class StepsCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TestInput in;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        tower.pipeline.LoadedTest t = in.load(spec);
        StepTable table = t.steps();
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("source", t.source());
            t.stored().ifPresent(st -> doc.put("test_id", st.testId()));
            doc.put("format", t.format());
            doc.put("rest_current_a", table.restCurrentA());
            doc.put("rules", Map.of("rest_current_relative", table.options().restCurrentRelative(),
                    "cv_voltage_relative", table.options().cvVoltageRelative(),
                    "cv_current_drop", table.options().cvCurrentDrop(),
                    "pulse_max_duration_s", table.options().pulseMaxDurationS()));
            List<Map<String, Object>> steps = new ArrayList<>();
            for (StepSummary s : table.steps()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("step_count", s.stepCount());
                m.put("step_index", s.vendorStepIndex());
                m.put("cycle_count", s.cycleCount());
                m.put("step_type", s.type().label());
                m.put("type_source", s.typeSource());
                m.put("start_test_time_s", s.startTestTimeS());
                m.put("duration_s", s.durationS());
                m.put("rows", s.rows());
                m.put("current_mean_a", s.currentMeanA());
                m.put("voltage_first_v", s.voltageFirstV());
                m.put("voltage_last_v", s.voltageLastV());
                m.put("charge_capacity_ah", s.chargeCapacityAh());
                m.put("discharge_capacity_ah", s.dischargeCapacityAh());
                steps.add(m);
            }
            doc.put("steps", steps);
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
