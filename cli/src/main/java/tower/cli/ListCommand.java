package tower.cli;

import tower.pipeline.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.store.Store;
import tower.store.StoredTest;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"The stored tests: id, file name, format, rows, cycles, cell, ingested at.",
                "--json adds reader, zone, flags, warnings and the cell labels (nominal_capacity_ah, chemistry, "
                        + "active_mass_g, area_cm2, temperature_c, tags)."})
final class ListCommand implements Callable<Integer> {
    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        List<StoredTest> tests;
        try (Store s = store.openRead()) {
            tests = s.list();
        }
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (StoredTest t : tests) {
                list.add(tower.pipeline.json.TestJson.of(t));
            }
            Json.print(out, Map.of("tests", list));
            return 0;
        }
        out.printf("%-15s %-45s %-20s %9s %7s %-12s %s%n", "ID", "FILE", "FORMAT", "ROWS", "CYCLES", "CELL", "INGESTED AT");
        for (StoredTest t : tests) {
            out.printf("%-15s %-45s %-20s %9d %7d %-12s %s%n", t.testId(), t.fileName(), t.format(), t.rows(),
                    t.cycles(), t.cellId().orElse("-"), t.ingestedAt());
        }
        out.flush();
        return 0;
    }

}
