package tower.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;

/**
 * One stored test as listed by the store.
 *
 * @param testId          {@code t-} and the first 12 hex digits of {@code contentHash}
 * @param fileName        source file name given at ingest
 * @param contentHash     SHA-256 of the source bytes
 * @param format          reader id (e.g. {@code arbin-csv})
 * @param readerVersion   version of the reader that produced the samples
 * @param cellId          the cell, when given
 * @param timezone        zone the file's naive timestamps were read in, when it had any
 * @param timezoneAssumed true when no zone was given and UTC was assumed
 * @param rows            number of samples
 * @param cycles          number of rows of the per-cycle summary
 * @param startTime       start of the test (the file's, else its first Unix time), when known
 * @param ingestedAt      when it was stored (UTC, microsecond precision)
 * @param columns         the canonical columns the test has (after normalisation)
 * @param cycleRule       the cycle rule that numbered the summary ({@code vendor}, {@code charge_first}, …)
 * @param vendor          vendor header fields
 * @param warnings        reader and normaliser warnings
 * @param flags           test-level flags such as {@code timezone_assumed}, {@code time_mismatch}
 * @param labels          what the user said about the cell (nominal capacity, chemistry, active mass, tags)
 */
public record StoredTest(String testId, String fileName, String contentHash, String format, String readerVersion,
                         Optional<String> cellId, Optional<ZoneId> timezone, boolean timezoneAssumed, long rows,
                         long cycles, Optional<Instant> startTime, Instant ingestedAt, Set<Quantity> columns,
                         String cycleRule, Map<String, String> vendor, List<String> warnings, Set<String> flags,
                         TestLabels labels) {

    /** A test without labels. */
    public StoredTest(String testId, String fileName, String contentHash, String format, String readerVersion,
                      Optional<String> cellId, Optional<ZoneId> timezone, boolean timezoneAssumed, long rows,
                      long cycles, Optional<Instant> startTime, Instant ingestedAt, Set<Quantity> columns,
                      String cycleRule, Map<String, String> vendor, List<String> warnings, Set<String> flags) {
        this(testId, fileName, contentHash, format, readerVersion, cellId, timezone, timezoneAssumed, rows, cycles,
                startTime, ingestedAt, columns, cycleRule, vendor, warnings, flags, TestLabels.NONE);
    }

    /** A fresh {@link TestMetadata} equal to what the reader reported, for replaying the test. */
    public TestMetadata metadata() {
        TestMetadata md = new TestMetadata().setSourceName(fileName).setFormat(format).setReaderVersion(readerVersion)
                .setRows(rows);
        startTime.ifPresent(md::setStartTime);
        timezone.ifPresent(md::setTimezone);
        md.setTimezoneAssumed(timezoneAssumed);
        vendor.forEach(md::putVendor);
        warnings.forEach(md::warn);
        flags.forEach(md::flag);
        return md;
    }
}
