package tower.core.ingest;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The parsing threads readers may use for block-parallel parsing. One pool is made by the front door (CLI or
 * server) and shared by every read, so concurrent requests do not each start threads of their own.
 *
 * @param executor runs parse tasks; never shut down by a reader
 * @param threads  how many tasks may usefully run at once
 */
public record ParsePool(ExecutorService executor, int threads) implements AutoCloseable {
    public ParsePool {
        Objects.requireNonNull(executor);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** A pool of {@code threads} daemon threads named {@code tower-parse}. */
    public static ParsePool of(int threads) {
        return new ParsePool(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tower-parse");
            t.setDaemon(true);
            return t;
        }), threads);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
