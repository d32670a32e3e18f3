package tower.cli;

import tower.pipeline.json.CyclesJson;
import tower.pipeline.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;

@Command(name = "cycles", mixinStandardHelpOptions = true,
        description = "Per-cycle summary of a file, or of a stored test when INPUT is a test id.")
final class CyclesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Cycler file or stored test id.")
    String input;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.ArgGroup(exclusive = true)
    OutputKind kind = new OutputKind();

    static final class OutputKind {
        @CommandLine.Option(names = "--json", description = "Print JSON.")
        boolean json;
        @CommandLine.Option(names = "--csv", description = "Print CSV.")
        boolean csv;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = Path.of(input);
        Map<String, Object> doc;
        var read = Inputs.spec(spec, common);
        Optional<Map<String, Object>> stored = Files.exists(file) ? Optional.empty() : storedCycles();
        if (stored.isPresent()) {
            doc = stored.get();
        } else {
            tower.pipeline.read.ReadOutcome r;
            try (ProgressBar bar = ProgressBar.start(!kind.json && !kind.csv, "cycles", Inputs.sizeOrZero(file))) {
                r = Inputs.read(file, read.withColumns(tower.core.cycling.CycleSummarizer.COLUMNS_USED), bar,
                        tower.pipeline.read.Sinks.DISCARD);
            }
            Warnings.print(spec.commandLine().getErr(), r.metadata());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("timezone", r.metadata().timezone().map(Object::toString).orElse(null));
            extra.put("flags", List.copyOf(r.metadata().flags()));
            extra.put("warnings", r.metadata().warnings());
            doc = CyclesJson.of(file.getFileName().toString(), r.formatId(), r.metadata().rows(), r.cycles(), extra);
        }
        print(doc);
        return 0;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> doc) {
        PrintWriter out = spec.commandLine().getOut();
        if (kind.json) {
            Json.print(out, doc);
            return;
        }
        List<Map<String, Object>> cycles = (List<Map<String, Object>>) doc.get("cycles");
        if (kind.csv) {
            out.print(CyclesJson.csv(cycles).replace("\n", System.lineSeparator()));
            out.flush();
            return;
        }
        out.printf("%s (%s, %s rows, cycles by rule %s)%n", doc.get("source"), doc.get("format"), doc.get("rows"), doc.get("cycle_rule"));
        out.printf("%6s %10s %10s %8s %10s %10s %8s %7s %7s  %s%n", "cycle", "Qchg/Ah", "Qdis/Ah", "CE", "Echg/Wh",
                "Edis/Wh", "EE", "Vmin", "Vmax", "flags");
        for (Map<String, Object> c : cycles) {
            out.printf(Locale.ROOT, "%6d %10s %10s %8s %10s %10s %8s %7s %7s  %s%n", c.get("cycle_index"),
                    num(c.get("charge_capacity_ah"), 5), num(c.get("discharge_capacity_ah"), 5),
                    num(c.get("coulombic_efficiency"), 4), num(c.get("charge_energy_wh"), 4),
                    num(c.get("discharge_energy_wh"), 4), num(c.get("energy_efficiency"), 4),
                    num(c.get("voltage_min_v"), 3), num(c.get("voltage_max_v"), 3),
                    String.join(",", (List<String>) c.get("flags")));
        }
        out.flush();
    }

    private static String num(Object v, int digits) {
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + digits + "g", n.doubleValue());
    }

    /** The summary of a stored test when INPUT is a test id (recomputed when other cycling options are given). */
    private Optional<Map<String, Object>> storedCycles() throws java.io.IOException {
        if (!input.startsWith("t-")) {
            return Optional.empty();
        }
        if (!Files.isDirectory(store.dir())) {
            throw tower.pipeline.errors.TowerException.unknownTest(input, store.dir() + " (no store there)");
        }
        try (var s = store.open()) {
            var table = Main.pipeline().storedCycles(s, input,
                    common.cyclingGiven() ? Optional.of(common.cycling()) : Optional.empty());
            return Optional.of(tower.pipeline.json.TestJson.cycles(s.find(input).orElseThrow(), table));
        }
    }
}
