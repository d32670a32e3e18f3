package tower.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.TowerException;
import tower.pipeline.json.Json;
import tower.server.auth.Caller;
import tower.server.auth.Catalog;
import tower.server.auth.IssuedToken;
import tower.server.auth.Role;

/**
 * Authentication: a request carries {@code Authorization: Bearer TOKEN} (scripts) or the session cookie the
 * dashboard got from {@code POST /api/v1/login} (HttpOnly, SameSite=Strict; Secure over TLS).
 */
public final class AuthApi {
    public static final String COOKIE = "tower_session";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final Catalog catalog;

    public AuthApi(Catalog catalog) {
        this.catalog = catalog;
    }

    static TowerException unauthenticated(String message) {
        return new TowerException(ErrorKind.UNAUTHENTICATED, message);
    }

    /** The caller of a request, or a 401. */
    public Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw unauthenticated("the Authorization header must be 'Bearer TOKEN'");
            }
            return catalog.authenticate(header.substring(7).trim())
                    .orElseThrow(() -> unauthenticated("the token is wrong or revoked"));
        }
        String session = ctx.cookie(COOKIE);
        if (session != null) {
            return catalog.session(session).orElseThrow(() -> unauthenticated("the session has ended; log in again"));
        }
        throw unauthenticated("log in, or send 'Authorization: Bearer TOKEN'");
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
        TestsApi.sendJson(ctx, callerJson(caller));
    }

    void login(Context ctx) {
        String token;
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.body());
            token = body == null || !body.hasNonNull("token") ? null : body.get("token").asText();
        } catch (java.io.IOException e) {
            throw TowerException.badParameter("the body must be JSON: {\"token\": \"...\"}");
        }
        if (token == null || token.isBlank()) {
            throw TowerException.badParameter("the body must be JSON: {\"token\": \"...\"}");
        }
        Caller caller = catalog.authenticate(token.trim()).orElseThrow(() -> unauthenticated("the token is wrong or revoked"));
        String id = catalog.openSession(caller, SESSION_LIFETIME);
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; Max-Age=" + SESSION_LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        TestsApi.sendJson(ctx, callerJson(caller));
    }

    void logout(Context ctx) {
        catalog.closeSession(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        ctx.status(204);
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    void createToken(Context ctx, Caller caller) {
        String name = "api";
        if (!ctx.body().isBlank()) {
            try {
                JsonNode body = Json.MAPPER.readTree(ctx.body());
                if (body != null && body.hasNonNull("name")) {
                    name = body.get("name").asText();
                }
            } catch (java.io.IOException e) {
                throw TowerException.badParameter("the body must be JSON: {\"name\": \"...\"}");
            }
        }
        IssuedToken t = catalog.createToken(caller.email(), name);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_id", t.tokenId());
        m.put("token", t.secret());
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
