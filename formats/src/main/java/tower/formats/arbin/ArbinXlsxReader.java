package tower.formats.arbin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.ZipGuard;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.DateFormats;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TextFile;

/**
 * Arbin Excel exports (MITS Pro / MITS 7-8 "Export to Excel"): data sheets {@code Channel_<unit>-<channel>} (a long
 * test continues on {@code Channel_<unit>-<channel>_2}, ...) with the same columns as the Arbin CSV export, a
 * {@code Global_Info} sheet with the test's fields and {@code Statistics_*} sheets (not read: summaries are computed
 * from the samples). Streams the sheets row by row; values go through the Arbin CSV column vocabulary.
 */
public final class ArbinXlsxReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("arbin-xlsx", "Arbin",
            List.of(".xlsx export (Channel_* data sheets)"),
            "zip workbook with a sheet named Channel_*, or whose first sheet starts with Data_Point (or Date_Time and Step_Index) and Test_Time columns", "1");
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final Pattern SHEET_NAME = Pattern.compile("<sheet\\b[^>]*?\\bname=\"([^\"]*)\"");
    private static final Pattern CHANNEL_PART = Pattern.compile("(?i)(channel_\\d+-\\d+)(?:_\\d+)?");
    private static final int MAX_WORKBOOK_XML = 4 << 20;
    private static final int INFO_ROWS = 60;

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.startsWith(ZIP)) {
            return 0;
        }
        try (ZipFile zip = new ZipFile(probe.path().toFile())) {
            ZipEntry entry = zip.getEntry("xl/workbook.xml");
            if (entry == null) {
                return 0;
            }
            String xml;
            try (InputStream in = zip.getInputStream(entry)) {
                xml = new String(in.readNBytes(MAX_WORKBOOK_XML), StandardCharsets.UTF_8);
            }
            Matcher m = SHEET_NAME.matcher(xml);
            while (m.find()) {
                if (isChannelSheet(m.group(1))) {
                    return 97;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        try (ReadableWorkbook wb = new ReadableWorkbook(probe.path().toFile());
             Stream<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().openStream()) {
            return rows.findFirst().map(r -> isDataHeader(texts(r)) ? 91 : 0).orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isChannelSheet(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("channel") && !n.contains("chart");
    }

    /** Arbin's columns; DataPro builds write no Data_Point but a Date_Time and the step index. */
    private static boolean isDataHeader(String[] h) {
        boolean point = TextFile.indexOf(h, "Data_Point", "Data Point") >= 0
                || (TextFile.indexOf(h, "Date_Time", "DateTime", "Date Time") >= 0 && TextFile.indexOf(h, "Step_Index", "Step Index") >= 0);
        return point && TextFile.indexOf(h, "Test_Time", "Test Time") >= 0
                && TextFile.indexOf(h, "Current") >= 0 && TextFile.indexOf(h, "Voltage") >= 0;
    }

    private static String[] texts(org.dhatim.fastexcel.reader.Row r) {
        String[] out = new String[r.getCellCount()];
        for (int c = 0; c < out.length; c++) {
            Cell cell = r.getCell(c);
            out[c] = cell == null ? "" : cell.getText().strip();
        }
        return out;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        // bombs and damaged compressed data are refused up front, naming the entry, before the XML parser runs
        boolean styles;
        try (ZipFile zip = ZipGuard.openZip(file, path)) {
            ZipGuard.check(file, zip, options.limits()).scan(zip);
            styles = zip.getEntry("xl/styles.xml") != null;
        }
        Cells cells = null;
        String where = "workbook";
        // styles are optional in a workbook: without them every cell has the General format (no date cells)
        try (ReadableWorkbook wb = new ReadableWorkbook(path.toFile(), new ReadingOptions(styles, false))) {
            List<Sheet> sheets = wb.getSheets().toList();
            for (Sheet s : sheets) {
                if (s.getName().equalsIgnoreCase("Global_Info")) {
                    where = "sheet '" + s.getName() + "'";
                    globalInfo(s, md);
                }
            }
            where = "workbook";
            List<Sheet> data = dataSheets(file, sheets);
            BatchWriter out = null;
            cells = new Cells(file, wb.isDate1904(), options, md);
            for (Sheet s : data) {
                out = cells.readSheet(s, out, sink);
            }
            if (out == null) {
                throw new InputException(file, "sheet '" + data.get(0).getName() + "'", "no header row");
            }
            out.finish();
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the parser's own text (two lines, "at [row,col]", class names) is kept for --debug only
            throw new InputException(file, cells != null && cells.place != null ? cells.place : where, words(e), e);
        }
    }

    private static final Pattern NOT_A_NUMBER = Pattern.compile("(?:For input string: \"|Cannot parse number : )([^\"]*)");

    /** What a failure of the workbook library means, in words; the XML position when the parser gave one. */
    static String words(Throwable e) {
        String at = "";
        boolean xml = false;
        boolean number = false;
        String value = null;
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.xml.stream.XMLStreamException x) {
                xml = true;
                if (x.getLocation() != null && x.getLocation().getLineNumber() > 0) {
                    at = " at XML line " + x.getLocation().getLineNumber() + ", column " + x.getLocation().getColumnNumber();
                }
            }
            number |= t instanceof NumberFormatException;
            if (t.getMessage() != null) {
                Matcher m = NOT_A_NUMBER.matcher(t.getMessage());
                if (value == null && m.find()) {
                    value = m.group(1);
                }
                text.append(' ').append(t.getMessage().toLowerCase(Locale.ROOT));
            }
        }
        String all = text.toString();
        if (all.contains("illegal xml character") || all.contains("invalid character") || all.contains("illegal character")) {
            return "the XML holds a character that XML does not allow" + at;
        }
        if (all.contains("end-of-input") || all.contains("unexpected eof") || all.contains("end of file")) {
            return "the XML ends early (truncated part)" + at;
        }
        if (xml) {
            return "malformed XML" + at;
        }
        if (number || value != null) {
            return value == null || value.isEmpty() ? "a cell value, reference or index in the XML is not a number"
                    : "the XML holds '" + value + "' where a number is required (cell value, reference or index)";
        }
        if (all.contains("not found")) {
            return "a part the workbook refers to is missing";
        }
        return "the workbook's structure is damaged or of an unsupported kind";
    }

    /** The Channel_* sheets (one channel, possibly split over several sheets), else sheets that start with an Arbin header. */
    private static List<Sheet> dataSheets(String file, List<Sheet> sheets) throws IOException {
        List<Sheet> data = new ArrayList<>();
        for (Sheet s : sheets) {
            if (isChannelSheet(s.getName())) {
                data.add(s);
            }
        }
        if (data.isEmpty()) {
            for (Sheet s : sheets) {
                try (Stream<org.dhatim.fastexcel.reader.Row> rows = s.openStream()) {
                    if (rows.findFirst().map(r -> isDataHeader(texts(r))).orElse(false)) {
                        data.add(s);
                    }
                }
            }
        }
        if (data.isEmpty()) {
            throw new InputException(file, "workbook", "no Arbin data sheet (Channel_* with Data_Point and Test_Time columns)");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (Sheet s : data) {
            Matcher m = CHANNEL_PART.matcher(s.getName());
            channels.add(m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : s.getName());
        }
        if (channels.size() > 1) {
            throw new InputException(file, "workbook", "data sheets of several channels " + channels
                    + ": one channel per file is supported");
        }
        return data;
    }

    /** Global_Info: a row naming the fields (Channel, Start DateTime, Schedule File Name, ...) above a row of values. */
    private static void globalInfo(Sheet s, TestMetadata md) throws IOException {
        try (Stream<org.dhatim.fastexcel.reader.Row> rows = s.openStream()) {
            Iterator<org.dhatim.fastexcel.reader.Row> it = rows.limit(INFO_ROWS).iterator();
            String[] names = null;
            while (it.hasNext()) {
                String[] t = texts(it.next());
                if (names != null) {
                    for (int c = 0; c < names.length && c < t.length; c++) {
                        if (!names[c].isEmpty()) {
                            md.putVendor(names[c].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", ""), t[c]);
                        }
                    }
                    return;
                }
                if (TextFile.indexOf(t, "Channel") >= 0 && (TextFile.indexOf(t, "Start DateTime", "Start Date Time") >= 0
                        || TextFile.indexOf(t, "Schedule File Name", "Schedule_File_Name") >= 0)) {
                    names = t;
                }
            }
        }
    }

    /** Turns sheet rows into records through the Arbin CSV bindings. */
    private static final class Cells {
        private static final LocalDateTime EPOCH_1900 = LocalDateTime.of(1899, 12, 30, 0, 0);
        private static final LocalDateTime EPOCH_1904 = LocalDateTime.of(1904, 1, 1, 0, 0);
        private final String file;
        private final boolean date1904;
        private final ReadOptions options;
        private final TestMetadata md;
        private final Numbers numbers = new Numbers();
        private final Row row = new Row();
        private Set<Quantity> columns;
        private Quantity[] cols;
        private byte[] scratch = new byte[64];
        /** Where reading is: the sheet and the last row read (for errors the parser raises between rows). */
        String place;
        private boolean numbered;
        private long record;

        Cells(String file, boolean date1904, ReadOptions options, TestMetadata md) {
            this.file = file;
            this.date1904 = date1904;
            this.options = options;
            this.md = md;
        }

        BatchWriter readSheet(Sheet sheet, BatchWriter out, RecordSink sink) throws IOException {
            String where = "sheet '" + sheet.getName() + "'";
            place = where;
            try (Stream<org.dhatim.fastexcel.reader.Row> stream = sheet.openStream()) {
                Iterator<org.dhatim.fastexcel.reader.Row> it = stream.iterator();
                if (!it.hasNext()) {
                    return out;
                }
                org.dhatim.fastexcel.reader.Row headerRow = it.next();
                String[] headers = texts(headerRow);
                if (headers.length > options.limits().maxColumns()) {
                    throw new InputException(file, where + " row " + headerRow.getRowNum(), "more than "
                            + options.limits().maxColumns() + " columns");
                }
                Binding[] bindings;
                try {
                    bindings = ArbinCsvReader.COLUMNS.bind(file, headerRow.getRowNum(), headers);
                } catch (InputException e) {
                    throw new InputException(file, where + " row " + headerRow.getRowNum(), e.reason());
                }
                if (!isDataHeader(headers)) {
                    throw new InputException(file, where + " row " + headerRow.getRowNum(),
                            "Arbin header lacks Data_Point (or Date_Time and Step_Index), Test_Time, Current or Voltage");
                }
                int dateCol = TextFile.indexOf(headers, "DateTime", "Date_Time", "Date Time");
                org.dhatim.fastexcel.reader.Row firstRow = it.hasNext() ? it.next() : null;
                if (firstRow != null) {
                    firstRowChoices(firstRow, headers, bindings, dateCol);
                }
                Set<Quantity> produced = produces(bindings);
                if (!produced.contains(Quantity.RECORD_INDEX)) {
                    numbered = true;
                    produced.add(Quantity.RECORD_INDEX);
                    md.warn("no Data_Point column (a DataPro export): records are numbered 1, 2, … in file order");
                }
                if (out == null) {
                    out = new BatchWriter(produced, sink, md);
                    columns = produced;
                    cols = produced.toArray(new Quantity[0]);
                } else if (!produced.equals(columns)) {
                    throw new InputException(file, where + " row " + headerRow.getRowNum(),
                            "columns differ from the first data sheet's");
                }
                if (firstRow != null) {
                    write(firstRow, bindings, headers, where, out);
                }
                while (it.hasNext()) {
                    write(it.next(), bindings, headers, where, out);
                }
                return out;
            }
        }

        /**
         * Decisions made on the first data row, as for CSV: empty cycle/step columns are left out; the date column is
         * an Excel date (naive local), a text date (naive local) or Unix seconds (classic exports).
         */
        private void firstRowChoices(org.dhatim.fastexcel.reader.Row first, String[] headers, Binding[] bindings, int dateCol) {
            for (int c = 0; c < headers.length; c++) {
                if (bindings[c] == null) {
                    continue;
                }
                Cell cell = cell(first, c);
                boolean blank = cell == null || cell.getType() == CellType.EMPTY || cell.getText().isBlank();
                Set<Quantity> p = bindings[c].produces();
                if (blank && (p.contains(Quantity.CYCLE_COUNT) || p.contains(Quantity.STEP_INDEX))) {
                    md.warn("column '" + headers[c] + "' is empty: " + (p.contains(Quantity.CYCLE_COUNT)
                            ? "cycles are derived by rule" : "steps are derived from the current"));
                    bindings[c] = null;
                }
            }
            Cell d = dateCol < 0 ? null : cell(first, dateCol);
            if (d == null || d.getType() == CellType.EMPTY) {
                return;
            }
            String where = "row " + first.getRowNum();
            if (d.getType() == CellType.NUMBER && isDateFormat(d)) {
                bindings[dateCol] = excelDate(options.zoneForNaiveTimes(md), date1904);
            } else if (d.getType() == CellType.NUMBER) {
                bindings[dateCol] = Bindings.epochSeconds();
            } else {
                String sample = d.getText().strip();
                var fmt = DateFormats.detect(sample).orElseThrow(() -> new InputException(file, where,
                        "column '" + headers[dateCol] + "': unrecognised date-time '" + sample + "'"));
                bindings[dateCol] = Bindings.localDateTime(fmt, options.zoneForNaiveTimes(md));
            }
        }

        private void write(org.dhatim.fastexcel.reader.Row r, Binding[] bindings, String[] headers, String where, BatchWriter out) {
            place = where + " after row " + r.getRowNum();
            row.reset();
            boolean any = false;
            for (int c = 0; c < bindings.length; c++) {
                Binding b = bindings[c];
                Cell cell = b == null ? null : cell(r, c);
                if (cell == null || cell.getType() == CellType.EMPTY) {
                    continue;
                }
                String text = cell.getType() == CellType.STRING ? cell.getText() : cell.getRawValue();
                if (text == null) {
                    continue;
                }
                int n = ascii(text);
                try {
                    if (cell.getType() == CellType.ERROR || cell.getType() == CellType.BOOLEAN) {
                        throw new IllegalArgumentException();
                    }
                    b.parse(scratch, 0, n, row, numbers, false);
                    any = true;
                } catch (RuntimeException e) {
                    throw new InputException(file, where + " row " + r.getRowNum(), "column '" + headers[c]
                            + "': cannot read '" + abbreviate(text) + "'");
                }
            }
            if (!any) {
                return; // a blank row
            }
            out.startRow();
            if (numbered) {
                row.set(Quantity.RECORD_INDEX, ++record);
            }
            for (Quantity q : cols) {
                switch (q.kind()) {
                    case REAL, INTEGER -> out.set(q, row.get(q));
                    case EPOCH -> out.setEpochNanos(row.epochNanos());
                    case STEP_TYPE -> {
                        if (row.stepType() >= 0) {
                            out.setStepType(StepType.ofOrdinal(row.stepType()));
                        }
                    }
                }
            }
        }

        /** Copies a cell's text into the scratch buffer (Latin-1; numbers and dates are ASCII). */
        private int ascii(String s) {
            int n = s.length();
            if (n > scratch.length) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                char ch = s.charAt(i);
                scratch[i] = (byte) (ch < 256 ? ch : '?');
            }
            return n;
        }

        private static Cell cell(org.dhatim.fastexcel.reader.Row r, int c) {
            return c < r.getCellCount() ? r.getCell(c) : null;
        }

        private static String abbreviate(String s) {
            String t = s.strip();
            return t.length() > 40 ? t.substring(0, 40) : t;
        }

        private static Set<Quantity> produces(Binding[] bindings) {
            Set<Quantity> set = java.util.EnumSet.noneOf(Quantity.class);
            for (Binding b : bindings) {
                if (b != null) {
                    set.addAll(b.produces());
                }
            }
            return set;
        }

        /** Built-in date/time number formats (14-22, 45-47) or a custom code with date or time letters. */
        private static boolean isDateFormat(Cell c) {
            Integer id = c.getDataFormatId();
            if (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))) {
                return true;
            }
            String f = c.getDataFormatString();
            if (f == null) {
                return false;
            }
            String code = f.replaceAll("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "").toLowerCase(Locale.ROOT);
            return code.matches(".*[ydhs].*") && !code.equals("general");
        }

        /**
         * An Excel serial date-time (days since 1899-12-30, or 1904-01-01) in the zone of naive times. Excel keeps
         * at most milliseconds, so the value is rounded to the millisecond (a double of ~45000 days is exact to ~1 µs).
         */
        private static Binding excelDate(ZoneId zone, boolean date1904) {
            LocalDateTime epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
            return new Binding() {
                private double last = Double.NaN;
                private long lastNanos;

                @Override
                public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                    double days = numbers.parse(b, s, e, dc);
                    if (Double.isNaN(days)) {
                        return;
                    }
                    if (days != last) {
                        long millis = Math.round(days * 86_400_000d);
                        var t = epoch.plusNanos(millis * 1_000_000L).atZone(zone).toInstant();
                        lastNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
                        last = days;
                    }
                    row.setEpochNanos(lastNanos);
                }

                @Override
                public Set<Quantity> produces() {
                    return Set.of(Quantity.UNIX_TIME);
                }
            };
        }
    }
}
