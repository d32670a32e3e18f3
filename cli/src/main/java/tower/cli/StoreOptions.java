package tower.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import tower.store.Store;
import tower.store.StoreSettings;

/** {@code --store DIR}, else {@code $TOWER_STORE}, else {@code ./tower-data}; {@code --wait SECONDS}. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default ./tower-data, or $TOWER_STORE).")
    Optional<String> store = Optional.empty();

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "How long to wait for another process that holds the store (default ${DEFAULT-VALUE}).")
    double waitSeconds = 5;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    Path dir() {
        if (store.isPresent()) {
            if (store.get().isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--store: give a directory, not an empty string");
            }
            return Path.of(store.get());
        }
        String env = System.getenv("TOWER_STORE");
        return Path.of(env == null || env.isBlank() ? "tower-data" : env);
    }

    private StoreSettings settings(boolean readOnly) {
        if (!(waitSeconds >= 0) || Double.isInfinite(waitSeconds)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wait must be 0 or more seconds");
        }
        return StoreSettings.defaults().withReadOnly(readOnly).withLockWait(Duration.ofMillis((long) (waitSeconds * 1000)));
    }

    /** Opens the store read-only (many processes at once); a missing store is an error, never created. */
    Store openRead() throws IOException {
        return Store.open(dir(), settings(true), "read");
    }

    /**
     * Opens the store read-write for {@code command} (recorded for the busy message of other processes). When
     * interrupted ingests left more unused space than live data (and over 64 MB), the store is compacted first.
     */
    Store openWrite(String command) throws IOException {
        return openWrite(command, false);
    }

    /** As {@link #openWrite(String)}; only {@code mayCreate} (ingest, config) creates a store where there is none. */
    Store openWrite(String command, boolean mayCreate) throws IOException {
        return openWrite(command, mayCreate, settings(false));
    }

    /**
     * The store for an ingest process: the INSERT runs on every DuckDB thread, which compress and index rows while
     * the parsing threads read on. This is the process's own setting (a server keeps insertion order for its
     * concurrent readers, so there an INSERT runs on one thread).
     */
    Store openForIngest() throws IOException {
        return openWrite("ingest", true, settings(false).withParallelInsert(true));
    }

    private Store openWrite(String command, boolean mayCreate, StoreSettings settings) throws IOException {
        Path d = dir();
        if (java.nio.file.Files.isDirectory(d) && !writable(d)) {
            throw new tower.core.ingest.InputException(d.toString(), "store", "the store folder is not writable"
                    + " (permission denied or a read-only file system); fix its permissions or choose another --store");
        }
        if (!mayCreate && !java.nio.file.Files.exists(d.resolve(Store.FILE_NAME)) && !java.nio.file.Files.isRegularFile(d)) {
            throw new tower.store.StoreMissingException("no store at " + d + " (tower ingest creates one)");
        }
        Store s = Store.open(d, settings, command);
        Store.Size size = s.size();
        if (size.deadBytes() > Math.max(64L << 20, size.usedBytes())) {
            s.compact();
            spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                    "note: reclaimed %.0f MB that interrupted ingests left in the store%n", size.deadBytes() / 1048576.0);
            spec.commandLine().getErr().flush();
            s = Store.open(d, settings, command);
        }
        return s;
    }

    static Optional<ZoneId> defaultZone(Store s) {
        return s.config(Store.DEFAULT_TIMEZONE).map(ZoneId::of);
    }

    /** Whether a file can be created in {@code dir} (tried: permission bits do not tell for root or read-only mounts). */
    private static boolean writable(Path dir) {
        try {
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(dir, ".tower-probe-", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
