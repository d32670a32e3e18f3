package tower.server.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** One background ingest. Its fields change as it runs; {@link #json()} is a consistent-enough snapshot for polling. */
public final class Job {
    /** The states of a job, in order. */
    public enum State { QUEUED, RUNNING, DONE, FAILED }

    private final String id;
    private final String organisation;
    private final String fileName;
    private final long bytesTotal;
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile State state = State.QUEUED;
    private volatile Optional<Map<String, Object>> test = Optional.empty();
    private volatile Optional<String> error = Optional.empty();
    private volatile long rows = -1;

    Job(String id, String organisation, String fileName, long bytesTotal) {
        this.id = id;
        this.organisation = organisation;
        this.fileName = fileName;
        this.bytesTotal = bytesTotal;
    }

    public String id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public State state() {
        return state;
    }

    public void progress(long bytes) {
        bytesDone.set(Math.min(bytes, bytesTotal));
    }

    void running() {
        state = State.RUNNING;
    }

    void done(Map<String, Object> storedTest, long rowCount) {
        test = Optional.of(storedTest);
        rows = rowCount;
        bytesDone.set(bytesTotal);
        state = State.DONE;
    }

    void failed(String message) {
        error = Optional.of(message);
        state = State.FAILED;
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("file_name", fileName);
        m.put("bytes_total", bytesTotal);
        m.put("bytes_done", bytesDone.get());
        m.put("rows_done", rows < 0 ? null : rows);
        m.put("test", test.orElse(null));
        m.put("error", error.orElse(null));
        return m;
    }
}
