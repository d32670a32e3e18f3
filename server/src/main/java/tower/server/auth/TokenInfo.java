package tower.server.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known of an API token besides its secret (which is never stored).
 *
 * @param lastUsedAt the last time it authenticated a request (to the minute: checks are cached)
 */
public record TokenInfo(String tokenId, String email, String name, Instant createdAt, Optional<Instant> expiresAt,
                        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    public boolean live(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
