package tower.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tower.pipeline.Pipeline;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.Failure;
import tower.pipeline.errors.TowerException;
import tower.pipeline.json.Json;
import tower.server.api.AuthApi;
import tower.server.api.OpenApi;
import tower.server.api.Route;
import tower.server.api.RouteTable;
import tower.server.api.SharingApi;
import tower.server.api.TestsApi;
import tower.server.auth.Caller;
import tower.server.auth.Catalog;
import tower.server.auth.DuckCatalog;
import tower.server.data.TestData;
import tower.server.jobs.Jobs;
import tower.store.Store;

/**
 * The web application: the route table's routes, the dashboard's static files ({@code /public} on the class path)
 * and the uPlot webjar, over one open store. The caller owns the store and the pipeline and closes them after
 * {@link #close()}.
 */
public final class TowerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TowerServer.class);
    /** Response slice handed to the kernel at once (Jetty's default is 32 kB). */
    public static final int OUTPUT_BUFFER_BYTES = 1 << 20;
    /** The Content-Security-Policy of every answer: scripts and connections from this origin only, no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'self'";

    private final Javalin app;
    private final Jobs jobs;
    private final Catalog catalog;
    private final List<Route> routes;
    private final ServerConfig config;

    private TowerServer(Javalin app, Jobs jobs, Catalog catalog, List<Route> routes, ServerConfig config) {
        this.app = app;
        this.jobs = jobs;
        this.catalog = catalog;
        this.routes = routes;
        this.config = config;
    }

    /** Starts a server; a port that is taken is a {@link TowerException} of kind CONFLICT saying so. */
    public static TowerServer start(ServerConfig config, Store store, Pipeline pipeline) throws IOException {
        Path uploads = Files.createDirectories(store.directory().resolve("uploads"));
        clean(uploads);
        Catalog catalog = new DuckCatalog(store);
        Jobs jobs = new Jobs();
        TestData data = new TestData(store, pipeline, config.maxCachedCells());
        TestsApi tests = new TestsApi(data, catalog, jobs, config.maxUploadBytes(), config.jobThresholdBytes());
        AuthApi auth = new AuthApi(catalog, new tower.server.auth.LoginLimiter(config.loginLimits().perAddress(),
                config.loginLimits().perAccount(), config.loginLimits().window()));
        SharingApi sharing = new SharingApi(data, catalog, tests);
        OpenApi openApi = new OpenApi();
        List<Route> routes = RouteTable.routes(tests, sharing, auth, openApi);
        openApi.init(routes);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.multipartConfig.cacheDirectory(uploads.toString());
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
            cfg.http.maxRequestSize = 1 << 20;
            // Jetty hands a large body to the kernel in slices of this size; 32 kB slices let a client's delayed
            // ACKs stall about 1 % of 0.5-0.7 MB responses by 40-100 ms (README, Benchmarks of the server)
            cfg.jetty.modifyHttpConfiguration(http -> http.setOutputBufferSize(OUTPUT_BUFFER_BYTES));
            // cached bodies carry their own gzip (made once); compressing per request would cost more than sending
            cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            cfg.staticFiles.add("/public", Location.CLASSPATH);
            cfg.staticFiles.enableWebjars();
            cfg.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("X-Frame-Options", "DENY");
                if (ctx.path().startsWith(RouteTable.PREFIX)) {
                    ctx.header("Cache-Control", "no-store");
                }
            });
            for (Route r : routes) {
                cfg.routes.addHttpHandler(r.method(), r.path(), ctx -> {
                    Optional<Caller> caller = r.access() == Route.Access.CALLER ? Optional.of(auth.caller(ctx))
                            : Optional.empty();
                    r.handler().handle(ctx, caller);
                });
            }
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "no such endpoint " + ctx.method() + " " + clip(ctx.path()) : e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                Failure f = Failure.of(e);
                if (f.kind() == ErrorKind.INTERNAL) {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal error");
                } else {
                    error(ctx, f.kind().httpStatus(), f.message());
                }
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "no such endpoint " + ctx.method() + " " + clip(ctx.path()));
                }
            });
            cfg.routes.error(405, ctx -> error(ctx, 405, "method not allowed"));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            jobs.close();
            catalog.close();
            if (isBindFailure(e)) {
                throw new TowerException(ErrorKind.CONFLICT, "port " + config.port() + " on " + config.host()
                        + " is in use (choose another with --port)");
            }
            throw e;
        }
        return new TowerServer(app, jobs, catalog, routes, config);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException || String.valueOf(c.getMessage()).contains("Failed to bind")
                    || String.valueOf(c.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** The most of an unread request body an error answer reads away first (see {@link #drainSmallBody}). */
    static final long DRAIN_LIMIT = 4L << 20;

    static void error(Context ctx, int status, String message) {
        drainSmallBody(ctx);
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(Json.text(Map.of("error", message == null ? "" : message)));
    }

    /**
     * Reads away what is left of a request body of up to {@link #DRAIN_LIMIT} bytes before an error answer. A server
     * that closes a connection with request bytes still unread makes the kernel reset it, and the client loses the
     * answer with it: an upload refused before its body was read (a wrong token, an ended session) then showed a
     * broken connection instead of its 401. A larger body is left, and its connection closed.
     */
    private static void drainSmallBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length <= 0 || length > DRAIN_LIMIT) {
            return;
        }
        try {
            java.io.InputStream in = ctx.req().getInputStream();
            byte[] buf = new byte[16 * 1024];
            long left = length;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the body was read another way already, or the client went: nothing left to protect
        }
    }

    /** Leftovers of uploads from a server that was stopped mid-way. */
    private static void clean(Path uploads) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(uploads)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", uploads, e.getMessage());
        }
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + (h.equals("0.0.0.0") ? "127.0.0.1" : h) + ":" + port() + "/";
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The route table the server registered. */
    public List<Route> routes() {
        return routes;
    }

    /** The HTTP endpoints Javalin actually has, as "METHOD path" (for the test that the OpenAPI document is complete). */
    public List<String> registeredEndpoints() {
        Set<String> methods = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(p -> methods.contains(p.endpoint.method.name()))
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path).toList();
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        catalog.close();
    }
}
