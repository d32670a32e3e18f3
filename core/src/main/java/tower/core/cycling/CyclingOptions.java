package tower.core.cycling;

/**
 * Parameters of step segmentation, classification and cycle summaries. Every result records the options
 * that made it.
 *
 * @param cycleRule             how cycles are numbered; {@code VENDOR} falls back to {@code CHARGE_FIRST} when the
 *                              file has no cycle column
 * @param restCurrentRelative   |I| below this fraction of the largest |I| counts as rest
 * @param restCurrentFloorA     and below this absolute current (A)
 * @param pauseGapS             a gap between samples longer than this flags the cycle {@code paused}
 * @param mismatchTolerance     relative disagreement between integrated and vendor capacity that sets
 *                              {@code capacity_mismatch}
 * @param cvVoltageRelative     CV: |ΔV/V| within a step below this
 * @param cvCurrentDrop         CV: |I| falls by more than this fraction within the step
 * @param pulseMaxDurationS     a non-rest step between rests no longer than this is a pulse
 * @param ceConvention          how coulombic efficiency is computed
 * @param nominalCapacityAh     the cell's stated capacity (NaN when unknown): sets {@code over_nominal} and the
 *                              absolute floor of {@code capacity_mismatch}
 */
public record CyclingOptions(CycleRule cycleRule, double restCurrentRelative, double restCurrentFloorA,
                             double pauseGapS, double mismatchTolerance, double cvVoltageRelative,
                             double cvCurrentDrop, double pulseMaxDurationS, CeConvention ceConvention,
                             double nominalCapacityAh) {
    public static final CyclingOptions DEFAULT = new CyclingOptions(CycleRule.VENDOR, 1e-3, 1e-9, 3600, 0.01,
            0.02, 0.04, 30, CeConvention.AUTO, Double.NaN);

    /** Options without a nominal capacity. */
    public CyclingOptions(CycleRule cycleRule, double restCurrentRelative, double restCurrentFloorA, double pauseGapS,
                          double mismatchTolerance, double cvVoltageRelative, double cvCurrentDrop,
                          double pulseMaxDurationS, CeConvention ceConvention) {
        this(cycleRule, restCurrentRelative, restCurrentFloorA, pauseGapS, mismatchTolerance, cvVoltageRelative,
                cvCurrentDrop, pulseMaxDurationS, ceConvention, Double.NaN);
    }

    /** True when a positive nominal capacity is known. */
    public boolean hasNominalCapacity() {
        return nominalCapacityAh > 0;
    }

    public CyclingOptions withNominalCapacity(double ah) {
        return new CyclingOptions(cycleRule, restCurrentRelative, restCurrentFloorA, pauseGapS, mismatchTolerance,
                cvVoltageRelative, cvCurrentDrop, pulseMaxDurationS, ceConvention, ah);
    }

    public CyclingOptions withCycleRule(CycleRule rule) {
        return new CyclingOptions(rule, restCurrentRelative, restCurrentFloorA, pauseGapS, mismatchTolerance,
                cvVoltageRelative, cvCurrentDrop, pulseMaxDurationS, ceConvention, nominalCapacityAh);
    }

    public CyclingOptions withCeConvention(CeConvention ce) {
        return new CyclingOptions(cycleRule, restCurrentRelative, restCurrentFloorA, pauseGapS, mismatchTolerance,
                cvVoltageRelative, cvCurrentDrop, pulseMaxDurationS, ce, nominalCapacityAh);
    }
}
