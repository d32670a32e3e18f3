package tower.pipeline.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import tower.pipeline.Ahead;
import tower.store.ContentHash;

/**
 * A file's SHA-256 computed on a thread of its own from the moment an ingest knows the file, while the store opens
 * and the format is detected ({@link Ingester#prepare(Path, tower.formats.Reader, EarlyHash)}): hashing a 300 MB
 * file takes 0.2 s, which had one core idle in front of every parse. A test of several files, or any failure here,
 * is hashed again the ordinary way, so errors are reported as before.
 */
public final class EarlyHash {
    private final Path file;
    private final Ahead<String> hash;

    private EarlyHash(Path file) {
        this.file = file;
        this.hash = Ahead.start("tower-hash", () -> ContentHash.of(List.of(file)));
    }

    /** Starts hashing {@code file}. */
    public static EarlyHash start(Path file) {
        return new EarlyHash(file);
    }

    /** The hash of {@code files} in order: the early one when they are just the file it was started for. */
    String of(List<Path> files) throws IOException {
        if (files.size() == 1 && files.get(0).equals(file)) {
            try {
                return hash.await();
            } catch (ExecutionException e) {
                // hashed again below, which reports the error as an ordinary ingest does
            }
        }
        return ContentHash.of(files);
    }
}
