package tower.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work started ahead on a daemon thread of its own (opening a store, hashing a file) while the caller does other
 * work. {@link #await} waits for it without giving up half-way: an interrupt meanwhile is passed on afterwards.
 */
public final class Ahead<T> {
    private final FutureTask<T> task;

    private Ahead(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a thread named {@code threadName}. */
    public static <T> Ahead<T> start(String threadName, Callable<T> work) {
        Ahead<T> a = new Ahead<>(work);
        Thread t = new Thread(a.task, threadName);
        t.setDaemon(true);
        t.start();
        return a;
    }

    /** The work's result; what it threw comes as the {@link ExecutionException}'s cause. */
    public T await() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work is not cancellable half-way: wait for it, then pass the interrupt on
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
