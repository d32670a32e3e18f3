package tower.core.series;

import java.util.Locale;
import tower.core.ingest.InputException;

/**
 * The one check every decoded value passes on its way from a reader to the sinks ({@link BatchWriter} applies it
 * to each batch, so every reader is covered). Policy (README, "Errors and limits"):
 * <ul>
 *   <li>NaN means missing. A non-finite number (±Infinity, an overflowing 1e309) is refused with its record.</li>
 *   <li>A value beyond physical bounds (|V| ≤ 1000 V, |I| ≤ 10 kA, 0 ≤ test time ≤ 100 years, |capacity| ≤ 1e6 Ah,
 *       |energy| ≤ 1e9 Wh, |power| ≤ 1e7 W) is refused with its record: it is a damaged file or a unit error, and
 *       a summary built on it would be nonsense.</li>
 *   <li>Test time stepping back inside a step is kept (the rows are the vendor's) but counted, and one warning
 *       gives the count and the first place; summaries never turn it into a negative duration.</li>
 * </ul>
 */
public final class ValueGuard {
    public static final double MAX_ABS_VOLTAGE_V = 1000;
    public static final double MAX_ABS_CURRENT_A = 10_000;
    public static final double MAX_TEST_TIME_S = 100 * 365.25 * 86_400;
    public static final double MAX_ABS_CAPACITY_AH = 1e6;
    public static final double MAX_ABS_ENERGY_WH = 1e9;
    public static final double MAX_ABS_POWER_W = 1e7;
    /** Counters (cycle, step, record) stay exact integers in a double. */
    public static final double MAX_ABS_COUNT = 9.007199254740992e15;

    private final String source;
    private double prevTime = Double.NaN;
    private double prevStep = Double.NaN;
    private long backSteps;
    private long firstBackRecord;
    private double firstBackTime;
    private double firstBackPrevious;

    ValueGuard(String source) {
        this.source = source;
    }

    /** Lowest accepted value of a column (−MAX_VALUE for "any finite number"). */
    public static double min(Quantity q) {
        return q == Quantity.TEST_TIME ? 0 : -max(q);
    }

    /** Highest accepted value of a column. */
    public static double max(Quantity q) {
        return switch (q) {
            case VOLTAGE, AUX_VOLTAGE -> MAX_ABS_VOLTAGE_V;
            case CURRENT -> MAX_ABS_CURRENT_A;
            case TEST_TIME, STEP_TIME -> MAX_TEST_TIME_S;
            case CHARGING_CAPACITY, DISCHARGING_CAPACITY, STEP_CHARGING_CAPACITY, STEP_DISCHARGING_CAPACITY,
                 CYCLE_CHARGING_CAPACITY, CYCLE_DISCHARGING_CAPACITY, SCHEDULE_CHARGING_CAPACITY,
                 SCHEDULE_DISCHARGING_CAPACITY -> MAX_ABS_CAPACITY_AH;
            case CHARGING_ENERGY, DISCHARGING_ENERGY, STEP_CHARGING_ENERGY, STEP_DISCHARGING_ENERGY,
                 CYCLE_CHARGING_ENERGY, CYCLE_DISCHARGING_ENERGY, SCHEDULE_CHARGING_ENERGY,
                 SCHEDULE_DISCHARGING_ENERGY -> MAX_ABS_ENERGY_WH;
            case POWER -> MAX_ABS_POWER_W;
            case RECORD_INDEX, CYCLE_COUNT, STEP_COUNT, STEP_INDEX -> MAX_ABS_COUNT;
            default -> Double.MAX_VALUE;
        };
    }

    /** Checks rows {@code 0..size-1} of {@code b}; {@code firstRecord} is the 1-based record number of row 0. */
    void check(Batch b, long firstRecord) {
        int n = b.size();
        for (Quantity q : b.columns()) {
            if (q.kind() != Quantity.Kind.REAL && q.kind() != Quantity.Kind.INTEGER) {
                continue;
            }
            double lo = min(q);
            double hi = max(q);
            double[] c = b.column(q);
            for (int r = 0; r < n; r++) {
                double x = c[r];
                if (!(x >= lo && x <= hi) && !Double.isNaN(x)) {
                    throw refuse(q, x, firstRecord + r);
                }
            }
        }
        if (b.has(Quantity.TEST_TIME)) {
            double[] t = b.column(Quantity.TEST_TIME);
            double[] step = b.has(Quantity.STEP_INDEX) ? b.column(Quantity.STEP_INDEX) : null;
            for (int r = 0; r < n; r++) {
                double x = t[r];
                if (Double.isNaN(x)) {
                    continue;
                }
                double s = step == null ? 0 : step[r];
                boolean sameStep = s == prevStep || (Double.isNaN(s) && Double.isNaN(prevStep));
                if (x < prevTime && sameStep) {
                    if (backSteps++ == 0) {
                        firstBackRecord = firstRecord + r;
                        firstBackTime = x;
                        firstBackPrevious = prevTime;
                    }
                }
                prevTime = x;
                prevStep = s;
            }
        }
    }

    private InputException refuse(Quantity q, double x, long record) {
        String name = q.label();
        int slash = name.indexOf(" / ");
        String unit = slash < 0 ? "" : " " + name.substring(slash + 3);
        String quantity = slash < 0 ? name : name.substring(0, slash);
        if (Double.isInfinite(x)) {
            return new InputException(source, "record " + record, quantity + " is " + (x > 0 ? "+" : "-")
                    + "Infinity, not a finite number");
        }
        String bound = (min(q) == 0 ? "0 to " : "±") + fmt(max(q), unit);
        return new InputException(source, "record " + record, String.format(Locale.ROOT,
                "%s is %.6g%s, beyond the physical bound of %s (a damaged file or a unit error)", quantity, x, unit, bound));
    }

    private static String fmt(double v, String unit) {
        return v == MAX_TEST_TIME_S ? "100 years" : String.format(Locale.ROOT, "%.4g", v) + unit;
    }

    /** Adds the aggregated warning of what was seen, if anything. */
    void finish(TestMetadata md) {
        if (backSteps > 0) {
            md.warn(String.format(Locale.ROOT, "test time steps back inside a step %d time%s (first at record %d:"
                    + " %.6g s after %.6g s); durations count from the earliest to the latest time reached",
                    backSteps, backSteps == 1 ? "" : "s", firstBackRecord, firstBackTime, firstBackPrevious));
        }
    }
}
