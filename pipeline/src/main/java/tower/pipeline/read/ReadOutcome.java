package tower.pipeline.read;

import java.nio.file.Path;
import java.util.List;
import tower.core.cycling.CycleTable;
import tower.core.series.TestMetadata;
import tower.formats.Reader;

/**
 * What reading a file produced besides what the caller's sink kept.
 *
 * @param reader   the reader that read it
 * @param files    the file and its continuation files, in reading order
 * @param metadata the reader's and normaliser's metadata (warnings, flags, zone)
 * @param cycles   the per-cycle summary
 */
public record ReadOutcome(Reader reader, List<Path> files, TestMetadata metadata, CycleTable cycles) {
    public String formatId() {
        return reader.info().id();
    }
}
