package tower.formats.batteryarchive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * Battery Archive time-series downloads ({@code *_timeseries.csv}): {@code Date_Time, Test_Time (s), Cycle_Index,
 * Current (A), Voltage (V), Charge_Capacity (Ah), ..., Environment_Temperature (C), Cell_Temperature (C)}.
 * {@code Date_Time} is stored by Battery Archive as a timestamp without time zone, so it is local wall-clock time.
 * Battery Archive integrates its capacity and energy columns cycle by cycle, from zero at each cycle's start, so they
 * are cycle-scoped accumulators. The header looks like Arbin's but has no {@code Data_Point} column.
 */
public final class BatteryArchiveCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("batteryarchive-csv", "Battery Archive",
            List.of("*_timeseries.csv download"),
            "header holds Date_Time, Test_Time, Cycle_Index, Current, Voltage and Environment_Temperature or "
                    + "Cell_Temperature, and no Data_Point", "1");

    static final ColumnDictionary COLUMNS = new ColumnDictionary()
            .add(Quantity.TEST_TIME, Dimension.TIME, "s", "Test_Time")
            .add(Quantity.CYCLE_COUNT, Dimension.DIMENSIONLESS, "1", "Cycle_Index")
            .add(Quantity.CURRENT, Dimension.CURRENT, "A", "Current")
            .add(Quantity.VOLTAGE, Dimension.VOLTAGE, "V", "Voltage")
            .add(Quantity.CYCLE_CHARGING_CAPACITY, Dimension.CHARGE, "Ah", "Charge_Capacity")
            .add(Quantity.CYCLE_DISCHARGING_CAPACITY, Dimension.CHARGE, "Ah", "Discharge_Capacity")
            .add(Quantity.CYCLE_CHARGING_ENERGY, Dimension.ENERGY, "Wh", "Charge_Energy")
            .add(Quantity.CYCLE_DISCHARGING_ENERGY, Dimension.ENERGY, "Wh", "Discharge_Energy")
            .add(Quantity.AMBIENT_TEMPERATURE, Dimension.TEMPERATURE, "degC", "Environment_Temperature")
            .add(Quantity.TEMPERATURE_T1, Dimension.TEMPERATURE, "degC", "Cell_Temperature");

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
        boolean core = TextFile.indexOf(h, "Date_Time") >= 0 && TextFile.indexOf(h, "Test_Time") >= 0
                && TextFile.indexOf(h, "Cycle_Index") >= 0 && TextFile.indexOf(h, "Current") >= 0
                && TextFile.indexOf(h, "Voltage") >= 0;
        boolean temps = TextFile.indexOf(h, "Environment_Temperature") >= 0 || TextFile.indexOf(h, "Cell_Temperature") >= 0;
        boolean arbin = TextFile.indexOf(h, "Data_Point", "Data Point") >= 0;
        return core && temps && !arbin ? 92 : 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String[] headers = TextFile.splitHeader(TextFile.skipTo(lines, 1, StandardCharsets.UTF_8, file), ',');
            Binding[] bindings = COLUMNS.bind(file, 1, headers);
            if (TextFile.indexOf(headers, "Test_Time") < 0 || TextFile.indexOf(headers, "Current") < 0
                    || TextFile.indexOf(headers, "Voltage") < 0) {
                throw InputException.atLine(file, 1, "Battery Archive header lacks Test_Time, Current or Voltage");
            }
            if (!lines.next()) {
                throw InputException.atLine(file, 2, "no data rows after the header");
            }
            int dateCol = TextFile.indexOf(headers, "Date_Time");
            if (dateCol >= 0) {
                Fields first = new Fields();
                int n = first.split(lines.buffer(), lines.start, lines.end, (byte) ',');
                if (dateCol < n && !first.isBlank(dateCol)) {
                    String sample = first.text(dateCol, StandardCharsets.UTF_8);
                    var fmt = DateFormats.detect(sample).orElseThrow(() -> InputException.atLine(file, 2,
                            "column 'Date_Time': unrecognised date-time '" + sample + "'"));
                    var zone = options.zoneForNaiveTimes(md);
                    bindings[dateCol] = fmt == DateFormats.ISO ? Bindings.isoLocalDateTime(zone)
                            : Bindings.localDateTime(fmt, zone);
                } else {
                    md.warn("column 'Date_Time' is empty in the first row: rows have no Unix time");
                }
            }
            TableReader table = new TableReader(file, (byte) ',', false, bindings, headers, null).strictFieldCount();
            BatchWriter out = new BatchWriter(table.produces(), sink, md);
            table.readCurrentAndRest(lines, out, options.progress());
            out.finish();
        }
    }
}
