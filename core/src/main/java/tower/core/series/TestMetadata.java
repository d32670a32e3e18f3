package tower.core.series;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a reader learned about a test besides its samples: source, format, start time, time zone, vendor fields,
 * warnings and flags. Filled while reading (one thread), then read by sinks and the store.
 */
public final class TestMetadata {
    private String sourceName = "";
    private String sourcePath = "";
    private String format = "";
    private String readerVersion = "1";
    private Instant startTime;
    private ZoneId timezone;
    private boolean timezoneAssumed;
    private long rows;
    private final Map<String, String> vendor = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> flags = new LinkedHashSet<>();

    public String sourceName() {
        return sourceName;
    }

    public TestMetadata setSourceName(String sourceName) {
        this.sourceName = sourceName;
        return this;
    }

    /** The path the file was read from, as given (for error messages; not stored); empty when unknown. */
    public String sourcePath() {
        return sourcePath;
    }

    public TestMetadata setSourcePath(String sourcePath) {
        this.sourcePath = sourcePath;
        return this;
    }

    public String format() {
        return format;
    }

    public TestMetadata setFormat(String format) {
        this.format = format;
        return this;
    }

    public String readerVersion() {
        return readerVersion;
    }

    public TestMetadata setReaderVersion(String readerVersion) {
        this.readerVersion = readerVersion;
        return this;
    }

    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public TestMetadata setStartTime(Instant startTime) {
        this.startTime = startTime;
        return this;
    }

    /** The zone naive vendor timestamps were read in, when the file had any. */
    public Optional<ZoneId> timezone() {
        return Optional.ofNullable(timezone);
    }

    public TestMetadata setTimezone(ZoneId timezone) {
        this.timezone = timezone;
        return this;
    }

    /** True when the file had naive timestamps and no zone was given, so UTC was assumed. */
    public boolean timezoneAssumed() {
        return timezoneAssumed;
    }

    public TestMetadata setTimezoneAssumed(boolean assumed) {
        this.timezoneAssumed = assumed;
        if (assumed) {
            flags.add("timezone_assumed");
        } else {
            flags.remove("timezone_assumed");
        }
        return this;
    }

    public long rows() {
        return rows;
    }

    public TestMetadata setRows(long rows) {
        this.rows = rows;
        return this;
    }

    /** Vendor header fields (schedule, channel, barcode, ...), as text. */
    public Map<String, String> vendor() {
        return Collections.unmodifiableMap(vendor);
    }

    public TestMetadata putVendor(String key, String value) {
        if (value != null && !value.isBlank()) {
            vendor.put(key, value.trim());
        }
        return this;
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Adds a warning (made safe to print: see {@link tower.core.ingest.SafeText}); duplicates are kept once. */
    public TestMetadata warn(String text) {
        String warning = tower.core.ingest.SafeText.warning(text);
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
        return this;
    }

    public Set<String> flags() {
        return Collections.unmodifiableSet(flags);
    }

    public TestMetadata flag(String flag) {
        flags.add(flag);
        return this;
    }
}
