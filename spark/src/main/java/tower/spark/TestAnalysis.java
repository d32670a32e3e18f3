package tower.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tower.core.analysis.EarlyLife;
import tower.core.analysis.EarlyLifeFeatures;
import tower.core.analysis.Fade;
import tower.core.analysis.FadeResult;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.Normalizer;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.ingest.InputException;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;
import tower.formats.Formats;
import tower.formats.Reader;

/**
 * One test through the same core code the CLI runs: normaliser and per-cycle summary on the stream
 * ({@code tower cycles}), then steps, fade/life ({@code tower analyze}) and early-life features
 * ({@code tower features}) on the whole series. No Spark here: the executors call it per test.
 */
public final class TestAnalysis {
    private TestAnalysis() {
    }

    /** A normalised test with its summary. */
    public record Loaded(String format, TimeSeries series, CycleTable cycles, TestMetadata metadata) {
    }

    /** Everything the job writes about a test. */
    public record Result(Loaded loaded, FadeResult fade, EarlyLifeFeatures features) {
    }

    /** Reads a raw file as {@code tower analyze FILE} does (reader detected from content, then the normaliser). */
    public static Loaded readFile(Path file, JobSpec spec) throws IOException {
        Reader reader = Formats.forFile(file, Optional.empty());
        List<Path> files = reader.companions(file);
        TimeSeries.Collector collector = new TimeSeries.Collector();
        CycleSummarizer summarizer = new CycleSummarizer(spec.cycling());
        reader.read(files, spec.readOptions(), new Normalizer(Tee.of(collector, summarizer), spec.cycling()));
        TimeSeries ts = collector.result();
        return new Loaded(reader.info().id(), ts, summarizer.result(), ts.metadata());
    }

    /**
     * Normalises and summarises a test whose samples were read from Parquet into {@code raw}. Columns that hold no
     * value in this test are dropped first: a dataset file has the union of all tests' columns, and a test is what
     * its own columns say (as the store keeps it).
     */
    public static Loaded fromSamples(TimeSeries raw, String format, JobSpec spec) {
        Set<Quantity> present = java.util.EnumSet.noneOf(Quantity.class);
        for (Quantity q : raw.columns()) {
            if (hasValue(raw, q)) {
                present.add(q);
            }
        }
        if (!present.containsAll(Set.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT))) {
            throw new InputException(raw.metadata().sourceName(), "columns",
                    "a test needs values in '" + Quantity.TEST_TIME.label() + "', '" + Quantity.VOLTAGE.label()
                            + "' and '" + Quantity.CURRENT.label() + "'");
        }
        TimeSeries.Collector collector = new TimeSeries.Collector();
        CycleSummarizer summarizer = new CycleSummarizer(spec.cycling());
        TestMetadata md = raw.metadata();
        md.setRows(raw.size());
        replay(raw, present, new Normalizer(Tee.of(collector, summarizer), spec.cycling()));
        TimeSeries ts = collector.result();
        return new Loaded(format, ts, summarizer.result(), md);
    }

    /** Steps, fade/life and early-life features, with the options of {@code tower analyze} and {@code tower features}. */
    public static Result analyze(Loaded t, JobSpec spec) {
        StepTable steps = Steps.of(t.series(), spec.cycling());
        FadeResult fade = Fade.analyze(t.cycles(), steps, spec.fade());
        EarlyLifeFeatures features = EarlyLife.features(t.series(), t.cycles(), steps, spec.earlyLife());
        return new Result(t, fade, features);
    }

    private static boolean hasValue(TimeSeries ts, Quantity q) {
        int n = ts.size();
        switch (q.kind()) {
            case REAL, INTEGER -> {
                double[] c = ts.column(q);
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(c[i])) {
                        return true;
                    }
                }
            }
            case EPOCH -> {
                long[] c = ts.epochNanos();
                for (int i = 0; i < n; i++) {
                    if (c[i] != Batch.NO_TIME) {
                        return true;
                    }
                }
            }
            case STEP_TYPE -> {
                byte[] c = ts.stepTypes();
                for (int i = 0; i < n; i++) {
                    if (c[i] >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@link TimeSeries#replay} restricted to some of its columns. */
    static void replay(TimeSeries ts, Set<Quantity> columns, RecordSink sink) {
        sink.begin(columns, ts.metadata());
        Batch b = new Batch(columns, Batch.DEFAULT_CAPACITY);
        int size = ts.size();
        for (int start = 0; start < size; start += b.capacity()) {
            b.clear();
            int n = Math.min(size, start + b.capacity()) - start;
            for (int i = 0; i < n; i++) {
                b.addRow();
            }
            for (Quantity q : columns) {
                switch (q.kind()) {
                    case REAL, INTEGER -> System.arraycopy(ts.column(q), start, b.column(q), 0, n);
                    case EPOCH -> System.arraycopy(ts.epochNanos(), start, b.epochNanos(), 0, n);
                    case STEP_TYPE -> System.arraycopy(ts.stepTypes(), start, b.stepTypes(), 0, n);
                }
            }
            sink.accept(b);
        }
        sink.end(ts.metadata());
    }
}
