package tower.server.auth;

/**
 * The authenticated caller of a request.
 *
 * @param email        the user
 * @param organisation the user's organisation: every test route checks it
 * @param role         the user's role
 * @param tokenId      the public id of the token (or of the token the session was opened with)
 */
public record Caller(String email, String organisation, Role role, String tokenId) {
}
