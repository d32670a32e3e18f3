package tower.store;

import java.nio.file.Path;

/**
 * Child process of the crash test: starts a large ingest, reports {@code READY} on standard output once
 * {@code args[1]} rows have been appended, then blocks inside the ingest until it is killed.
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        int readyAt = Integer.parseInt(args[1]);
        try (Store store = Store.open(Path.of(args[0]))) {
            store.ingest(IngestRequest.of("big.csv", ContentHash.of(new byte[]{42})),
                    Synthetic.series(Synthetic.FULL, readyAt * 4, n -> {
                        if (n == readyAt) {
                            System.out.println("READY");
                            System.out.flush();
                            try {
                                Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }));
        }
        System.out.println("FINISHED"); // never reached when the parent kills us
    }
}
