package tower.formats.maccor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tower.core.ingest.InputException;
import tower.core.series.TestMetadata;
import tower.formats.text.Header;
import tower.formats.text.LineReader;
import tower.formats.text.TextFile;

/**
 * The lines before a Maccor table: the vendor fields ({@code Today's Date}, {@code Date of Test}, {@code Filename},
 * {@code Procedure}, {@code Comment/Barcode}, ...) and the column header that starts with {@code Rec#} or {@code Rec}.
 * Maccor writes the fields either run together on one line or as tab/comma separated key/value pairs over
 * several lines; both are read by locating the known keys in the text.
 */
final class MaccorPreamble {
    static final String DATE_OF_TEST = "Date of Test";
    static final String FILENAME = "Filename";
    private static final String[] KEYS = {"Today's Date", DATE_OF_TEST, FILENAME, "Procedure", "Comment/Barcode",
            "Tester Channel", "Description"};
    /** Most lines searched for the header. */
    static final int MAX_PREAMBLE = 40;
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern NAMED_MONTH = Pattern.compile("(\\d{1,2})[ -]([A-Za-z]{3,9})[ -]+(\\d{4}|\\d{2})\\b");
    private static final Pattern CHANNEL_EXT = Pattern.compile("\\.(\\d{3})$");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    final Map<String, String> fields;
    final String[] headers;
    final long headerLine;

    private MaccorPreamble(Map<String, String> fields, String[] headers, long headerLine) {
        this.fields = fields;
        this.headers = headers;
        this.headerLine = headerLine;
    }

    /** Reads up to and including the header line (the reader is left on it). */
    static MaccorPreamble read(LineReader lines, char sep, String file, int maxLines) throws IOException {
        List<String> meta = new ArrayList<>();
        int limit = Math.min(maxLines, MAX_PREAMBLE);
        while (lines.next()) {
            String text = TextFile.stripBom(decode(lines.buffer(), lines.start, lines.end));
            String[] f = TextFile.splitHeader(text, sep);
            if (isHeader(f)) {
                return new MaccorPreamble(fields(meta), f, lines.lineNumber());
            }
            if (lines.lineNumber() >= limit) {
                break;
            }
            meta.add(text);
        }
        throw InputException.atLine(file, lines.lineNumber(), "no Maccor column header (a line starting 'Rec#', 'Rec' or 'Cycle C') in the first "
                + limit + " lines");
    }

    static boolean isHeader(String[] f) {
        if (f.length < 4) {
            return false;
        }
        String k = Header.key(f[0]);
        if (k.equals("rec#") || k.equals("rec")) {
            return true;
        }
        // exports without the record column start with the cycle: "Cycle C,Step,Test Time (sec),...,DPT Time"
        return (k.equals("cyclec") || k.equals("cyc#")) && TextFile.indexOf(f, "Step") >= 0
                && TextFile.indexOf(f, "DPT Time", "DPt Time") >= 0;
    }

    /**
     * The 0-based index of the Maccor header among {@code lines} (a probe's head), or -1: a line starting with
     * Rec#/Rec that also names a cycle, current and voltage column.
     */
    static int headerIndex(List<String> lines, char sep) {
        for (int i = 0; i < Math.min(lines.size(), MAX_PREAMBLE); i++) {
            String[] f = TextFile.splitHeader(TextFile.stripBom(lines.get(i)), sep);
            if (isHeader(f)) {
                boolean cycle = TextFile.indexOf(f, "Cyc#", "Cycle C", "Cycle") >= 0;
                boolean current = TextFile.indexOf(f, "Amps", "Current") >= 0;
                boolean voltage = TextFile.indexOf(f, "Volts", "Voltage") >= 0;
                return cycle && current && voltage ? i : -1;
            }
        }
        return -1;
    }

    static Map<String, String> fields(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            int[] at = new int[KEYS.length];
            for (int k = 0; k < KEYS.length; k++) {
                at[k] = lower.indexOf(KEYS[k].toLowerCase(Locale.ROOT));
            }
            for (int k = 0; k < KEYS.length; k++) {
                if (at[k] < 0) {
                    continue;
                }
                int start = at[k] + KEYS[k].length();
                int end = line.length();
                for (int j = 0; j < KEYS.length; j++) {
                    if (j != k && at[j] >= start && at[j] < end) {
                        end = at[j];
                    }
                }
                String v = trim(line.substring(start, end));
                if (!v.isEmpty()) {
                    out.putIfAbsent(KEYS[k], v);
                }
            }
        }
        return out;
    }

    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ':' || s.charAt(a) == ',' || Character.isWhitespace(s.charAt(a)))) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ',' || Character.isWhitespace(s.charAt(b - 1)))) {
            b--;
        }
        return s.substring(a, b);
    }

    Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** The date part of {@code Date of Test} ({@code 10/10/2019}, {@code 11 December 2020, ...}, {@code 23-Nov-23 ...}). */
    Optional<LocalDate> dateOfTest() {
        return field(DATE_OF_TEST).flatMap(MaccorPreamble::parseDate);
    }

    static Optional<LocalDate> parseDate(String v) {
        try {
            Matcher m = US_DATE.matcher(v);
            if (m.find()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2))));
            }
            m = NAMED_MONTH.matcher(v);
            if (m.find()) {
                int month = month(m.group(2));
                int year = Integer.parseInt(m.group(3));
                if (month > 0) {
                    return Optional.of(LocalDate.of(year < 100 ? 2000 + year : year, month, Integer.parseInt(m.group(1))));
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            // not a date: the caller treats it as unknown
        }
        return Optional.empty();
    }

    private static int month(String name) {
        String[] months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        String p = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (int i = 0; i < months.length; i++) {
            if (months[i].equals(p)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The channel: {@code Tester Channel}, else the three-digit extension of the recorded file name. */
    Optional<String> channel() {
        Optional<String> c = field("Tester Channel");
        if (c.isPresent()) {
            return c;
        }
        return field(FILENAME).flatMap(f -> {
            Matcher m = CHANNEL_EXT.matcher(f.strip());
            return m.find() ? Optional.of(String.valueOf(Integer.parseInt(m.group(1)))) : Optional.empty();
        });
    }

    void putVendor(TestMetadata md) {
        field(DATE_OF_TEST).ifPresent(v -> md.putVendor("date_of_test", v));
        field(FILENAME).ifPresent(v -> md.putVendor("recorded_file_name", v));
        field("Procedure").ifPresent(v -> md.putVendor("procedure", v));
        field("Comment/Barcode").ifPresent(v -> md.putVendor("barcode", v));
        field("Description").ifPresent(v -> md.putVendor("description", v));
        channel().ifPresent(v -> md.putVendor("channel", v));
    }

    /** Metadata lines are UTF-8 where valid, else windows-1252 (Maccor writes ANSI text). */
    static String decode(byte[] b, int s, int e) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            return new String(b, s, e - s, WINDOWS_1252);
        }
    }
}
