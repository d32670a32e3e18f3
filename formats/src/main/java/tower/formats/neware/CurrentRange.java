package tower.formats.neware;

/**
 * Scale of the integer current and capacity fields of version-29 {@code .nda} records: the record's current range
 * setting selects the factor that turns raw counts into mA (and raw capacity counts into mA·s).
 */
final class CurrentRange {
    private static final int[] RANGES = {
            -100000000, -200000, -100000, -60000, -50000, -40000, -30000, -20000, -12000, -10000, -6000, -5000,
            -3000, -2000, -1000, -500, -100, -50, -25, -20, -10, -5, -2, -1, 0, 1, 2, 5, 10, 20, 25, 50, 100, 200,
            250, 500, 1000, 6000, 10000, 12000, 20000, 30000, 40000, 50000, 60000, 100000, 200000};
    private static final double[] FACTORS = {
            10, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2,
            1e-2, 1e-2, 1e-2, 1e-3, 1e-3, 1e-4, 1e-4, 1e-4, 1e-4, 1e-5, 1e-5, 1e-5, 0, 1e-4, 1e-4, 1e-4, 1e-3, 1e-3,
            1e-3, 1e-3, 1e-2, 1e-2, 1e-2, 1e-2, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1};

    private CurrentRange() {
    }

    /** mA per raw count for a range setting, or NaN when the range is not a known one. */
    static double milliampsPerCount(int range) {
        int i = java.util.Arrays.binarySearch(RANGES, range);
        return i >= 0 ? FACTORS[i] : Double.NaN;
    }
}
