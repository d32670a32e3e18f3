package tower.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tower.server.audit.AuditLog;
import tower.server.sharing.Sharing;

/**
 * Organisations, users, tokens, sessions and the owner organisation of each test: everything the routes ask about
 * who may see what, with the {@link Sharing} rules (projects, grants, embargoes) and the {@link AuditLog}. Kept in
 * the store's DuckDB file by {@link DuckCatalog}; another implementation (PostgreSQL for several servers) can
 * replace it without touching the routes. Names are exact: organisation names and e-mails are compared as given
 * (after trimming).
 */
public interface Catalog extends AutoCloseable {
    /** A new organisation; a conflict when the name is taken. */
    Organisation createOrganisation(String name, OrgKind kind);

    Optional<Organisation> organisation(String name);

    List<Organisation> organisations();

    /** A new user of an existing organisation, with a first token (named {@code default}). */
    IssuedUser createUser(String organisation, String email, Role role);

    Optional<User> user(String email);

    /** The users of an organisation, by e-mail. */
    List<User> users(String organisation);

    /** A further token of an existing user, valid until {@code expiresAt} when given. */
    IssuedToken createToken(String email, String name, Optional<Instant> expiresAt);

    default IssuedToken createToken(String email, String name) {
        return createToken(email, name, Optional.empty());
    }

    /** The tokens of the users of an organisation, newest first (revoked and expired ones included). */
    List<TokenInfo> tokens(String organisation);

    /** The e-mail of the user a token (live or revoked) was issued to. */
    Optional<String> tokenOwner(String tokenId);

    /** Revokes a token by its id; true when it existed and was live. Takes effect at once for new checks. */
    boolean revokeToken(String tokenId);

    /** The caller a token belongs to, when the token is well formed, known, live (not revoked, not expired) and its
     * secret matches. */
    Optional<Caller> authenticate(String token);

    /** Opens a browser session for a caller; returns the session id (the cookie value; only its hash is stored). */
    String openSession(Caller caller, Duration lifetime);

    Optional<Caller> session(String sessionId);

    void closeSession(String sessionId);

    /** Ownership, visibility, projects and grants of tests. */
    Sharing sharing();

    /** The append-only audit log. */
    AuditLog audit();

    /** Records {@code organisation} as the owner of a newly stored test (private to it). */
    default void addOwner(String testId, String organisation) {
        sharing().register(testId, organisation);
    }

    /** Writes what is buffered (the audit log). */
    @Override
    void close();

    /** A user with the token issued with it. */
    record IssuedUser(User user, IssuedToken token) {
    }
}
