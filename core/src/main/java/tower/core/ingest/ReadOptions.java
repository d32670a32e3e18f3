package tower.core.ingest;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import tower.core.series.TestMetadata;

/**
 * How to read a file.
 *
 * @param timezone        zone of naive (local wall-clock) timestamps, from {@code --timezone} or the store default
 * @param timezoneSource  where the zone came from ({@code option}, {@code store}, {@code none}), for the record
 * @param limits          bounds against hostile input
 * @param progress        told the bytes read so far, now and then
 * @param columns         the columns the caller needs (empty = all); a reader may skip parsing the others, as a
 *                        database pushes a projection down to its scan. Readers may still deliver more.
 * @param parsePool       shared parsing threads for block-parallel readers; empty = a reader makes its own
 */
public record ReadOptions(Optional<ZoneId> timezone, String timezoneSource, Limits limits, Progress progress,
                          java.util.Set<tower.core.series.Quantity> columns, Optional<ParsePool> parsePool) {
    public ReadOptions(Optional<ZoneId> timezone, String timezoneSource, Limits limits, Progress progress,
                       java.util.Set<tower.core.series.Quantity> columns) {
        this(timezone, timezoneSource, limits, progress, columns, Optional.empty());
    }

    public static final ReadOptions DEFAULT = new ReadOptions(Optional.empty(), "none", Limits.DEFAULT, Progress.NONE);

    public ReadOptions(Optional<ZoneId> timezone, String timezoneSource, Limits limits) {
        this(timezone, timezoneSource, limits, Progress.NONE);
    }

    public ReadOptions(Optional<ZoneId> timezone, String timezoneSource, Limits limits, Progress progress) {
        this(timezone, timezoneSource, limits, progress, java.util.Set.of());
    }

    public ReadOptions withColumns(java.util.Set<tower.core.series.Quantity> wanted) {
        return new ReadOptions(timezone, timezoneSource, limits, progress, java.util.Set.copyOf(wanted), parsePool);
    }

    public static ReadOptions withTimezone(ZoneId zone) {
        return new ReadOptions(Optional.of(zone), "option", Limits.DEFAULT, Progress.NONE);
    }

    public ReadOptions withProgress(Progress p) {
        return new ReadOptions(timezone, timezoneSource, limits, p, columns, parsePool);
    }

    public ReadOptions withParsePool(ParsePool pool) {
        return new ReadOptions(timezone, timezoneSource, limits, progress, columns, Optional.of(pool));
    }

    /**
     * The zone to read naive timestamps in. When none was given, UTC is used and the test is flagged
     * {@code timezone_assumed} with a warning: never silently.
     */
    public ZoneId zoneForNaiveTimes(TestMetadata metadata) {
        if (timezone.isPresent()) {
            metadata.setTimezone(timezone.get());
            return timezone.get();
        }
        if (!metadata.timezoneAssumed()) {
            metadata.setTimezoneAssumed(true);
            metadata.setTimezone(ZoneOffset.UTC);
            metadata.warn("file has local wall-clock timestamps and no --timezone was given: UTC assumed");
        }
        return ZoneOffset.UTC;
    }
}
