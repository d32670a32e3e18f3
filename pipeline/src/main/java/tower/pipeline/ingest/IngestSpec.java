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
 * @param namespace   whose test it is (the server's organisation): the same content in two namespaces is two tests,
 *                    so de-duplication never crosses organisations; empty for the CLI (the content hash alone)
 */
public record IngestSpec(ReadSpec read, Optional<String> displayName, Optional<String> cell, Optional<String> namespace) {
    public IngestSpec {
        Objects.requireNonNull(read);
        Objects.requireNonNull(displayName);
        Objects.requireNonNull(cell);
        Objects.requireNonNull(namespace);
    }

    public static IngestSpec of(ReadSpec read) {
        return new IngestSpec(read, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public IngestSpec withCell(Optional<String> c) {
        return new IngestSpec(read, displayName, c, namespace);
    }

    public IngestSpec withDisplayName(String name) {
        return new IngestSpec(read, Optional.of(name), cell, namespace);
    }

    public IngestSpec withNamespace(String ns) {
        return new IngestSpec(read, displayName, cell, Optional.of(ns));
    }
}
