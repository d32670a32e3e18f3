package tower.formats.pec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import tower.formats.text.DateFormats;
import tower.formats.text.Fields;
import tower.formats.text.Header;
import tower.formats.text.LineReader;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * PEC (SBT) tester CSV exports: {@code Key:,value} lines (test, regime, start time, ...; a {@code #RESULTS CHECK}
 * block is skipped), then the table {@code Test,Cell,Rack,Shelf,Position,Cell ID,Step,Cycle,Total Time (Seconds),...}.
 * Units come from the header brackets (mV, mA, mAh; PEC labels energy columns {@code Charge Capacity (mWh)}, so the
 * unit decides between capacity and energy). Current is signed (negative = discharge); the capacity and energy
 * counters run per cycle.
 */
public final class PecCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("pec-csv", "PEC",
            List.of(".csv export (SBT series testers)"),
            "a table header starting Test,Cell,Rack,Shelf,Position with Total Time, Voltage and Current columns, after 'Key:,value' lines", "1");
    private static final int MAX_PREAMBLE = 400;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        List<String> lines = probe.lines();
        for (int i = 0; i < Math.min(lines.size(), MAX_PREAMBLE); i++) {
            String[] f = TextFile.splitHeader(TextFile.stripBom(lines.get(i)), ',');
            if (isHeader(f)) {
                boolean rack = TextFile.indexOf(f, "Rack") >= 0 && TextFile.indexOf(f, "Shelf") >= 0
                        && TextFile.indexOf(f, "Position") >= 0;
                return rack ? 94 : 86;
            }
        }
        return 0;
    }

    private static boolean isHeader(String[] f) {
        return f.length > 4 && Header.key(f[0]).equals("test") && TextFile.indexOf(f, "Total Time") >= 0
                && TextFile.indexOf(f, "Voltage") >= 0 && TextFile.indexOf(f, "Current") >= 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            Map<String, String> meta = new LinkedHashMap<>();
            String[] headers = null;
            boolean inBlock = false;
            int limit = Math.min(MAX_PREAMBLE, options.limits().maxHeaderLines());
            while (lines.next()) {
                String text = TextFile.stripBom(decode(lines.buffer(), lines.start, lines.end));
                if (text.startsWith("#")) {
                    inBlock = !text.toUpperCase(Locale.ROOT).startsWith("#END");
                } else if (!inBlock) {
                    String[] f = TextFile.splitHeader(text, ',');
                    if (isHeader(f)) {
                        headers = f;
                        break;
                    }
                    if (f[0].endsWith(":") && f.length > 1) {
                        meta.putIfAbsent(f[0].substring(0, f[0].length() - 1).strip(), f[1]);
                    }
                }
                if (lines.lineNumber() >= limit) {
                    break;
                }
            }
            if (headers == null) {
                throw InputException.atLine(file, lines.lineNumber(), "no PEC table header (Test,Cell,...,Total Time,...) found");
            }
            if (headers.length > options.limits().maxColumns()) {
                throw InputException.atLine(file, lines.lineNumber(), "more than " + options.limits().maxColumns() + " columns");
            }
            long headerLine = lines.lineNumber();
            for (var e : meta.entrySet()) {
                md.putVendor(e.getKey().toLowerCase(Locale.ROOT).replace(' ', '_'), e.getValue());
            }
            numberOfCells(meta, file);
            if (!nextNonBlank(lines)) {
                throw InputException.atLine(file, headerLine + 1, "no data rows after the header");
            }
            Fields first = new Fields();
            int n = first.split(lines.buffer(), lines.start, lines.end, (byte) ',');
            Binding[] bindings = bind(file, headerLine, headers, first, n, options, md);
            String start = meta.get("Start Time");
            if (start != null && !start.isBlank()) {
                try {
                    var fmt = DateFormats.detect(start);
                    if (fmt.isPresent()) {
                        md.setStartTime(LocalDateTime.parse(start.strip(), fmt.get()).atZone(options.zoneForNaiveTimes(md)).toInstant());
                    }
                } catch (DateTimeException e) {
                    md.warn("unreadable Start Time '" + start + "'");
                }
            }
            int cellCol = TextFile.indexOf(headers, "Cell");
            if (cellCol >= 0) {
                bindings[cellCol] = cell();
            }
            TableReader.RowHook oneCell = cellCol < 0 ? null : new TableReader.RowHook() {
                private int cell = Integer.MIN_VALUE;

                @Override
                public boolean finish(Row row, long line) {
                    if (cell == Integer.MIN_VALUE) {
                        cell = row.code;
                    } else if (row.code != cell) {
                        throw InputException.atLine(file, line, "data of a second cell (Cell " + row.code
                                + " after Cell " + cell + "): files with several cells are not supported");
                    }
                    return true;
                }
            };
            TableReader table = new TableReader(file, (byte) ',', false, bindings, headers, oneCell);
            BatchWriter out = new BatchWriter(table.produces(), sink, md);
            table.readCurrentAndRest(lines, out, options.progress());
            out.finish();
        }
    }

    private static void numberOfCells(Map<String, String> meta, String file) {
        String n = meta.get("Number Of Cells");
        if (n != null && !n.isBlank() && !n.strip().equals("1")) {
            throw new InputException(file, "header", "Number Of Cells is " + n.strip() + ": files with several cells are not supported");
        }
    }

    private static Binding[] bind(String file, long line, String[] headers, Fields first, int firstCount,
                                  ReadOptions options, TestMetadata md) {
        Binding[] out = new Binding[headers.length];
        EnumSet<Quantity> seen = EnumSet.noneOf(Quantity.class);
        for (int c = 0; c < headers.length; c++) {
            Header h = Header.parse(headers[c]);
            String raw = headers[c];
            Quantity q = null;
            Binding b = null;
            switch (h.key()) {
                case "step" -> {
                    q = Quantity.STEP_INDEX;
                    b = Bindings.number(q, Units.si(Dimension.DIMENSIONLESS));
                }
                case "cycle" -> {
                    q = Quantity.CYCLE_COUNT;
                    b = Bindings.number(q, Units.si(Dimension.DIMENSIONLESS));
                }
                case "totaltime", "steptime" -> {
                    q = h.key().equals("totaltime") ? Quantity.TEST_TIME : Quantity.STEP_TIME;
                    b = Bindings.duration(q, timeScale(file, line, raw, h));
                }
                case "realtime" -> {
                    if (c < firstCount && !first.isBlank(c)) {
                        String sample = first.text(c, StandardCharsets.ISO_8859_1);
                        var fmt = DateFormats.detect(sample).orElseThrow(() -> InputException.atLine(file, line + 1,
                                "column '" + raw + "': unrecognised date-time '" + sample + "'"));
                        ZoneId zone = options.zoneForNaiveTimes(md);
                        q = Quantity.UNIX_TIME;
                        b = Bindings.localDateTime(fmt, zone);
                    }
                }
                case "voltage" -> {
                    q = Quantity.VOLTAGE;
                    b = Bindings.number(q, unit(file, line, raw, h, Dimension.VOLTAGE));
                }
                case "current" -> {
                    q = Quantity.CURRENT;
                    b = Bindings.number(q, unit(file, line, raw, h, Dimension.CURRENT));
                }
                case "chargecapacity", "dischargecapacity", "chargeenergy", "dischargeenergy" -> {
                    boolean charge = h.key().startsWith("charge");
                    var asCharge = Units.parse(h.unit(), Dimension.CHARGE);
                    if (asCharge.isPresent()) {
                        q = charge ? Quantity.CYCLE_CHARGING_CAPACITY : Quantity.CYCLE_DISCHARGING_CAPACITY;
                        b = Bindings.number(q, asCharge.get());
                    } else {
                        q = charge ? Quantity.CYCLE_CHARGING_ENERGY : Quantity.CYCLE_DISCHARGING_ENERGY;
                        b = Bindings.number(q, unit(file, line, raw, h, Dimension.ENERGY));
                    }
                }
                case "cellsurfacetemperature", "celltemperature", "temperature" -> {
                    q = Quantity.TEMPERATURE_T1;
                    b = Bindings.number(q, unit(file, line, raw, h, Dimension.TEMPERATURE));
                }
                case "ambienttemperature" -> {
                    q = Quantity.AMBIENT_TEMPERATURE;
                    b = Bindings.number(q, unit(file, line, raw, h, Dimension.TEMPERATURE));
                }
                // PEC writes 0 when no resistance was measured
                case "dcinternalresistance" -> {
                    q = Quantity.DC_INTERNAL_RESISTANCE;
                    b = Bindings.number(q, unit(file, line, raw, h, Dimension.RESISTANCE), 1.0, v -> v == 0);
                }
                case "acinternalresistance", "internalresistance1" -> {
                    q = Quantity.INTERNAL_RESISTANCE;
                    b = Bindings.number(q, unit(file, line, raw, h, Dimension.RESISTANCE), 1.0, v -> v == 0);
                }
                default -> {
                }
            }
            if (b != null && !seen.contains(q)) {
                seen.add(q);
                out[c] = b;
            }
        }
        if (!seen.containsAll(Set.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT))) {
            throw InputException.atLine(file, line, "PEC header lacks Total Time, Voltage or Current");
        }
        return out;
    }

    /** PEC time units: (Seconds), (Minutes), (Decimal Hours), (Hours in hh:mm:ss.xxx). */
    private static double timeScale(String file, long line, String raw, Header h) {
        String u = h.unit().toLowerCase(Locale.ROOT);
        if (u.equals("decimal hours") || u.startsWith("hours in hh:mm")) {
            return 3600;
        }
        return unit(file, line, raw, h, Dimension.TIME).scale();
    }

    private static Unit unit(String file, long line, String raw, Header h, Dimension dim) {
        if (h.unit().isEmpty()) {
            throw InputException.atLine(file, line, "column '" + raw.strip() + "' has no unit");
        }
        return Units.parse(h.unit(), dim).orElseThrow(() -> InputException.atLine(file, line,
                "column '" + raw.strip() + "': unknown unit '" + h.unit() + "'"));
    }

    /** The cell number, kept in {@link Row#code} to check that the file holds one cell. */
    private static Binding cell() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                double v = numbers.parse(b, s, e, dc);
                if (!Double.isNaN(v)) {
                    row.code = (int) v;
                }
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of();
            }
        };
    }

    private static boolean nextNonBlank(LineReader lines) throws IOException {
        while (lines.next()) {
            for (int i = lines.start; i < lines.end; i++) {
                byte c = lines.buffer()[i];
                if (c != ' ' && c != '\t' && c != ',') {
                    return true;
                }
            }
        }
        return false;
    }

    private static String decode(byte[] b, int s, int e) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            return new String(b, s, e - s, WINDOWS_1252);
        }
    }
}
