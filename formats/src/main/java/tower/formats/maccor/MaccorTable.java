package tower.formats.maccor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.text.Fields;
import tower.formats.text.LineReader;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/** The read loop both Maccor readers share: one or more files (a first file and its continuations) as one test. */
final class MaccorTable {
    private static final Pattern NUMBERED = Pattern.compile("(.*)\\.(\\d{3})");

    private MaccorTable() {
    }

    static void read(FormatInfo info, char sep, List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        Path firstPath = files.get(0);
        TestMetadata md = info.metadataFor(firstPath);
        if (files.size() > 1) {
            md.putVendor("continuation_files", String.join(", ",
                    files.subList(1, files.size()).stream().map(p -> p.getFileName().toString()).toList()));
        }
        MaccorRows rows = new MaccorRows(md);
        MaccorClock[] clock = new MaccorClock[1];
        BatchWriter out = null;
        LocalDate previousDate = null;
        for (int k = 0; k < files.size(); k++) {
            String file = files.get(k).toString();
            try (LineReader lines = TextFile.open(files.get(k), options.limits())) {
                MaccorPreamble pre = MaccorPreamble.read(lines, sep, file, options.limits().maxHeaderLines());
                if (pre.headers.length > options.limits().maxColumns()) {
                    throw InputException.atLine(file, pre.headerLine, "more than " + options.limits().maxColumns() + " columns");
                }
                if (k == 0) {
                    pre.putVendor(md);
                }
                LocalDate date = pre.dateOfTest().orElse(null);
                if (previousDate != null && date != null && date.isBefore(previousDate)) {
                    throw InputException.atLine(file, 1, "dated " + date + ", before the previous file (" + previousDate
                            + "): continuation files are out of order");
                }
                if (date != null) {
                    previousDate = date;
                }
                if (!nextNonBlank(lines)) {
                    throw InputException.atLine(file, pre.headerLine + 1, "no data rows after the header");
                }
                Fields first = new Fields();
                int n = first.split(lines.buffer(), lines.start, lines.end, (byte) sep);
                MaccorColumns cols = MaccorColumns.bind(file, pre.headerLine, pre.headers, first, n, () -> {
                    if (clock[0] == null) {
                        clock[0] = new MaccorClock(options.zoneForNaiveTimes(md));
                    }
                    return clock[0];
                }, md);
                if (sep == ',') {
                    for (int c = 0; c < cols.bindings.length; c++) {
                        if (cols.bindings[c] != null && cols.bindings[c] != cols.clock) {
                            cols.bindings[c] = grouped(cols.bindings[c]);
                        }
                    }
                }
                TableReader table = new TableReader(file, (byte) sep, false, cols.bindings, pre.headers, rows);
                Set<Quantity> produced = table.produces();
                if (out == null) {
                    out = new BatchWriter(produced, sink, md);
                } else if (!out.columns().equals(produced)) {
                    throw InputException.atLine(file, pre.headerLine, "continuation file has other columns than "
                            + files.get(0).getFileName());
                }
                rows.startFile(file, k, cols, date);
                table.readCurrentAndRest(lines, out, options.progress());
            } catch (IllegalStateException | IndexOutOfBoundsException | java.time.DateTimeException e) {
                throw new InputException(file, "content", "unreadable Maccor data ("
                        + (e instanceof java.time.DateTimeException ? "a date or time out of range" : "a malformed value or layout") + ")", e);
            }
        }
        out.finish();
    }

    /**
     * A number with thousands separators, quoted in a comma-separated file ({@code "1,499.8856"}): the commas go when
     * every group after one has three digits; anything else is refused by the number parser.
     */
    static tower.formats.text.Binding grouped(tower.formats.text.Binding b) {
        return new tower.formats.text.Binding() {
            private byte[] scratch = new byte[32];

            @Override
            public void parse(byte[] buf, int s, int e, tower.formats.text.Row row, tower.formats.text.Numbers numbers, boolean dc) {
                int comma = -1;
                for (int i = s; i < e; i++) {
                    if (buf[i] == ',') {
                        comma = i;
                        break;
                    }
                }
                if (comma < 0) {
                    b.parse(buf, s, e, row, numbers, dc);
                    return;
                }
                if (scratch.length < e - s) {
                    scratch = new byte[e - s];
                }
                int n = 0;
                int digitsSinceComma = -1;
                for (int i = s; i < e; i++) {
                    byte c = buf[i];
                    if (c == ',') {
                        if (digitsSinceComma >= 0 && digitsSinceComma != 3 || n == 0) {
                            throw new NumberFormatException("misplaced thousands separator");
                        }
                        digitsSinceComma = 0;
                        continue;
                    }
                    if (digitsSinceComma >= 0) {
                        if (c >= '0' && c <= '9') {
                            digitsSinceComma++;
                        } else {
                            if (digitsSinceComma != 3) {
                                throw new NumberFormatException("misplaced thousands separator");
                            }
                            digitsSinceComma = -1;
                        }
                    }
                    scratch[n++] = c;
                }
                if (digitsSinceComma >= 0 && digitsSinceComma != 3) {
                    throw new NumberFormatException("misplaced thousands separator");
                }
                b.parse(scratch, 0, n, row, numbers, dc);
            }

            @Override
            public Set<Quantity> produces() {
                return b.produces();
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

    /**
     * A Maccor file named {@code NAME.001} and the continuation files {@code NAME.002}, {@code NAME.003}, ... that
     * follow it without a gap and record the same original file name in their header (files of other channels
     * share the base name but not the recorded name).
     */
    static List<Path> companions(Path first, char sep) throws IOException {
        Matcher m = NUMBERED.matcher(first.getFileName().toString());
        if (!m.matches()) {
            return List.of(first);
        }
        Optional<String> recorded = recordedName(first, sep);
        if (recorded.isEmpty()) {
            return List.of(first);
        }
        List<Path> out = new ArrayList<>();
        out.add(first);
        int next = Integer.parseInt(m.group(2)) + 1;
        while (next <= 999) {
            Path p = first.resolveSibling(m.group(1) + "." + String.format("%03d", next));
            if (!Files.isRegularFile(p) || !recorded.equals(recordedName(p, sep))) {
                break;
            }
            out.add(p);
            next++;
        }
        return List.copyOf(out);
    }

    private static Optional<String> recordedName(Path p, char sep) {
        try (LineReader lines = TextFile.open(p, new Limits(1 << 16, 4096, MaccorPreamble.MAX_PREAMBLE, 1 << 16))) {
            return MaccorPreamble.read(lines, sep, p.toString(), MaccorPreamble.MAX_PREAMBLE).field(MaccorPreamble.FILENAME);
        } catch (IOException | InputException e) {
            return Optional.empty();
        }
    }
}
