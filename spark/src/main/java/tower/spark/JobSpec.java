package tower.spark;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tower.core.analysis.CapacityReference;
import tower.core.analysis.EarlyLifeOptions;
import tower.core.analysis.FadeOptions;
import tower.core.cycling.CeConvention;
import tower.core.cycling.CycleRule;
import tower.core.cycling.CyclingOptions;
import tower.core.ingest.Limits;
import tower.core.ingest.Progress;
import tower.core.ingest.ReadOptions;

/**
 * What the fleet job is asked to do, in a form that travels to the executors (the core's option records are not
 * serialisable, so they are rebuilt from these values where they are used).
 *
 * @param inputs       dataset directories, BDF Parquet files or folders, or folders of raw cycler files (any Hadoop URI)
 * @param output       the output directory (any Hadoop URI)
 * @param timezone     IANA zone of naive vendor timestamps; blank = none given (readers flag {@code timezone_assumed})
 * @param cycleRule    as {@code tower --cycle-rule}
 * @param ceConvention as {@code tower --ce-convention}
 * @param reference    SOH reference, as {@code tower analyze --reference}
 * @param threshold    EOL threshold, as {@code tower analyze --threshold}
 * @param full         ignore the manifest and process every test
 */
public record JobSpec(List<String> inputs, String output, String timezone, String cycleRule,
                      String ceConvention, String reference, double threshold, boolean full) implements Serializable {
    public JobSpec {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input given");
        }
        if (!timezone.isBlank()) {
            ZoneId.of(timezone);
        }
        CycleRule.parse(cycleRule);
        CeConvention.parse(ceConvention);
        CapacityReference.parse(reference);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be between 0 and 1");
        }
    }

    /** The CLI's defaults: vendor cycles, auto CE, first-cycle reference, 0.8 threshold, no time zone. */
    public static JobSpec of(List<String> inputs, String output) {
        return new JobSpec(inputs, output, "", "vendor", "auto", "first", 0.8, false);
    }

    public JobSpec withFull(boolean f) {
        return new JobSpec(inputs, output, timezone, cycleRule, ceConvention, reference, threshold, f);
    }

    /** The zone given for naive timestamps, if any. */
    public Optional<String> zone() {
        return timezone.isBlank() ? Optional.empty() : Optional.of(timezone);
    }

    public CyclingOptions cycling() {
        return CyclingOptions.DEFAULT.withCycleRule(CycleRule.parse(cycleRule)).withCeConvention(CeConvention.parse(ceConvention));
    }

    public FadeOptions fade() {
        return FadeOptions.DEFAULT.withReference(CapacityReference.parse(reference)).withThreshold(threshold);
    }

    public EarlyLifeOptions earlyLife() {
        return EarlyLifeOptions.DEFAULT.withFade(fade());
    }

    /** As the CLI reads a file given {@code --timezone} or not. */
    public ReadOptions readOptions() {
        return zone().isPresent()
                ? new ReadOptions(Optional.of(ZoneId.of(timezone)), "option", Limits.DEFAULT, Progress.NONE)
                : new ReadOptions(Optional.empty(), "none", Limits.DEFAULT, Progress.NONE);
    }

    /** Everything that changes results: a test whose manifest entry has another fingerprint is processed again. */
    public String fingerprint() {
        return String.format(Locale.ROOT, "job=1;cycle_rule=%s;ce=%s;reference=%s;threshold=%s;timezone=%s",
                cycleRule, ceConvention, reference, Double.toString(threshold), timezone);
    }
}
