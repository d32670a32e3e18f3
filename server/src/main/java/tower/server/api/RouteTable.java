package tower.server.api;

import io.javalin.http.HandlerType;
import java.util.List;
import tower.server.api.Route.Access;
import tower.server.api.Route.Body;
import tower.server.api.Route.Param;

/**
 * Every route of the server, in one list. The server registers exactly these, and the OpenAPI document is made
 * from them, so a route cannot exist undocumented.
 */
public final class RouteTable {
    private RouteTable() {
    }

    public static final String PREFIX = "/api/v1";
    private static final String JSON = "application/json";

    public static List<Route> routes(TestsApi tests, SharingApi sharing, AuthApi auth, OpenApi openApi) {
        return List.of(
                route(HandlerType.GET, "/health", "Liveness: {\"status\":\"ok\"}", Access.PUBLIC, List.of(), Body.NONE,
                        200, JSON, (ctx, c) -> TestsApi.sendJson(ctx, java.util.Map.of("status", "ok"))),
                route(HandlerType.GET, "/openapi.json", "This document", Access.PUBLIC, List.of(), Body.NONE, 200, JSON,
                        (ctx, c) -> openApi.serve(ctx)),
                route(HandlerType.POST, "/login", "Exchanges an API token ({\"token\": ...}) for an HttpOnly session cookie",
                        Access.PUBLIC, List.of(), Body.JSON, 200, JSON, (ctx, c) -> auth.login(ctx)),
                route(HandlerType.POST, "/logout", "Ends the browser session", Access.PUBLIC, List.of(), Body.NONE, 204,
                        JSON, (ctx, c) -> auth.logout(ctx)),
                route(HandlerType.GET, "/me", "The caller: e-mail, organisation, role", Access.CALLER, List.of(),
                        Body.NONE, 200, JSON, (ctx, c) -> auth.me(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/users", "The users of the caller's organisation", Access.CALLER, List.of(),
                        Body.NONE, 200, JSON, (ctx, c) -> auth.users(ctx, c.orElseThrow())),
                route(HandlerType.POST, "/users", "An admin creates a user of its organisation ({\"email\", \"role\"}); "
                        + "the first token is in the answer, once", Access.CALLER, List.of(), Body.JSON, 201, JSON,
                        (ctx, c) -> auth.createUser(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tokens", "The caller's tokens (an admin: its organisation's) with expiry and last use",
                        Access.CALLER, List.of(), Body.NONE, 200, JSON, (ctx, c) -> auth.tokens(ctx, c.orElseThrow())),
                route(HandlerType.POST, "/tokens", "A new API token for the caller ({\"name\", \"expires_at\"}); shown once",
                        Access.CALLER, List.of(), Body.JSON, 201, JSON, (ctx, c) -> auth.createToken(ctx, c.orElseThrow())),
                route(HandlerType.DELETE, "/tokens/{id}", "Revokes a token (the caller's own; an admin: its organisation's)",
                        Access.CALLER, List.of(), Body.NONE, 204, JSON, (ctx, c) -> auth.revokeToken(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/orgs", "The organisations of the platform (name, kind)", Access.CALLER, List.of(),
                        Body.NONE, 200, JSON, (ctx, c) -> sharing.organisations(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/projects", "The projects the caller's organisation leads or is a member of",
                        Access.CALLER, List.of(), Body.NONE, 200, JSON, (ctx, c) -> sharing.projects(ctx, c.orElseThrow())),
                route(HandlerType.POST, "/projects", "A joint project led by the caller's organisation ({\"name\", \"members\"})",
                        Access.CALLER, List.of(), Body.JSON, 201, JSON, (ctx, c) -> sharing.createProject(ctx, c.orElseThrow())),
                route(HandlerType.POST, "/projects/{name}/members", "Adds a member organisation ({\"org\"}; the lead's admins and members)",
                        Access.CALLER, List.of(), Body.JSON, 201, JSON, (ctx, c) -> sharing.addMember(ctx, c.orElseThrow())),
                route(HandlerType.DELETE, "/projects/{name}/members/{org}", "Removes a member organisation (the lead)",
                        Access.CALLER, List.of(), Body.NONE, 204, JSON, (ctx, c) -> sharing.removeMember(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/shares", "Grants the caller's organisation gave (granted) and holds (received)",
                        Access.CALLER, List.of(), Body.NONE, 200, JSON, (ctx, c) -> sharing.shares(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/audit", "Who read, downloaded, exported, shared, changed or deleted the caller's "
                                + "organisation's data, newest first", Access.CALLER, List.of(
                                new Param("test", "string", false, "only the events of this test"),
                                new Param("limit", "integer", false, "at most this many events, 1 to 10000 (default 500)")),
                        Body.NONE, 200, JSON, (ctx, c) -> sharing.audit(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests", "The tests the caller may see: its own, its projects', shared with it, public",
                        Access.CALLER, List.of(),
                        Body.NONE, 200, JSON, (ctx, c) -> tests.list(ctx, c.orElseThrow())),
                route(HandlerType.POST, "/tests", "Uploads a file (multipart: file, optional cell_id, timezone, visibility=private): 201 with "
                                + "the stored test, or 202 with a job for a large file", Access.CALLER, List.of(),
                        Body.MULTIPART, 201, JSON, (ctx, c) -> tests.upload(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/jobs/{id}", "A background ingest: state, bytes done, rows, the test or the error",
                        Access.CALLER, List.of(), Body.NONE, 200, JSON, (ctx, c) -> tests.job(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}", "One test with its metadata, columns and plottable columns",
                        Access.CALLER, List.of(), Body.NONE, 200, JSON, (ctx, c) -> tests.detail(ctx, c.orElseThrow())),
                route(HandlerType.PATCH, "/tests/{id}", "Owner edits: {\"visibility\", \"embargo_until\", \"projects\"}",
                        Access.CALLER, List.of(), Body.JSON, 200, JSON, (ctx, c) -> sharing.patch(ctx, c.orElseThrow())),
                route(HandlerType.DELETE, "/tests/{id}", "Deletes a test (the owner's admins and members); its audit stays",
                        Access.CALLER, List.of(), Body.NONE, 204, JSON, (ctx, c) -> sharing.delete(ctx, c.orElseThrow())),
                route(HandlerType.POST, "/tests/{id}/shares", "Grants a partner read access ({\"org\", \"expires_at\", \"purpose\"})",
                        Access.CALLER, List.of(), Body.JSON, 201, JSON, (ctx, c) -> sharing.share(ctx, c.orElseThrow())),
                route(HandlerType.DELETE, "/tests/{id}/shares/{org}", "Revokes a partner's grant",
                        Access.CALLER, List.of(), Body.NONE, 204, JSON, (ctx, c) -> sharing.unshare(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/cycles", "The per-cycle summary (the JSON of tower cycles --json)",
                        Access.CALLER, List.of(new Param("format", "string", false, "json (default) or csv (tower cycles --csv)")),
                        Body.NONE, 200, JSON, (ctx, c) -> tests.cycles(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/analysis", "Fade and life (the JSON of tower analyze --json)",
                        Access.CALLER, List.of(
                                new Param("reference", "string", false, "first (default), nominal:AH or median:N"),
                                new Param("threshold", "number", false, "end-of-life SOH threshold (default 0.8)")),
                        Body.NONE, 200, JSON, (ctx, c) -> tests.analysis(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/dqdv", "dQ/dV and dV/dQ of one half-cycle (the JSON of tower dqdv --json)",
                        Access.CALLER, List.of(
                                new Param("cycle", "integer", true, "cycle index"),
                                new Param("half", "string", false, "discharge (default) or charge"),
                                new Param("fwhm", "number", false, "Gaussian smoothing FWHM in volts (default 0.01)"),
                                new Param("savgol", "boolean", false, "Savitzky-Golay pre-smoothing")),
                        Body.NONE, 200, JSON, (ctx, c) -> tests.dqdv(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/hppc", "Pulse resistances (the JSON of tower hppc --json)",
                        Access.CALLER, List.of(new Param("max_pulse_s", "number", false, "longest step counted as a pulse (default 60)")),
                        Body.NONE, 200, JSON, (ctx, c) -> tests.hppc(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/steps", "The step table (the JSON of tower steps --json)",
                        Access.CALLER, List.of(), Body.NONE, 200, JSON, (ctx, c) -> tests.steps(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/timeseries", "Columns for plotting, downsampled on the server (LTTB)",
                        Access.CALLER, List.of(
                                new Param("y", "string", false, "column(s), comma-separated (default voltage_v)"),
                                new Param("x", "string", false, "x column (default test_time_s)"),
                                new Param("max_points", "integer", false, "points kept per y column, 3 to 100000 (default 2000)"),
                                new Param("cycle", "integer", false, "only the rows of this cycle (Cycle Count)"),
                                new Param("x_min", "number", false, "only rows with x at least this (zoom)"),
                                new Param("x_max", "number", false, "only rows with x at most this (zoom)")),
                        Body.NONE, 200, JSON, (ctx, c) -> tests.timeseries(ctx, c.orElseThrow())),
                route(HandlerType.GET, "/tests/{id}/export", "The canonical time series, streamed (BDF CSV or Parquet)",
                        Access.CALLER, List.of(new Param("format", "string", false, "csv (default) or parquet")),
                        Body.NONE, 200, "text/csv", (ctx, c) -> tests.export(ctx, c.orElseThrow())));
    }

    private static Route route(HandlerType method, String path, String summary, Access access, List<Param> query,
                               Body body, int success, String produces, ApiHandler handler) {
        return new Route(method, PREFIX + path, summary, access, query, body, success, produces, handler);
    }
}
