package tower.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.formats.bdf.BdfCsvWriter;
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
        String name = output.get().getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "OUTPUT must end with .csv or .parquet");
        }
        try (Store s = store.open()) {
            if (s.find(testId.get()).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no test '" + testId.get() + "' in store " + store.dir());
            }
            if (name.endsWith(".parquet")) {
                s.exportParquet(testId.get(), output.get());
            } else {
                Path abs = output.get().toAbsolutePath();
                Path tmp = Files.createTempFile(abs.getParent(), ".tower-", ".part");
                try {
                    try (OutputStream os = Files.newOutputStream(tmp)) {
                        s.replay(testId.get(), new BdfCsvWriter(os));
                    }
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        out.println(testId.get() + " -> " + output.get());
        out.flush();
        return 0;
    }
}
