package tower.cli;

import tower.pipeline.Pipeline;
import tower.pipeline.ingest.IngestSpec;
import tower.pipeline.ingest.Ingested;
import tower.pipeline.ingest.Ingester;
import tower.pipeline.json.Json;
import tower.pipeline.read.ReadSpec;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.core.ingest.InputException;
import tower.formats.Reader;
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

    @CommandLine.Option(names = "--nominal-capacity", paramLabel = "AH", description = "The cell's rated capacity in Ah (for analyze --reference nominal).")
    Optional<String> nominalCapacity = Optional.empty();

    @CommandLine.Option(names = "--chemistry", paramLabel = "TEXT", description = "Cell chemistry, e.g. NMC811/graphite.")
    Optional<String> chemistry = Optional.empty();

    @CommandLine.Option(names = "--active-mass", paramLabel = "G", description = "Active material mass in g (cycle summaries then add specific capacity in mAh/g).")
    Optional<String> activeMass = Optional.empty();

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReadSpec read = Inputs.spec(spec, common);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> stored = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Path> consumed = new HashSet<>();
        List<String> labels = new ArrayList<>();
        nominalCapacity.ifPresent(v -> labels.add("nominal_capacity_ah=" + v));
        chemistry.ifPresent(v -> labels.add("chemistry=" + v));
        activeMass.ifPresent(v -> labels.add("active_mass_g=" + v));
        var testLabels = tower.pipeline.manage.StoredTests.labels(labels);
        // every input is checked before the store is opened: a typo neither creates a store nor half-ingests
        Map<Path, List<Path>> expanded = new LinkedHashMap<>();
        for (Path input : inputs) {
            expanded.put(input, Inputs.expand(input));
        }
        Ingester ingester = new Ingester(Main.pipeline());
        // The store opens (DuckDB's library, lock, schema) and the first file is hashed, each on a thread of its own,
        // while that file's format is detected: one after the other they took 0.3, 0.2 and 0.05 s.
        Optional<tower.pipeline.ingest.EarlyHash> early = expanded.values().stream().flatMap(List::stream).findFirst()
                .map(tower.pipeline.ingest.EarlyHash::start);
        try (StoreOpening opening = new StoreOpening(store::openForIngest)) {
            IngestSpec ingest = null;
            for (Path input : inputs) {
                boolean explicit = !Files.isDirectory(input);
                for (Path f : expanded.get(input)) {
                    if (consumed.contains(f.toAbsolutePath().normalize())) {
                        continue; // already read as a continuation of an earlier file
                    }
                    Reader reader;
                    try {
                        reader = Main.pipeline().readerFor(f, read);
                    } catch (InputException e) {
                        if (explicit) {
                            failed.add(failure(e));
                            err.println("error: " + e.getMessage());
                        } else {
                            skipped.add(f.toString());
                        }
                        continue;
                    }
                    Ingester.Source source;
                    try {
                        source = early.isPresent() ? Ingester.prepare(f, reader, early.get()) : Ingester.prepare(f, reader);
                    } catch (InputException e) {
                        failed.add(failure(e));
                        err.println("error: " + e.getMessage());
                        err.flush();
                        continue;
                    }
                    source.files().forEach(p -> consumed.add(p.toAbsolutePath().normalize()));
                    Store s = opening.store(); // its errors end the command, as before any file
                    if (ingest == null) {
                        if (s.created()) {
                            err.println("created store " + store.dir());
                            err.flush();
                        }
                        ingest = IngestSpec.of(read.withStoreZone(Pipeline.storeZone(s))).withCell(cell)
                                .withLabels(testLabels);
                    }
                    try {
                        Ingested done;
                        try (ProgressBar bar = ProgressBar.start(!json, "ingest " + f.getFileName(),
                                Ingester.totalSize(source.files()))) {
                            done = ingester.ingest(s, source, ingest, bar);
                        }
                        IngestResult result = done.result();
                        if (!result.duplicate()) {
                            Warnings.print(err, done.metadata());
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
            if (ingest == null && opening.store().created()) {
                err.println("created store " + store.dir()); // nothing was stored, but the store is there
                err.flush();
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
}
