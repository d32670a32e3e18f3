package tower.pipeline.manage;

import java.util.List;
import java.util.Optional;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.pipeline.Summaries;
import tower.pipeline.errors.TowerException;
import tower.store.Store;
import tower.store.StoredTest;
import tower.store.TestLabels;

/** Label, delete and re-summarise stored tests (the CLI's {@code label}, {@code delete}, {@code resummarize}). */
public final class StoredTests {
    private StoredTests() {
    }

    /** The stored test, or the one error every front door gives for an unknown id. */
    public static StoredTest require(Store store, String testId) {
        return store.find(testId).orElseThrow(() -> TowerException.unknownTest(testId, store.directory().toString()));
    }

    /**
     * Applies {@code KEY=VALUE} assignments (keys {@code cell}, {@link TestLabels#KEYS}, {@code tag.NAME}; an empty
     * value removes a label) to a stored test. All are checked before any is stored.
     */
    public static StoredTest label(Store store, String testId, List<String> assignments) {
        StoredTest t = require(store, testId);
        Optional<String> cell = t.cellId();
        TestLabels labels = t.labels();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw TowerException.badParameter("label '" + cut(a) + "' is not KEY=VALUE");
            }
            String key = a.substring(0, eq).strip();
            String value = a.substring(eq + 1).strip();
            if (key.equals("cell")) {
                cell = value.isEmpty() ? Optional.empty() : Optional.of(value);
                continue;
            }
            try {
                labels = labels.with(key, value);
            } catch (IllegalArgumentException e) {
                throw TowerException.badParameter(e.getMessage());
            }
        }
        return store.label(testId, cell, labels);
    }

    /** Labels for an ingest from its options, checked like {@link #label}'s. */
    public static TestLabels labels(List<String> assignments) {
        TestLabels labels = TestLabels.NONE;
        for (String a : assignments) {
            int eq = a.indexOf('=');
            try {
                labels = labels.with(a.substring(0, eq), a.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw TowerException.badParameter(e.getMessage());
            }
        }
        return labels;
    }

    /** Deletes stored tests; every id must exist (checked first, so a typo deletes nothing). */
    public static void delete(Store store, List<String> testIds) {
        for (String id : testIds) {
            require(store, id);
        }
        for (String id : testIds) {
            store.delete(id);
        }
    }

    /** Recomputes a stored test's per-cycle summary from its samples with these options and stores it. */
    public static CycleTable resummarize(Store store, String testId, CyclingOptions options) {
        require(store, testId);
        CycleTable table = Summaries.recompute(store.timeSeries(testId), options);
        store.replaceCycles(testId, table);
        return table;
    }

    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
