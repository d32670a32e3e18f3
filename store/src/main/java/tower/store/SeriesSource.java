package tower.store;

import java.io.IOException;
import tower.core.series.RecordSink;

/**
 * Something that streams one test into a sink, typically {@code sink -> reader.read(files, options, sink)}.
 * It must call {@code begin}, {@code accept}… and {@code end} on the sink, and may throw to abort.
 */
@FunctionalInterface
public interface SeriesSource {
    void readInto(RecordSink sink) throws IOException;
}
