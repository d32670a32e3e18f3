package tower.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.ReadOptions;
import tower.core.series.TimeSeries;
import tower.core.series.Tee;

/** Shared helpers for reader tests: where the shared data lives and how to read a file fully. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path shared(String relative) {
        return Path.of(System.getProperty("tower.shared", "../../shared"), "data", relative);
    }

    /** A file read through its reader and the normaliser, with the per-cycle summary. */
    public record Read(TimeSeries series, CycleTable cycles) {
    }

    public static Read read(Reader reader, Path file, ReadOptions options) throws IOException {
        TimeSeries.Collector collector = new TimeSeries.Collector();
        CycleSummarizer summarizer = new CycleSummarizer(CyclingOptions.DEFAULT);
        reader.read(reader.companions(file), options, new Normalizer(Tee.of(collector, summarizer), CyclingOptions.DEFAULT));
        return new Read(collector.result(), summarizer.result());
    }

    public static Read read(Path file) throws IOException {
        Reader r = Formats.forFile(file, java.util.Optional.empty());
        return read(r, file, ReadOptions.DEFAULT);
    }

    public static List<Path> all(String... relative) {
        return java.util.Arrays.stream(relative).map(TestFiles::shared).toList();
    }
}
