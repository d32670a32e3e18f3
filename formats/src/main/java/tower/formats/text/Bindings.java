package tower.formats.text;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.units.Unit;

/** The column bindings text readers are built from. */
public final class Bindings {
    private Bindings() {
    }

    /** A number in {@code unit}, converted to SI and multiplied by {@code sign} (−1 for discharge-positive files). */
    public static Binding number(Quantity q, Unit unit, double sign) {
        return new PlainNumber(q, unit.scale() * sign, unit.offset() * sign);
    }

    /**
     * A number column and nothing else: {@link TableReader} parses these in its own loop instead of calling through
     * the interface (a call site that sees three binding classes is not inlined, and most columns are these).
     */
    static final class PlainNumber implements Binding {
        final Quantity quantity;
        final double scale;
        final double offset;

        PlainNumber(Quantity quantity, double scale, double offset) {
            this.quantity = quantity;
            this.scale = scale;
            this.offset = offset;
        }

        @Override
        public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
            double v = numbers.parse(b, s, e, dc);
            row.values[quantity.ordinal()] = v * scale + offset;
        }

        @Override
        public Set<Quantity> produces() {
            return Set.of(quantity);
        }
    }

    /**
     * Like {@link #number(Quantity, Unit, double)}, but a value the vendor uses to mean "not measured" (e.g. a
     * resistance of exactly 0, a temperature below absolute zero from an open sensor) becomes NaN. The test sees
     * the value in SI units.
     */
    public static Binding number(Quantity q, Unit unit, double sign, java.util.function.DoublePredicate notMeasured) {
        double scale = unit.scale() * sign;
        double offset = unit.offset() * sign;
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                double v = numbers.parse(b, s, e, dc) * scale + offset;
                row.values[q.ordinal()] = notMeasured.test(v) ? Double.NaN : v;
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(q);
            }
        };
    }

    public static Binding number(Quantity q, Unit unit) {
        return number(q, unit, 1.0);
    }

    /** Unix time in seconds (UTC) as a number. */
    public static Binding epochSeconds() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                double v = numbers.parse(b, s, e, dc);
                if (!Double.isNaN(v)) {
                    row.epochNanos = Math.round(v * 1e9);
                }
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }

    /**
     * A local date-time text read with {@code formatter} in {@code zone} (the zone of naive timestamps). Repeated
     * dates are parsed once: only the text of a new value goes through the formatter.
     */
    public static Binding localDateTime(DateTimeFormatter formatter, ZoneId zone) {
        return new Binding() {
            private byte[] last = new byte[0];
            private long lastNanos;

            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                s = Blanks.skip(b, s, e);
                e = Blanks.trimEnd(b, s, e);
                if (s == e) {
                    return;
                }
                if (!java.util.Arrays.equals(b, s, e, last, 0, last.length)) {
                    String text = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
                    LocalDateTime t = LocalDateTime.parse(text, formatter);
                    var inst = t.atZone(zone).toInstant();
                    lastNanos = inst.getEpochSecond() * 1_000_000_000L + inst.getNano();
                    last = java.util.Arrays.copyOfRange(b, s, e);
                }
                row.epochNanos = lastNanos;
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }

    /**
     * A local date-time text in {@code zone} whose layout is chosen from the first non-empty value (one of
     * {@link DateFormats}); for files whose date rows come after other lines, so no value can be peeked at first.
     */
    public static Binding localDateTime(ZoneId zone) {
        return new Binding() {
            private Binding delegate;

            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                if (delegate == null) {
                    String text = new String(b, s, e - s, StandardCharsets.ISO_8859_1).strip();
                    if (text.isEmpty()) {
                        return;
                    }
                    delegate = localDateTime(DateFormats.detect(text).orElseThrow(
                            () -> new IllegalArgumentException("unrecognised date-time")), zone);
                }
                delegate.parse(b, s, e, row, numbers, dc);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }

    /** Days from 0000-01-00 to 1970-01-01 in MATLAB's datenum count. */
    public static final double DATENUM_UNIX_EPOCH = 719529.0;

    /**
     * A MATLAB datenum (days since year 0, fractional) of a local wall-clock time in {@code zone}, rounded to the
     * millisecond (a datenum written with 9-10 decimals resolves ~0.1 ms at best). The zone offset is looked up once
     * per local hour.
     */
    public static Binding matlabDatenum(ZoneId zone) {
        LocalClock clock = new LocalClock(zone);
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                double v = numbers.parse(b, s, e, dc);
                if (Double.isNaN(v)) {
                    return;
                }
                if (Double.isInfinite(v) || v < 0 || v > 3_000_000) {
                    throw new IllegalArgumentException("datenum out of range");
                }
                long localMs = Math.round((v - DATENUM_UNIX_EPOCH) * 86_400_000.0);
                row.epochNanos = clock.toEpochNanos(Math.floorDiv(localMs, 1000L),
                        (int) Math.floorMod(localMs, 1000L) * 1_000_000);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }

    /**
     * A local date-time written {@code yyyy-M-d H:mm[:ss[.f…]]} (space or {@code T} between date and time), optionally
     * followed by {@code AM}/{@code PM} (then the hour is 1-12), read from bytes without a formatter: the fast path for
     * the ISO-like layouts most exports use. Anything else is an error.
     */
    public static Binding isoLocalDateTime(ZoneId zone) {
        return new IsoDateTime(zone);
    }

    private static final class IsoDateTime implements Binding {
        private final LocalClock clock;
        private byte[] b;
        private int p;
        private int e;
        private int lastY = -1;
        private int lastM;
        private int lastD;
        private long lastDay;

        IsoDateTime(ZoneId zone) {
            this.clock = new LocalClock(zone);
        }

        @Override
        public void parse(byte[] bytes, int s, int end, Row row, Numbers numbers, boolean dc) {
            b = bytes;
            p = s;
            e = end;
            while (p < e && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            while (e > p && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                e--;
            }
            if (p == e) {
                return;
            }
            int y = digits(4, 4);
            expect('-');
            int mo = digits(1, 2);
            expect('-');
            int d = digits(1, 2);
            if (p >= e || (b[p] != ' ' && b[p] != 'T')) {
                throw new IllegalArgumentException("expected a time after the date");
            }
            p++;
            int h = digits(1, 2);
            expect(':');
            int mi = digits(2, 2);
            int sec = 0;
            int nano = 0;
            if (p < e && b[p] == ':') {
                p++;
                sec = digits(2, 2);
                if (p < e && b[p] == '.') {
                    p++;
                    int start = p;
                    int f = digits(1, 9);
                    for (int k = p - start; k < 9; k++) {
                        f *= 10;
                    }
                    nano = f;
                }
            }
            if (p < e) {
                if (b[p] == ' ') {
                    p++;
                }
                if (e - p != 2 || (b[p + 1] | 0x20) != 'm' || ((b[p] | 0x20) != 'a' && (b[p] | 0x20) != 'p')) {
                    throw new IllegalArgumentException("unexpected text after the time");
                }
                if (h < 1 || h > 12) {
                    throw new IllegalArgumentException("hour out of range");
                }
                h = h % 12 + ((b[p] | 0x20) == 'p' ? 12 : 0);
            }
            if (h > 23 || mi > 59 || sec > 59) {
                throw new IllegalArgumentException("time out of range");
            }
            if (y != lastY || mo != lastM || d != lastD) {
                lastDay = java.time.LocalDate.of(y, mo, d).toEpochDay(); // validates month and day
                lastY = y;
                lastM = mo;
                lastD = d;
            }
            row.epochNanos = clock.toEpochNanos(lastDay * 86400 + h * 3600L + mi * 60L + sec, nano);
        }

        private int digits(int min, int max) {
            int v = 0;
            int n = 0;
            while (p < e && n < max && b[p] >= '0' && b[p] <= '9') {
                v = v * 10 + (b[p] - '0');
                p++;
                n++;
            }
            if (n < min) {
                throw new IllegalArgumentException("expected a number");
            }
            return v;
        }

        private void expect(char c) {
            if (p >= e || b[p] != c) {
                throw new IllegalArgumentException("expected '" + c + "'");
            }
            p++;
        }

        @Override
        public Set<Quantity> produces() {
            return Set.of(Quantity.UNIX_TIME);
        }
    }

    /** A step type word (charge, discharge, rest, cc_charge, ...). */
    public static Binding stepType() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                String t = new String(b, s, e - s, StandardCharsets.ISO_8859_1).strip();
                StepType.parse(t).ifPresent(st -> row.stepType = st.ordinal());
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.STEP_TYPE);
            }
        };
    }

    /**
     * A duration written as {@code [Nd ]hh:mm:ss[.fff]} or {@code hh:mm:ss} or a plain number of seconds ×
     * {@code plainScale}, into {@code q} in seconds.
     */
    public static Binding duration(Quantity q, double plainScale) {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                row.values[q.ordinal()] = parseDuration(b, s, e, numbers, dc, plainScale);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(q);
            }
        };
    }

    /** The seconds in a duration text (see {@link #duration}); NaN for an empty field. */
    public static double parseDuration(byte[] b, int s, int e, Numbers numbers, boolean dc, double plainScale) {
        s = Blanks.skip(b, s, e);
        e = Blanks.trimEnd(b, s, e);
        if (s == e) {
            return Double.NaN;
        }
        int colon = -1;
        for (int k = s; k < e; k++) {
            if (b[k] == ':') {
                colon = k;
                break;
            }
        }
        if (colon < 0) {
            return numbers.parse(b, s, e, dc) * plainScale;
        }
        double days = 0;
        int p = s;
        for (int k = s; k < colon; k++) {
            if (b[k] == 'd' || b[k] == 'D' || b[k] == ' ' || b[k] == '.') {
                if (b[k] == '.' && k > s) {
                    // "1.02:03:04" (.NET style day separator)
                    days = Numbers.parseLong(b, s, k);
                    p = k + 1;
                    break;
                }
                if (b[k] != '.') {
                    days = Numbers.parseLong(b, s, k);
                    p = k + 1;
                    while (p < colon && (b[p] == ' ' || b[p] == 'd' || b[p] == 'D')) {
                        p++;
                    }
                    break;
                }
            }
        }
        double total = 0;
        int fieldStart = p;
        for (int k = p; k <= e; k++) {
            if (k == e || b[k] == ':') {
                double v = numbers.parse(b, fieldStart, k, dc);
                total = total * 60 + v;
                fieldStart = k + 1;
            }
        }
        return days * 86400 + total;
    }

    /** Keeps the first character of the field in {@link Row#code} (e.g. Maccor's C/D/R state). */
    public static Binding code() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                while (s < e && (b[s] == ' ' || b[s] == '\t')) {
                    s++;
                }
                row.code = s < e ? b[s] : 0;
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of();
            }
        };
    }
}
