package tower.pipeline.ingest;

import java.nio.file.Path;
import java.util.List;
import tower.core.series.TestMetadata;
import tower.store.IngestResult;

/**
 * One stored file.
 *
 * @param result   the stored test, and whether it was already there
 * @param files    the files read (the file and its continuations)
 * @param metadata what the reader reported (warnings), empty for a duplicate that was not read
 */
public record Ingested(IngestResult result, List<Path> files, TestMetadata metadata) {
}
