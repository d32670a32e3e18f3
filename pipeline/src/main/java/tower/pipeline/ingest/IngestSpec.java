package tower.pipeline.ingest;

import java.util.Objects;
import java.util.Optional;
import tower.pipeline.read.ReadSpec;

/**
 * What to store with a file.
 *
 * @param read        how to read it
 * @param displayName the file name as the user knows it (an upload's original name, not a temporary path)
 * @param cell        the cell id to record
 */
public record IngestSpec(ReadSpec read, Optional<String> displayName, Optional<String> cell) {
    public IngestSpec {
        Objects.requireNonNull(read);
        Objects.requireNonNull(displayName);
        Objects.requireNonNull(cell);
    }

    public static IngestSpec of(ReadSpec read) {
        return new IngestSpec(read, Optional.empty(), Optional.empty());
    }

    public IngestSpec withCell(Optional<String> c) {
        return new IngestSpec(read, displayName, c);
    }

    public IngestSpec withDisplayName(String name) {
        return new IngestSpec(read, Optional.of(name), cell);
    }
}
