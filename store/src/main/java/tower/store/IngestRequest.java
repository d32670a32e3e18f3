package tower.store;

import java.util.Objects;
import java.util.Optional;
import tower.core.cycling.CyclingOptions;

/**
 * What to store besides the samples.
 *
 * @param fileName    the source file's name as the user knows it
 * @param contentHash SHA-256 of the source bytes, lower-case hex ({@link ContentHash}); identifies the test
 * @param cellId      the cell the test belongs to, when known
 * @param options     cycle numbering and summary parameters
 * @param labels      what the user says about the cell
 */
public record IngestRequest(String fileName, String contentHash, Optional<String> cellId, CyclingOptions options,
                            TestLabels labels) {
    public IngestRequest {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(cellId, "cellId");
        Objects.requireNonNull(options, "options");
        if (!ContentHash.isValid(contentHash)) {
            throw new IllegalArgumentException("content hash must be 64 lower-case hex digits: " + contentHash);
        }
    }

    public IngestRequest(String fileName, String contentHash, Optional<String> cellId, CyclingOptions options) {
        this(fileName, contentHash, cellId, options, TestLabels.NONE);
    }

    public static IngestRequest of(String fileName, String contentHash) {
        return new IngestRequest(fileName, contentHash, Optional.empty(), CyclingOptions.DEFAULT);
    }

    public IngestRequest withCellId(String cell) {
        return new IngestRequest(fileName, contentHash, Optional.of(cell), options, labels);
    }

    public IngestRequest withOptions(CyclingOptions o) {
        return new IngestRequest(fileName, contentHash, cellId, o, labels);
    }

    public IngestRequest withLabels(TestLabels l) {
        return new IngestRequest(fileName, contentHash, cellId, options, l);
    }

    /** The id a test with this content gets: {@code t-} and the first 12 hex digits of the hash. */
    public String testId() {
        return "t-" + contentHash.substring(0, 12);
    }
}
