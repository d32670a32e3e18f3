package tower.formats.text;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Converts local wall-clock seconds (seconds since 1970-01-01T00:00 local) to UTC epoch nanoseconds in one zone,
 * with the zone offset looked up once per local hour. Times in a DST gap or overlap go through
 * {@link LocalDateTime#atZone} like {@link Bindings#localDateTime}: a gap moves forward, an overlap takes the
 * earlier offset.
 */
public final class LocalClock {
    private final ZoneId zone;
    private final ZoneRules rules;
    private long hour = Long.MIN_VALUE;
    private long offsetSeconds;
    private boolean cacheable;

    public LocalClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    public long toEpochNanos(long localSeconds, int nanos) {
        long h = Math.floorDiv(localSeconds, 3600L);
        if (h != hour) {
            hour = h;
            LocalDateTime start = LocalDateTime.ofEpochSecond(h * 3600, 0, ZoneOffset.UTC);
            cacheable = rules.getValidOffsets(start).size() == 1 && rules.getValidOffsets(start.plusSeconds(3599)).size() == 1
                    && rules.getOffset(start).equals(rules.getOffset(start.plusSeconds(3599)));
            offsetSeconds = rules.getOffset(start).getTotalSeconds();
        }
        if (cacheable) {
            return (localSeconds - offsetSeconds) * 1_000_000_000L + nanos;
        }
        var i = LocalDateTime.ofEpochSecond(localSeconds, nanos, ZoneOffset.UTC).atZone(zone).toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
