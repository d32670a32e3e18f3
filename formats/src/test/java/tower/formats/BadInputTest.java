package tower.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;
import tower.formats.generic.GenericCsvReader;

/**
 * Bad input across every registered format, starting from one real file per reader: empty files, random bytes,
 * truncated files, text in numeric columns, UTF-16 text, unknown column headers and unknown binary versions. Each
 * read either fails with an {@link InputException} whose message is {@code FILE: WHERE: REASON} (one line, no Java
 * class names), or returns rows that are exactly right: a prefix of the intact file's rows for a cut file (binary
 * formats must flag it {@code truncated} unless nothing was lost), all of them for a value in a column the reader
 * ignores. No other exception may escape, and no row may be silently wrong.
 *
 * <p>Every variant is read twice when detection picks another reader: with the sample's reader (as
 * {@code --format} does) and with the detected one.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES) // a guard against hangs only
class BadInputTest {
    /** One real file of a reader; {@code text} marks line-oriented formats. */
    record Sample(String id, String file, boolean text) {
        @Override
        public String toString() {
            return id + " (" + Path.of(file).getFileName() + ")";
        }
    }

    private static final String ARBIN_XLSX = "generated from battery-data-toolkit/arbin_example.csv";
    static final String GENERIC_MAPPING = """
            separator = ,
            header.line = 1
            column.1 = Time_s -> Test Time / s
            column.2 = Current_A -> Current / A
            column.3 = Voltage_V -> Voltage / V
            column.4 = Cycle_Index -> Cycle Count
            column.5 = Step -> Step Index
            column.6 = Cell_Temperature_C -> Temperature T1 / degC
            column.7 = Datenum_d -> Unix Time / datenum
            timezone = UTC
            """;

    static final List<Sample> SAMPLES = List.of(
            new Sample("bdf-csv", "cellpy/batmo_bdf.csv", true),
            new Sample("arbin-csv", "battery-data-toolkit/arbin_example.csv", true),
            new Sample("arbin-res", "cellpy/20160805_test001_45_cc_01.res", false),
            new Sample("arbin-xlsx", ARBIN_XLSX, false),
            new Sample("maccor-txt", "beep/maccor_test_file_4267-66-6519.041", true),
            new Sample("maccor-csv", "PyProBE/sample_data_maccor.csv", true),
            new Sample("pec-csv", "cellpy/pec.csv", true),
            new Sample("neware-nda", "NewareNDA/TestFile.nda", false),
            new Sample("neware-nda", "NewareNDA/new_nda_file.nda", false),
            new Sample("neware-ndax", "NewareNDA/TESTCELL0001-B2-2025-M50T_NewareNDA_Investigation.ndax", false),
            new Sample("neware-csv", "cellpy/neware_uio.csv", true),
            new Sample("neware-regular-csv", "cellpy/nw_regular_export_ife_example.csv", true),
            new Sample("biologic-mpr", "yadg/gcpl.issue_149.mpr", false),
            new Sample("biologic-mpt", "yadg/gcpl.issue_149.mpt", true),
            new Sample("biologic-csv", "beep/test_loopsnewoutput_MB_CE1_short10k.csv", true),
            new Sample("novonix-csv", "beep/test_Nova_Form-CH01-01_short.csv", true),
            new Sample("basytec-txt", "PyProBE/sample_data_basytec.txt", true),
            new Sample("batteryarchive-csv",
                    "battery-data-toolkit/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv", true),
            new Sample("batterydata-csv", "battery-data-toolkit/p492-13-raw.csv", true),
            new Sample("generic-csv", "battery-data-toolkit/p492-13-raw.csv", true));

    private static final Pattern NUMBER = Pattern.compile("\"?[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][-+]?\\d+)?\"?");

    @TempDir
    static Path shared;
    private static Path mapping;
    private static Path xlsx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fixtures() throws Exception {
        mapping = Files.writeString(shared.resolve("p492.properties"), GENERIC_MAPPING);
        xlsx = tower.formats.arbin.ArbinWorkbooks.fromCsv(TestFiles.shared("battery-data-toolkit/arbin_example.csv"),
                shared.resolve("arbin_example.xlsx"));
    }

    static Stream<Sample> samples() {
        return SAMPLES.stream();
    }

    @Test
    void everyRegisteredReaderHasASample() {
        Set<String> ids = Formats.all().stream().map(r -> r.info().id()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = SAMPLES.stream().map(Sample::id).collect(Collectors.toCollection(TreeSet::new));
        assertThat(sampled).isEqualTo(ids);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void emptyFileIsRefused(Sample s) throws IOException {
        Path f = variant(s, "empty", new byte[0]);
        List<String> problems = new ArrayList<>();
        for (Attempt a : attempts(s, f)) {
            a.expectRefused(problems);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void randomBytesAreRefused(Sample s) throws IOException {
        List<String> problems = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            byte[] junk = new byte[4096];
            new Random(seed * 7919 + s.id().hashCode()).nextBytes(junk);
            Path f = variant(s, "random" + seed, junk);
            for (Attempt a : attempts(s, f)) {
                a.expectRefused(problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void truncatedFileIsRefusedOrAnHonestPrefix(Sample s) throws IOException {
        byte[] bytes = original(s);
        TimeSeries whole = intact(s);
        Map<String, Integer> cuts = new LinkedHashMap<>();
        cuts.put("1 byte", 1);
        cuts.put("100 bytes", Math.min(100, bytes.length - 1));
        cuts.put("10%", bytes.length / 10);
        cuts.put("50%", bytes.length / 2);
        cuts.put("90%", (int) (bytes.length * 0.9));
        cuts.put("all but the last byte", bytes.length - 1);
        if (s.text()) {
            DataLine d = DataLine.near(bytes, 0.5);
            cuts.put("middle of line " + d.number, d.start + (d.end - d.start) / 2);
            cuts.put("last byte of line " + d.number + " missing", d.end - 1);
            cuts.put("line " + d.number + " cut after its last separator", d.lastSeparator + 1);
            cuts.put("line " + d.number + " without its line end", d.end);
            cuts.put("after the line end of line " + d.number, d.next);
            DataLine last = DataLine.near(bytes, 1.0);
            cuts.put("middle of the last data line " + last.number, last.start + (last.end - last.start) / 2);
        }
        List<String> problems = new ArrayList<>();
        for (var cut : cuts.entrySet()) {
            Path f = variant(s, "cut", Arrays.copyOf(bytes, cut.getValue()));
            for (Attempt a : attempts(s, f)) {
                a.expectRefusedOrPrefix(whole, !s.text(), "cut at " + cut.getKey() + " (byte " + cut.getValue() + ")",
                        problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textSamples")
    void textInANumericColumnIsRefusedWithItsLine(Sample s) throws IOException {
        byte[] bytes = original(s);
        TimeSeries whole = intact(s);
        DataLine d = DataLine.near(bytes, 0.5);
        List<String> problems = new ArrayList<>();
        for (int[] field : d.numericFields()) {
            byte[] changed = d.replace(field, "abc".getBytes(StandardCharsets.US_ASCII));
            Path f = variant(s, "abc", changed);
            String what = "'" + d.fieldText(field) + "' (field " + field[2] + " of line " + d.number + ") replaced by abc";
            for (Attempt a : attempts(s, f)) {
                a.expectRefusedAtLineOrSame(whole, d.number, what, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textSamples")
    void utf16TextIsRefused(Sample s) throws IOException {
        String text = Probe.decode(original(s));
        TimeSeries whole = intact(s);
        List<String> problems = new ArrayList<>();
        for (var cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            String bom = text.startsWith("\uFEFF") ? "" : "\uFEFF";
            Path f = variant(s, "utf16", (bom + text).getBytes(cs));
            for (Attempt a : attempts(s, f)) {
                a.expectRefusedOrSame(whole, "re-encoded as " + cs, problems);
                // the reader names the encoding (detection only sees a binary file)
                if (a.by().equals(s.id()) && a.result().error() instanceof InputException e
                        && !e.reason().contains("UTF-16")) {
                    problems.add(f.getFileName() + " in " + cs + ": the reason does not name UTF-16: " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textSamples")
    void unrecognisedColumnHeaderIsRefused(Sample s) throws IOException {
        byte[] bytes = original(s);
        DataLine header = DataLine.near(bytes, 0.5).header();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < header.fieldCount(); i++) {
            names.append(i == 0 ? "" : String.valueOf((char) header.separator)).append("Unknown Column ").append(i + 1);
        }
        Path f = variant(s, "header", header.replaceLine(names.toString().getBytes(StandardCharsets.US_ASCII)));
        List<String> problems = new ArrayList<>();
        for (Attempt a : attempts(s, f)) {
            a.expectRefused(problems);
        }
        assertThat(problems).isEmpty();
    }

    /** A binary sample with its version field set to a value no reader knows. */
    record Versioned(Sample sample, String field, java.util.function.UnaryOperator<byte[]> change) {
        @Override
        public String toString() {
            return sample + ", " + field;
        }
    }

    private static Sample sample(String file) {
        return SAMPLES.stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
    }

    static Stream<Versioned> versionedSamples() {
        return Stream.of(
                new Versioned(sample("NewareNDA/TestFile.nda"), "nda version byte", b -> {
                    byte[] c = b.clone();
                    c[14] = 99;
                    return c;
                }),
                new Versioned(sample("NewareNDA/new_nda_file.nda"), "nda version byte", b -> {
                    byte[] c = b.clone();
                    c[14] = 99;
                    return c;
                }),
                new Versioned(sample("NewareNDA/TESTCELL0001-B2-2025-M50T_NewareNDA_Investigation.ndax"),
                        "ndc version of data.ndc", b -> rewriteZipEntry(b, "data.ndc", e -> {
                            e[2] = 99;
                            return e;
                        })),
                new Versioned(sample("yadg/gcpl.issue_149.mpr"), "data module version", b -> {
                    byte[] c = b.clone();
                    int at = indexOf(c, "MODULEVMP data".getBytes(StandardCharsets.US_ASCII));
                    var h = java.nio.ByteBuffer.wrap(c).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    boolean extended = h.getInt(at + 41) == -1;
                    h.putInt(at + (extended ? 53 : 45), 99);
                    return c;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionedSamples")
    void unknownVersionIsRefusedNamingIt(Versioned v) throws IOException {
        Path f = variant(v.sample(), "version", v.change().apply(original(v.sample())));
        List<String> problems = new ArrayList<>();
        for (Attempt a : attempts(v.sample(), f)) {
            a.expectRefused(problems);
            if (a.result().error() instanceof InputException e && !e.reason().matches(".*version.*99.*")) {
                problems.add(a.by() + ": the reason does not name the version: " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(what, StandardCharsets.US_ASCII));
    }

    /** The zip with one entry's bytes changed (and its checksum made to match, as a writer would). */
    private static byte[] rewriteZipEntry(byte[] zip, String name, java.util.function.UnaryOperator<byte[]> change) {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
             var bytes = new java.io.ByteArrayOutputStream();
             var out = new java.util.zip.ZipOutputStream(bytes)) {
            boolean found = false;
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(name)) {
                    data = change.apply(data);
                    found = true;
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
            assertThat(found).as(name).isTrue();
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Sample> textSamples() {
        return SAMPLES.stream().filter(Sample::text);
    }

    // ---- reading

    private static Path source(Sample s) {
        return s.file().equals(ARBIN_XLSX) ? xlsx : TestFiles.shared(s.file());
    }

    private static byte[] original(Sample s) throws IOException {
        return Files.readAllBytes(source(s));
    }

    private static Reader readerOf(Sample s) {
        return s.id().equals("generic-csv") ? new GenericCsvReader(mapping) : Formats.byId(s.id()).orElseThrow();
    }

    private static final Map<Sample, TimeSeries> INTACT = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rows the reader produces from the intact file. */
    private static TimeSeries intact(Sample s) throws IOException {
        TimeSeries t = INTACT.get(s);
        if (t == null) {
            Result r = read(readerOf(s), source(s));
            assertThat(r.error).as("the intact sample reads").isNull();
            assertThat(r.raw.size()).as("the intact sample has rows").isPositive();
            t = r.raw;
            INTACT.put(s, t);
        }
        return t;
    }

    /** The sample's bytes changed, under the sample's file name (some readers look at it) in a fresh folder. */
    private Path variant(Sample s, String kind, byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory(tmp, kind);
        return Files.write(dir.resolve(source(s).getFileName()), bytes);
    }

    /** What reading {@code file} gave: the reader's own rows (before normalisation), or the exception. */
    private record Result(TimeSeries raw, Throwable error) {
    }

    private static Result read(Reader reader, Path file) {
        try {
            TimeSeries.Collector raw = new TimeSeries.Collector();
            TimeSeries.Collector normalised = new TimeSeries.Collector();
            CycleSummarizer cycles = new CycleSummarizer(CyclingOptions.DEFAULT);
            reader.read(reader.companions(file), ReadOptions.DEFAULT,
                    Tee.of(raw, new Normalizer(Tee.of(normalised, cycles), CyclingOptions.DEFAULT)));
            cycles.result();
            return new Result(raw.result(), null);
        } catch (Throwable t) {
            return new Result(null, t);
        }
    }

    /** The reads to check for a variant: with the sample's reader and, when it differs, the detected one. */
    private static List<Attempt> attempts(Sample s, Path file) {
        List<Attempt> out = new ArrayList<>();
        Reader own = readerOf(s);
        out.add(new Attempt(file, own.info().id(), read(own, file)));
        if (!s.id().equals("generic-csv")) {
            try {
                Reader detected = Formats.forFile(file, Optional.empty());
                if (!detected.info().id().equals(own.info().id())) {
                    out.add(new Attempt(file, "detected " + detected.info().id(), read(detected, file)));
                }
            } catch (Throwable t) {
                out.add(new Attempt(file, "detection", new Result(null, t)));
            }
        }
        return out;
    }

    /** One read of a variant and the checks on its outcome; problems are collected so one run shows them all. */
    private record Attempt(Path file, String by, Result result) {
        private String label(String what) {
            return file.getFileName() + " " + what + ", read by " + by + ": ";
        }

        /** Null when the read failed cleanly; else what is wrong. */
        private String cleanFailure() {
            Throwable t = result.error;
            if (!(t instanceof InputException e)) {
                StringBuilder trace = new StringBuilder(String.valueOf(t));
                for (StackTraceElement el : t.getStackTrace()) {
                    if (el.getClassName().startsWith("tower.")) {
                        trace.append(" at ").append(el);
                        break;
                    }
                }
                return "escaped " + trace;
            }
            String m = e.getMessage();
            if (!e.file().equals(file.toString()) || !m.startsWith(file + ": ")) {
                return "message does not start with the file path: " + m;
            }
            if (e.where().isBlank() || e.reason().isBlank()) {
                return "blank where or reason: " + m;
            }
            if (m.contains("\n") || m.contains("\r")) {
                return "message is not one line: " + m;
            }
            if (m.contains("Exception") || m.contains("java.")) {
                return "message shows Java internals: " + m;
            }
            return null;
        }

        void expectRefused(List<String> problems) {
            if (result.error == null) {
                problems.add(label("") + "read " + result.raw.size() + " rows from junk");
                return;
            }
            String bad = cleanFailure();
            if (bad != null) {
                problems.add(label("") + bad);
            }
        }

        void expectRefusedOrPrefix(TimeSeries whole, boolean binary, String what, List<String> problems) {
            if (result.error != null) {
                String bad = cleanFailure();
                if (bad != null) {
                    problems.add(label(what) + bad);
                }
                return;
            }
            TimeSeries got = result.raw;
            if (got.size() > whole.size()) {
                problems.add(label(what) + got.size() + " rows, the intact file has " + whole.size());
                return;
            }
            String diff = prefixDiff(whole, got, true);
            if (diff != null) {
                problems.add(label(what) + "silently wrong rows: " + diff);
            }
            // a cut that only removed what follows the records (a trailer the reader does not use) loses nothing
            boolean lossless = got.size() == whole.size() && got.columns().equals(whole.columns());
            if (binary && !lossless && !got.metadata().flags().contains("truncated")) {
                problems.add(label(what) + "read " + got.size() + " of " + whole.size() + " rows without flagging 'truncated'");
            }
        }

        void expectRefusedAtLineOrSame(TimeSeries whole, long line, String what, List<String> problems) {
            if (result.error != null) {
                String bad = cleanFailure();
                if (bad != null) {
                    problems.add(label(what) + bad);
                } else if (!((InputException) result.error).where().matches("line " + line + "\\b.*")) {
                    problems.add(label(what) + "refused at the wrong place: " + result.error.getMessage());
                }
                return;
            }
            expectSame(whole, what, problems);
        }

        void expectRefusedOrSame(TimeSeries whole, String what, List<String> problems) {
            if (result.error != null) {
                String bad = cleanFailure();
                if (bad != null) {
                    problems.add(label(what) + bad);
                }
                return;
            }
            expectSame(whole, what, problems);
        }

        private void expectSame(TimeSeries whole, String what, List<String> problems) {
            TimeSeries got = result.raw;
            String diff = got.size() != whole.size() ? got.size() + " rows instead of " + whole.size()
                    : prefixDiff(whole, got, false);
            if (diff != null) {
                problems.add(label(what) + "read without error but the rows differ: " + diff);
            }
        }
    }

    /**
     * Null when {@code part}'s rows equal the first rows of {@code whole}; else the first difference. With
     * {@code fewerColumns}, {@code part} may lack columns (e.g. a start time kept after the data of a cut file).
     */
    static String prefixDiff(TimeSeries whole, TimeSeries part, boolean fewerColumns) {
        if (fewerColumns ? !whole.columns().containsAll(part.columns()) : !part.columns().equals(whole.columns())) {
            return "columns " + part.columns() + " instead of " + whole.columns();
        }
        int n = part.size();
        for (Quantity q : part.columns()) {
            int at = switch (q.kind()) {
                case REAL, INTEGER -> Arrays.mismatch(whole.column(q), 0, n, part.column(q), 0, n);
                case EPOCH -> Arrays.mismatch(whole.epochNanos(), 0, n, part.epochNanos(), 0, n);
                case STEP_TYPE -> Arrays.mismatch(whole.stepTypes(), 0, n, part.stepTypes(), 0, n);
            };
            if (at >= 0) {
                String a = q.kind() == Quantity.Kind.EPOCH ? whole.epochNanos()[at] + " vs " + part.epochNanos()[at]
                        : q.kind() == Quantity.Kind.STEP_TYPE ? whole.stepTypes()[at] + " vs " + part.stepTypes()[at]
                        : whole.column(q)[at] + " vs " + part.column(q)[at];
                return "row " + at + " of " + n + ", " + q.label() + ": " + a;
            }
        }
        return null;
    }

    /**
     * A data line of a text file: the line nearest to a relative position whose fields are mostly numbers. Byte
     * offsets: {@code [start, end)} is the line without its terminator, {@code next} where the next line starts.
     */
    record DataLine(byte[] bytes, long number, int start, int end, int next, byte separator, int lastSeparator) {
        static DataLine near(byte[] bytes, double position) {
            List<int[]> lines = new ArrayList<>();
            int s = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    int next = bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n' ? i + 2 : i + 1;
                    lines.add(new int[]{s, i, next});
                    s = next;
                    i = next - 1;
                }
            }
            if (s < bytes.length) {
                lines.add(new int[]{s, bytes.length, bytes.length});
            }
            int target = (int) Math.min(lines.size() - 1, Math.round(position * (lines.size() - 1)));
            for (int d = 0; d < lines.size(); d++) {
                for (int i : new int[]{target - d, target + d}) {
                    if (i >= 0 && i < lines.size()) {
                        int[] l = lines.get(i);
                        byte sep = separator(bytes, l[0], l[1]);
                        if (sep != 0 && isData(bytes, l[0], l[1], sep)) {
                            int last = l[1] - 1;
                            while (bytes[last] != sep) {
                                last--;
                            }
                            return new DataLine(bytes, i + 1, l[0], l[1], l[2], sep, last);
                        }
                    }
                }
            }
            throw new AssertionError("no data line");
        }

        private static byte separator(byte[] b, int s, int e) {
            int tabs = 0;
            int semis = 0;
            int commas = 0;
            for (int i = s; i < e; i++) {
                switch (b[i]) {
                    case '\t' -> tabs++;
                    case ';' -> semis++;
                    case ',' -> commas++;
                    default -> {
                    }
                }
            }
            return tabs >= 2 ? (byte) '\t' : semis >= 2 ? (byte) ';' : commas >= 2 ? (byte) ',' : 0;
        }

        private static boolean isData(byte[] b, int s, int e, byte sep) {
            String[] f = new String(b, s, e - s, StandardCharsets.ISO_8859_1).split(Pattern.quote(String.valueOf((char) sep)), -1);
            long numbers = Arrays.stream(f).filter(x -> NUMBER.matcher(x.strip()).matches()).count();
            long filled = Arrays.stream(f).filter(x -> !x.isBlank()).count();
            return numbers >= 3 && numbers * 2 >= filled;
        }

        /** The line above the block of data lines this one is in: the column header. */
        DataLine header() {
            DataLine l = this;
            while (true) {
                DataLine above = l.above();
                if (!isData(bytes, above.start, above.end, separator)) {
                    return above;
                }
                l = above;
            }
        }

        private DataLine above() {
            int e = start;
            if (e > 0 && bytes[e - 1] == '\n') {
                e--;
            }
            if (e > 0 && bytes[e - 1] == '\r') {
                e--;
            }
            int s = e;
            while (s > 0 && bytes[s - 1] != '\n' && bytes[s - 1] != '\r') {
                s--;
            }
            return new DataLine(bytes, number - 1, s, e, start, separator, -1);
        }

        int fieldCount() {
            int n = 1;
            for (int i = start; i < end; i++) {
                n += bytes[i] == separator ? 1 : 0;
            }
            return n;
        }

        byte[] replaceLine(byte[] with) {
            return replace(new int[]{start, end, -1}, with);
        }

        /** {start, end, index} of each numeric field. */
        List<int[]> numericFields() {
            List<int[]> out = new ArrayList<>();
            int fs = start;
            int index = 0;
            for (int i = start; i <= end; i++) {
                if (i == end || bytes[i] == separator) {
                    String f = new String(bytes, fs, i - fs, StandardCharsets.ISO_8859_1);
                    if (NUMBER.matcher(f.strip()).matches()) {
                        int a = fs;
                        int z = i;
                        while (a < z && (bytes[a] == ' ' || bytes[a] == '"')) {
                            a++;
                        }
                        while (z > a && (bytes[z - 1] == ' ' || bytes[z - 1] == '"')) {
                            z--;
                        }
                        out.add(new int[]{a, z, index});
                    }
                    fs = i + 1;
                    index++;
                }
            }
            return out;
        }

        String fieldText(int[] field) {
            return new String(bytes, field[0], field[1] - field[0], StandardCharsets.ISO_8859_1);
        }

        byte[] replace(int[] field, byte[] with) {
            byte[] out = new byte[bytes.length - (field[1] - field[0]) + with.length];
            System.arraycopy(bytes, 0, out, 0, field[0]);
            System.arraycopy(with, 0, out, field[0], with.length);
            System.arraycopy(bytes, field[1], out, field[0] + with.length, bytes.length - field[1]);
            return out;
        }
    }
}
