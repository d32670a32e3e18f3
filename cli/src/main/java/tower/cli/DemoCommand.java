package tower.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Try tower on the bundled sample files (samples/): lists the formats, ingests every sample into the "
                + "store, lists the stored tests and prints the per-cycle summary of one of them."})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Option(names = "--samples", paramLabel = "DIR", description = "Folder of sample files (default: the repository's samples/).")
    Path samples;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Path dir = samples != null ? samples : Path.of(System.getProperty("tower.home", "."), "samples");
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no sample folder at " + dir + " (use --samples DIR)");
        }
        String storeDir = store.dir().toString();
        out.println("== tower formats");
        out.flush();
        Main.run(new String[]{"formats"}, out, spec.commandLine().getErr());
        out.println();
        out.println("== tower ingest " + dir + " --store " + storeDir);
        out.flush();
        int code = Main.run(new String[]{"ingest", dir.toString(), "--store", storeDir}, out, spec.commandLine().getErr());
        out.println();
        out.println("== tower list --store " + storeDir);
        out.flush();
        Main.run(new String[]{"list", "--store", storeDir}, out, spec.commandLine().getErr());
        Path arbin = dir.resolve("arbin_example.csv");
        Path res = dir.resolve("20160805_test001_45_cc_01.res");
        Path example = Files.exists(res) ? res : arbin;
        if (Files.exists(example)) {
            out.println();
            out.println("== tower cycles " + example);
            out.flush();
            Main.run(new String[]{"cycles", example.toString()}, out, spec.commandLine().getErr());
        }
        out.println();
        out.println("Next: 'tower cycles FILE --json', 'tower convert FILE out.csv', 'tower export TEST_ID out.parquet', 'tower --help'.");
        out.flush();
        return code;
    }
}
