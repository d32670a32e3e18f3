package tower.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.ingest.InputException;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.Formats;
import tower.formats.Reader;
import tower.store.ContentHash;
import tower.store.IngestRequest;
import tower.store.IngestResult;
import tower.store.Store;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Store files as tests (atomic per file; the same content twice is one test).",
                "Folders are searched recursively; files in no supported format are skipped and counted."})
final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files or folders.")
    List<Path> inputs;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Option(names = "--cell", paramLabel = "ID", description = "Cell id to record with the tests.")
    Optional<String> cell = Optional.empty();

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var zoneOption = Inputs.zone(spec, common.timezone);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> stored = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Path> consumed = new HashSet<>();
        try (Store s = store.open()) {
            var zoneDefault = StoreOptions.defaultZone(s);
            for (Path input : inputs) {
                boolean explicit = !Files.isDirectory(input);
                for (Path f : expand(input)) {
                    if (consumed.contains(f.toAbsolutePath().normalize())) {
                        continue; // already read as a continuation of an earlier file
                    }
                    Reader reader;
                    try {
                        reader = Formats.forFile(f, common.format, common.mapping);
                    } catch (InputException e) {
                        if (explicit) {
                            failed.add(failure(e));
                            err.println("error: " + e.getMessage());
                        } else {
                            skipped.add(f.toString());
                        }
                        continue;
                    }
                    try {
                        List<Path> files = reader.companions(f);
                        files.forEach(p -> consumed.add(p.toAbsolutePath().normalize()));
                        IngestRequest req = new IngestRequest(f.getFileName().toString(), ContentHash.of(files), cell,
                                common.cycling());
                        TestMetadata[] md = new TestMetadata[1];
                        IngestResult result;
                        try (ProgressBar bar = ProgressBar.start(!json, "ingest " + f.getFileName(), Inputs.totalSize(files))) {
                            var options = Inputs.options(zoneOption, zoneDefault, bar);
                            result = s.ingest(req, sink -> reader.read(files, options, capture(sink, md)));
                        }
                        if (!result.duplicate()) {
                            Warnings.print(err, md[0]);
                        }
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("test_id", result.test().testId());
                        m.put("file", f.toString());
                        m.put("format", result.test().format());
                        m.put("rows", result.test().rows());
                        m.put("cycles", result.test().cycles());
                        m.put("duplicate", result.duplicate());
                        m.put("warnings", result.test().warnings());
                        stored.add(m);
                        if (!json) {
                            out.printf("%s %s: %s, %d rows, %d cycles%s%n", result.test().testId(), f,
                                    result.test().format(), result.test().rows(), result.test().cycles(),
                                    result.duplicate() ? " (already stored)" : "");
                            out.flush();
                        }
                    } catch (InputException e) {
                        failed.add(failure(e));
                        err.println("error: " + e.getMessage());
                        err.flush();
                    }
                }
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("stored", stored);
            doc.put("failed", failed);
            doc.put("skipped", skipped);
            Json.print(out, doc);
        } else if (stored.size() + failed.size() + skipped.size() > 1) {
            out.printf("%d stored (%d already present), %d failed, %d skipped (not a supported format)%n",
                    stored.size(), stored.stream().filter(m -> (Boolean) m.get("duplicate")).count(), failed.size(),
                    skipped.size());
            out.flush();
        }
        return failed.isEmpty() ? 0 : Main.EXIT_BAD_INPUT;
    }

    private static Map<String, Object> failure(InputException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", e.file());
        m.put("where", e.where());
        m.put("reason", e.reason());
        return m;
    }

    private static List<Path> expand(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.walk(input)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Passes the stream on and remembers the reader's metadata (for warnings). */
    private static RecordSink capture(RecordSink sink, TestMetadata[] md) {
        return new RecordSink() {
            @Override
            public void begin(Set<Quantity> columns, TestMetadata metadata) {
                md[0] = metadata;
                sink.begin(columns, metadata);
            }

            @Override
            public void accept(Batch batch) {
                sink.accept(batch);
            }

            @Override
            public void end(TestMetadata metadata) {
                md[0] = metadata;
                sink.end(metadata);
            }
        };
    }
}
