package tower.formats.text;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The local date-time layouts cycler exports use, and a chooser that tries them on a sample value. */
public final class DateFormats {
    private DateFormats() {
    }

    private static DateTimeFormatter build(String datePart, String timePart) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern(datePart).appendPattern(timePart)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .optionalStart().appendPattern(" a").optionalEnd()
                .toFormatter(Locale.US);
    }

    public static final DateTimeFormatter ISO = build("yyyy-MM-dd[' ']['T']", "H:mm[:ss]");
    public static final DateTimeFormatter ISO_SLASH = build("yyyy/MM/dd[' ']", "H:mm[:ss]");
    public static final DateTimeFormatter US = build("M/d/yyyy[' ']", "H:mm[:ss]");
    public static final DateTimeFormatter US_12H = build("M/d/yyyy[' ']", "h:mm[:ss]");
    public static final DateTimeFormatter EUROPEAN_DOT = build("d.M.yyyy[' ']", "H:mm[:ss]");
    public static final DateTimeFormatter DAY_MONTH_NAME = build("d-MMM-yy[' ']", "h:mm[:ss]");

    private static final List<DateTimeFormatter> ALL = List.of(ISO, ISO_SLASH, US, US_12H, EUROPEAN_DOT, DAY_MONTH_NAME);

    /** The first layout that reads {@code sample}. */
    public static Optional<DateTimeFormatter> detect(String sample) {
        String s = sample.strip();
        boolean pm = s.toUpperCase(Locale.ROOT).endsWith("AM") || s.toUpperCase(Locale.ROOT).endsWith("PM");
        for (DateTimeFormatter f : ALL) {
            if (pm != (f == US_12H || f == DAY_MONTH_NAME)) {
                continue;
            }
            try {
                LocalDateTime.parse(s, f);
                return Optional.of(f);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        return Optional.empty();
    }
}
