package tower.core.ingest;

/** Receives the number of bytes read so far, for progress bars. */
@FunctionalInterface
public interface Progress {
    Progress NONE = bytes -> { };

    void update(long bytesRead);
}
