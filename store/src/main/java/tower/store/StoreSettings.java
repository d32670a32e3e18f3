package tower.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a process opens a store, passed in by the front door (never read from globals inside the store).
 *
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 512MB}; DuckDB spills beyond it to a folder beside the file
 * @param threads     DuckDB worker threads; 0 leaves DuckDB's default (the processors)
 * @param lockWait    how long to wait for another process to release the store before giving up as busy
 * @param readOnly    open read-only: many processes may read at once; nothing is created or changed
 * @param parallelInsert let an ingest's INSERT run on every DuckDB thread; this sets DuckDB's
 *                    {@code preserve_insertion_order = false} for the process, so a query without ORDER BY may return
 *                    rows in any order (every query of the store orders its rows; samples keep their {@code ord})
 */
public record StoreSettings(String memoryLimit, int threads, Duration lockWait, boolean readOnly,
                            boolean parallelInsert) {
    public StoreSettings {
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        Objects.requireNonNull(lockWait, "lockWait");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (DuckDB's default) or more");
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
    }

    /** Read-write, 512 MB (or {@code TOWER_DUCKDB_MEMORY} / {@code -Dtower.duckdb.memory}), 5 s lock wait. */
    public static StoreSettings defaults() {
        String env = System.getenv("TOWER_DUCKDB_MEMORY");
        return new StoreSettings(System.getProperty("tower.duckdb.memory", env == null ? "512MB" : env), 0,
                Duration.ofSeconds(5), false, false);
    }

    public StoreSettings withReadOnly(boolean ro) {
        return new StoreSettings(memoryLimit, threads, lockWait, ro, parallelInsert);
    }

    public StoreSettings withLockWait(Duration wait) {
        return new StoreSettings(memoryLimit, threads, wait, readOnly, parallelInsert);
    }

    public StoreSettings withMemoryLimit(String limit) {
        return new StoreSettings(limit, threads, lockWait, readOnly, parallelInsert);
    }

    public StoreSettings withThreads(int n) {
        return new StoreSettings(memoryLimit, n, lockWait, readOnly, parallelInsert);
    }

    public StoreSettings withParallelInsert(boolean parallel) {
        return new StoreSettings(memoryLimit, threads, lockWait, readOnly, parallel);
    }
}
