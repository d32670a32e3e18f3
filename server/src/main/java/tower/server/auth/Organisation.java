package tower.server.auth;

import java.time.Instant;

/** An organisation: its data is private to it unless shared (issue 11). */
public record Organisation(String name, OrgKind kind, Instant createdAt) {
}
