package tower.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine;
import tower.core.ingest.Progress;
import tower.core.series.RecordSink;
import tower.formats.generic.StepLabels;
import tower.pipeline.LoadedTest;
import tower.pipeline.errors.TowerException;
import tower.pipeline.read.ReadOutcome;
import tower.pipeline.read.ReadSpec;
import tower.store.Store;

/** The command line's side of reading: options into a {@link ReadSpec}, then the shared pipeline. */
final class Inputs {
    private Inputs() {
    }

    static Optional<ZoneId> zone(CommandLine.Model.CommandSpec spec, Optional<String> text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(text.get()));
        } catch (DateTimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timezone: unknown time zone '" + text.get() + "' (use an IANA name such as Europe/Berlin)");
        }
    }

    /** The read the user asked for with the common options. */
    static ReadSpec spec(CommandLine.Model.CommandSpec spec, CommonOptions common) {
        return ReadSpec.DEFAULT.withFormat(common.format).withMapping(common.mapping)
                .withTimezone(zone(spec, common.timezone)).withCycling(common.cycling())
                .withStepLabels(stepLabels(spec, common));
    }

    /** --step-type-column and --step-type-map: both or neither, and only with a mapping file. */
    static Optional<StepLabels> stepLabels(CommandLine.Model.CommandSpec spec, CommonOptions common) {
        if (common.stepTypeColumn.isEmpty() && common.stepTypeMap.isEmpty()) {
            return Optional.empty();
        }
        if (common.stepTypeColumn.isEmpty() || common.stepTypeMap.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--step-type-column and --step-type-map go together");
        }
        if (common.mapping.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--step-type-column goes with --format generic-csv --mapping FILE");
        }
        try {
            return Optional.of(StepLabels.parse(common.stepTypeColumn.get(), common.stepTypeMap.get()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static ReadOutcome read(Path file, ReadSpec spec, Progress progress, RecordSink sink) throws IOException {
        return Main.pipeline().read(file, spec, progress, sink);
    }

    /** True when INPUT names a stored test rather than a file: no such file, and shaped like a test id. */
    static boolean isTestId(String input) {
        return input.matches("t-[0-9a-f]{12}") && !Files.exists(Path.of(input));
    }

    /** INPUT of an analysis command: a file, or a stored test id (then the store must exist). */
    static LoadedTest load(CommandLine.Model.CommandSpec spec, String input, CommonOptions common, StoreOptions store)
            throws IOException {
        ReadSpec read = spec(spec, common);
        if (!isTestId(input)) {
            LoadedTest t = Main.pipeline().loadFile(Path.of(input), read);
            Warnings.print(spec.commandLine().getErr(), t.metadata());
            return t;
        }
        try (Store s = store.openRead()) {
            return Main.pipeline().loadStored(s, input, common.cyclingGiven() ? Optional.of(read.cycling()) : Optional.empty());
        }
    }

    /**
     * The files of an ingest INPUT: the file itself, or every regular file below a folder. A missing input, an
     * unexpanded shell glob and an empty folder are input errors (exit 3), said in words.
     */
    static java.util.List<Path> expand(Path input) throws IOException {
        String text = input.toString();
        if (!Files.exists(input)) {
            if (text.contains("*") || text.contains("?") || text.contains("[")) {
                throw new TowerException(tower.pipeline.errors.ErrorKind.BAD_INPUT, text + ": no file matches this pattern");
            }
            throw new TowerException(tower.pipeline.errors.ErrorKind.BAD_INPUT, text + ": no such file or folder");
        }
        java.util.List<Path> files = tower.pipeline.ingest.Ingester.expand(input);
        if (files.isEmpty()) {
            throw new TowerException(tower.pipeline.errors.ErrorKind.BAD_INPUT, text + ": the folder holds no files");
        }
        return files;
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
