package tower.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tower.pipeline.errors.TowerException;
import tower.pipeline.json.Json;

/** JSON request bodies read strictly: a field of the wrong kind is a 400 that names it. */
final class Bodies {
    private Bodies() {
    }

    /** The body as a JSON object; {@code example} shows the expected shape in the error. */
    static JsonNode json(Context ctx, String example) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(ctx.body());
        } catch (java.io.IOException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw TowerException.badParameter("the body must be a JSON object: " + example);
        }
        return n;
    }

    static boolean has(JsonNode body, String field) {
        return body != null && body.has(field);
    }

    static Optional<String> text(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode v = body.get(field);
        if (!v.isTextual()) {
            throw TowerException.badParameter(field + " must be a string");
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().trim());
    }

    /**
     * An instant written as ISO-8601 with a zone or offset ({@code 2027-01-01T00:00:00Z}); null or absent is empty.
     * A time without a zone is refused: it is never taken for UTC silently.
     */
    static Optional<Instant> instant(JsonNode body, String field) {
        Optional<String> t = text(body, field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t.get()).toInstant());
        } catch (DateTimeException e) {
            throw TowerException.badParameter(field + " must be ISO-8601 with a time zone, e.g. 2027-01-01T00:00:00Z, not '"
                    + Params.clip(t.get()) + "'");
        }
    }

    static List<String> texts(JsonNode body, String field) {
        List<String> out = new ArrayList<>();
        if (body == null || !body.hasNonNull(field)) {
            return out;
        }
        JsonNode v = body.get(field);
        if (!v.isArray()) {
            throw TowerException.badParameter(field + " must be a list of names");
        }
        for (JsonNode x : v) {
            if (!x.isTextual() || x.asText().isBlank()) {
                throw TowerException.badParameter(field + " must be a list of names");
            }
            out.add(x.asText().trim());
        }
        return out;
    }
}
