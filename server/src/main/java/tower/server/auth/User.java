package tower.server.auth;

import java.time.Instant;

/** A user of one organisation. */
public record User(String email, String organisation, Role role, Instant createdAt) {
}
