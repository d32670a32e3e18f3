package tower.formats.arbin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.core.units.Dimension;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.ColumnDictionary;
import tower.formats.text.DateFormats;
import tower.formats.text.Fields;
import tower.formats.text.LineReader;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * Arbin CSV exports: the classic {@code Data_Point,Test_Time,...} layout (units implied: s, A, V, Ah, Wh) and the
 * MITS Pro layout ({@code Data Point,Date Time,Test Time (s),...}, unit suffixes, UTF-8 BOM). Arbin's capacity and
 * energy counters restart at every cycle, so they are stored as cycle-scoped accumulators.
 */
public final class ArbinCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("arbin-csv", "Arbin",
            List.of(".csv export (classic and MITS Pro)"),
            "first line holds Data_Point/Data Point, Test_Time/Test Time, Current and Voltage", "1");

    static final ColumnDictionary COLUMNS = new ColumnDictionary()
            .add(Quantity.RECORD_INDEX, Dimension.DIMENSIONLESS, "1", "Data_Point", "Data Point")
            .add(Quantity.TEST_TIME, Dimension.TIME, "s", "Test_Time", "Test Time")
            .add(Quantity.STEP_TIME, Dimension.TIME, "s", "Step_Time", "Step Time")
            .add(Quantity.STEP_INDEX, Dimension.DIMENSIONLESS, "1", "Step_Index", "Step Index")
            .add(Quantity.CYCLE_COUNT, Dimension.DIMENSIONLESS, "1", "Cycle_Index", "Cycle Index")
            .add(Quantity.CURRENT, Dimension.CURRENT, "A", "Current")
            .add(Quantity.VOLTAGE, Dimension.VOLTAGE, "V", "Voltage")
            .add(Quantity.POWER, Dimension.POWER, "W", "Power")
            .add(Quantity.CYCLE_CHARGING_CAPACITY, Dimension.CHARGE, "Ah", "Charge_Capacity", "Charge Capacity")
            .add(Quantity.CYCLE_DISCHARGING_CAPACITY, Dimension.CHARGE, "Ah", "Discharge_Capacity", "Discharge Capacity")
            .add(Quantity.CYCLE_CHARGING_ENERGY, Dimension.ENERGY, "Wh", "Charge_Energy", "Charge Energy")
            .add(Quantity.CYCLE_DISCHARGING_ENERGY, Dimension.ENERGY, "Wh", "Discharge_Energy", "Discharge Energy")
            .add(Quantity.INTERNAL_RESISTANCE, Dimension.RESISTANCE, "ohm", "Internal_Resistance", "Internal Resistance")
            .add(Quantity.TEMPERATURE_T1, Dimension.TEMPERATURE, "degC", "Temperature", "Aux_Temperature_1", "Aux_Temperature_1 ",
                    "Temperature_1")
            .add(Quantity.TEMPERATURE_T2, Dimension.TEMPERATURE, "degC", "Aux_Temperature_2", "Temperature_2")
            .add(Quantity.TEMPERATURE_T3, Dimension.TEMPERATURE, "degC", "Aux_Temperature_3", "Temperature_3");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        String[] h = TextFile.splitHeader(probe.line(0), ',');
        boolean point = TextFile.indexOf(h, "Data_Point", "Data Point") >= 0;
        boolean time = TextFile.indexOf(h, "Test_Time", "Test Time") >= 0;
        boolean iv = TextFile.indexOf(h, "Current") >= 0 && TextFile.indexOf(h, "Voltage") >= 0;
        return point && time && iv ? 90 : 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String headerLine = TextFile.skipTo(lines, 1, StandardCharsets.UTF_8, file);
            String[] headers = TextFile.splitHeader(headerLine, ',');
            Binding[] bindings = COLUMNS.bind(file, 1, headers);
            int dateCol = TextFile.indexOf(headers, "DateTime", "Date_Time", "Date Time");
            if (TextFile.indexOf(headers, "Test_Time", "Test Time") < 0 || TextFile.indexOf(headers, "Current") < 0
                    || TextFile.indexOf(headers, "Voltage") < 0) {
                throw InputException.atLine(file, 1, "Arbin header lacks Test_Time, Current or Voltage");
            }
            // Look at the first data line: optional columns that are empty there (e.g. a blank Cycle_Index) are
            // left out rather than read as rows of missing values.
            if (!lines.next()) {
                throw InputException.atLine(file, 2, "no data rows after the header");
            }
            Fields first = new Fields();
            int n = first.split(lines.buffer(), lines.start, lines.end, (byte) ',');
            for (int c = 0; c < headers.length; c++) {
                if (bindings[c] == null || c >= n || !first.isBlank(c)) {
                    continue;
                }
                Set<Quantity> p = bindings[c].produces();
                if (p.contains(Quantity.CYCLE_COUNT) || p.contains(Quantity.STEP_INDEX)) {
                    md.warn("column '" + headers[c] + "' is empty: " + (p.contains(Quantity.CYCLE_COUNT)
                            ? "cycles are derived by rule" : "steps are derived from the current"));
                    bindings[c] = null;
                }
            }
            java.time.format.DateTimeFormatter dateFormat = null;
            ZoneId zone = null;
            if (dateCol >= 0 && dateCol < n && !first.isBlank(dateCol)) {
                String sample = first.text(dateCol, StandardCharsets.UTF_8);
                if (sample.matches("[0-9.eE+]+")) {
                    bindings[dateCol] = Bindings.epochSeconds(); // classic exports: Unix seconds, UTC
                } else {
                    dateFormat = DateFormats.detect(sample).orElseThrow(() -> InputException.atLine(file, 2,
                            "column '" + headers[dateCol] + "': unrecognised date-time '" + sample + "'"));
                    zone = options.zoneForNaiveTimes(md);
                }
            }
            // Each parsing thread gets its own table reader: the date binding caches the last value it parsed.
            var fmt = dateFormat;
            var tz = zone;
            java.util.function.Supplier<TableReader> tables = () -> {
                Binding[] b = bindings.clone();
                if (fmt != null) {
                    b[dateCol] = Bindings.localDateTime(fmt, tz);
                }
                return new TableReader(file, (byte) ',', false, b, headers, null).project(options.columns());
            };
            TableReader table = tables.get();
            BatchWriter out = new BatchWriter(table.produces(), sink, md);
            table.readCurrent(lines, out, options.progress()); // the first data line, already peeked at
            tower.formats.text.ParallelTableReader.readAll(lines, tables, out, options);
            out.finish();
        }
    }
}
