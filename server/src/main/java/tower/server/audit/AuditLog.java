package tower.server.audit;

import java.util.List;
import java.util.Optional;

/** Append-only: events are added and listed, never changed or removed. */
public interface AuditLog {
    /** Adds an event; it is durable within a second (reads of the log see it at once). */
    void record(AuditEvent event);

    /** Events about the data an organisation owns, newest first, at most {@code limit}. */
    List<AuditEvent> events(String owner, Optional<String> testId, int limit);
}
