package tower.server.data;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tower.core.cycling.CycleTable;
import tower.core.cycling.StepTable;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.pipeline.LoadedTest;
import tower.pipeline.Pipeline;
import tower.pipeline.plot.PlotColumns;
import tower.store.Store;

/**
 * The store as the routes read it, through the same pipeline calls as the CLI ({@code Pipeline.storedCycles},
 * {@code Pipeline.loadStored}), with bounded caches. Stored tests do not change while the server owns the store
 * (ingest adds new ids only; {@link #delete} drops a test's entries), so entries never go stale.
 */
public final class TestData {
    private final Store store;
    private final Pipeline pipeline;
    private final WeightedCache<String, LoadedTest> loaded;
    private final WeightedCache<String, Structure> structure;
    private final WeightedCache<String, TimeSeries> columns;
    private final WeightedCache<String, Body> texts;
    private final java.util.Map<String, tower.store.StoredTest> found = new java.util.concurrent.ConcurrentHashMap<>();

    /** Cycles and steps of a test: small, kept after its samples have left the cache. */
    public record Structure(CycleTable cycles, StepTable steps) {
    }

    /**
     * @param maxCells the most sample values (rows × columns) kept in memory, for whole tests and for plot columns each
     */
    public TestData(Store store, Pipeline pipeline, long maxCells) {
        this.store = store;
        this.pipeline = pipeline;
        this.loaded = new WeightedCache<>(maxCells, t -> (long) t.series().size() * Math.max(1, t.series().columns().size()));
        this.structure = new WeightedCache<>(2_000_000, s -> 1 + s.cycles().cycles().size() + s.steps().steps().size());
        this.columns = new WeightedCache<>(maxCells, t -> (long) t.size() * Math.max(1, t.columns().size()));
        this.texts = new WeightedCache<>(128L << 20, Body::weight);
    }

    /** The maximum number of cells from the heap: a quarter of it, at 8 bytes a value. */
    public static long defaultMaxCells() {
        return Math.max(1_000_000, Runtime.getRuntime().maxMemory() / 4 / 8);
    }

    public Store store() {
        return store;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The stored per-cycle summary, as {@code tower cycles TEST_ID} uses it. */
    public CycleTable cycles(String testId) {
        return pipeline.storedCycles(store, testId, Optional.empty());
    }

    /** The whole test, as the CLI's analysis commands load a stored test. */
    public LoadedTest loaded(String testId) {
        return loaded.get(testId, () -> pipeline.loadStored(store, testId, Optional.empty()));
    }

    /** Cycles and steps (from the loaded test the first time). */
    public Structure structure(String testId) {
        return structure.get(testId, () -> {
            LoadedTest t = loaded(testId);
            return new Structure(t.cycles(), t.steps());
        });
    }

    /** Only some columns of a test, for plots. */
    public TimeSeries columns(String testId, Set<Quantity> wanted) {
        Set<Quantity> key = EnumSet.copyOf(wanted);
        return columns.get(testId + " " + key, () -> PlotColumns.load(store, testId, key));
    }

    /** A response body computed once per key (analyses of immutable tests). */
    public Body text(String key, java.util.function.Supplier<String> compute) {
        return texts.get(key, () -> Body.of(compute.get()));
    }

    /** A stored test by id; remembered once found (stored tests do not change while the server owns the store). */
    public Optional<tower.store.StoredTest> find(String testId) {
        tower.store.StoredTest t = found.get(testId);
        if (t != null) {
            return Optional.of(t);
        }
        Optional<tower.store.StoredTest> f = store.find(testId);
        f.ifPresent(v -> {
            if (found.size() < 100_000) {
                found.put(testId, v);
            }
        });
        return f;
    }

    /** Deletes a stored test (through the pipeline, as {@code tower delete} does) and everything cached of it. */
    public void delete(String testId) {
        tower.pipeline.manage.StoredTests.delete(store, List.of(testId));
        java.util.function.Predicate<String> mentions = k -> java.util.Arrays.asList(k.split(" ")).contains(testId);
        found.remove(testId);
        loaded.removeIf(mentions);
        structure.removeIf(mentions);
        columns.removeIf(mentions);
        texts.removeIf(mentions);
    }

    /** Test ids in the store, oldest first. */
    public List<tower.store.StoredTest> list() {
        return store.list();
    }
}
