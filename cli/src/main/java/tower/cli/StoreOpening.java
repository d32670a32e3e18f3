package tower.cli;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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

    private final FutureTask<Store> task;

    StoreOpening(Opener opener) {
        task = new FutureTask<>(opener::open);
        Thread t = new Thread(task, "tower-store-open");
        t.setDaemon(true);
        t.start();
    }

    Store store() throws IOException {
        try {
            return waitFor();
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

    private Store waitFor() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the opening is not cancellable half-way: wait for it, then pass the interrupt on
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        Store s;
        try {
            s = waitFor();
        } catch (ExecutionException e) {
            return; // it never opened (the caller saw or never asked for the reason)
        }
        s.close();
    }
}
