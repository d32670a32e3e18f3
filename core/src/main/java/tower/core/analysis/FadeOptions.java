package tower.core.analysis;

import java.util.List;
import java.util.OptionalLong;

/**
 * Parameters of {@link Fade}. Every {@link FadeResult} carries the options that made it.
 *
 * @param reference          how Q_ref is chosen
 * @param threshold          end of life: the first regular cycle with SOH below this (default 0.8)
 * @param capacityLevels     SOH levels reported in {@code capacity_threshold_cycles} (BEEP's capacities_to_cycles)
 * @param fadeFromCycle      first cycle of the fade-rate window (empty: the first regular cycle)
 * @param fadeToCycle        last cycle of the fade-rate window (empty: the last regular cycle)
 * @param lowRateFraction    a cycle whose main discharge (or charge) step peaks below this fraction of the median
 *                           cycle's current is a low-rate diagnostic (RPT) cycle
 * @param minPulses          a cycle with at least this many current pulses after rests is an HPPC cycle
 * @param pulseMaxDurationS  a non-rest step after a rest lasting at most this long is a pulse
 * @param kneeMinCycles      fewer regular cycles than this: no knee is sought
 * @param kneeMinF           a knee is reported only when the hinge improves on a straight line with an F statistic of
 *                           at least this (and the fade speeds up after it)
 */
public record FadeOptions(CapacityReference reference, double threshold, List<Double> capacityLevels,
                          OptionalLong fadeFromCycle, OptionalLong fadeToCycle, double lowRateFraction,
                          int minPulses, double pulseMaxDurationS, int kneeMinCycles, double kneeMinF) {
    public static final List<Double> BEEP_LEVELS = List.of(0.98, 0.95, 0.9, 0.85, 0.8);
    public static final FadeOptions DEFAULT = new FadeOptions(CapacityReference.FIRST, 0.8, BEEP_LEVELS,
            OptionalLong.empty(), OptionalLong.empty(), 0.5, 3, 60, 10, 10);

    public FadeOptions {
        capacityLevels = List.copyOf(capacityLevels);
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive, not " + threshold);
        }
    }

    public FadeOptions withReference(CapacityReference r) {
        return new FadeOptions(r, threshold, capacityLevels, fadeFromCycle, fadeToCycle, lowRateFraction, minPulses,
                pulseMaxDurationS, kneeMinCycles, kneeMinF);
    }

    public FadeOptions withThreshold(double t) {
        return new FadeOptions(reference, t, capacityLevels, fadeFromCycle, fadeToCycle, lowRateFraction, minPulses,
                pulseMaxDurationS, kneeMinCycles, kneeMinF);
    }

    public FadeOptions withFadeWindow(OptionalLong from, OptionalLong to) {
        return new FadeOptions(reference, threshold, capacityLevels, from, to, lowRateFraction, minPulses,
                pulseMaxDurationS, kneeMinCycles, kneeMinF);
    }
}
