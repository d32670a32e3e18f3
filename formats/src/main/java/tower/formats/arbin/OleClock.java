package tower.formats.arbin;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Converts OLE Automation dates (days since 1899-12-30, local wall-clock time, as Arbin stores {@code DateTime} and
 * {@code Start_DateTime}) to UTC epoch nanoseconds in a given zone. The zone offset is looked up once per local
 * minute (offsets change only on whole minutes), so a stream of samples allocates almost nothing.
 */
final class OleClock {
    /** OLE day number of 1970-01-01. */
    static final double UNIX_EPOCH_DAYS = 25569.0;
    /** Accepted range: 1970-01-01 up to 2200-01-01; a cycler record outside it is not a date. */
    static final double MIN_DAYS = UNIX_EPOCH_DAYS;
    static final double MAX_DAYS = 109575.0;

    private final ZoneId zone;
    private long cachedMinute = Long.MIN_VALUE;
    private long cachedOffsetS;

    OleClock(ZoneId zone) {
        this.zone = zone;
    }

    static boolean inRange(double days) {
        return days >= MIN_DAYS && days < MAX_DAYS;
    }

    /**
     * UTC epoch nanoseconds of a local OLE date, rounded to the microsecond (a double day number near 4e4 resolves
     * about 0.6 µs, so finer digits are noise). The caller checks {@link #inRange} first.
     */
    long toEpochNanos(double days) {
        long localMicros = Math.round((days - UNIX_EPOCH_DAYS) * 86_400_000_000.0);
        long minute = Math.floorDiv(localMicros, 60_000_000L);
        if (minute != cachedMinute) {
            long localS = minute * 60;
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(localS, 0, ZoneOffset.UTC);
            // java.time's rule for gaps and overlaps: a gap moves forward, an overlap takes the earlier offset
            cachedOffsetS = localS - ldt.atZone(zone).toEpochSecond();
            cachedMinute = minute;
        }
        return (localMicros - cachedOffsetS * 1_000_000L) * 1000L;
    }
}
