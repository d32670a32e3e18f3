package tower.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tower.core.analysis.CapacityReference;
import tower.core.analysis.HalfCycle;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.pipeline.LoadedTest;
import tower.pipeline.analysis.Analyses;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.Failure;
import tower.pipeline.errors.TowerException;
import tower.pipeline.export.Exports;
import tower.pipeline.ingest.IngestSpec;
import tower.pipeline.ingest.Ingested;
import tower.pipeline.ingest.Ingester;
import tower.pipeline.json.Json;
import tower.pipeline.json.TestJson;
import tower.pipeline.plot.Lttb;
import tower.pipeline.plot.PlotColumns;
import tower.pipeline.read.ReadSpec;
import tower.server.audit.AuditAction;
import tower.server.auth.Caller;
import tower.server.sharing.TestAccess;
import tower.server.sharing.Visibility;
import tower.server.auth.Catalog;
import tower.server.data.TestData;
import tower.server.jobs.Job;
import tower.server.jobs.Jobs;
import tower.store.StoredTest;

/**
 * The handlers of the test routes. Every one resolves the test through {@link TestGate}, the one access check, which
 * also records the read in the owner's audit log.
 */
public final class TestsApi {
    private final TestData data;
    private final Catalog catalog;
    private final TestGate gate;
    private final Jobs jobs;
    private final long maxUploadBytes;
    private final long jobThresholdBytes;

    public TestsApi(TestData data, Catalog catalog, Jobs jobs, long maxUploadBytes, long jobThresholdBytes) {
        this.data = data;
        this.catalog = catalog;
        this.gate = new TestGate(data, catalog);
        this.jobs = jobs;
        this.maxUploadBytes = maxUploadBytes;
        this.jobThresholdBytes = jobThresholdBytes;
    }

    static void sendJson(Context ctx, String text) {
        ctx.contentType("application/json; charset=utf-8").result(text);
    }

    /** A cached body, gzipped when the client accepts it. */
    static void sendJson(Context ctx, tower.server.data.Body body) {
        ctx.contentType("application/json; charset=utf-8");
        String accept = ctx.header("Accept-Encoding");
        ctx.header("Vary", "Accept-Encoding");
        if (body.hasGzip() && accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            writeWhole(ctx, body.gzip());
        } else {
            writeWhole(ctx, body.utf8());
        }
    }

    /**
     * The whole body in one write with its {@code Content-Length} (not chunked): a client sees the size, and Jetty
     * hands it to the kernel in slices of {@link tower.server.TowerServer#OUTPUT_BUFFER_BYTES}.
     */
    private static void writeWhole(Context ctx, byte[] bytes) {
        try {
            ctx.res().setContentLength(bytes.length);
            ctx.res().getOutputStream().write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // the client went away: nothing to answer
        }
    }

    static void sendJson(Context ctx, Object value) {
        sendJson(ctx, Json.text(value));
    }

    TestGate gate() {
        return gate;
    }

    static TowerException notFound(String id) {
        return new TowerException(ErrorKind.UNKNOWN_TEST, "no such test " + Params.clip(id));
    }

    // ------------------------------------------------------------------ reading

    void list(Context ctx, Caller caller) {
        java.time.Instant now = java.time.Instant.now();
        List<Map<String, Object>> tests = new ArrayList<>();
        for (TestGate.Seen s : gate.visible(caller)) {
            tests.add(SharingJson.test(s, caller, now, catalog.sharing()::project));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tests", tests);
        sendJson(ctx, doc);
    }

    void detail(Context ctx, Caller caller) {
        TestGate.Seen seen = gate.read(ctx, caller, AuditAction.READ);
        StoredTest t = seen.test();
        Map<String, Object> doc = SharingJson.test(seen, caller, java.time.Instant.now(), catalog.sharing()::project);
        doc.put("columns", t.columns().stream().map(Quantity::label).toList());
        List<String> plot = new ArrayList<>();
        for (Quantity q : t.columns()) {
            if (PlotColumns.byName(PlotColumns.jsonName(q)).isPresent()) {
                plot.add(PlotColumns.jsonName(q));
            }
        }
        doc.put("plot_columns", plot);
        doc.put("vendor", t.vendor());
        sendJson(ctx, doc);
    }

    @SuppressWarnings("unchecked")
    void cycles(Context ctx, Caller caller) {
        String format = Params.string(ctx, "format").orElse("json");
        StoredTest t = gate.read(ctx, caller, format.equals("csv") ? AuditAction.DOWNLOAD : AuditAction.READ).test();
        if (format.equals("csv")) {
            Map<String, Object> doc = TestJson.cycles(t, data.cycles(t.testId()));
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"" + t.testId() + "-cycles.csv\"");
            ctx.result(tower.pipeline.json.CyclesJson.csv((List<Map<String, Object>>) doc.get("cycles")));
            return;
        }
        if (!format.equals("json")) {
            throw TowerException.badParameter("format must be json or csv");
        }
        sendJson(ctx, data.text("cycles " + t.testId(), () -> Json.text(TestJson.cycles(t, data.cycles(t.testId())))));
    }

    void analysis(Context ctx, Caller caller) {
        StoredTest t = gate.read(ctx, caller, AuditAction.READ).test();
        String refText = Params.string(ctx, "reference").orElse("first");
        CapacityReference ref = Analyses.reference(refText);
        double threshold = Analyses.threshold(Params.number(ctx, "threshold", 0.8));
        String key = "analysis " + t.testId() + " " + refText + " " + threshold;
        sendJson(ctx, data.text(key, () -> {
            TestData.Structure s = data.structure(t.testId());
            return Json.text(Analyses.fade(s.cycles(), s.steps(), ref, threshold));
        }));
    }

    void dqdv(Context ctx, Caller caller) {
        StoredTest t = gate.read(ctx, caller, AuditAction.READ).test();
        String cycleText = Params.string(ctx, "cycle")
                .orElseThrow(() -> TowerException.badParameter("cycle is required (a cycle index)"));
        long cycle = Params.requireInteger("cycle", cycleText, Long.MIN_VALUE, Long.MAX_VALUE);
        HalfCycle half = Analyses.half(Params.string(ctx, "half").orElse("discharge"));
        double fwhm = Params.number(ctx, "fwhm", tower.core.analysis.DqdvOptions.DEFAULT.fwhmV());
        boolean savgol = Params.bool(ctx, "savgol");
        var options = Analyses.dqdvOptions(fwhm, savgol);
        String key = "dqdv " + t.testId() + " " + cycle + " " + half + " " + fwhm + " " + savgol;
        sendJson(ctx, data.text(key, () -> {
            LoadedTest l = data.loaded(t.testId());
            return Json.text(Analyses.dqdv(l.series(), l.cycles(), l.steps(), cycle, half, options));
        }));
    }

    void hppc(Context ctx, Caller caller) {
        StoredTest t = gate.read(ctx, caller, AuditAction.READ).test();
        double maxPulse = Params.number(ctx, "max_pulse_s", tower.core.analysis.PulseOptions.DEFAULT.maxPulseDurationS());
        if (!(maxPulse > 0)) {
            throw TowerException.badParameter("max_pulse_s must be positive");
        }
        sendJson(ctx, data.text("hppc " + t.testId() + " " + maxPulse, () -> {
            LoadedTest l = data.loaded(t.testId());
            return Json.text(Analyses.hppc(l.series(), l.cycles(), l.steps(), maxPulse, Double.NaN));
        }));
    }

    void steps(Context ctx, Caller caller) {
        StoredTest t = gate.read(ctx, caller, AuditAction.READ).test();
        sendJson(ctx, data.text("steps " + t.testId(), () ->
                Json.text(Analyses.stepsJson(t.fileName(), t.format(), data.structure(t.testId()).steps()))));
    }

    static final int MAX_POINTS = 100_000;

    void timeseries(Context ctx, Caller caller) {
        StoredTest t = gate.read(ctx, caller, AuditAction.READ).test();
        Quantity x = PlotColumns.require("x", Params.string(ctx, "x").orElse("test_time_s"));
        List<Quantity> ys = new ArrayList<>();
        for (String name : Params.string(ctx, "y").orElse("voltage_v").split(",")) {
            Quantity q = PlotColumns.require("y", name.trim());
            if (!ys.contains(q) && q != x) {
                ys.add(q);
            }
        }
        if (ys.isEmpty()) {
            throw TowerException.badParameter("y must name at least one column other than x");
        }
        int maxPoints = (int) Params.integer(ctx, "max_points", 2000, 3, MAX_POINTS);
        Optional<String> cycleText = Params.string(ctx, "cycle");
        double from = Params.number(ctx, "x_min", Double.NEGATIVE_INFINITY);
        double to = Params.number(ctx, "x_max", Double.POSITIVE_INFINITY);
        Set<Quantity> wanted = EnumSet.of(x);
        wanted.addAll(ys);
        OptionalCycle cycle = OptionalCycle.NONE;
        if (cycleText.isPresent()) {
            cycle = new OptionalCycle(true, Params.requireInteger("cycle", cycleText.get(), 0, Long.MAX_VALUE));
            wanted.add(Quantity.CYCLE_COUNT);
        }
        for (Quantity q : wanted) {
            if (!t.columns().contains(q)) {
                throw TowerException.badParameter("test " + t.testId() + " has no column " + PlotColumns.jsonName(q));
            }
        }
        OptionalCycle c = cycle;
        String key = "timeseries " + t.testId() + " " + x + " " + ys + " " + maxPoints + " " + c + " " + from + " " + to;
        sendJson(ctx, data.text(key, () -> Json.text(downsample(t, wanted, x, ys, maxPoints, c, from, to))));
    }

    private Map<String, Object> downsample(StoredTest t, Set<Quantity> wanted, Quantity x, List<Quantity> ys,
                                           int maxPoints, OptionalCycle cycle, double from, double to) {
        TimeSeries ts = data.columns(t.testId(), wanted);
        double[] xs = PlotColumns.values(ts, x);
        boolean all = !cycle.present() && from == Double.NEGATIVE_INFINITY && to == Double.POSITIVE_INFINITY;
        int[] rows = all ? null : selectRows(ts, xs, cycle, from, to);
        double[] xSel = all ? xs : Lttb.pick(xs, rows);
        Set<Integer> kept = new TreeSet<>();
        for (Quantity y : ys) {
            double[] ySel = all ? PlotColumns.values(ts, y) : Lttb.pick(PlotColumns.values(ts, y), rows);
            for (int k : Lttb.indices(xSel, ySel, maxPoints)) {
                kept.add(k);
            }
        }
        int[] idx = kept.stream().mapToInt(Integer::intValue).toArray();
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put(PlotColumns.jsonName(x), boxed(Lttb.pick(xSel, idx)));
        for (Quantity y : ys) {
            double[] v = PlotColumns.values(ts, y);
            cols.put(PlotColumns.jsonName(y), boxed(Lttb.pick(all ? v : Lttb.pick(v, rows), idx)));
        }
        int selected = all ? xs.length : rows.length;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("test_id", t.testId());
        doc.put("x", PlotColumns.jsonName(x));
        doc.put("y", ys.stream().map(PlotColumns::jsonName).toList());
        doc.put("rows", selected);
        doc.put("points", idx.length);
        doc.put("downsampling", selected > idx.length ? "lttb" : "none");
        doc.put("max_points_per_column", maxPoints);
        doc.put("columns", cols);
        return doc;
    }

    /** Boxed so that a missing value (NaN) is written as null, like every other JSON of tower. */
    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    private record OptionalCycle(boolean present, long value) {
        static final OptionalCycle NONE = new OptionalCycle(false, 0);
    }

    private static int[] selectRows(TimeSeries ts, double[] xs, OptionalCycle cycle, double from, double to) {
        double[] cycles = cycle.present() ? ts.column(Quantity.CYCLE_COUNT) : null;
        int n = 0;
        int[] out = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (cycles != null && cycles[i] != cycle.value()) {
                continue;
            }
            if (xs[i] < from || xs[i] > to) {
                continue;
            }
            out[n++] = i;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    void export(Context ctx, Caller caller) throws IOException {
        StoredTest t = gate.read(ctx, caller, AuditAction.EXPORT).test();
        String format = Params.string(ctx, "format").orElse("csv");
        switch (format) {
            case "csv" -> {
                ctx.contentType("text/csv; charset=utf-8");
                ctx.header("Content-Disposition", "attachment; filename=\"" + t.testId() + ".csv\"");
                try (OutputStream out = ctx.outputStream()) {
                    Exports.writeCsv(data.store(), t.testId(), out);
                }
            }
            case "parquet" -> {
                Path tmp = Uploads.folder(data.store().directory()).resolve("export-" + t.testId() + "-"
                        + Long.toHexString(System.nanoTime()) + ".parquet");
                try {
                    Exports.toFile(data.store(), t.testId(), tmp);
                    ctx.contentType("application/vnd.apache.parquet");
                    ctx.header("Content-Disposition", "attachment; filename=\"" + t.testId() + ".parquet\"");
                    ctx.header("Content-Length", Long.toString(Files.size(tmp)));
                    try (OutputStream out = ctx.outputStream()) {
                        Files.copy(tmp, out);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            default -> throw TowerException.badParameter("format must be csv or parquet");
        }
    }

    // ------------------------------------------------------------------ upload

    void upload(Context ctx, Caller caller) throws IOException {
        if (!caller.role().mayUpload()) {
            throw new TowerException(ErrorKind.FORBIDDEN, "a viewer may not upload");
        }
        Uploads.requireMultipart(ctx, maxUploadBytes);
        Uploads.Upload up = Uploads.receive(ctx, data.store().directory(), maxUploadBytes);
        boolean handedOver = false;
        try {
            Optional<String> cell = Uploads.field(ctx, "cell_id");
            Optional<ZoneId> zone = Uploads.field(ctx, "timezone").map(z -> {
                try {
                    return ZoneId.of(z);
                } catch (DateTimeException e) {
                    throw TowerException.badParameter("timezone: unknown time zone '" + Params.clip(z)
                            + "' (use an IANA name such as Europe/Berlin)");
                }
            });
            String address = ctx.ip();
            Visibility visibility = Uploads.field(ctx, "visibility").map(Visibility::parse).orElse(Visibility.PRIVATE);
            if (cell.isPresent() && cell.get().length() > 200) {
                throw TowerException.badParameter("cell_id is longer than 200 characters");
            }
            IngestSpec spec = IngestSpec.of(ReadSpec.DEFAULT.withTimezone(zone)).withCell(cell)
                    .withDisplayName(up.displayName()).withNamespace(namespace(caller.organisation()));
            if (up.size() > jobThresholdBytes) {
                Job job = jobs.submit(caller.organisation(), up.displayName(), up.size(),
                        j -> {
                            Map<String, Object> test = store(address, up, spec, caller, visibility, j::progress);
                            return new Jobs.Result(test, ((Number) test.get("rows")).longValue());
                        },
                        () -> deleteQuietly(up.file()));
                handedOver = true;
                ctx.status(202);
                ctx.header("Location", "/api/v1/jobs/" + job.id());
                sendJson(ctx, job.json());
                return;
            }
            Map<String, Object> test = store(address, up, spec, caller, visibility, tower.core.ingest.Progress.NONE);
            ctx.status(201);
            ctx.header("Location", "/api/v1/tests/" + test.get("id"));
            sendJson(ctx, test);
        } finally {
            if (!handedOver) {
                deleteQuietly(up.file());
            }
        }
    }

    /**
     * Stores an upload through the pipeline's ingester and records the caller's organisation as its owner. The
     * namespace keeps de-duplication inside the organisation: the same content held by another one is never found.
     */
    private Map<String, Object> store(String address, Uploads.Upload up, IngestSpec spec, Caller caller, Visibility visibility,
                                      tower.core.ingest.Progress progress) throws IOException {
        Ingested done;
        try {
            done = new Ingester(data.pipeline()).ingest(data.store(), up.file(), spec, progress);
        } catch (RuntimeException | IOException e) {
            Failure f = Failure.of(e);
            if (f.kind() == ErrorKind.INTERNAL) {
                throw e;
            }
            throw new TowerException(f.kind(), Uploads.renamed(f.message(), up), e);
        }
        String id = done.result().test().testId();
        catalog.sharing().register(id, caller.organisation());
        if (!done.result().duplicate() && visibility != Visibility.PRIVATE) {
            catalog.sharing().setVisibility(id, visibility);
        }
        TestAccess access = catalog.sharing().access(id).orElseThrow();
        gate.record(address, caller, AuditAction.UPLOAD, access, up.displayName() + (done.result().duplicate() ? " (duplicate)" : ""));
        Map<String, Object> doc = SharingJson.test(new TestGate.Seen(done.result().test(), access,
                tower.server.sharing.Access.OWNER), caller, java.time.Instant.now(),
                catalog.sharing()::project);
        doc.put("duplicate", done.result().duplicate());
        return doc;
    }

    /** The ingest namespace of an organisation: its tests are de-duplicated among themselves only. */
    public static String namespace(String organisation) {
        return "org:" + organisation;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in uploads/ is removed at the next start
        }
    }

    void job(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Job job = jobs.find(id, caller.organisation())
                .orElseThrow(() -> new TowerException(ErrorKind.UNKNOWN_TEST, "no such job " + Params.clip(id)));
        sendJson(ctx, job.json());
    }
}
