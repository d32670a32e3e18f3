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
 * vocabulary are ignored.
 */
public final class BdfCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("bdf-csv", "Battery Data Format",
            List.of(".csv with BDF 'Quantity / unit' headers"),
            "header holds 'Test Time / <unit>', 'Voltage / <unit>' and 'Current / <unit>' labels", "1");

    private static final Map<String, Quantity> NAMES = new HashMap<>();

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
        for (String s : h) {
            String k = s.strip();
            if (k.matches("(?i)(test time|voltage|current) / \\S+")) {
                hits++;
            }
        }
        return hits >= 3 ? 95 : 0;
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
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String[] headers = TextFile.splitHeader(TextFile.skipTo(lines, 1, StandardCharsets.UTF_8, file), ',');
            Binding[] bindings = new Binding[headers.length];
            java.util.EnumSet<Quantity> seen = java.util.EnumSet.noneOf(Quantity.class);
            for (int c = 0; c < headers.length; c++) {
                Header h = Header.parse(headers[c]);
                Quantity q = NAMES.get(h.key());
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
