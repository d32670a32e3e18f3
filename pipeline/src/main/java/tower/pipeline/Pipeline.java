package tower.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.Normalizer;
import tower.core.cycling.Steps;
import tower.core.ingest.ParsePool;
import tower.core.ingest.Progress;
import tower.core.ingest.ReadOptions;
import tower.core.series.RecordSink;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;
import tower.formats.Formats;
import tower.formats.Reader;
import tower.pipeline.errors.TowerException;
import tower.pipeline.read.ReadOutcome;
import tower.pipeline.read.ReadSpec;
import tower.pipeline.read.Sinks;
import tower.store.Store;
import tower.store.StoredTest;

/**
 * The pipeline both front doors call: file → reader (detected by content) → normaliser → summariser → sink, and
 * whole tests loaded from a file or the store for analyses. It owns the one parsing pool every read shares.
 */
public final class Pipeline implements AutoCloseable {
    private final PipelineConfig config;
    private final ParsePool pool;

    public Pipeline(PipelineConfig config) {
        this.config = config;
        this.pool = ParsePool.of(config.parseThreads());
    }

    public PipelineConfig config() {
        return config;
    }

    /** Read options for a spec: the user's zone, else the store's default, else none (UTC assumed and flagged). */
    public ReadOptions readOptions(ReadSpec spec, Progress progress) {
        ReadOptions o;
        if (spec.timezone().isPresent()) {
            o = new ReadOptions(spec.timezone(), "option", config.limits(), progress);
        } else if (spec.storeZone().isPresent()) {
            o = new ReadOptions(spec.storeZone(), "store", config.limits(), progress);
        } else {
            o = new ReadOptions(Optional.empty(), "none", config.limits(), progress);
        }
        return o.withColumns(spec.columns()).withParsePool(pool);
    }

    /** The reader for a file: by {@code --format} when given, else detected from the content. */
    public Reader readerFor(Path file, ReadSpec spec) throws IOException {
        return Formats.forFile(file, spec.format(), spec.mapping(), spec.stepLabels());
    }

    /** Reads {@code file} (with its continuation files) into {@code sink}, summarising cycles on the way. */
    public ReadOutcome read(Path file, ReadSpec spec, Progress progress, RecordSink sink) throws IOException {
        Reader reader = readerFor(file, spec);
        List<Path> files = reader.companions(file);
        CycleSummarizer summarizer = new CycleSummarizer(spec.cycling());
        Sinks.MetadataCapture capture = new Sinks.MetadataCapture(Tee.of(sink, summarizer));
        reader.read(files, readOptions(spec, progress), new Normalizer(capture, spec.cycling()));
        return new ReadOutcome(reader, files, capture.metadata(), summarizer.result());
    }

    /** A whole file in memory for analyses. */
    public LoadedTest loadFile(Path file, ReadSpec spec) throws IOException {
        TimeSeries.Collector collector = new TimeSeries.Collector();
        ReadOutcome r = read(file, spec, Progress.NONE, collector);
        TimeSeries ts = collector.result();
        return new LoadedTest(Optional.empty(), file.getFileName().toString(), r.formatId(), r.metadata(), ts,
                r.cycles(), Steps.of(ts, spec.cycling()));
    }

    /**
     * A stored test in memory. Its stored summary is used when the requested cycling options are those it was made
     * with; otherwise the summary is recomputed from the stored samples, so an option is never silently ignored.
     */
    public LoadedTest loadStored(Store store, String testId, Optional<tower.core.cycling.CyclingOptions> cycling) {
        StoredTest t = store.find(testId).orElseThrow(() -> TowerException.unknownTest(testId, store.directory().toString()));
        TimeSeries ts = store.timeSeries(testId);
        var stored = store.cycles(testId);
        var options = cycling.map(c -> withStoredNominal(c, stored.options())).orElse(stored.options());
        var cycles = options.equals(stored.options()) ? stored : Summaries.recompute(ts, options);
        return new LoadedTest(Optional.of(t), t.fileName(), t.format(), t.metadata(), ts, cycles, Steps.of(ts, options));
    }

    /**
     * The per-cycle summary of a stored test: the stored one when the options are those it was made with (or none
     * are given), else recomputed from the stored samples.
     */
    public tower.core.cycling.CycleTable storedCycles(Store store, String testId,
                                                     Optional<tower.core.cycling.CyclingOptions> cycling) {
        store.find(testId).orElseThrow(() -> TowerException.unknownTest(testId, store.directory().toString()));
        var stored = store.cycles(testId);
        if (cycling.isEmpty() || withStoredNominal(cycling.get(), stored.options()).equals(stored.options())) {
            return stored;
        }
        return Summaries.recompute(store.timeSeries(testId), withStoredNominal(cycling.get(), stored.options()));
    }

    /** The user's options keep the nominal capacity the test was stored with unless they state one. */
    private static tower.core.cycling.CyclingOptions withStoredNominal(tower.core.cycling.CyclingOptions given,
                                                                    tower.core.cycling.CyclingOptions stored) {
        return !given.hasNominalCapacity() && stored.hasNominalCapacity()
                ? given.withNominalCapacity(stored.nominalCapacityAh()) : given;
    }

    /** INPUT of an analysis command: an existing file, else a test id of the store. */
    public LoadedTest load(String input, ReadSpec spec, boolean cyclingGiven, Optional<Store> store) throws IOException {
        Path file = Path.of(input);
        if (Files.exists(file) || store.isEmpty() || !input.startsWith("t-")) {
            return loadFile(file, spec);
        }
        return loadStored(store.get(), input, cyclingGiven ? Optional.of(spec.cycling()) : Optional.empty());
    }

    /** The zone a store gives naive timestamps when the user gives none. */
    public static Optional<ZoneId> storeZone(Store store) {
        return store.config(Store.DEFAULT_TIMEZONE).map(ZoneId::of);
    }

    @Override
    public void close() {
        pool.close();
    }
}
