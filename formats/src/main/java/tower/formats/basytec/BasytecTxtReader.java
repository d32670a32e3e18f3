package tower.formats.basytec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import tower.formats.text.Fields;
import tower.formats.text.LineReader;
import tower.formats.text.Row;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * BaSyTec Battery Test System text exports: {@code ~Key: value} comment lines, the last of which is the
 * tab-separated column header ({@code ~Time[s]  DataSet  t-Step[s]  Line  Command  U[V]  I[A] ...}), then the table.
 * Row times are seconds since {@code ~Start of Test} (a local wall-clock time), so Unix time is that start plus the
 * test time. The signed per-step counters {@code Ah-Step}/{@code Wh-Step} are split by sign into step-scoped charge
 * and discharge accumulators.
 */
public final class BasytecTxtReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("basytec-txt", "BaSyTec",
            List.of(".txt export ('~' header)"),
            "first line '~Resultfile from Basytec'; or a '~Time[..]' header line with U[..] and I[..]", "1");

    static final ColumnDictionary COLUMNS = new ColumnDictionary()
            .add(Quantity.TEST_TIME, Dimension.TIME, "", "Time")
            .add(Quantity.RECORD_INDEX, Dimension.DIMENSIONLESS, "1", "DataSet")
            .add(Quantity.STEP_TIME, Dimension.TIME, "", "t-Step")
            .add(Quantity.STEP_INDEX, Dimension.DIMENSIONLESS, "1", "Line")
            .add(Quantity.CYCLE_COUNT, Dimension.DIMENSIONLESS, "1", "Cyc-Count")
            .add(Quantity.VOLTAGE, Dimension.VOLTAGE, "", "U")
            .add(Quantity.CURRENT, Dimension.CURRENT, "", "I")
            .add(Quantity.POWER, Dimension.POWER, "", "P")
            // the unit is the counter's name; the hook moves negative values to the discharge column
            .add(Quantity.STEP_CHARGING_CAPACITY, Dimension.CHARGE, "Ah", "Ah-Step")
            .add(Quantity.STEP_CHARGING_ENERGY, Dimension.ENERGY, "Wh", "Wh-Step")
            .add(Quantity.TEMPERATURE_T1, Dimension.TEMPERATURE, "", "T1")
            .add(Quantity.TEMPERATURE_T2, Dimension.TEMPERATURE, "", "T2")
            .add(Quantity.TEMPERATURE_T3, Dimension.TEMPERATURE, "", "T3");

    static final DateTimeFormatter START = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss", Locale.ROOT);

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        if (probe.line(0).startsWith("~Resultfile from Basytec")) {
            return 100;
        }
        for (String l : probe.lines()) {
            if (!l.startsWith("~")) {
                break;
            }
            if (l.startsWith("~Time[") && l.contains("\tU[") && l.contains("\tI[")) {
                return 90;
            }
        }
        return 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String header = null;
            long headerLine = 0;
            Optional<LocalDateTime> start = Optional.empty();
            int max = options.limits().maxHeaderLines();
            boolean data = false;
            while (lines.next()) {
                if (lines.lineNumber() > max) {
                    throw InputException.atLine(file, lines.lineNumber(), "no table within " + max + " lines");
                }
                String raw = TextFile.decode(lines);
                if (raw.startsWith("~")) {
                    String text = raw.substring(1);
                    header = text;
                    headerLine = lines.lineNumber();
                    int colon = text.indexOf(": ");
                    if (colon > 0 && !text.contains("\t")) {
                        String key = text.substring(0, colon).strip();
                        String value = text.substring(colon + 2).strip();
                        md.putVendor(key, value);
                        if (key.equals("Start of Test")) {
                            try {
                                start = Optional.of(LocalDateTime.parse(value, START));
                            } catch (DateTimeParseException e) {
                                throw InputException.atLine(file, lines.lineNumber(),
                                        "unrecognised start of test '" + value + "'");
                            }
                        }
                    }
                    continue;
                }
                if (!raw.isBlank()) {
                    data = true;
                    break;
                }
            }
            if (header == null || !header.contains("\t")) {
                throw InputException.atLine(file, Math.max(1, lines.lineNumber()), "no '~' column header line");
            }
            if (!data) {
                throw InputException.atLine(file, headerLine + 1, "no data rows after the header");
            }
            String[] headers = TextFile.splitHeader(header, '\t');
            for (int c = 0; c < headers.length; c++) {
                // some exports lost the degree sign to a replacement character: "T1[\uFFFDC]"
                headers[c] = headers[c].replace("\uFFFDC]", "°C]");
            }
            Binding[] bindings = COLUMNS.bind(file, headerLine, headers);
            int timeCol = TextFile.indexOf(headers, "Time");
            if (timeCol < 0 || TextFile.indexOf(headers, "U") < 0 || TextFile.indexOf(headers, "I") < 0) {
                throw InputException.atLine(file, headerLine, "BaSyTec header lacks Time, U or I");
            }
            int commandCol = TextFile.indexOf(headers, "Command");
            if (commandCol >= 0) {
                bindings[commandCol] = Bindings.stepType();
            }
            // German installations write decimal commas; the first time value tells
            Fields first = new Fields();
            int n = first.split(lines.buffer(), lines.start, lines.end, (byte) '\t');
            boolean decimalComma = timeCol < n && first.text(timeCol, java.nio.charset.StandardCharsets.ISO_8859_1).contains(",");
            long startNanos = Long.MIN_VALUE;
            if (start.isPresent()) {
                Instant s = start.get().atZone(options.zoneForNaiveTimes(md)).toInstant();
                md.setStartTime(s);
                startNanos = s.getEpochSecond() * 1_000_000_000L + s.getNano();
            } else {
                md.warn("no '~Start of Test' line: rows have no Unix time");
            }
            TableReader table = new TableReader(file, (byte) '\t', decimalComma, bindings, headers, new Hook(startNanos))
                    .strictFieldCount();
            Set<Quantity> cols = EnumSet.copyOf(table.produces());
            if (cols.contains(Quantity.STEP_CHARGING_CAPACITY)) {
                cols.add(Quantity.STEP_DISCHARGING_CAPACITY);
            }
            if (cols.contains(Quantity.STEP_CHARGING_ENERGY)) {
                cols.add(Quantity.STEP_DISCHARGING_ENERGY);
            }
            if (startNanos != Long.MIN_VALUE) {
                cols.add(Quantity.UNIX_TIME);
            }
            BatchWriter out = new BatchWriter(cols, sink, md);
            table.readCurrentAndRest(lines, out, options.progress());
            out.finish();
        }
    }

    /** Unix time from the start of test; signed step counters split into charge and discharge. */
    private static final class Hook implements TableReader.RowHook {
        private final long startNanos;

        Hook(long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public boolean finish(Row row, long line) {
            double t = row.get(Quantity.TEST_TIME);
            if (startNanos != Long.MIN_VALUE && !Double.isNaN(t)) {
                row.setEpochNanos(startNanos + Math.round(t * 1e9));
            }
            split(row, Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY);
            split(row, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
            return true;
        }

        private static void split(Row row, Quantity charge, Quantity discharge) {
            double v = row.get(charge);
            if (Double.isNaN(v)) {
                return;
            }
            row.set(charge, Math.max(0, v));
            row.set(discharge, Math.max(0, -v));
        }
    }
}
