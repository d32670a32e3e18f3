package tower.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tower.core.ingest.ReadOptions;
import tower.core.series.RecordSink;

/**
 * One instrument format. A reader recognises its files by content, streams their samples into a sink in
 * canonical columns and SI units (positive current = charge, UTC times), and refuses what it does not
 * understand with a {@link tower.core.ingest.InputException} naming the file, the place and the reason.
 */
public interface Reader {
    FormatInfo info();

    /** How sure the reader is that the file is its format: 0 = not mine; 100 = certain (a unique signature). */
    int detect(Probe probe);

    /**
     * Reads {@code files} (one file, or a first file and its continuation files in order) as one test.
     * Sets source name, format and reader version on the metadata it passes to the sink.
     */
    void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException;

    /**
     * The files that make up the test starting with {@code first}, in order (e.g. a Maccor {@code .001} and its
     * continuation {@code .002}, {@code .003}); most formats have one file per test.
     */
    default List<Path> companions(Path first) throws IOException {
        return List.of(first);
    }
}
