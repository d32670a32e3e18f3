package tower.pipeline.read;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tower.core.cycling.CyclingOptions;
import tower.core.series.Quantity;
import tower.formats.generic.StepLabels;

/**
 * What a caller asks of a read.
 *
 * @param format       reader id; detected from the content when empty
 * @param mapping      mapping file for {@code generic-csv}
 * @param timezone     zone of the file's naive timestamps, given by the user
 * @param storeZone    the store's default zone, used when {@code timezone} is empty
 * @param cycling      cycle numbering and summary options
 * @param columns      columns the caller needs (empty = all), pushed down to the reader
 * @param stepLabels   a column of step labels and their step types, for {@code generic-csv}
 */
public record ReadSpec(Optional<String> format, Optional<Path> mapping, Optional<ZoneId> timezone,
                       Optional<ZoneId> storeZone, CyclingOptions cycling, Set<Quantity> columns,
                       Optional<StepLabels> stepLabels) {
    public ReadSpec {
        Objects.requireNonNull(format);
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(timezone);
        Objects.requireNonNull(storeZone);
        Objects.requireNonNull(cycling);
        columns = Set.copyOf(columns);
        Objects.requireNonNull(stepLabels);
    }

    public static final ReadSpec DEFAULT = new ReadSpec(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), CyclingOptions.DEFAULT, Set.of(), Optional.empty());

    public ReadSpec withFormat(Optional<String> f) {
        return new ReadSpec(f, mapping, timezone, storeZone, cycling, columns, stepLabels);
    }

    public ReadSpec withMapping(Optional<Path> m) {
        return new ReadSpec(format, m, timezone, storeZone, cycling, columns, stepLabels);
    }

    public ReadSpec withTimezone(Optional<ZoneId> z) {
        return new ReadSpec(format, mapping, z, storeZone, cycling, columns, stepLabels);
    }

    public ReadSpec withStoreZone(Optional<ZoneId> z) {
        return new ReadSpec(format, mapping, timezone, z, cycling, columns, stepLabels);
    }

    public ReadSpec withCycling(CyclingOptions c) {
        return new ReadSpec(format, mapping, timezone, storeZone, c, columns, stepLabels);
    }

    public ReadSpec withStepLabels(Optional<StepLabels> l) {
        return new ReadSpec(format, mapping, timezone, storeZone, cycling, columns, l);
    }

    public ReadSpec withColumns(Set<Quantity> c) {
        return new ReadSpec(format, mapping, timezone, storeZone, cycling, c, stepLabels);
    }
}
