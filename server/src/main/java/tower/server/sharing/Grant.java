package tower.server.sharing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Read access to one test for one partner organisation. Read-only: a partner never changes, re-shares or deletes.
 *
 * @param grantedBy the e-mail of the owner's user who granted it
 */
public record Grant(String testId, String org, String purpose, Optional<Instant> expiresAt, Instant grantedAt,
                    String grantedBy) {
    public Grant {
        Objects.requireNonNull(testId);
        Objects.requireNonNull(org);
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(grantedAt);
        Objects.requireNonNull(grantedBy);
    }

    /** True until the expiry instant (exclusive). */
    public boolean live(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }
}
