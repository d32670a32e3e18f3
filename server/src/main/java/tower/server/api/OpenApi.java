package tower.server.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tower.pipeline.json.Json;

/** The OpenAPI 3 document, made from the route table (so it lists exactly the routes the server registers). */
public final class OpenApi {
    private volatile String text = "";

    /** Builds the document once the route table exists (the table holds this object's handler). */
    public void init(List<Route> routes) {
        text = Json.text(document(routes));
    }

    void serve(Context ctx) {
        TestsApi.sendJson(ctx, text);
    }

    public static Map<String, Object> document(List<Route> routes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Battery Control Tower API", "version", "1",
                "description", "Battery test data: upload, per-cycle summaries, analyses, plots, exports. "
                        + "Errors are {\"error\": \"...\"} with a 4xx status."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("bearer", Map.of("type", "http", "scheme", "bearer"));
        schemes.put("session", Map.of("type", "apiKey", "in", "cookie", "name", AuthApi.COOKIE));
        Map<String, Object> error = Map.of("type", "object", "required", List.of("error"),
                "properties", Map.of("error", Map.of("type", "string")));
        doc.put("components", Map.of("securitySchemes", schemes, "schemas", Map.of("Error", error)));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary());
        op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replace(RouteTable.PREFIX, "")
                .replaceAll("[^A-Za-z0-9]+", "_"));
        List<Map<String, Object>> params = new ArrayList<>();
        for (String p : r.pathParams()) {
            params.add(Map.of("name", p, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Route.Param q : r.query()) {
            params.add(Map.of("name", q.name(), "in", "query", "required", q.required(), "description", q.description(),
                    "schema", Map.of("type", q.type())));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        switch (r.body()) {
            case JSON -> op.put("requestBody", Map.of("content", Map.of("application/json",
                    Map.of("schema", Map.of("type", "object")))));
            case MULTIPART -> op.put("requestBody", Map.of("required", true, "content", Map.of("multipart/form-data",
                    Map.of("schema", Map.of("type", "object", "required", List.of("file"), "properties", Map.of(
                            "file", Map.of("type", "string", "format", "binary"),
                            "cell_id", Map.of("type", "string"),
                            "timezone", Map.of("type", "string", "description", "IANA zone of naive timestamps"),
                            "visibility", Map.of("type", "string", "description", "private (the only value so far)")))))));
            case NONE -> {
            }
        }
        if (r.access() == Route.Access.CALLER) {
            op.put("security", List.of(Map.of("bearer", List.of()), Map.of("session", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(Integer.toString(r.success()), r.success() == 204 ? Map.of("description", "done")
                : Map.of("description", "success", "content", Map.of(r.produces(), Map.of())));
        if (r.body() == Route.Body.MULTIPART) {
            responses.put("202", Map.of("description", "a large upload: the background job to poll"));
        }
        Map<String, Object> err = Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
        responses.put("400", Map.of("description", "bad parameter", "content", err));
        if (r.access() == Route.Access.CALLER || r.path().endsWith("/login")) {
            responses.put("401", Map.of("description", "missing, wrong, expired or revoked token", "content", err));
        }
        if (!r.pathParams().isEmpty()) {
            responses.put("404", Map.of("description", "unknown (or hidden) resource", "content", err));
        }
        if (r.body() == Route.Body.MULTIPART) {
            responses.put("403", Map.of("description", "a viewer may not upload", "content", err));
            responses.put("413", Map.of("description", "upload over the limit", "content", err));
            responses.put("415", Map.of("description", "not multipart/form-data", "content", err));
            responses.put("422", Map.of("description", "a file the readers refuse: FILE: WHERE: REASON", "content", err));
        }
        op.put("responses", responses);
        return op;
    }
}
