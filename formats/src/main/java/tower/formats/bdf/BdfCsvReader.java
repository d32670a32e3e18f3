package tower.formats.bdf;

import tower.formats.text.Blanks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.core.units.Dimension;
import tower.core.units.Unit;
import tower.core.units.Units;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.Header;
import tower.formats.text.LineReader;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * Battery Data Format CSV: {@code Quantity / unit} headers from the BDF vocabulary. Units other than the preferred
 * one (e.g. {@code Test Time / h}) are converted; the older labels {@code Charge Capacity}, {@code Discharge
 * Capacity}, {@code Charge Energy}, {@code Discharge Energy} are read as resetting (cycle-scoped) accumulators. Columns outside the
 * vocabulary are ignored. The vocabulary's machine-readable names ({@code test_time_second}, {@code voltage_volt},
 * {@code current_ampere}, …, unit in the name) are read beside the preferred labels.
 */
public final class BdfCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("bdf-csv", "Battery Data Format",
            List.of(".csv with BDF 'Quantity / unit' headers"),
            "header holds 'Test Time / <unit>', 'Voltage / <unit>' and 'Current / <unit>' labels", "1");

    private static final Map<String, Quantity> NAMES = new HashMap<>();
    private static final Map<String, Machine> MACHINE = new HashMap<>();

    static {
        for (Quantity q : Quantity.values()) {
            NAMES.put(Header.key(Header.parse(q.label()).name()), q);
        }
        // Older labels with no scope; files that use them reset the counters (e.g. per step), so they are read as
        // resetting accumulators and the test-cumulative columns are rebuilt from them.
        NAMES.put(Header.key("Charge Capacity"), Quantity.CYCLE_CHARGING_CAPACITY);
        NAMES.put(Header.key("Discharge Capacity"), Quantity.CYCLE_DISCHARGING_CAPACITY);
        NAMES.put(Header.key("Charge Energy"), Quantity.CYCLE_CHARGING_ENERGY);
        NAMES.put(Header.key("Discharge Energy"), Quantity.CYCLE_DISCHARGING_ENERGY);
        NAMES.put(Header.key("Cycle Index"), Quantity.CYCLE_COUNT);
        // The vocabulary's machine-readable names (skos:notation and snake_case altLabels), which carry their unit
        // in the name: the BDF project's own reference files use them instead of the preferred labels.
        machine("s", Quantity.TEST_TIME, "test_time_second", "test_time_s");
        machine("ms", Quantity.TEST_TIME, "test_time_millisecond", "test_time_ms");
        machine("s", Quantity.UNIX_TIME, "unix_time_second", "unix_time_s");
        machine("ms", Quantity.UNIX_TIME, "unix_time_millisecond", "unix_time_ms");
        machine("V", Quantity.VOLTAGE, "voltage_volt", "voltage_v");
        machine("A", Quantity.CURRENT, "current_ampere", "current_a");
        machine("1", Quantity.CYCLE_COUNT, "cycle_count", "cycle_count_1", "cycle_dimensionless");
        machine("1", Quantity.STEP_COUNT, "step_count", "step_count_1", "step_dimensionless");
        machine("1", Quantity.STEP_INDEX, "step_index", "step_index_1");
        machine("1", Quantity.RECORD_INDEX, "record_index");
        machine("", Quantity.STEP_TYPE, "step_type");
        machine("s", Quantity.STEP_TIME, "step_time_second", "step_time_s");
        machine("W", Quantity.POWER, "power_watt", "power_w");
        machine("ohm", Quantity.INTERNAL_RESISTANCE, "internal_resistance_ohm");
        machine("ohm", Quantity.DC_INTERNAL_RESISTANCE, "dc_internal_resistance_ohm", "dc_resistance_ohm", "dcir");
        machine("degC", Quantity.AMBIENT_TEMPERATURE, "ambient_temperature_celsius", "ambient_temperature_degc");
        for (int k = 1; k <= 5; k++) {
            machine("degC", Quantity.TEMPERATURES[k - 1], "temperature_t" + k + "_celsius", "temperature_t" + k + "_degc",
                    "surface_temperature_t" + k + "_celsius");
        }
        for (String scope : new String[]{"", "step_", "cycle_", "schedule_"}) {
            for (String dir : new String[]{"charging", "discharging"}) {
                String label = (scope.isEmpty() ? "" : Character.toUpperCase(scope.charAt(0)) + scope.substring(1, scope.length() - 1) + " ")
                        + Character.toUpperCase(dir.charAt(0)) + dir.substring(1);
                String shortDir = dir.equals("charging") ? "charge" : "discharge";
                machine("Ah", NAMES.get(Header.key(label + " Capacity")), scope + dir + "_capacity_ah",
                        scope + dir + "_capacity_ampere_hour", scope.isEmpty() ? scope + dir + "_capacity_ah" : scope + shortDir + "_capacity_ah");
                machine("Wh", NAMES.get(Header.key(label + " Energy")), scope + dir + "_energy_wh",
                        scope + dir + "_energy_watt_hour", scope.isEmpty() ? scope + dir + "_energy_wh" : scope + shortDir + "_energy_wh");
            }
        }
    }

    /** Machine-readable column names: quantity and the unit the name carries. */
    private record Machine(Quantity quantity, String unit) {
    }

    private static void machine(String unit, Quantity q, String... names) {
        if (q == null) {
            throw new IllegalStateException("no quantity for " + names[0]);
        }
        for (String n : names) {
            MACHINE.put(n, new Machine(q, unit));
        }
    }

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        String line = probe.line(0);
        String[] h = TextFile.splitHeader(line, ',');
        int hits = 0;
        int machineHits = 0;
        for (String s : h) {
            String k = s.strip();
            if (k.matches("(?i)(test time|voltage|current) / \\S+")) {
                hits++;
            }
            Machine m = MACHINE.get(k.replace("\uFEFF", "").toLowerCase(java.util.Locale.ROOT));
            if (m != null && (m.quantity() == Quantity.TEST_TIME || m.quantity() == Quantity.VOLTAGE || m.quantity() == Quantity.CURRENT)) {
                machineHits++;
            }
        }
        return hits >= 3 || machineHits >= 3 ? 95 : 0;
    }

    public static Dimension dimensionOf(Quantity q) {
        String unit = Header.parse(q.label()).unit();
        return switch (unit) {
            case "s" -> Dimension.TIME;
            case "V" -> Dimension.VOLTAGE;
            case "A" -> Dimension.CURRENT;
            case "Ah" -> Dimension.CHARGE;
            case "Wh" -> Dimension.ENERGY;
            case "W" -> Dimension.POWER;
            case "ohm" -> Dimension.RESISTANCE;
            case "degC" -> Dimension.TEMPERATURE;
            default -> Dimension.DIMENSIONLESS;
        };
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String[] headers = TextFile.splitHeader(TextFile.skipTo(lines, 1, StandardCharsets.UTF_8, file), ',');
            Binding[] bindings = new Binding[headers.length];
            java.util.EnumSet<Quantity> seen = java.util.EnumSet.noneOf(Quantity.class);
            for (int c = 0; c < headers.length; c++) {
                Machine m = MACHINE.get(headers[c].replace("\uFEFF", "").strip().toLowerCase(java.util.Locale.ROOT));
                Header h = m != null ? new Header(m.quantity().label(), m.unit()) : Header.parse(headers[c]);
                Quantity q = m != null ? m.quantity() : NAMES.get(h.key());
                if (q == null || seen.contains(q)) {
                    continue;
                }
                seen.add(q);
                switch (q.kind()) {
                    case STEP_TYPE -> bindings[c] = Bindings.stepType();
                    case EPOCH -> bindings[c] = epoch(file, headers[c], h.unit());
                    default -> {
                        Dimension dim = dimensionOf(q);
                        String u = h.unit().isEmpty() ? dim.si() : h.unit();
                        Optional<Unit> unit = Units.parse(u, dim);
                        if (unit.isEmpty()) {
                            throw InputException.atLine(file, 1, "column '" + headers[c] + "': unknown unit '" + u + "'");
                        }
                        bindings[c] = Bindings.number(q, unit.get());
                    }
                }
            }
            if (!seen.containsAll(Set.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT))) {
                throw InputException.atLine(file, 1, "BDF header lacks one of Test Time, Voltage, Current");
            }
            // BDF bindings keep no state, so every parsing thread can share them
            java.util.function.Supplier<TableReader> tables =
                    () -> new TableReader(file, (byte) ',', false, bindings.clone(), headers, null).project(options.columns());
            BatchWriter out = new BatchWriter(tables.get().produces(), sink, md);
            tower.formats.text.ParallelTableReader.readAll(lines, tables, out, options);
            if (out.rows() == 0) {
                throw InputException.atLine(file, 2, "no data rows after the header");
            }
            out.finish();
        }
    }

    /** Unix time in s or ms, read digit by digit so that nanoseconds survive (a double keeps only ~0.1 µs). */
    private static Binding epoch(String file, String raw, String unit) {
        long scale;
        switch (unit.isEmpty() ? "s" : unit) {
            case "s" -> scale = 1_000_000_000L;
            case "ms" -> scale = 1_000_000L;
            default -> throw InputException.atLine(file, 1, "column '" + raw + "': unknown unit '" + unit + "'");
        }
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                s = Blanks.skip(b, s, e);
                e = Blanks.trimEnd(b, s, e);
                if (s == e) {
                    return;
                }
                int dot = -1;
                for (int k = s; k < e; k++) {
                    if (b[k] == '.') {
                        dot = k;
                        break;
                    }
                    if (b[k] == 'e' || b[k] == 'E') {
                        row.setEpochNanos(Math.round(numbers.parse(b, s, e, false) * scale));
                        return;
                    }
                }
                long whole = Numbers.parseLong(b, s, dot < 0 ? e : dot);
                long nanos = whole * scale;
                if (dot >= 0 && dot + 1 < e) {
                    long frac = 0;
                    long unitFrac = scale;
                    for (int k = dot + 1; k < e && unitFrac > 1; k++) {
                        int d = b[k] - '0';
                        if (d < 0 || d > 9) {
                            throw new NumberFormatException();
                        }
                        unitFrac /= 10;
                        frac += d * unitFrac;
                    }
                    nanos += whole < 0 || b[s] == '-' ? -frac : frac;
                }
                row.setEpochNanos(nanos);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }
}
