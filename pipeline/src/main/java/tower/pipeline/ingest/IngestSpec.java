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
 * @param labels      what the user says about the cell (nominal capacity, chemistry, active mass, tags)
 */
public record IngestSpec(ReadSpec read, Optional<String> displayName, Optional<String> cell,
                         tower.store.TestLabels labels) {
    public IngestSpec {
        Objects.requireNonNull(labels);
        Objects.requireNonNull(read);
        Objects.requireNonNull(displayName);
        Objects.requireNonNull(cell);
    }

    public IngestSpec(ReadSpec read, Optional<String> displayName, Optional<String> cell) {
        this(read, displayName, cell, tower.store.TestLabels.NONE);
    }

    public static IngestSpec of(ReadSpec read) {
        return new IngestSpec(read, Optional.empty(), Optional.empty());
    }

    public IngestSpec withCell(Optional<String> c) {
        return new IngestSpec(read, displayName, c, labels);
    }

    public IngestSpec withDisplayName(String name) {
        return new IngestSpec(read, Optional.of(name), cell, labels);
    }

    public IngestSpec withLabels(tower.store.TestLabels l) {
        return new IngestSpec(read, displayName, cell, l);
    }
}
