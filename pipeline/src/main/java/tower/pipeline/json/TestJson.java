package tower.pipeline.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tower.store.StoredTest;

/** A stored test as {@code tower list --json} and {@code GET /api/v1/tests} show it. */
public final class TestJson {
    private TestJson() {
    }

    public static Map<String, Object> of(StoredTest t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.testId());
        m.put("file_name", t.fileName());
        m.put("format", t.format());
        m.put("rows", t.rows());
        m.put("cycles", t.cycles());
        m.put("cell", t.cellId().orElse(null));
        m.put("ingested_at", t.ingestedAt().toString());
        m.put("reader_version", t.readerVersion());
        m.put("content_hash", t.contentHash());
        m.put("timezone", t.timezone().map(Object::toString).orElse(null));
        m.put("timezone_assumed", t.timezoneAssumed());
        m.put("start_time", t.startTime().map(Object::toString).orElse(null));
        m.put("cycle_rule", t.cycleRule());
        m.put("flags", List.copyOf(t.flags()));
        m.put("warnings", t.warnings());
        // the cell labels, always present (null when not set) so that the fields equal tests.parquet's columns
        var l = t.labels();
        m.put("nominal_capacity_ah", l.nominalCapacityAh().isPresent() ? l.nominalCapacityAh().getAsDouble() : null);
        m.put("chemistry", l.chemistry().orElse(null));
        m.put("active_mass_g", l.activeMassG().isPresent() ? l.activeMassG().getAsDouble() : null);
        m.put("area_cm2", l.areaCm2().isPresent() ? l.areaCm2().getAsDouble() : null);
        m.put("temperature_c", l.temperatureC().isPresent() ? l.temperatureC().getAsDouble() : null);
        m.put("tags", l.tags());
        return m;
    }

    /** {@code tower cycles TEST_ID --json}: the stored (or recomputed) summary with the test's identity. */
    public static Map<String, Object> cycles(StoredTest t, tower.core.cycling.CycleTable table) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("test_id", t.testId());
        extra.put("timezone", t.timezone().map(Object::toString).orElse(null));
        extra.put("flags", List.copyOf(t.flags()));
        extra.put("warnings", t.warnings());
        return CyclesJson.of(t.fileName(), t.format(), t.rows(), table, extra, t.labels().activeMassG());
    }
}
