package tower.server.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log.
 *
 * @param actor    the e-mail of the user
 * @param actorOrg the user's organisation
 * @param owner    the organisation that owns the test (it sees this event)
 * @param detail   what exactly (the route, a partner's name, a changed field); never a secret
 * @param address  the caller's network address
 */
public record AuditEvent(Instant at, String actor, String actorOrg, AuditAction action, String testId, String owner,
                         String detail, String address) {
    public AuditEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(actorOrg);
        Objects.requireNonNull(action);
        Objects.requireNonNull(testId);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(address);
    }
}
