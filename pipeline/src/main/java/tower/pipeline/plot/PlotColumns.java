package tower.pipeline.plot;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;
import tower.pipeline.errors.TowerException;
import tower.store.Store;

/** Plot columns of a stored test by JSON name; only the asked-for columns are kept in memory. */
public final class PlotColumns {
    private PlotColumns() {
    }

    private static final Map<String, Quantity> BY_NAME = new LinkedHashMap<>();

    static {
        for (Quantity q : Quantity.values()) {
            if (q.kind() == Quantity.Kind.REAL || q.kind() == Quantity.Kind.INTEGER || q.kind() == Quantity.Kind.EPOCH) {
                BY_NAME.put(jsonName(q), q);
            }
        }
    }

    /** The snake-case JSON name of a quantity: {@code Voltage / V} → {@code voltage_v}, {@code Cycle Count / 1} → {@code cycle_count}. */
    public static String jsonName(Quantity q) {
        String label = q.label().replace(" / 1", "");
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_|_$", "");
    }

    /** Every plottable name (real, integer and time columns). */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static Optional<Quantity> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The named column as a quantity, or a bad parameter naming the valid choices. */
    public static Quantity require(String param, String name) {
        return byName(name).orElseThrow(() -> TowerException.badParameter(param + ": unknown column '" + name
                + "' (one of " + String.join(", ", names()) + ")"));
    }

    /** Loads only {@code wanted} of a stored test (those it has). */
    public static TimeSeries load(Store store, String testId, Set<Quantity> wanted) {
        TimeSeries.Collector collector = new TimeSeries.Collector(store.find(testId).map(t -> t.rows()).orElse(0L));
        store.replay(testId, new RecordSink() {
            @Override
            public void begin(Set<Quantity> columns, TestMetadata md) {
                Set<Quantity> keep = EnumSet.noneOf(Quantity.class);
                for (Quantity q : wanted) {
                    if (columns.contains(q)) {
                        keep.add(q);
                    }
                }
                collector.begin(keep, md);
            }

            @Override
            public void accept(Batch batch) {
                collector.accept(batch);
            }

            @Override
            public void end(TestMetadata md) {
                collector.end(md);
            }
        });
        return collector.result();
    }

    /** A column as doubles: Unix time as seconds. */
    public static double[] values(TimeSeries ts, Quantity q) {
        if (q.kind() == Quantity.Kind.EPOCH) {
            long[] ns = ts.epochNanos();
            double[] out = new double[ns.length];
            for (int i = 0; i < ns.length; i++) {
                out[i] = ns[i] == Batch.NO_TIME ? Double.NaN : ns[i] / 1e9;
            }
            return out;
        }
        return ts.column(q);
    }
}
