package tower.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;

/**
 * The executor side of Parquet input: rows arrive sorted by (test, file, row index); each test's rows are
 * gathered column by column into core {@link Batch}es and a {@link TimeSeries.Collector} (no object per sample
 * beyond Spark's own {@link Row}), then go through {@link TestAnalysis} like a file read by the CLI.
 */
final class ParquetTests implements FlatMapFunction<Iterator<Row>, Row>, Serializable {
    /** What the driver knows about a test to process. */
    record Known(String source, String format, String hash) implements Serializable {
    }

    private final List<String> fieldNames;
    private final int keyField;
    private final int sourceField;
    private final int rowField;
    private final List<String> roots;
    private final Map<String, Known> known;
    private final JobSpec spec;

    ParquetTests(List<String> fieldNames, List<String> roots, Map<String, Known> known, JobSpec spec) {
        this.fieldNames = List.copyOf(fieldNames);
        this.keyField = fieldNames.indexOf(FleetJob.KEY);
        this.sourceField = fieldNames.indexOf(FleetJob.SOURCE);
        this.rowField = fieldNames.indexOf(FleetJob.ROW);
        this.roots = List.copyOf(roots);
        this.known = Map.copyOf(known);
        this.spec = spec;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        // the BDF columns of the file schema; others (and the job's own columns) are left out
        int n = fieldNames.size();
        Quantity[] quantity = new Quantity[n];
        Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = fieldNames.get(i);
            if (name.startsWith("__") || name.equals("test_id")) {
                continue;
            }
            Optional<Quantity> q = Quantity.byLabel(name);
            if (q.isPresent() && !columns.contains(q.get())) {
                quantity[i] = q.get();
                columns.add(q.get());
            } else {
                ignored.add(name);
            }
        }
        List<Row> out = new ArrayList<>();
        Group g = null;
        Batch batch = new Batch(columns, Batch.DEFAULT_CAPACITY);
        while (rows.hasNext()) {
            Row r = rows.next();
            String k = r.getString(keyField);
            if (g == null || !k.equals(g.key)) {
                if (g != null) {
                    finish(g, batch, out);
                }
                g = new Group(k, FleetJob.testIdOf(r.getString(sourceField), roots), r.getString(sourceField));
                for (String name : ignored) {
                    g.metadata.warn("column '" + name + "' is not a BDF label: ignored");
                }
                g.collector.begin(columns, g.metadata);
                batch.clear();
            }
            if (g.failed) {
                continue;
            }
            try {
                String file = r.getString(sourceField);
                long index = r.getLong(rowField);
                if (!file.equals(g.file)) {
                    g.file = file;
                    g.nextIndex = 0;
                }
                if (index != g.nextIndex) {
                    throw new IllegalStateException("rows of " + file + " arrived out of order (row " + index
                            + " where " + g.nextIndex + " was expected): the file was split");
                }
                g.nextIndex++;
                int row = batch.addRow();
                for (int i = 0; i < n; i++) {
                    Quantity q = quantity[i];
                    if (q == null || r.isNullAt(i)) {
                        continue;
                    }
                    Object v = r.get(i);
                    switch (q.kind()) {
                        case REAL, INTEGER -> batch.set(q, row, ((Number) v).doubleValue());
                        case EPOCH -> batch.setEpochNanos(row, Math.round(((Number) v).doubleValue() * 1e9));
                        case STEP_TYPE -> {
                            Optional<StepType> t = StepType.parse(v.toString());
                            if (t.isPresent()) {
                                batch.setStepType(row, t.get());
                            }
                        }
                    }
                }
                if (batch.isFull()) {
                    g.collector.accept(batch);
                    batch.clear();
                }
            } catch (RuntimeException e) {
                Known kn = known(g);
                out.addAll(Outputs.error(g.testId, kn.source(), kn.hash(), spec.fingerprint(), "read", e));
                g.failed = true;
            }
        }
        if (g != null) {
            finish(g, batch, out);
        }
        return out.iterator();
    }

    /** The rows of one test being gathered. */
    private static final class Group {
        final String key;
        final String testId;
        String file;
        long nextIndex;
        final TimeSeries.Collector collector = new TimeSeries.Collector();
        final TestMetadata metadata = new TestMetadata();
        final String firstFile;
        boolean failed;

        Group(String key, String testId, String file) {
            this.key = key;
            this.testId = testId;
            this.file = file;
            this.firstFile = file;
        }
    }

    private Known known(Group g) {
        return known.getOrDefault(g.testId, new Known(FleetJob.fileName(g.firstFile), FleetJob.BDF_PARQUET, ""));
    }

    private void finish(Group g, Batch batch, List<Row> out) {
        if (g.failed) {
            return;
        }
        Known k = known(g);
        g.metadata.setSourceName(k.source()).setFormat(k.format());
        String stage = "read";
        try {
            if (batch.size() > 0) {
                g.collector.accept(batch);
                batch.clear();
            }
            g.collector.end(g.metadata);
            TestAnalysis.Loaded loaded = TestAnalysis.fromSamples(g.collector.result(), k.format(), spec);
            stage = "analyze";
            out.addAll(Outputs.results(g.testId, k.source(), k.hash(), spec.fingerprint(), TestAnalysis.analyze(loaded, spec)));
        } catch (RuntimeException e) {
            out.addAll(Outputs.error(g.testId, k.source(), k.hash(), spec.fingerprint(), stage, e));
        }
    }
}
