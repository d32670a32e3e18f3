package tower.server.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Organisations, users, tokens, sessions and the owner organisation of each test: everything the routes ask about
 * who may see what. Kept in the store's DuckDB file by {@link DuckCatalog}; another implementation (PostgreSQL for
 * several servers) can replace it without touching the routes. Projects, grants and audit come with issue 11.
 * Names are exact: organisation names and e-mails are compared as given (after trimming).
 */
public interface Catalog {
    /** A new organisation; a conflict when the name is taken. */
    Organisation createOrganisation(String name, OrgKind kind);

    Optional<Organisation> organisation(String name);

    List<Organisation> organisations();

    /** A new user of an existing organisation, with a first token (named {@code default}). */
    IssuedUser createUser(String organisation, String email, Role role);

    Optional<User> user(String email);

    /** A further token of an existing user. */
    IssuedToken createToken(String email, String name);

    /** The e-mail of the user a token (live or revoked) was issued to. */
    Optional<String> tokenOwner(String tokenId);

    /** Revokes a token by its id; true when it existed and was live. Takes effect at once for new checks. */
    boolean revokeToken(String tokenId);

    /** The caller a token belongs to, when the token is well formed, known, not revoked and its secret matches. */
    Optional<Caller> authenticate(String token);

    /** Opens a browser session for a caller; returns the session id (the cookie value; only its hash is stored). */
    String openSession(Caller caller, Duration lifetime);

    Optional<Caller> session(String sessionId);

    void closeSession(String sessionId);

    /** Records {@code organisation} as an owner of a test (the organisation that uploaded it). */
    void addOwner(String testId, String organisation);

    /** True when {@code organisation} may see the test. */
    boolean visible(String testId, String organisation);

    /** The tests an organisation may see. */
    Set<String> visibleTests(String organisation);

    /** A user with the token issued with it. */
    record IssuedUser(User user, IssuedToken token) {
    }
}
