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
                .withTimezone(zone(spec, common.timezone)).withCycling(common.cycling());
    }

    static ReadOutcome read(Path file, ReadSpec spec, Progress progress, RecordSink sink) throws IOException {
        return Main.pipeline().read(file, spec, progress, sink);
    }

    /** INPUT of an analysis command: a file, or a stored test id (then the store must exist). */
    static LoadedTest load(CommandLine.Model.CommandSpec spec, String input, CommonOptions common, StoreOptions store)
            throws IOException {
        ReadSpec read = spec(spec, common);
        Path file = Path.of(input);
        if (Files.exists(file) || !input.startsWith("t-")) {
            LoadedTest t = Main.pipeline().loadFile(file, read);
            Warnings.print(spec.commandLine().getErr(), t.metadata());
            return t;
        }
        if (!Files.isDirectory(store.dir())) {
            throw TowerException.unknownTest(input, store.dir() + " (no store there)");
        }
        try (Store s = store.open()) {
            return Main.pipeline().loadStored(s, input, common.cyclingGiven() ? Optional.of(read.cycling()) : Optional.empty());
        }
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
