package tower.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.pipeline.manage.StoredTests;
import tower.store.Store;

@Command(name = "resummarize", mixinStandardHelpOptions = true,
        description = "Recompute the stored per-cycle summaries of tests from their stored samples, with --cycle-rule "
                + "and --ce-convention (defaults: vendor, auto), and store them in place of the old ones.")
final class ResummarizeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TEST_ID")
    List<String> testIds;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (Store s = store.openWrite("resummarize")) {
            for (String id : testIds) {
                StoredTests.require(s, id);
            }
            for (String id : testIds) {
                var table = StoredTests.resummarize(s, id, common.cycling());
                out.printf("%s: %d cycles by rule %s, CE %s%n", id, table.cycles().size(), table.cycleRule(),
                        table.ceConvention());
                out.flush();
            }
        }
        return 0;
    }
}
