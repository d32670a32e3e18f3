package tower.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine.Option;
import tower.store.Store;

/** {@code --store DIR}, else {@code $TOWER_STORE}, else {@code ./tower-data}. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default ./tower-data, or $TOWER_STORE).")
    Optional<Path> store = Optional.empty();

    Path dir() {
        if (store.isPresent()) {
            return store.get();
        }
        String env = System.getenv("TOWER_STORE");
        return Path.of(env == null || env.isBlank() ? "tower-data" : env);
    }

    Store open() throws IOException {
        return Store.open(dir());
    }

    static Optional<ZoneId> defaultZone(Store s) {
        return s.config(Store.DEFAULT_TIMEZONE).map(ZoneId::of);
    }
}
