package tower.cli;

import java.nio.file.Path;
import tower.store.Store;
import tower.store.StoreSettings;

/**
 * Child process of the multi-process tests: opens a store read-write as {@code args[1]} (e.g. {@code ingest}),
 * prints {@code READY}, holds it for {@code args[2]} milliseconds (or until killed), then closes it.
 */
public final class HoldStore {
    private HoldStore() {
    }

    public static void main(String[] args) throws Exception {
        try (Store s = Store.open(Path.of(args[0]), StoreSettings.defaults(), args[1])) {
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[2]));
        }
        System.out.println("RELEASED");
        System.out.flush();
    }
}
