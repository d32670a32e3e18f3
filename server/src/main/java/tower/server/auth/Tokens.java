package tower.server.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Token text and hashing. A token reads {@code tower_<id>_<secret>}: {@code id} is 16 hex digits (public, the
 * database key, so a check hashes once), {@code secret} 256 random bits in base64url. Only a PBKDF2-HMAC-SHA256
 * hash of the secret (16-byte salt, {@link #ITERATIONS} iterations) is stored.
 */
public final class Tokens {
    private Tokens() {
    }

    public static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "tower_";

    /** The two parts of a token's text. */
    public record Parsed(String id, String secret) {
    }

    public static IssuedToken newToken() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        return new IssuedToken(idHex, PREFIX + idHex + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static Optional<Parsed> parse(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int sep = rest.indexOf('_');
        if (sep != 16) {
            return Optional.empty();
        }
        String id = rest.substring(0, sep);
        if (!id.matches("[0-9a-f]{16}")) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(id, rest.substring(sep + 1)));
    }

    public static byte[] salt() {
        byte[] s = new byte[16];
        RANDOM.nextBytes(s);
        return s;
    }

    /** PBKDF2-HMAC-SHA256 of a secret: the slow hash that is stored. */
    public static byte[] slowHash(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** SHA-256, for keys that are already 256 random bits (session ids, cache keys): a slow hash adds nothing there. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** A new session id: 256 random bits. */
    public static String newSessionId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
