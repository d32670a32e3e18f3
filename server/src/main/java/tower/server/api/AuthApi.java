package tower.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.TowerException;
import tower.server.auth.Caller;
import tower.server.auth.Catalog;
import tower.server.auth.IssuedToken;
import tower.server.auth.LoginLimiter;
import tower.server.auth.Role;
import tower.server.auth.TokenInfo;
import tower.server.auth.Tokens;
import tower.server.auth.User;

/**
 * Authentication and accounts. A request carries {@code Authorization: Bearer TOKEN} (scripts) or the session
 * cookie the dashboard got from {@code POST /api/v1/login} (HttpOnly, SameSite=Strict; Secure over TLS). A
 * state-changing request on a session also carries the session's CSRF token in {@value #CSRF_HEADER}. Failed
 * token checks are rate-limited per address and per token id ({@link LoginLimiter}).
 */
public final class AuthApi {
    public static final String COOKIE = "tower_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final Catalog catalog;
    private final LoginLimiter limiter;

    public AuthApi(Catalog catalog, LoginLimiter limiter) {
        this.catalog = catalog;
        this.limiter = limiter;
    }

    static TowerException unauthenticated(String message) {
        return new TowerException(ErrorKind.UNAUTHENTICATED, message);
    }

    /** The caller of a request, or a 401 (429 after too many failures, 403 without the CSRF token of a session). */
    public Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw unauthenticated("the Authorization header must be 'Bearer TOKEN'");
            }
            return checkToken(ctx, header.substring(7).trim());
        }
        String session = ctx.cookie(COOKIE);
        if (session != null) {
            Caller c = catalog.session(session).orElseThrow(() -> unauthenticated("the session has ended; log in again"));
            if (!safe(ctx.method().name()) && !csrfMatches(session, ctx.header(CSRF_HEADER))) {
                throw new TowerException(ErrorKind.FORBIDDEN, "this request needs the " + CSRF_HEADER
                        + " header of the session (GET /api/v1/me gives it)");
            }
            return c;
        }
        throw unauthenticated("log in, or send 'Authorization: Bearer TOKEN'");
    }

    private Caller checkToken(Context ctx, String token) {
        String address = ctx.ip();
        String account = Tokens.parse(token).map(Tokens.Parsed::id).orElse("");
        OptionalLong wait = limiter.retryAfter(address, account);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.getAsLong()));
            throw new TowerException(ErrorKind.TOO_MANY_REQUESTS, "too many failed logins from this address or with this"
                    + " token id; try again in " + wait.getAsLong() + " s");
        }
        Optional<Caller> c = catalog.authenticate(token);
        if (c.isEmpty()) {
            limiter.failed(address, account);
            throw unauthenticated("the token is wrong, expired or revoked");
        }
        return c.get();
    }

    private static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** The CSRF token of a session: derived from the session id (which only the browser's cookie holds). */
    static String csrfToken(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Tokens.sha256("csrf " + sessionId));
    }

    private static boolean csrfMatches(String sessionId, String given) {
        return given != null && MessageDigest.isEqual(csrfToken(sessionId).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.trim().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Map<String, Object> callerJson(Caller c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", c.email());
        m.put("organisation", c.organisation());
        m.put("role", c.role().label());
        m.put("token_id", c.tokenId());
        return m;
    }

    void me(Context ctx, Caller caller) {
        Map<String, Object> m = callerJson(caller);
        String session = ctx.cookie(COOKIE);
        if (ctx.header("Authorization") == null && session != null) {
            m.put("csrf_token", csrfToken(session));
        }
        TestsApi.sendJson(ctx, m);
    }

    void login(Context ctx) {
        JsonNode body = Bodies.json(ctx, "{\"token\": \"...\"}");
        String token = Bodies.text(body, "token").orElseThrow(
                () -> TowerException.badParameter("the body must be JSON: {\"token\": \"...\"}"));
        Caller caller = checkToken(ctx, token.trim());
        String id = catalog.openSession(caller, SESSION_LIFETIME);
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; Max-Age=" + SESSION_LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        Map<String, Object> m = callerJson(caller);
        m.put("csrf_token", csrfToken(id));
        TestsApi.sendJson(ctx, m);
    }

    void logout(Context ctx) {
        catalog.closeSession(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        ctx.status(204);
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    // ------------------------------------------------------------------ users and tokens

    static Map<String, Object> userJson(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", u.email());
        m.put("organisation", u.organisation());
        m.put("role", u.role().label());
        m.put("created_at", u.createdAt().toString());
        return m;
    }

    void users(Context ctx, Caller caller) {
        List<Map<String, Object>> out = new ArrayList<>();
        catalog.users(caller.organisation()).forEach(u -> out.add(userJson(u)));
        TestsApi.sendJson(ctx, Map.of("users", out));
    }

    /** An admin creates a user of its own organisation; the first token is in the answer, once. */
    void createUser(Context ctx, Caller caller) {
        requireAdmin(caller, "create users");
        JsonNode body = Bodies.json(ctx, "{\"email\": \"...\", \"role\": \"member\"}");
        String email = Bodies.text(body, "email").orElseThrow(() -> TowerException.badParameter("email is required"));
        Role role = Role.parse(Bodies.text(body, "role").orElse("member"));
        Catalog.IssuedUser u = catalog.createUser(caller.organisation(), email, role);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", userJson(u.user()));
        m.put("token_id", u.token().tokenId());
        m.put("token", u.token().secret());
        ctx.status(201);
        TestsApi.sendJson(ctx, m);
    }

    static void requireAdmin(Caller caller, String what) {
        if (caller.role() != Role.ADMIN) {
            throw new TowerException(ErrorKind.FORBIDDEN, "only an admin of " + caller.organisation() + " may " + what);
        }
    }

    static Map<String, Object> tokenJson(TokenInfo t, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_id", t.tokenId());
        m.put("email", t.email());
        m.put("name", t.name());
        m.put("created_at", t.createdAt().toString());
        m.put("expires_at", t.expiresAt().map(Instant::toString).orElse(null));
        m.put("last_used_at", t.lastUsedAt().map(Instant::toString).orElse(null));
        m.put("revoked_at", t.revokedAt().map(Instant::toString).orElse(null));
        m.put("live", t.live(now));
        return m;
    }

    /** The caller's own tokens; an admin sees every token of its organisation. */
    void tokens(Context ctx, Caller caller) {
        Instant now = Instant.now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (TokenInfo t : catalog.tokens(caller.organisation())) {
            if (caller.role() == Role.ADMIN || t.email().equals(caller.email())) {
                out.add(tokenJson(t, now));
            }
        }
        TestsApi.sendJson(ctx, Map.of("tokens", out));
    }

    void createToken(Context ctx, Caller caller) {
        JsonNode body = ctx.body().isBlank() ? null : Bodies.json(ctx, "{\"name\": \"...\", \"expires_at\": \"ISO-8601\"}");
        String name = Bodies.text(body, "name").orElse("api");
        Optional<Instant> expires = Bodies.instant(body, "expires_at");
        IssuedToken t = catalog.createToken(caller.email(), name, expires);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_id", t.tokenId());
        m.put("token", t.secret());
        m.put("expires_at", expires.map(Instant::toString).orElse(null));
        ctx.status(201);
        TestsApi.sendJson(ctx, m);
    }

    /** Revokes the caller's own token, or (an admin) a token of a user of its organisation; others are 404. */
    void revokeToken(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Optional<String> owner = catalog.tokenOwner(id);
        boolean allowed = owner.isPresent() && (owner.get().equals(caller.email()) || (caller.role() == Role.ADMIN
                && catalog.user(owner.get()).map(u -> u.organisation().equals(caller.organisation())).orElse(false)));
        if (!allowed || !catalog.revokeToken(id)) {
            throw new TowerException(ErrorKind.UNKNOWN_TEST, "no such live token " + Params.clip(id));
        }
        ctx.status(204);
    }
}
