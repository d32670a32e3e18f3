package tower.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tower.core.cycling.CeConvention;
import tower.core.cycling.CycleRule;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;

/**
 * The {@code tests} table: one row per test with its identity, reader, zone, counts and a JSON {@code metadata}
 * column (columns, vendor fields, warnings, flags, cycling options, labels).
 */
final class TestsTable {
    static final String COLUMNS = "test_id, file_name, content_hash, format, reader_version, cell_id,"
            + " timezone, timezone_assumed, row_count, cycle_count, epoch_us(start_time), epoch_us(ingested_at),"
            + " cycle_rule, metadata";

    private TestsTable() {
    }

    static String ddl() {
        return """
                CREATE TABLE tests (
                  test_id VARCHAR PRIMARY KEY,
                  file_name VARCHAR NOT NULL,
                  content_hash VARCHAR NOT NULL UNIQUE,
                  format VARCHAR NOT NULL,
                  reader_version VARCHAR NOT NULL,
                  cell_id VARCHAR,
                  timezone VARCHAR,
                  timezone_assumed BOOLEAN NOT NULL,
                  row_count BIGINT NOT NULL,
                  cycle_count BIGINT NOT NULL,
                  start_time TIMESTAMP,
                  ingested_at TIMESTAMP NOT NULL,
                  cycle_rule VARCHAR NOT NULL,
                  metadata VARCHAR NOT NULL)""";
    }

    /** A row and its parsed metadata JSON. */
    record Row(StoredTest test, Map<String, Object> meta) {
        String ceConvention() {
            return meta.get("ce_convention") instanceof String s ? s : "charge_first";
        }

        CyclingOptions options() {
            return optionsFromMap(meta.get("cycling_options"));
        }
    }

    /** The facts of a finished sample stream that the test row records. */
    record Stream(TestMetadata metadata, Set<Quantity> columns, long rows, Optional<Instant> start) {
    }

    static void insert(Connection c, IngestRequest req, Stream samples, CycleTable cycles) throws SQLException {
        TestMetadata md = samples.metadata();
        Map<String, Object> meta = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (Quantity q : samples.columns()) {
            labels.add(q.label());
        }
        meta.put("columns", labels);
        meta.put("vendor", md.vendor());
        meta.put("warnings", md.warnings());
        meta.put("flags", md.flags());
        putSummary(meta, cycles);
        meta.put("labels", req.labels().toMap());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " make_timestamp(?), make_timestamp(?), ?, ?)")) {
            ps.setString(1, req.testId());
            ps.setString(2, req.fileName());
            ps.setString(3, req.contentHash());
            ps.setString(4, md.format());
            ps.setString(5, md.readerVersion());
            setOptional(ps, 6, req.cellId());
            setOptional(ps, 7, md.timezone().map(ZoneId::getId));
            ps.setBoolean(8, md.timezoneAssumed());
            ps.setLong(9, samples.rows());
            ps.setLong(10, cycles.cycles().size());
            if (samples.start().isPresent()) {
                ps.setLong(11, ChronoUnit.MICROS.between(Instant.EPOCH, samples.start().get()));
            } else {
                ps.setNull(11, Types.BIGINT);
            }
            ps.setLong(12, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
            ps.setString(13, cycles.cycleRule());
            ps.setString(14, Json.write(meta));
            ps.executeUpdate();
        }
    }

    private static void putSummary(Map<String, Object> meta, CycleTable cycles) {
        meta.put("ce_convention", cycles.ceConvention());
        meta.put("cycling_options", optionsToMap(cycles.options()));
    }

    /** Records a new summary's rule, convention, options and count (the rows go to {@link CyclesTable}). */
    static void updateSummary(Connection c, Row row, CycleTable cycles) throws SQLException {
        Map<String, Object> meta = new LinkedHashMap<>(row.meta());
        putSummary(meta, cycles);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tests SET cycle_count = ?, cycle_rule = ?, metadata = ? WHERE test_id = ?")) {
            ps.setLong(1, cycles.cycles().size());
            ps.setString(2, cycles.cycleRule());
            ps.setString(3, Json.write(meta));
            ps.setString(4, row.test().testId());
            ps.executeUpdate();
        }
    }

    static void updateLabels(Connection c, Row row, Optional<String> cellId, TestLabels labels) throws SQLException {
        Map<String, Object> meta = new LinkedHashMap<>(row.meta());
        meta.put("labels", labels.toMap());
        try (PreparedStatement ps = c.prepareStatement("UPDATE tests SET cell_id = ?, metadata = ? WHERE test_id = ?")) {
            setOptional(ps, 1, cellId);
            ps.setString(2, Json.write(meta));
            ps.setString(3, row.test().testId());
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tests WHERE test_id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    static Optional<StoredTest> find(Connection c, String column, String value) throws SQLException {
        return findRow(c, column, value).map(Row::test);
    }

    static Optional<Row> findRow(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tests WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Every test, in {@code order} (an ORDER BY list). */
    static List<StoredTest> list(Connection c, String order) throws SQLException {
        List<StoredTest> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM tests ORDER BY " + order)) {
            while (rs.next()) {
                out.add(row(rs).test());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Row row(ResultSet rs) throws SQLException {
        Map<String, Object> meta = Json.parse(rs.getString(14)) instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Set<Quantity> columns = EnumSet.noneOf(Quantity.class);
        for (String label : strings(meta.get("columns"))) {
            Quantity.byLabel(label).ifPresent(columns::add);
        }
        Map<String, String> vendor = new LinkedHashMap<>();
        if (meta.get("vendor") instanceof Map<?, ?> v) {
            v.forEach((k, val) -> vendor.put(String.valueOf(k), String.valueOf(val)));
        }
        long startUs = rs.getLong(11);
        Optional<Instant> start = rs.wasNull() ? Optional.empty() : Optional.of(micros(startUs));
        StoredTest t = new StoredTest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)).map(ZoneId::of),
                rs.getBoolean(8), rs.getLong(9), rs.getLong(10), start, micros(rs.getLong(12)),
                Collections.unmodifiableSet(columns), rs.getString(13), Collections.unmodifiableMap(vendor),
                List.copyOf(strings(meta.get("warnings"))),
                Collections.unmodifiableSet(new LinkedHashSet<>(strings(meta.get("flags")))),
                TestLabels.fromMap(meta.get("labels")));
        return new Row(t, meta);
    }

    private static Instant micros(long us) {
        return Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    private static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    static Map<String, Object> optionsToMap(CyclingOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle_rule", o.cycleRule().id());
        m.put("rest_current_relative", o.restCurrentRelative());
        m.put("rest_current_floor_a", o.restCurrentFloorA());
        m.put("pause_gap_s", o.pauseGapS());
        m.put("mismatch_tolerance", o.mismatchTolerance());
        m.put("cv_voltage_relative", o.cvVoltageRelative());
        m.put("cv_current_drop", o.cvCurrentDrop());
        m.put("pulse_max_duration_s", o.pulseMaxDurationS());
        m.put("ce_convention", o.ceConvention().id());
        if (o.hasNominalCapacity()) {
            m.put("nominal_capacity_ah", o.nominalCapacityAh());
        }
        return m;
    }

    static CyclingOptions optionsFromMap(Object value) {
        CyclingOptions d = CyclingOptions.DEFAULT;
        if (!(value instanceof Map<?, ?> m)) {
            return d;
        }
        return new CyclingOptions(
                m.get("cycle_rule") instanceof String s ? CycleRule.parse(s) : d.cycleRule(),
                number(m, "rest_current_relative", d.restCurrentRelative()),
                number(m, "rest_current_floor_a", d.restCurrentFloorA()),
                number(m, "pause_gap_s", d.pauseGapS()),
                number(m, "mismatch_tolerance", d.mismatchTolerance()),
                number(m, "cv_voltage_relative", d.cvVoltageRelative()),
                number(m, "cv_current_drop", d.cvCurrentDrop()),
                number(m, "pulse_max_duration_s", d.pulseMaxDurationS()),
                m.get("ce_convention") instanceof String c ? CeConvention.parse(c) : d.ceConvention(),
                number(m, "nominal_capacity_ah", Double.NaN));
    }

    private static double number(Map<?, ?> m, String key, double fallback) {
        return m.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }
}
