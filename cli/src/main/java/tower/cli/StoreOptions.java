package tower.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;
import tower.core.ingest.InputException;
import tower.store.Store;
import tower.store.StoreException;

/** {@code --store DIR}, else {@code $TOWER_STORE}, else {@code ./tower-data}. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default ./tower-data, or $TOWER_STORE).")
    Optional<String> store = Optional.empty();

    Path dir() {
        if (store.isPresent()) {
            if (store.get().isBlank()) {
                throw new InputException("--store \"" + store.get() + "\"", "store",
                        "the store folder is an empty path; give a folder (e.g. --store tower-data) or leave --store out");
            }
            return Path.of(store.get());
        }
        String env = System.getenv("TOWER_STORE");
        return Path.of(env == null || env.isBlank() ? "tower-data" : env);
    }

    /**
     * Opens the store after checking what can be told before the database is touched (a file where the folder
     * should be, no write permission, a damaged database file), so that each gets a sentence and exit 3.
     */
    Store open() throws IOException {
        Path dir = dir();
        check(dir);
        try {
            return Store.open(dir);
        } catch (StoreException e) {
            Path db = dir.resolve(Store.FILE_NAME);
            String raw = String.valueOf(e.getCause() == null ? "" : e.getCause().getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (Files.isRegularFile(db) && e.getCause() instanceof java.sql.SQLException && !raw.contains("lock")) {
                throw damaged(db, e);
            }
            if (!Files.exists(db)) {
                throw new InputException(dir.toString(), "store", "cannot create the store's database in this folder"
                        + " (permission denied or read-only); fix its permissions or choose another --store", e);
            }
            throw e;
        }
    }

    /** DuckDB's main header carries the magic bytes "DUCK" at offset 8. */
    private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);

    static void check(Path dir) {
        String d = dir.toString();
        if (tower.formats.Formats.longestNameBytes(dir) > 255) {
            throw new InputException(d, "store", "the folder name is too long (file systems allow 255 bytes per name)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(d, "store", "is a file, not a store folder; point --store at a folder"
                    + " (tower creates it) or move the file away");
        }
        if (Files.isDirectory(dir) && !writable(dir)) {
            throw new InputException(d, "store", "the store folder is not writable (permission denied); fix its"
                    + " permissions or choose another --store");
        }
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null && !Files.isDirectory(parent)) {
                throw new InputException(d, "store", parent + " is a file, so the store folder cannot be created there");
            }
            if (parent != null && !Files.isWritable(parent)) {
                throw new InputException(d, "store", "cannot create the store folder: " + parent
                        + " is not writable (permission denied); choose another --store");
            }
            return;
        }
        Path db = dir.resolve(Store.FILE_NAME);
        if (Files.isDirectory(db)) {
            throw new InputException(db.toString(), "store", "is a folder, not the store's database file; move it away");
        }
        if (Files.isRegularFile(db)) {
            if (!Files.isWritable(db) || !Files.isReadable(db)) {
                throw new InputException(db.toString(), "store", "the database file is not readable and writable"
                        + " (permission denied); fix its permissions");
            }
            byte[] head = new byte[12];
            int n;
            try (InputStream in = Files.newInputStream(db)) {
                n = in.readNBytes(head, 0, head.length);
            } catch (IOException e) {
                throw new InputException(db.toString(), "store", "the database file cannot be read", e);
            }
            if (n > 0 && (n < head.length || !Arrays.equals(head, 8, 12, MAGIC, 0, 4))) {
                throw damaged(db, null);
            }
        }
    }

    /** Whether a file can be created in {@code dir} (tried, since permission bits do not tell for root or read-only mounts). */
    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".tower-probe-", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static InputException damaged(Path db, Throwable cause) {
        return new InputException(db.toString(), "store", "not a readable tower store database (damaged, truncated or"
                + " another kind of file); move it away to start a new store, or restore it from a backup", cause);
    }

    static Optional<ZoneId> defaultZone(Store s) {
        return s.config(Store.DEFAULT_TIMEZONE).map(ZoneId::of);
    }
}
