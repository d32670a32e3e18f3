package tower.server.auth;

/**
 * A new API token: {@code secret} is the whole token text, shown once and never stored.
 *
 * @param tokenId the public id (the part of the token before the secret), used to list and revoke it
 * @param secret  the token to give the user
 */
public record IssuedToken(String tokenId, String secret) {
}
