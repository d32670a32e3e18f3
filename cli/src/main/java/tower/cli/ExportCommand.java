package tower.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.store.Store;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"A stored test as BDF CSV (OUTPUT ending .csv) or BDF Parquet (.parquet).",
                "With --dataset DIR: every test as Parquet partitioned by test (DIR/test_id=<id>/part-0.parquet) with "
                        + "tests.parquet and cycles.parquet, readable by DuckDB, Spark or pandas."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TEST_ID")
    Optional<String> testId = Optional.empty();

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUTPUT")
    Optional<Path> output = Optional.empty();

    @CommandLine.Option(names = "--dataset", paramLabel = "DIR", description = "Export every test as a partitioned Parquet dataset.")
    Optional<Path> dataset = Optional.empty();

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (dataset.isPresent()) {
            try (Store s = store.open()) {
                s.exportDataset(dataset.get());
            }
            out.println("exported dataset to " + dataset.get());
            out.flush();
            return 0;
        }
        if (testId.isEmpty() || output.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give TEST_ID OUTPUT, or --dataset DIR");
        }
        try {
            tower.pipeline.export.Exports.kindOf(output.get());
        } catch (tower.pipeline.errors.TowerException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Store s = store.open()) {
            if (s.find(testId.get()).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no test '" + testId.get() + "' in store " + store.dir());
            }
            tower.pipeline.export.Exports.toFile(s, testId.get(), output.get());
        }
        out.println(testId.get() + " -> " + output.get());
        out.flush();
        return 0;
    }
}
