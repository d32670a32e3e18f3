package tower.formats.batterydata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
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
import tower.formats.text.LineReader;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * BatteryData.energy.gov (DOE Battery Data Hub) raw time series, {@code <cell>-raw.csv}: {@code Cycle_Index, Step,
 * Time_s, Current_A, Voltage_V, Cell_Temperature_C, Datenum_d, ...}; the unit is the suffix after the last
 * underscore. {@code Datenum_d} is a MATLAB datenum without a zone, read as local wall-clock time. The hub's
 * per-row {@code Charge/Discharge_Capacity_Ah} restart in ways that are not documented, so charge and discharge
 * come from its test-cumulative throughputs: charge = (absolute + net) / 2, discharge = (absolute − net) / 2.
 * Rows with an impedance frequency ({@code Frequency_Hz}) are EIS points, not time-series samples, and are left out.
 */
public final class BatteryDataCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("batterydata-csv", "BatteryData.energy.gov (DOE)",
            List.of("<cell>-raw.csv time series"),
            "header holds Cycle_Index, Step, Time_s, Current_A and Voltage_V", "1");

    private record Column(String base, Quantity quantity, Dimension dimension) {
    }

    // the throughput columns are parked in the cumulative columns and combined by the hook
    private static final List<Column> VOCABULARY = List.of(
            new Column("Cycle_Index", Quantity.CYCLE_COUNT, Dimension.DIMENSIONLESS),
            new Column("Step", Quantity.STEP_INDEX, Dimension.DIMENSIONLESS),
            new Column("Time", Quantity.TEST_TIME, Dimension.TIME),
            new Column("Current", Quantity.CURRENT, Dimension.CURRENT),
            new Column("Voltage", Quantity.VOLTAGE, Dimension.VOLTAGE),
            new Column("Power", Quantity.POWER, Dimension.POWER),
            new Column("Cell_Temperature", Quantity.TEMPERATURE_T1, Dimension.TEMPERATURE),
            new Column("Absolute_Charge_Throughput", Quantity.CHARGING_CAPACITY, Dimension.CHARGE),
            new Column("Charge_Throughput", Quantity.DISCHARGING_CAPACITY, Dimension.CHARGE),
            new Column("Absolute_Energy_Throughput", Quantity.CHARGING_ENERGY, Dimension.ENERGY),
            new Column("Energy_Throughput", Quantity.DISCHARGING_ENERGY, Dimension.ENERGY));

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        List<String> h = List.of(TextFile.splitHeader(probe.line(0), ','));
        return h.containsAll(List.of("Cycle_Index", "Step", "Time_s", "Current_A", "Voltage_V")) ? 92 : 0;
    }

    /** The unit suffix of {@code header} for the vocabulary column {@code base}, or empty when it is not that column. */
    static Optional<String> suffix(String header, String base) {
        if (header.equals(base)) {
            return Optional.of("");
        }
        if (header.startsWith(base + "_") && header.indexOf('_', base.length() + 1) < 0) {
            return Optional.of(header.substring(base.length() + 1));
        }
        return Optional.empty();
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
            EnumSet<Quantity> seen = EnumSet.noneOf(Quantity.class);
            for (int c = 0; c < headers.length; c++) {
                String h = headers[c];
                if (h.equals("Datenum_d")) {
                    bindings[c] = Bindings.matlabDatenum(options.zoneForNaiveTimes(md));
                    continue;
                }
                if (h.startsWith("Frequency_")) {
                    bindings[c] = eisMarker();
                    continue;
                }
                for (Column col : VOCABULARY) {
                    Optional<String> unit = suffix(h, col.base());
                    if (unit.isEmpty() || seen.contains(col.quantity())
                            || (col.dimension() == Dimension.DIMENSIONLESS) != unit.get().isEmpty()) {
                        continue;
                    }
                    String u = unit.get().isEmpty() ? "1" : unit.get();
                    Optional<Unit> parsed = Units.parse(u, col.dimension());
                    if (parsed.isEmpty()) {
                        md.warn("column '" + h + "' is not read: unknown unit '" + u + "'");
                        break;
                    }
                    bindings[c] = Bindings.number(col.quantity(), parsed.get());
                    seen.add(col.quantity());
                    break;
                }
            }
            if (!seen.containsAll(Set.of(Quantity.TEST_TIME, Quantity.CURRENT, Quantity.VOLTAGE))) {
                throw InputException.atLine(file, 1, "BatteryData header lacks Time_s, Current_A or Voltage_V");
            }
            boolean charge = seen.contains(Quantity.CHARGING_CAPACITY) && seen.contains(Quantity.DISCHARGING_CAPACITY);
            boolean energy = seen.contains(Quantity.CHARGING_ENERGY) && seen.contains(Quantity.DISCHARGING_ENERGY);
            for (int c = 0; c < headers.length; c++) {
                if (bindings[c] == null) {
                    continue;
                }
                Set<Quantity> p = bindings[c].produces();
                if ((!charge && (p.contains(Quantity.CHARGING_CAPACITY) || p.contains(Quantity.DISCHARGING_CAPACITY)))
                        || (!energy && (p.contains(Quantity.CHARGING_ENERGY) || p.contains(Quantity.DISCHARGING_ENERGY)))) {
                    bindings[c] = null; // one throughput without its partner cannot be split
                }
            }
            Hook hook = new Hook(charge, energy);
            TableReader table = new TableReader(file, (byte) ',', false, bindings, headers, hook).strictFieldCount();
            BatchWriter out = new BatchWriter(table.produces(), sink, md);
            long rows = table.readAll(lines, out, options.progress());
            if (rows == 0 && hook.eisRows == 0) {
                throw InputException.atLine(file, 2, "no data rows after the header");
            }
            if (hook.eisRows > 0) {
                md.warn(hook.eisRows + " impedance (EIS) rows with a Frequency_Hz value are left out of the time series");
            }
            out.finish();
        }
    }

    /** Marks a row as an impedance point when its frequency is a number. */
    private static Binding eisMarker() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                if (!Double.isNaN(numbers.parse(b, s, e, dc))) {
                    row.code = 1;
                }
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of();
            }
        };
    }

    private static final class Hook implements TableReader.RowHook {
        private final boolean charge;
        private final boolean energy;
        long eisRows;

        Hook(boolean charge, boolean energy) {
            this.charge = charge;
            this.energy = energy;
        }

        @Override
        public boolean finish(Row row, long line) {
            if (row.code == 1) {
                eisRows++;
                return false;
            }
            if (charge) {
                split(row, Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY);
            }
            if (energy) {
                split(row, Quantity.CHARGING_ENERGY, Quantity.DISCHARGING_ENERGY);
            }
            return true;
        }

        /** In: absolute throughput in {@code a}, net (charge − discharge) in {@code b}; out: charge, discharge. */
        private static void split(Row row, Quantity a, Quantity b) {
            double abs = row.get(a);
            double net = row.get(b);
            row.set(a, 0.5 * (abs + net));
            row.set(b, 0.5 * (abs - net));
        }
    }
}
