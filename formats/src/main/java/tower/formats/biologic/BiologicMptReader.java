package tower.formats.biologic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.DateFormats;
import tower.formats.text.Fields;
import tower.formats.text.LineReader;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * BioLogic EC-Lab / BT-Lab text exports (.mpt, .txt): an optional header block ({@code EC-Lab ASCII FILE} or
 * {@code BT-Lab ASCII FILE}, then {@code Nb header lines : N}; the column names are line N) and a tab-separated
 * table. Files are windows-1252 (sometimes UTF-8); numbers follow the exporting PC's locale, so a comma in the first
 * data row means decimal commas throughout. {@code time/s} counts from {@code Acquisition started on}
 * ({@code MM/dd/yyyy HH:mm:ss.SSS}, local wall-clock time), which gives the Unix time; files without the header
 * have no Unix time. Column mapping: {@link BiologicTextTable}.
 */
public final class BiologicMptReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("biologic-mpt", "BioLogic",
            List.of(".mpt text export (with or without header)", ".txt export with header"),
            "first line 'EC-Lab ASCII FILE' or 'BT-Lab ASCII FILE'; or a tab-separated header with time/s, Ewe/V or "
                    + "Ecell/V, and I/mA or <I>/mA", "1");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        String first = probe.line(0).strip();
        if (isSignature(first)) {
            return 100;
        }
        String[] h = TextFile.splitHeader(probe.line(0), '\t');
        return h.length >= 3 && isTable(h) ? 85 : 0;
    }

    private static boolean isSignature(String line) {
        return line.equals("EC-Lab ASCII FILE") || line.equals("BT-Lab ASCII FILE");
    }

    static boolean isTable(String[] headers) {
        boolean time = false;
        boolean volt = false;
        boolean cur = false;
        boolean mode = false;
        for (String s : headers) {
            String h = s.strip();
            time |= h.equals("time/s");
            volt |= h.equals("Ewe/V") || h.equals("Ecell/V") || h.equals("<Ewe/V>") || h.equals("<Ewe>/V");
            cur |= h.equals("I/mA") || h.equals("<I>/mA") || h.equals("I/A") || h.equals("<I>/A");
            mode |= h.equals("mode");
        }
        // an open-circuit record has no current column, but its mode column says it is a rest
        return time && volt && (cur || mode);
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            if (!lines.next()) {
                throw InputException.atLine(file, 1, "empty file");
            }
            String line1 = TextFile.stripBom(BiologicTextTable.decode(lines.buffer(), lines.start, lines.end));
            if (line1.indexOf('\0') >= 0) {
                throw InputException.atLine(file, 1, "not 8-bit text (UTF-16?): export as ANSI/UTF-8 text");
            }
            long headerLine = 1;
            long startNanos = Batch.NO_TIME;
            String columns = line1;
            if (isSignature(line1.strip())) {
                md.putVendor("software", line1.strip().substring(0, 6));
                if (!lines.next()) {
                    throw InputException.atLine(file, 2, "file ends after the first line");
                }
                String line2 = BiologicTextTable.decode(lines.buffer(), lines.start, lines.end);
                headerLine = headerLines(file, line2, options);
                String acquisition = null;
                while (lines.lineNumber() < headerLine) {
                    if (!lines.next()) {
                        throw InputException.atLine(file, lines.lineNumber() + 1,
                                "file ends inside the header (Nb header lines : " + headerLine + ")");
                    }
                    String text = BiologicTextTable.decode(lines.buffer(), lines.start, lines.end);
                    if (lines.lineNumber() == headerLine) {
                        columns = text;
                        break;
                    }
                    if (lines.lineNumber() == 4 && !text.isBlank()) {
                        md.putVendor("technique", text.strip());
                    }
                    int colon = text.indexOf(" : ");
                    if (colon > 0) {
                        String key = text.substring(0, colon).strip();
                        String value = text.substring(colon + 3).strip();
                        switch (key) {
                            case "Acquisition started on" -> acquisition = value;
                            case "Run on channel", "Device", "Battery capacity", "Cycle Definition",
                                 "Loaded Setting File", "Mass of active material" ->
                                    md.putVendor(key.toLowerCase(Locale.ROOT).replace(' ', '_'), value);
                            default -> {
                            }
                        }
                    } else if (text.contains("for windows v")) {
                        md.putVendor("software_version", text.strip());
                    }
                }
                if (acquisition != null) {
                    startNanos = start(file, acquisition, options.zoneForNaiveTimes(md), md);
                }
            }
            String[] headers = TextFile.splitHeader(columns, '\t');
            if (headers.length > options.limits().maxColumns()) {
                throw InputException.atLine(file, headerLine, "more than " + options.limits().maxColumns() + " columns");
            }
            if (!lines.next()) {
                throw InputException.atLine(file, headerLine + 1, "no data rows after the header");
            }
            Fields first = new Fields();
            int n = first.split(lines.buffer(), lines.start, lines.end, (byte) '\t');
            boolean decimalComma = BiologicTextTable.hasComma(lines.buffer(), lines.start, lines.end);
            BiologicTextTable.Plan plan = BiologicTextTable.plan(file, headerLine, headers, first, n, startNanos,
                    () -> options.zoneForNaiveTimes(md));
            TableReader table = new TableReader(file, (byte) '\t', decimalComma, plan.bindings(), headers, plan.hook());
            plan.describe(md);
            BatchWriter out = new BatchWriter(plan.columns(), sink, md);
            table.readCurrentAndRest(lines, out, options.progress());
            out.finish();
        }
    }

    private static long headerLines(String file, String line2, ReadOptions options) {
        String t = line2.strip();
        if (!t.startsWith("Nb header lines")) {
            throw InputException.atLine(file, 2, "expected 'Nb header lines : N'");
        }
        int colon = t.indexOf(':');
        try {
            long n = Long.parseLong(t.substring(colon + 1).strip());
            if (n < 3 || n > options.limits().maxHeaderLines()) {
                throw InputException.atLine(file, 2, "implausible header length " + n);
            }
            return n;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw InputException.atLine(file, 2, "cannot read the number of header lines in '" + t + "'");
        }
    }

    private static long start(String file, String text, ZoneId zone, TestMetadata md) {
        var fmt = DateFormats.detect(text).orElseThrow(() -> new InputException(file, "header",
                "unrecognised 'Acquisition started on' date '" + text + "'"));
        try {
            var instant = LocalDateTime.parse(text, fmt).atZone(zone).toInstant();
            md.setStartTime(instant);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (DateTimeParseException e) {
            throw new InputException(file, "header", "unrecognised 'Acquisition started on' date '" + text + "'");
        }
    }
}
