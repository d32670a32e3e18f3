package tower.cli;

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
        CycleTable table;
        var zone = Inputs.zone(spec, common.timezone);
        Optional<Map<String, Object>> stored = Files.exists(file) ? Optional.empty() : storedCycles();
        if (stored.isPresent()) {
            doc = stored.get();
            table = null;
        } else {
            Inputs.Result r;
            try (ProgressBar bar = ProgressBar.start(!kind.json && !kind.csv, "cycles", Inputs.sizeOrZero(file))) {
                r = Inputs.read(file, common.format, common.mapping, Inputs.options(zone, Optional.empty(), bar)
                        .withColumns(tower.core.cycling.CycleSummarizer.COLUMNS_USED), common.cycling(),
                        Inputs.DISCARD);
            }
            Warnings.print(spec.commandLine().getErr(), r.metadata());
            table = r.cycles();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("timezone", r.metadata().timezone().map(Object::toString).orElse(null));
            extra.put("flags", List.copyOf(r.metadata().flags()));
            extra.put("warnings", r.metadata().warnings());
            doc = CyclesJson.of(file.getFileName().toString(), r.reader().info().id(), r.metadata().rows(), table, extra);
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
            out.println(String.join(",", CyclesJson.CSV_FIELDS));
            for (Map<String, Object> c : cycles) {
                StringBuilder b = new StringBuilder();
                for (String f : CyclesJson.CSV_FIELDS) {
                    if (b.length() > 0) {
                        b.append(',');
                    }
                    Object v = c.get(f);
                    if (v instanceof List<?> l) {
                        b.append(String.join(";", (List<String>) l));
                    } else if (v instanceof Double d) {
                        if (!d.isNaN()) {
                            b.append(d);
                        }
                    } else if (v != null) {
                        b.append(v);
                    }
                }
                out.println(b);
            }
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

    /** The summary of a stored test when INPUT is a test id of the store. */
    private Optional<Map<String, Object>> storedCycles() throws java.io.IOException {
        if (!input.startsWith("t-") || !java.nio.file.Files.isDirectory(store.dir())) {
            return Optional.empty();
        }
        try (var s = store.open()) {
            var test = s.find(input);
            if (test.isEmpty()) {
                return Optional.empty();
            }
            var t = test.get();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("test_id", t.testId());
            extra.put("timezone", t.timezone().map(Object::toString).orElse(null));
            extra.put("flags", List.copyOf(t.flags()));
            extra.put("warnings", t.warnings());
            return Optional.of(CyclesJson.of(t.fileName(), t.format(), t.rows(), s.cycles(input), extra));
        }
    }
}
