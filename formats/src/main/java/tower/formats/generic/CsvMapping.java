package tower.formats.generic;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import tower.core.ingest.InputException;
import tower.core.series.Quantity;
import tower.core.units.Dimension;
import tower.core.units.Unit;
import tower.core.units.Units;
import tower.formats.bdf.BdfCsvReader;
import tower.formats.text.Header;

/**
 * How to read one delimited text layout, from a {@code .properties} mapping file:
 * <pre>
 * separator = ,                 # one character, or tab / comma / semicolon / space / pipe
 * decimal = .                   # or , for decimal commas
 * header.line = 1               # 1-based line of the column names; 0 = no header (columns named #1, #2, ...)
 * data.line = 2                 # first data line (default: the line after the header)
 * encoding = UTF-8              # an ASCII-compatible charset
 * current.sign = charge-positive   # or discharge-positive
 * datetime.pattern = yyyy-MM-dd HH:mm:ss   # for a 'Unix Time / datetime' column (java.time pattern)
 * timezone = Europe/Berlin      # zone of naive date-times (else --timezone, else UTC with a flag)
 * column.1 = Time_s -> Test Time / s
 * column.2 = Current (mA) -> Current / mA
 * </pre>
 * A column line names the file's column (its header text, or {@code #n} for the n-th column) and the canonical BDF
 * quantity with the unit the file uses. Time units: {@code s ms min h d} or {@code hh:mm:ss}; Unix Time: {@code s},
 * {@code ms}, {@code datenum} (MATLAB days) or {@code datetime}; {@code Step Type} takes words (charge, rest, ...).
 *
 * @param columns the mapped columns, in file order of their keys
 */
public record CsvMapping(String name, char separator, boolean decimalComma, int headerLine, int dataLine,
                         Charset charset, double currentSign, Optional<String> datetimePattern,
                         Optional<ZoneId> timezone, List<Column> columns) {

    /** Time and clock units that are not linear units. */
    public static final String HMS = "hh:mm:ss";
    public static final String DATENUM = "datenum";
    public static final String DATETIME = "datetime";

    /**
     * One mapped column.
     *
     * @param key      the mapping key, for error messages
     * @param source   the header text, or {@code #n} (1-based position)
     * @param quantity the canonical column
     * @param unit     the unit as written ({@code mA}, {@code h}, {@code hh:mm:ss}, {@code datetime}, ...)
     */
    public record Column(String key, String source, Quantity quantity, String unit) {
        /** The 0-based position for a {@code #n} source, or -1. */
        public int position() {
            if (source.startsWith("#")) {
                try {
                    return Integer.parseInt(source.substring(1).strip()) - 1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            return -1;
        }
    }

    private static final Set<String> KEYS = Set.of("separator", "decimal", "header.line", "data.line", "encoding",
            "current.sign", "datetime.pattern", "timezone");

    public static CsvMapping load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), "mapping", "no such mapping file");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), "mapping", "not a valid .properties file: " + e.getMessage());
        }
        return parse(p, file.toString());
    }

    public static CsvMapping parse(Properties p, String name) {
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k) && !k.startsWith("column.")) {
                throw where(name, k, "unknown key (known: " + new TreeSet<>(KEYS) + ", column.N)");
            }
        }
        char sep = separator(name, p.getProperty("separator", ","));
        String dec = p.getProperty("decimal", ".").strip();
        if (!dec.equals(".") && !dec.equals(",")) {
            throw where(name, "decimal", "must be . or , (was '" + dec + "')");
        }
        boolean decimalComma = dec.equals(",");
        if (decimalComma && sep == ',') {
            throw where(name, "decimal", "a decimal comma needs a separator other than ','");
        }
        if (sep == '.' || sep == '-' || sep == '+' || Character.isLetterOrDigit(sep)) {
            throw where(name, "separator", "'" + sep + "' cannot separate numbers");
        }
        int header = integer(name, p, "header.line", 1, 0);
        int data = integer(name, p, "data.line", header + 1, header + 1);
        Charset cs;
        String enc = p.getProperty("encoding", "UTF-8").strip();
        try {
            cs = Charset.forName(enc);
        } catch (IllegalArgumentException e) {
            throw where(name, "encoding", "unknown charset '" + enc + "'");
        }
        String probe = "0123456789.,;\t -+eE";
        if (!Arrays.equals(probe.getBytes(cs), probe.getBytes(StandardCharsets.US_ASCII))) {
            throw where(name, "encoding", "'" + enc + "' is not ASCII-compatible (UTF-16/32 files are not supported)");
        }
        String sign = p.getProperty("current.sign", "charge-positive").strip().toLowerCase(Locale.ROOT);
        double currentSign = switch (sign) {
            case "charge-positive" -> 1.0;
            case "discharge-positive" -> -1.0;
            default -> throw where(name, "current.sign", "must be charge-positive or discharge-positive (was '" + sign + "')");
        };
        Optional<String> pattern = Optional.ofNullable(p.getProperty("datetime.pattern")).map(String::strip);
        if (pattern.isPresent()) {
            try {
                new DateTimeFormatterBuilder().appendPattern(pattern.get());
            } catch (IllegalArgumentException e) {
                throw where(name, "datetime.pattern", "invalid pattern: " + e.getMessage());
            }
        }
        Optional<ZoneId> zone = Optional.empty();
        if (p.getProperty("timezone") != null) {
            try {
                zone = Optional.of(ZoneId.of(p.getProperty("timezone").strip()));
            } catch (DateTimeException e) {
                throw where(name, "timezone", "unknown zone '" + p.getProperty("timezone").strip() + "'");
            }
        }
        List<String> keys = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("column.")) {
                keys.add(k);
            }
        }
        keys.sort((a, b) -> {
            String sa = a.substring(7);
            String sb = b.substring(7);
            boolean na = sa.matches("\\d{1,9}");
            boolean nb = sb.matches("\\d{1,9}");
            return na && nb ? Integer.compare(Integer.parseInt(sa), Integer.parseInt(sb)) : a.compareTo(b);
        });
        List<Column> columns = new ArrayList<>();
        EnumSet<Quantity> seen = EnumSet.noneOf(Quantity.class);
        for (String k : keys) {
            Column c = column(name, k, p.getProperty(k));
            if (!seen.add(c.quantity())) {
                throw where(name, k, "'" + c.quantity().label() + "' is mapped twice");
            }
            if (header == 0 && c.position() < 0) {
                throw where(name, k, "header.line = 0: name columns by position, e.g. #3");
            }
            if (c.quantity() == Quantity.UNIX_TIME && c.unit().equals(DATETIME) && pattern.isEmpty()) {
                throw where(name, k, "a 'datetime' column needs datetime.pattern");
            }
            columns.add(c);
        }
        if (!seen.contains(Quantity.VOLTAGE) || !seen.contains(Quantity.CURRENT)
                || !(seen.contains(Quantity.TEST_TIME) || seen.contains(Quantity.UNIX_TIME))) {
            throw where(name, "column.*", "map at least Voltage, Current and Test Time (or Unix Time)");
        }
        return new CsvMapping(name, sep, decimalComma, header, data, cs, currentSign, pattern, zone, List.copyOf(columns));
    }

    /** True when {@link #datetimePattern()} reads a zone or offset itself (X, x, Z, O, V, z outside quotes). */
    public boolean patternHasZone() {
        String pat = datetimePattern().orElse("");
        boolean quoted = false;
        for (int i = 0; i < pat.length(); i++) {
            char c = pat.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && "XxZOVz".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The formatter for {@link #datetimePattern()}. */
    public DateTimeFormatter formatter() {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(datetimePattern().orElseThrow())
                .toFormatter(Locale.ROOT);
    }

    private static Column column(String name, String key, String value) {
        int arrow = value.lastIndexOf("->");
        if (arrow <= 0) {
            throw where(name, key, "expected 'file column -> Quantity / unit' (was '" + value.strip() + "')");
        }
        String source = value.substring(0, arrow).strip();
        String target = value.substring(arrow + 2).strip();
        int slash = target.lastIndexOf('/');
        String qname = (slash < 0 ? target : target.substring(0, slash)).strip();
        String unit = slash < 0 ? "" : target.substring(slash + 1).strip();
        if (source.isEmpty()) {
            throw where(name, key, "no file column before '->'");
        }
        Quantity q = quantity(qname).orElseThrow(() -> where(name, key, "unknown quantity '" + qname
                + "' (use a BDF label such as Test Time, Voltage, Current, Cycle Count, Temperature T1)"));
        switch (q.kind()) {
            case STEP_TYPE -> {
                if (!unit.isEmpty()) {
                    throw where(name, key, "Step Type takes no unit");
                }
            }
            case EPOCH -> {
                if (!List.of("s", "ms", DATENUM, DATETIME).contains(unit)) {
                    throw where(name, key, "Unix Time unit must be s, ms, datenum or datetime (was '" + unit + "')");
                }
            }
            default -> {
                if (q == Quantity.TEST_TIME || q == Quantity.STEP_TIME) {
                    if (unit.equalsIgnoreCase(HMS)) {
                        break;
                    }
                }
                Dimension dim = BdfCsvReader.dimensionOf(q);
                String u = unit.isEmpty() && dim == Dimension.DIMENSIONLESS ? "1" : unit;
                Optional<Unit> parsed = Units.parse(u, dim);
                if (parsed.isEmpty()) {
                    throw where(name, key, "unknown " + dim.name().toLowerCase(Locale.ROOT) + " unit '" + unit + "'");
                }
            }
        }
        return new Column(key, source, q, unit);
    }

    /** A BDF label name, with or without its unit ({@code Current}, {@code Current / A}). */
    static Optional<Quantity> quantity(String name) {
        String k = Header.key(name);
        for (Quantity q : Quantity.values()) {
            if (Header.key(Header.parse(q.label()).name()).equals(k) || Header.key(q.label()).equals(k)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    private static char separator(String name, String raw) {
        if (raw.length() == 1 && raw.charAt(0) < 128 && raw.charAt(0) != '"') {
            return raw.charAt(0); // also a tab or space written as an escape (\t, "\ ")
        }
        String s = raw.strip();
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "space" -> ' ';
            case "pipe" -> '|';
            default -> {
                if (s.length() == 1 && s.charAt(0) < 128 && s.charAt(0) != '"') {
                    yield s.charAt(0);
                }
                throw where(name, "separator", "must be one ASCII character or tab/comma/semicolon/space/pipe (was '" + s + "')");
            }
        };
    }

    private static int integer(String name, Properties p, String key, int dflt, int min) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i < min) {
                throw where(name, key, "must be at least " + min);
            }
            return i;
        } catch (NumberFormatException e) {
            throw where(name, key, "not a whole number: '" + v.strip() + "'");
        }
    }

    private static InputException where(String name, String key, String reason) {
        return new InputException(name, "key " + key, reason);
    }
}
