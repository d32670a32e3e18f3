package tower.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.pipeline.json.Json;
import tower.pipeline.json.TestJson;
import tower.pipeline.manage.StoredTests;
import tower.store.Store;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Say what cell a stored test ran on: KEY=VALUE with keys cell, nominal_capacity_ah, chemistry, "
                + "active_mass_g, area_cm2, temperature_c or tag.NAME; an empty VALUE removes the label.",
                "Example: tower label t-1a2b3c4d5e6f cell=A17 nominal_capacity_ah=3.0 chemistry=NMC811 tag.batch=7"})
final class LabelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TEST_ID")
    String testId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> assignments;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Option(names = "--json", description = "Print the test as 'list --json' shows it.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (Store s = store.openWrite("label")) {
            var t = StoredTests.label(s, testId, assignments);
            if (json) {
                Json.print(out, TestJson.of(t));
            } else {
                out.println(testId + ": " + (t.cellId().isPresent() ? "cell " + t.cellId().get() + ", " : "")
                        + (t.labels().toMap().isEmpty() ? "no labels" : t.labels().toMap()));
                out.flush();
            }
        }
        return 0;
    }
}
