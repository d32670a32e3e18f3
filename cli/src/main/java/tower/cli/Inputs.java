package tower.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.Limits;
import tower.core.ingest.Progress;
import tower.core.ingest.ReadOptions;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.core.series.Tee;
import tower.formats.Formats;
import tower.formats.Reader;

/** Reading an input file from the command line: choose the reader, build the options, run the pipeline. */
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

    static ReadOptions options(Optional<ZoneId> option, Optional<ZoneId> storeDefault, Progress progress) {
        if (option.isPresent()) {
            return new ReadOptions(option, "option", Limits.DEFAULT, progress);
        }
        if (storeDefault.isPresent()) {
            return new ReadOptions(storeDefault, "store", Limits.DEFAULT, progress);
        }
        return new ReadOptions(Optional.empty(), "none", Limits.DEFAULT, progress);
    }

    /** What reading a file produced besides what the sinks kept. */
    record Result(Reader reader, List<Path> files, TestMetadata metadata, CycleTable cycles) {
    }

    /** Reads {@code file} through its reader and the normaliser into {@code sink}, summarising cycles on the way. */
    static Result read(Path file, Optional<String> format, ReadOptions options, CyclingOptions cycling, RecordSink sink)
            throws IOException {
        return read(file, format, Optional.empty(), options, cycling, sink);
    }

    static Result read(Path file, Optional<String> format, Optional<Path> mapping, ReadOptions options,
                       CyclingOptions cycling, RecordSink sink) throws IOException {
        Reader reader = Formats.forFile(file, format, mapping);
        List<Path> files = reader.companions(file);
        CycleSummarizer summarizer = new CycleSummarizer(cycling);
        TestMetadata[] seen = new TestMetadata[1];
        RecordSink capture = new RecordSink() {
            @Override
            public void begin(java.util.Set<tower.core.series.Quantity> columns, TestMetadata metadata) {
                seen[0] = metadata;
            }

            @Override
            public void accept(tower.core.series.Batch batch) {
            }

            @Override
            public void end(TestMetadata metadata) {
                seen[0] = metadata;
            }
        };
        reader.read(files, options, new Normalizer(Tee.of(sink, summarizer, capture), cycling));
        return new Result(reader, files, seen[0], summarizer.result());
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static long totalSize(List<Path> files) {
        long n = 0;
        for (Path p : files) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                // size is only for the progress bar
            }
        }
        return n;
    }

    /** A sink that keeps nothing. */
    static final RecordSink DISCARD = new RecordSink() {
        @Override
        public void begin(java.util.Set<tower.core.series.Quantity> columns, TestMetadata metadata) {
        }

        @Override
        public void accept(tower.core.series.Batch batch) {
        }

        @Override
        public void end(TestMetadata metadata) {
        }
    };
}
