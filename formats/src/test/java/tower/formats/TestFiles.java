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

    /**
     * A real test file: from the repository's {@code testdata/} (files whose licence lets us ship them), or, for
     * the GPL fixtures under {@code yadg/}, from {@code ../shared/data} beside the checkout; a test that needs a GPL
     * file that is not there is skipped with the reason.
     */
    public static Path shared(String relative) {
        if (relative.startsWith("yadg/") || relative.equals("yadg")) {
            Path p = Path.of(System.getProperty("tower.gpl", "../../shared"), "data", relative);
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(p),
                    "skipped: " + relative + " is GPL-3.0 test data we do not ship; it is read from ../shared/data when present");
            return p;
        }
        return Path.of(System.getProperty("tower.shared", "../../testdata"), "data", relative);
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
