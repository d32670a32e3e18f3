package tower.server.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tower.pipeline.errors.Failure;
import tower.server.auth.Tokens;

/**
 * Runs large ingests one at a time on a background thread (ingests are serialised by the store anyway) and keeps
 * the last {@link #KEPT} jobs for polling. A job is visible only to the organisation that started it.
 */
public final class Jobs implements AutoCloseable {
    static final int KEPT = 1000;

    /** The work of a job: store the upload and return the stored test's JSON and its row count. */
    @FunctionalInterface
    public interface Work {
        Result run(Job job) throws Exception;
    }

    /** What a finished job reports. */
    public record Result(Map<String, Object> test, long rows) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tower-ingest-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEPT;
        }
    });
    private final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Jobs.class);

    public Job submit(String organisation, String fileName, long bytes, Work work, Runnable cleanup) {
        Job job = new Job("j-" + Tokens.newSessionId().substring(0, 16), organisation, fileName, bytes);
        jobs.put(job.id(), job);
        executor.submit(() -> {
            job.running();
            try {
                Result r = work.run(job);
                job.done(r.test(), r.rows());
            } catch (Throwable t) {
                Failure f = Failure.of(t);
                if (f.kind() == tower.pipeline.errors.ErrorKind.INTERNAL) {
                    log.error("ingest job {} failed", job.id(), t);
                    job.failed("internal error");
                } else {
                    job.failed(f.message());
                }
            } finally {
                cleanup.run();
            }
        });
        return job;
    }

    /** The job, when it exists and belongs to the organisation. */
    public Optional<Job> find(String id, String organisation) {
        Job j = jobs.get(id);
        return j != null && j.organisation().equals(organisation) ? Optional.of(j) : Optional.empty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
