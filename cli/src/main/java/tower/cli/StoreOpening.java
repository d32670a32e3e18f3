package tower.cli;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import tower.pipeline.Ahead;
import tower.store.Store;

/**
 * A store being opened on a thread of its own, so that the caller can do work that needs no store meanwhile.
 * {@link #store()} waits for it and rethrows what the opening threw, unchanged; {@link #close()} closes the store
 * if it opened, waiting for an opening still under way.
 */
final class StoreOpening implements AutoCloseable {
    interface Opener {
        Store open() throws IOException;
    }

    private final Ahead<Store> opening;

    StoreOpening(Opener opener) {
        opening = Ahead.start("tower-store-open", opener::open);
    }

    Store store() throws IOException {
        try {
            return opening.await();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() {
        Store s;
        try {
            s = opening.await();
        } catch (ExecutionException e) {
            return; // it never opened (the caller saw or never asked for the reason)
        }
        s.close();
    }
}
