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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;
import tower.core.series.ValueGuard;
import tower.formats.generic.GenericCsvReader;

/**
 * Fuzzing every reader with fixed seeds (issue 13, Proof): mutants of one real file per reader (random bit flips,
 * truncations, zeroed, random and duplicated blocks, removed or duplicated header lines, non-finite and huge
 * numbers, long lines, non-UTF-8 and control bytes, shuffled and swapped rows, and for .ndax/.xlsx mutated,
 * removed or swapped entries inside the zip). Each read must keep the contract itself:
 * <ul>
 *   <li>success with no absurd value: every voltage, current, test time and capacity the reader hands on is within
 *       the bounds of {@link ValueGuard}, cycle durations are never negative and cycle sums are finite; every warning
 *       is one safe line; or</li>
 *   <li>exactly one {@link InputException} whose message is one safe line: it starts with the path, has no newline,
 *       no control character, no Java class name or raw parser text, and at most 300 characters.</li>
 * </ul>
 * Anything else (another exception, an error, a bad message, an absurd value) is a contract break; the test lists
 * them all and prints runs and outcomes per reader.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // against hangs only
class HostileFuzzTest {
    /** Mutants per reader: bounded so that each reader takes a few seconds. */
    private static final int RUNS = Integer.getInteger("tower.fuzz.runs", 120);
    /** Text seeds are cut to their first lines (the header and enough rows), so that a run is quick. */
    private static final int TEXT_SEED_BYTES = 48 << 10;
    private static final String[] HOSTILE_NUMBERS = {"NaN", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "1e309",
            "-1e309", "1" + "0".repeat(400), "-" + "9".repeat(400) + ".25", "3.3e300", "-1.66e49", "1e-400", "0x1p3",
            "1e", "--1", "1.2.3", "١٢", "9223372036854775808", "1e308", "-0"};
    private static final Pattern XML_VALUE = Pattern.compile("<v>([^<]*)</v>");
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "Exception|Error:|java\\.|javax\\.|org\\.|com\\.|at \\[row|For input string");
    private static final Quantity[] BOUNDED = {Quantity.VOLTAGE, Quantity.CURRENT, Quantity.TEST_TIME,
            Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY, Quantity.STEP_CHARGING_CAPACITY,
            Quantity.STEP_DISCHARGING_CAPACITY, Quantity.CYCLE_CHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY};

    @TempDir
    static Path shared;
    private static Path mapping;
    private static Path xlsx;
    private static final Map<String, int[]> FIGURES = new LinkedHashMap<>();

    @BeforeAll
    static void fixtures() throws Exception {
        mapping = Files.writeString(shared.resolve("p492.properties"), BadInputTest.GENERIC_MAPPING);
        Path head = shared.resolve("arbin_head.csv");
        List<String> lines = Files.readAllLines(TestFiles.shared("battery-data-toolkit/arbin_example.csv"), StandardCharsets.UTF_8);
        Files.write(head, lines.subList(0, Math.min(lines.size(), 400)));
        xlsx = tower.formats.arbin.ArbinWorkbooks.fromCsv(head, shared.resolve("arbin_example.xlsx"));
    }

    @AfterAll
    static void figures() {
        StringBuilder b = new StringBuilder("fuzz figures (reader: runs, read, refused, breaks)\n");
        int[] total = new int[4];
        FIGURES.forEach((k, v) -> {
            b.append(String.format("  %-44s %5d %5d %5d %5d%n", k, v[0], v[1], v[2], v[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += v[i];
            }
        });
        b.append(String.format("  %-44s %5d %5d %5d %5d%n", "total", total[0], total[1], total[2], total[3]));
        System.out.print(b);
    }

    static List<BadInputTest.Sample> samples() {
        return BadInputTest.SAMPLES;
    }

    private static Path source(BadInputTest.Sample s) {
        return s.file().startsWith("generated") ? xlsx : TestFiles.shared(s.file());
    }

    private static Reader readerOf(BadInputTest.Sample s) {
        return s.id().equals("generic-csv") ? new GenericCsvReader(mapping) : Formats.byId(s.id()).orElseThrow();
    }

    private static byte[] seed(BadInputTest.Sample s) throws IOException {
        byte[] b = Files.readAllBytes(source(s));
        if (!s.text() || b.length <= TEXT_SEED_BYTES) {
            return b;
        }
        int end = TEXT_SEED_BYTES;
        while (end > 0 && b[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(b, end);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyMutantKeepsTheContract(BadInputTest.Sample s) throws Exception {
        byte[] seed = seed(s);
        Reader reader = readerOf(s);
        String name = source(s).getFileName().toString();
        Path dir = Files.createTempDirectory(shared, "f");
        Path f = dir.resolve(name);
        Files.write(f, seed);
        String intact = check(reader, f);
        assertThat(intact).as("the seed itself reads").isEqualTo("read");
        Random rnd = new Random(0x5eed + s.toString().hashCode());
        boolean zip = seed.length > 4 && seed[0] == 'P' && seed[1] == 'K';
        List<String> breaks = new ArrayList<>();
        int[] fig = new int[4];
        for (int run = 0; run < RUNS; run++) {
            StringBuilder what = new StringBuilder();
            byte[] m = zip && rnd.nextInt(3) > 0 ? mutateZip(seed, rnd, s.text(), what) : mutate(seed, rnd, s.text(), what);
            Files.write(f, m);
            String outcome = check(reader, f);
            fig[0]++;
            if (outcome.equals("read")) {
                fig[1]++;
            } else if (outcome.equals("refused")) {
                fig[2]++;
            } else {
                fig[3]++;
                breaks.add("run " + run + " (" + what + "): " + outcome);
            }
        }
        FIGURES.put(s.toString(), fig);
        assertThat(breaks).as("contract breaks of " + s).isEmpty();
    }

    /** "read", "refused", or what broke the contract. */
    private static String check(Reader reader, Path f) {
        try {
            // detection must never fail other than with an InputException
            try {
                Formats.forFile(f, Optional.empty());
            } catch (InputException e) {
                String bad = unsafe(e, f);
                if (bad != null) {
                    return "detection: " + bad;
                }
            }
            TimeSeries.Collector raw = new TimeSeries.Collector();
            TimeSeries.Collector normalised = new TimeSeries.Collector();
            CycleSummarizer cycles = new CycleSummarizer(CyclingOptions.DEFAULT);
            reader.read(reader.companions(f), ReadOptions.DEFAULT,
                    Tee.of(raw, new Normalizer(Tee.of(normalised, cycles), CyclingOptions.DEFAULT)));
            return absurd(raw.result(), cycles.result().cycles());
        } catch (InputException e) {
            String bad = unsafe(e, f);
            return bad == null ? "refused" : bad;
        } catch (Throwable t) {
            StringBuilder trace = new StringBuilder("escaped " + t);
            for (StackTraceElement el : t.getStackTrace()) {
                if (el.getClassName().startsWith("tower.")) {
                    trace.append(" at ").append(el);
                    break;
                }
            }
            return trace.toString();
        }
    }

    /** Null when the message is one safe line; else what is wrong with it. */
    private static String unsafe(InputException e, Path f) {
        String m = e.getMessage();
        if (!m.startsWith(f + ": ")) {
            return "message does not start with the path: " + m;
        }
        if (m.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)) {
            return "message has a control character or line break: " + m.replaceAll("\\p{Cntrl}", "?");
        }
        if (JAVA_TEXT.matcher(m.substring(f.toString().length())).find()) {
            return "message shows Java or parser internals: " + m;
        }
        if (m.length() > 300) {
            return "message of " + m.length() + " characters: " + m.substring(0, 200);
        }
        if (e.where().isBlank() || e.reason().isBlank()) {
            return "blank where or reason: " + m;
        }
        return null;
    }

    /** "read" when nothing absurd came out; else the first absurd value. */
    private static String absurd(TimeSeries ts, List<CycleSummary> cycles) {
        for (Quantity q : BOUNDED) {
            if (!ts.has(q)) {
                continue;
            }
            double[] c = ts.column(q);
            for (int r = 0; r < ts.size(); r++) {
                if (!Double.isNaN(c[r]) && !(c[r] >= ValueGuard.min(q) && c[r] <= ValueGuard.max(q))) {
                    return "absurd " + q.label() + " = " + c[r] + " at row " + r;
                }
            }
        }
        for (CycleSummary c : cycles) {
            if (c.durationS() < 0) {
                return "negative duration_s " + c.durationS() + " in cycle " + c.cycleIndex();
            }
            for (double v : new double[] {c.chargeCapacityAh(), c.dischargeCapacityAh(), c.chargeEnergyWh(), c.dischargeEnergyWh()}) {
                if (!Double.isFinite(v)) {
                    return "non-finite cycle sum in cycle " + c.cycleIndex();
                }
            }
        }
        for (String w : ts.metadata().warnings()) {
            if (w.chars().anyMatch(ch -> ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)) || JAVA_TEXT.matcher(w).find()
                    || w.length() > 400) {
                return "unsafe warning: " + w.replaceAll("\\p{Cntrl}", "?");
            }
        }
        return "read";
    }

    // ---- mutations

    private static byte[] mutate(byte[] b, Random r, boolean text, StringBuilder what) {
        int op = r.nextInt(text ? 13 : 7);
        int n = b.length;
        byte[] m;
        switch (op) {
            case 0 -> {
                m = b.clone();
                int k = 1 + r.nextInt(8);
                what.append("flip ").append(k).append(" bits");
                for (int i = 0; i < k; i++) {
                    m[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                int at = r.nextInt(n);
                what.append("truncate at ").append(at);
                m = Arrays.copyOf(b, at);
            }
            case 2 -> {
                m = b.clone();
                int at = r.nextInt(n);
                int len = Math.min(n - at, 1 + r.nextInt(4096));
                what.append("zero ").append(len).append(" bytes at ").append(at);
                Arrays.fill(m, at, at + len, (byte) 0);
            }
            case 3 -> {
                int at = r.nextInt(n);
                int len = Math.min(n - at, 1 + r.nextInt(4096));
                int to = r.nextInt(n);
                what.append("duplicate ").append(len).append(" bytes from ").append(at).append(" at ").append(to);
                m = insert(b, to, Arrays.copyOfRange(b, at, at + len));
            }
            case 4 -> {
                byte[] junk = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0x1e, 0, 0x1b, (byte) 0x80, '\r', (byte) 0x9b};
                byte[] ins = new byte[1 + r.nextInt(6)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = junk[r.nextInt(junk.length)];
                }
                int to = r.nextInt(n);
                what.append("insert non-UTF-8/control bytes at ").append(to);
                m = insert(b, to, ins);
            }
            case 5 -> {
                m = b.clone();
                int at = r.nextInt(n);
                int len = Math.min(n - at, 1 + r.nextInt(512));
                what.append("random ").append(len).append(" bytes at ").append(at);
                byte[] rb = new byte[len];
                r.nextBytes(rb);
                System.arraycopy(rb, 0, m, at, len);
            }
            case 6 -> {
                // a plausible-looking double in a binary record: the flipped exponent of a float or double
                m = b.clone();
                int at = r.nextInt(Math.max(1, n - 8));
                what.append("huge binary number at ").append(at);
                long bits = Double.doubleToRawLongBits(r.nextBoolean() ? 1e300 : Double.POSITIVE_INFINITY);
                int width = r.nextBoolean() ? 8 : 4;
                if (width == 4) {
                    bits = Float.floatToRawIntBits(r.nextBoolean() ? 3e38f : Float.NaN);
                }
                for (int i = 0; i < width && at + i < n; i++) {
                    m[at + i] = (byte) (bits >>> (8 * i));
                }
            }
            default -> m = mutateText(b, r, op, what);
        }
        return m;
    }

    private static byte[] mutateText(byte[] b, Random r, int op, StringBuilder what) {
        List<byte[]> lines = lines(b);
        int n = lines.size();
        int headerZone = Math.min(n, 40);
        switch (op) {
            case 7 -> {
                int i = r.nextInt(headerZone);
                what.append("remove line ").append(i + 1);
                lines.remove(i);
            }
            case 8 -> {
                int i = r.nextInt(headerZone);
                what.append("duplicate line ").append(i + 1);
                lines.add(i, lines.get(i));
            }
            case 9 -> {
                int i = r.nextInt(n);
                String h = HOSTILE_NUMBERS[r.nextInt(HOSTILE_NUMBERS.length)];
                String line = new String(lines.get(i), StandardCharsets.ISO_8859_1);
                Matcher mm = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(line);
                List<int[]> spans = new ArrayList<>();
                while (mm.find()) {
                    spans.add(new int[] {mm.start(), mm.end()});
                }
                if (spans.isEmpty()) {
                    what.append("no number on line ").append(i + 1);
                    break;
                }
                int[] sp = spans.get(r.nextInt(spans.size()));
                what.append("number on line ").append(i + 1).append(" -> ").append(h.length() > 20 ? h.substring(0, 20) + "…" : h);
                lines.set(i, (line.substring(0, sp[0]) + h + line.substring(sp[1])).getBytes(StandardCharsets.UTF_8));
            }
            case 10 -> {
                int i = r.nextInt(n);
                int len = r.nextBoolean() ? 300_000 : 2_000_000;
                what.append("long line ").append(i + 1).append(" (+").append(len).append(" chars)");
                byte[] l = lines.get(i);
                byte[] pad = new byte[len];
                Arrays.fill(pad, (byte) (r.nextBoolean() ? '7' : 'x'));
                lines.set(i, insert(l, r.nextInt(l.length + 1), pad));
            }
            case 11 -> {
                int from = Math.min(n - 1, headerZone / 2 + r.nextInt(Math.max(1, n - headerZone / 2)));
                int len = Math.min(n - from, 2 + r.nextInt(50));
                what.append("shuffle ").append(len).append(" lines from ").append(from + 1);
                java.util.Collections.shuffle(lines.subList(from, from + len), r);
            }
            default -> {
                int i = r.nextInt(n);
                int j = r.nextInt(n);
                what.append("swap lines ").append(i + 1).append(" and ").append(j + 1);
                java.util.Collections.swap(lines, i, j);
            }
        }
        return join(lines);
    }

    private static byte[] mutateZip(byte[] zip, Random r, boolean text, StringBuilder what) {
        Map<String, byte[]> entries;
        try {
            entries = Zips.entries(zip);
        } catch (RuntimeException e) {
            return mutate(zip, r, text, what);
        }
        List<String> names = new ArrayList<>(entries.keySet());
        String name = names.get(r.nextInt(names.size()));
        int op = r.nextInt(10);
        what.append("zip entry ").append(name).append(": ");
        if (op == 0) {
            what.append("removed");
            entries.remove(name);
        } else if (op == 1) {
            String other = names.get(r.nextInt(names.size()));
            what.append("replaced by ").append(other);
            entries.put(name, entries.get(other));
        } else if (op <= 4 && name.endsWith(".xml")) {
            String xml = new String(entries.get(name), StandardCharsets.UTF_8);
            Matcher m = XML_VALUE.matcher(xml);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(1), m.end(1)});
            }
            if (!spans.isEmpty()) {
                int[] sp = spans.get(r.nextInt(spans.size()));
                String h = HOSTILE_NUMBERS[r.nextInt(HOSTILE_NUMBERS.length)];
                what.append("value -> ").append(h.length() > 20 ? h.substring(0, 20) + "…" : h);
                entries.put(name, (xml.substring(0, sp[0]) + h + xml.substring(sp[1])).getBytes(StandardCharsets.UTF_8));
            } else {
                entries.put(name, mutateText(entries.get(name), r, 7 + r.nextInt(6), what));
            }
        } else if (entries.get(name).length > 0) {
            entries.put(name, mutate(entries.get(name), r, false, what));
        }
        return Zips.zip(entries);
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] m = new byte[b.length + ins.length];
        System.arraycopy(b, 0, m, 0, at);
        System.arraycopy(ins, 0, m, at, ins.length);
        System.arraycopy(b, at, m, at + ins.length, b.length - at);
        return m;
    }

    /** Lines with their terminators. */
    private static List<byte[]> lines(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                out.add(Arrays.copyOfRange(b, s, i + 1));
                s = i + 1;
            }
        }
        if (s < b.length) {
            out.add(Arrays.copyOfRange(b, s, b.length));
        }
        if (out.isEmpty()) {
            out.add(new byte[0]);
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        int n = 0;
        for (byte[] l : lines) {
            n += l.length;
        }
        byte[] out = new byte[n];
        int p = 0;
        for (byte[] l : lines) {
            System.arraycopy(l, 0, out, p, l.length);
            p += l.length;
        }
        return out;
    }
}
