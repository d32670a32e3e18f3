package tower.cli;

import tower.pipeline.json.Json;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.ingest.InputException;
import tower.core.series.RecordSink;
import tower.formats.bdf.BdfCsvWriter;
import tower.pipeline.export.Exports;
import tower.pipeline.export.PartFiles;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Read any supported file and write the canonical time series: OUTPUT ending .csv gives BDF CSV, .parquet gives BDF Parquet.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Cycler file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "Output file (.csv or .parquet).")
    Path output;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Option(names = "--json", description = "Print a JSON report instead of text.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean parquet = name.endsWith(".parquet");
        if (!parquet && !name.endsWith(".csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "OUTPUT must end with .csv or .parquet");
        }
        var read = Inputs.spec(spec, common);
        Path abs = output.toAbsolutePath();
        Path folder = abs.getParent() == null ? Path.of(".") : abs.getParent();
        checkOutput(output.toString(), abs, folder);
        Path part = PartFiles.create(folder);
        tower.pipeline.read.ReadOutcome result;
        try (ProgressBar bar = ProgressBar.start(!json, "convert", Inputs.sizeOrZero(input))) {
            Files.createDirectory(part);
            Path tmp = part.resolve(parquet ? "out.parquet" : "out.csv");
            if (parquet) {
                try (var sink = new tower.store.ParquetSink(tmp, Optional.of(part), Exports.provenance())) {
                    result = Inputs.read(input, read, bar, sink);
                }
            } else {
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    RecordSink sink = new BdfCsvWriter(os);
                    result = Inputs.read(input, read, bar, sink);
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            PartFiles.release(part);
        }
        var out = spec.commandLine().getOut();
        Warnings.print(spec.commandLine().getErr(), result.metadata());
        if (json) {
            Json.print(out, Map.of("source", input.getFileName().toString(), "format",
                    result.reader().info().id(), "output", output.toString(), "rows", result.metadata().rows(),
                    "warnings", result.metadata().warnings()));
        } else {
            out.printf("%s: %s, %d rows -> %s%n", input.getFileName(), result.reader().info().id(), result.metadata().rows(), output);
            out.flush();
        }
        return 0;
    }

    /** What can be told before reading: the output's folder must exist and be writable, its name not too long. */
    private static void checkOutput(String given, Path abs, Path folder) {
        if (tower.formats.Formats.longestNameBytes(abs) > 255) {
            throw new InputException(given, "output", "the file name is too long (file systems allow 255 bytes"
                    + " per name); choose a shorter OUTPUT");
        }
        if (Files.isDirectory(abs)) {
            throw new InputException(given, "output", "is a folder; give a file name ending .csv or .parquet");
        }
        if (!Files.exists(folder)) {
            throw new InputException(given, "output", "the folder " + folder + " does not exist; create it first"
                    + " or choose another OUTPUT");
        }
        if (!Files.isDirectory(folder)) {
            throw new InputException(given, "output", folder + " is a file, not a folder");
        }
        if (!Files.isWritable(folder)) {
            throw new InputException(given, "output", "the folder " + folder + " is not writable (permission denied)");
        }
    }
}
