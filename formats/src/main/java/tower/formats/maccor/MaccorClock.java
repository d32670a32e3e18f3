package tower.formats.maccor;

import tower.formats.text.Blanks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tower.core.series.Quantity;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.DateFormats;
import tower.formats.text.Numbers;
import tower.formats.text.Row;

/**
 * Maccor's {@code DPt Time}: a naive local date-time ({@code 10/21/2019 23:59:59}, {@code 23-Nov-23 3:56:11 PM}) or,
 * in some continuation files, only the time of day ({@code 16:05:31}). A full value becomes the row's epoch time;
 * a time of day goes to {@link Row#aux} (seconds since midnight) for {@link MaccorRows} to date. The clock keeps the
 * local date of the last row it dated, across files.
 */
final class MaccorClock implements Binding {
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("M/d/uuuu", Locale.US),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d-MMM-uu").toFormatter(Locale.US),
            DateTimeFormatter.ISO_LOCAL_DATE);
    private final ZoneId zone;
    private DateTimeFormatter format;
    private byte[] last = new byte[0];
    private long lastNanos;
    private LocalDate lastParsedDate;
    /** Local date of the latest dated row; null before the first. */
    LocalDate date;

    MaccorClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
        s = Blanks.skip(b, s, e);
        e = Blanks.trimEnd(b, s, e);
        if (s == e) {
            return;
        }
        boolean dated = false;
        for (int k = s; k < e; k++) {
            if (b[k] == '/' || b[k] == '-') {
                dated = true;
                break;
            }
        }
        if (!dated) {
            row.aux = timeOfDay(b, s, e, numbers, dc);
            return;
        }
        if (!Arrays.equals(b, s, e, last, 0, last.length)) {
            String text = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
            LocalDateTime t;
            if (text.indexOf(':') < 0) {
                // Windows date formatting drops the time at exactly midnight: "10/22/2019"
                t = midnight(text);
            } else {
                if (format == null) {
                    format = DateFormats.detect(text).orElseThrow(() -> new IllegalArgumentException("unrecognised date-time"));
                }
                t = LocalDateTime.parse(text, format);
            }
            Instant i = t.atZone(zone).toInstant();
            lastNanos = i.getEpochSecond() * 1_000_000_000L + i.getNano();
            lastParsedDate = t.toLocalDate();
            last = Arrays.copyOfRange(b, s, e);
        }
        row.setEpochNanos(lastNanos);
        date = lastParsedDate;
    }

    private static LocalDateTime midnight(String text) {
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text, f).atStartOfDay();
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        throw new IllegalArgumentException("unrecognised date");
    }

    /** Seconds since midnight of {@code H:mm:ss[.fff][ AM|PM]}. */
    private static double timeOfDay(byte[] b, int s, int e, Numbers numbers, boolean dc) {
        int half = 0;
        if (e - s > 2 && (b[e - 1] == 'M' || b[e - 1] == 'm')) {
            byte p = b[e - 2];
            half = p == 'P' || p == 'p' ? 2 : p == 'A' || p == 'a' ? 1 : 0;
            if (half == 0) {
                throw new IllegalArgumentException("not a time of day");
            }
            e -= 2;
        }
        double sec = Bindings.parseDuration(b, s, e, numbers, dc, Double.NaN);
        if (half != 0) {
            if (sec < 3600 || sec >= 13 * 3600) {
                throw new IllegalArgumentException("not a 12-hour time");
            }
            boolean twelve = sec >= 12 * 3600;
            sec += half == 2 ? (twelve ? 0 : 12 * 3600) : (twelve ? -12 * 3600 : 0);
        }
        if (!(sec >= 0 && sec < 86400)) {
            throw new IllegalArgumentException("not a time of day");
        }
        return sec;
    }

    /** Epoch nanoseconds of {@code secondsOfDay} on local date {@code d} in the clock's zone. */
    long at(LocalDate d, double secondsOfDay) {
        long nanos = Math.min(86_399_999_999_999L, Math.round(secondsOfDay * 1e9));
        Instant i = LocalDateTime.of(d, LocalTime.ofNanoOfDay(nanos)).atZone(zone).toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public Set<Quantity> produces() {
        return Set.of(Quantity.UNIX_TIME);
    }
}
