package tower.formats.novonix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.core.units.Dimension;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.ColumnDictionary;
import tower.formats.text.LineReader;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * Novonix (HPC / UHPC) CSV exports: a {@code [Summary]} block of {@code Key: value} lines, an optional
 * {@code [Protocol]} block, then {@code [Data]} and a comma-separated table whose headers carry their units
 * ({@code Run Time (h)}, {@code Current (A)}, {@code Capacity (Ah)}, ...). Some copies wrap every line in double
 * quotes; the quotes are removed. The single unsigned {@code Capacity}/{@code Energy} counter is split into charge
 * and discharge by the Novonix step type code; it restarts within a cycle (it carries over between steps of the
 * same direction), so it is stored as a cycle-scoped accumulator whose drops are read as restarts. Dates are ISO
 * or US month-first ({@code 3/4/2019 10:58:07 AM}); a redacted start ({@code *}{@code /*}{@code /2019}) falls back to
 * the first data row's clock; a second test appended to the file is not read (with a warning).
 */
public final class NovonixCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("novonix-csv", "Novonix",
            List.of(".csv export ([Summary] ... [Data])"),
            "first line '[Summary]' followed by a 'Novonix' line; or a header with Date and Time, Run Time, Potential "
                    + "and Step Type", "1");

    static final ColumnDictionary COLUMNS = new ColumnDictionary()
            .add(Quantity.TEST_TIME, Dimension.TIME, "", "Run Time")
            .add(Quantity.STEP_TIME, Dimension.TIME, "", "Step Time")
            .add(Quantity.CURRENT, Dimension.CURRENT, "", "Current")
            .add(Quantity.VOLTAGE, Dimension.VOLTAGE, "", "Potential")
            .add(Quantity.TEMPERATURE_T1, Dimension.TEMPERATURE, "", "Temperature")
            .add(Quantity.CYCLE_COUNT, Dimension.DIMENSIONLESS, "1", "Cycle Number")
            .add(Quantity.STEP_INDEX, Dimension.DIMENSIONLESS, "1", "Step Number")
            // split into charge / discharge by the step type in the row hook
            .add(Quantity.CYCLE_CHARGING_CAPACITY, Dimension.CHARGE, "", "Capacity")
            .add(Quantity.CYCLE_CHARGING_ENERGY, Dimension.ENERGY, "", "Energy");

    /** 12-hour clock as written by the Novonix software ({@code 2022-04-11 10:58:07 AM}). */
    static final DateTimeFormatter TWELVE_HOUR = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd h:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern(" a").toFormatter(Locale.US);
    static final DateTimeFormatter TWENTY_FOUR_HOUR = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd H:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.US);

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
        if (!lines.isEmpty() && lines.get(0).strip().equals("[Summary]")) {
            for (int i = 1; i < Math.min(lines.size(), 4); i++) {
                if (lines.get(i).contains("Novonix")) {
                    return 98;
                }
            }
        }
        for (int i = 0; i < Math.min(lines.size(), 400); i++) {
            String l = unwrap(lines.get(i));
            if (l.startsWith("Date and Time,") && l.contains("Run Time (") && l.contains("Potential (")
                    && l.contains("Step Type")) {
                return 90;
            }
        }
        return 0;
    }

    /** The line without the quotes that wrap it as a whole (some copies quote every line). */
    static String unwrap(String line) {
        String s = line.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' && s.indexOf('"', 1) == s.length() - 1) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    static StepType stepType(long code) {
        return switch ((int) code) {
            case 0 -> StepType.REST;
            case 1, 7 -> StepType.CC_CHARGE;
            case 8 -> StepType.CV_CHARGE;
            case 2, 9 -> StepType.CC_DISCHARGE;
            case 10 -> StepType.CV_DISCHARGE;
            default -> StepType.OTHER;
        };
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String header = preamble(lines, file, md, options);
            long headerLine = lines.lineNumber();
            boolean wrapped = !unwrap(header).equals(header.strip());
            String[] headers = TextFile.splitHeader(unwrap(header), ',');
            Binding[] bindings = COLUMNS.bind(file, headerLine, headers);
            int timeCol = TextFile.indexOf(headers, "Run Time");
            int currentCol = TextFile.indexOf(headers, "Current");
            int voltCol = TextFile.indexOf(headers, "Potential");
            if (timeCol < 0 || currentCol < 0 || voltCol < 0) {
                throw InputException.atLine(file, headerLine, "Novonix header lacks Run Time, Current or Potential");
            }
            int typeCol = TextFile.indexOf(headers, "Step Type");
            if (typeCol >= 0) {
                bindings[typeCol] = stepTypeBinding();
            } else {
                for (int c = 0; c < headers.length; c++) {
                    if (bindings[c] != null && (bindings[c].produces().contains(Quantity.CYCLE_CHARGING_CAPACITY)
                            || bindings[c].produces().contains(Quantity.CYCLE_CHARGING_ENERGY))) {
                        bindings[c] = null;
                    }
                }
                md.warn("no Step Type column: the unsigned Capacity/Energy counters cannot be split into charge and"
                        + " discharge and are left out");
            }
            int dateCol = TextFile.indexOf(headers, "Date and Time");
            if (!lines.next()) {
                throw InputException.atLine(file, headerLine + 1, "no data rows after the header");
            }
            unwrapCurrent(lines, wrapped, file);
            if (dateCol >= 0) {
                bindings[dateCol] = dateBinding(options.zoneForNaiveTimes(md));
            }
            Hook hook = new Hook(md);
            hook.startFromData = md.startTime().isEmpty();
            TableReader table = new TableReader(file, (byte) ',', false, bindings, headers, hook).strictFieldCount();
            Set<Quantity> cols = table.produces();
            if (cols.contains(Quantity.CYCLE_CHARGING_CAPACITY)) {
                cols.add(Quantity.CYCLE_DISCHARGING_CAPACITY);
            }
            if (cols.contains(Quantity.CYCLE_CHARGING_ENERGY)) {
                cols.add(Quantity.CYCLE_DISCHARGING_ENERGY);
            }
            BatchWriter out = new BatchWriter(EnumSet.copyOf(cols), sink, md);
            table.readCurrent(lines, out, options.progress());
            while (lines.next()) {
                if (startsSection(lines)) {
                    // a second test appended to the first ([Summary] ... [Data] again): never merged silently
                    md.warn("line " + lines.lineNumber() + ": a second test starts here (another '" + sectionName(lines)
                            + "' block): only the first test was read; split the file to read the others");
                    md.putVendor("tests_in_file", "more than one");
                    break;
                }
                unwrapCurrent(lines, wrapped, file);
                table.readCurrent(lines, out, options.progress());
            }
            if (hook.startFromData && md.startTime().isPresent()) {
                md.warn("no usable start time in the summary: the start time is the first data row's clock");
            }
            out.finish();
        }
    }

    /** True when the current line opens a block ({@code [Summary]}, possibly wrapped in quotes). */
    private static boolean startsSection(LineReader lines) {
        byte[] b = lines.buffer();
        int i = lines.start;
        while (i < lines.end && (b[i] == ' ' || b[i] == '"' || b[i] == '\t')) {
            i++;
        }
        return i < lines.end && b[i] == '[';
    }

    private static String sectionName(LineReader lines) {
        return unwrap(TextFile.decode(lines));
    }

    /**
     * The {@code Date and Time} column: the fast ISO path ({@code 2022-04-11 10:58:07 AM}) or, when the first value is
     * not ISO, the layout it shows ({@code 4/11/2022 10:58:07 AM}, US month first).
     */
    private static Binding dateBinding(ZoneId zone) {
        return new Binding() {
            private Binding delegate;

            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                if (delegate == null) {
                    int i = s;
                    while (i < e && b[i] == ' ') {
                        i++;
                    }
                    if (i == e) {
                        return;
                    }
                    boolean iso = e - i > 4 && Character.isDigit(b[i]) && Character.isDigit(b[i + 3]) && b[i + 4] == '-';
                    delegate = iso ? Bindings.isoLocalDateTime(zone) : Bindings.localDateTime(zone);
                }
                delegate.parse(b, s, e, row, numbers, dc);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }

    static DateTimeFormatter formatterFor(String sample) {
        String u = sample.strip().toUpperCase(Locale.ROOT);
        return u.endsWith("AM") || u.endsWith("PM") ? TWELVE_HOUR : TWENTY_FOUR_HOUR;
    }

    /** Reads the blocks before the table into the metadata; returns the header line (the reader is on it). */
    private static String preamble(LineReader lines, String file, TestMetadata md, ReadOptions options) throws IOException {
        int max = options.limits().maxHeaderLines();
        String section = "";
        while (lines.next()) {
            if (lines.lineNumber() > max) {
                throw InputException.atLine(file, lines.lineNumber(), "no [Data] table within " + max + " lines");
            }
            String text = TextFile.decode(lines);
            String t = unwrap(text);
            if (lines.lineNumber() == 1 && t.startsWith("Date and Time,")) {
                return text; // a bare table without the blocks
            }
            if (t.equals("[Data]")) {
                while (lines.next()) {
                    String h = TextFile.decode(lines);
                    if (!h.isBlank()) {
                        return h;
                    }
                }
                throw InputException.atLine(file, lines.lineNumber(), "file ends before the [Data] header");
            }
            if (section.isEmpty() && t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1);
                continue;
            }
            if (t.equals("[End " + section + "]")) {
                section = "";
                continue;
            }
            if (section.equals("Summary")) {
                int colon = t.indexOf(':');
                if (colon > 0) {
                    String key = t.substring(0, colon).strip();
                    String value = t.substring(colon + 1).strip();
                    md.putVendor(key, value);
                    if (key.equals("Started") && !value.isEmpty()) {
                        if (value.indexOf('*') >= 0) {
                            md.warn("the summary's start date is redacted ('" + value + "')");
                            continue;
                        }
                        ZoneId zone = options.zoneForNaiveTimes(md);
                        try {
                            md.setStartTime(LocalDateTime.parse(value, formatterFor(value)).atZone(zone).toInstant());
                        } catch (DateTimeParseException e) {
                            // US month-first layouts ("3/4/2019 10:58:07 AM") and the others cyclers write
                            DateTimeFormatter f = tower.formats.text.DateFormats.detect(value).orElseThrow(() ->
                                    InputException.atLine(file, lines.lineNumber(), "unrecognised start time '" + value + "'"));
                            md.setStartTime(LocalDateTime.parse(value, f).atZone(zone).toInstant());
                        }
                    }
                }
            }
        }
        throw InputException.atLine(file, lines.lineNumber(), "no [Data] table found");
    }

    private static void unwrapCurrent(LineReader lines, boolean wrapped, String file) {
        if (!wrapped) {
            return;
        }
        byte[] b = lines.buffer();
        int s = lines.start;
        int e = lines.end;
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        if (s == e) {
            return;
        }
        if (b[s] != '"' || e - s < 2 || b[e - 1] != '"') {
            throw InputException.atLine(file, lines.lineNumber(), "line is not wrapped in quotes like the header"
                    + " (truncated or malformed line)");
        }
        lines.start = s + 1;
        lines.end = e - 1;
    }

    /** The Novonix step type code: kept (plus one, so that 0 means none) in {@link Row#code} for the hook. */
    private static Binding stepTypeBinding() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                long code = Numbers.parseLong(b, s, e);
                if (code < 0 || code > 1000) {
                    throw new NumberFormatException();
                }
                row.code = (int) code + 1;
                row.setStepType(stepType(code).ordinal());
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.STEP_TYPE);
            }
        };
    }

    /** Moves the unsigned counters to the charge or discharge column by step type; checks the current sign. */
    private static final class Hook implements TableReader.RowHook {
        private final TestMetadata md;
        boolean startFromData;

        Hook(TestMetadata md) {
            this.md = md;
        }

        @Override
        public boolean finish(Row row, long line) {
            if (startFromData && md.startTime().isEmpty() && row.epochNanos() != tower.core.series.Batch.NO_TIME) {
                long n = row.epochNanos();
                md.setStartTime(java.time.Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L)));
            }
            double q = row.get(Quantity.CYCLE_CHARGING_CAPACITY);
            double e = row.get(Quantity.CYCLE_CHARGING_ENERGY);
            row.set(Quantity.CYCLE_CHARGING_CAPACITY, Double.NaN);
            row.set(Quantity.CYCLE_CHARGING_ENERGY, Double.NaN);
            row.set(Quantity.CYCLE_DISCHARGING_CAPACITY, Double.NaN);
            row.set(Quantity.CYCLE_DISCHARGING_ENERGY, Double.NaN);
            if (row.code == 0) {
                return true;
            }
            long code = row.code - 1;
            StepType type = stepType(code);
            double i = row.get(Quantity.CURRENT);
            if (type.isCharge()) {
                row.set(Quantity.CYCLE_CHARGING_CAPACITY, q);
                row.set(Quantity.CYCLE_CHARGING_ENERGY, e);
                if (i < -1e-6) {
                    signWarning(line);
                }
            } else if (type.isDischarge()) {
                row.set(Quantity.CYCLE_DISCHARGING_CAPACITY, q);
                row.set(Quantity.CYCLE_DISCHARGING_ENERGY, e);
                if (i > 1e-6) {
                    signWarning(line);
                }
            } else if (type == StepType.OTHER) {
                md.warn("unknown Novonix step type code " + code + ": its capacity and energy are not counted");
            }
            return true;
        }

        private void signWarning(long line) {
            if (!md.flags().contains("current_sign_conflict")) {
                md.warn("line " + line + ": the current's sign disagrees with the Novonix step type");
                md.flag("current_sign_conflict");
            }
        }
    }
}
