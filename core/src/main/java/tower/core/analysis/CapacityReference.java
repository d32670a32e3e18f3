package tower.core.analysis;

import java.util.Locale;

/**
 * How the reference capacity Q_ref of SOH = Q_dchg / Q_ref is chosen (definitions §8).
 *
 * @param kind         {@code first} (discharge capacity of the first regular cycle, PyProBE), {@code nominal}
 *                     (a given capacity, BatteryML) or {@code median} (median of the first N regular cycles, BEEP
 *                     uses N = 40)
 * @param nominalAh    the capacity for {@code nominal}, else NaN
 * @param medianCycles N for {@code median}, else 0
 */
public record CapacityReference(String kind, double nominalAh, int medianCycles) {
    public static final CapacityReference FIRST = new CapacityReference("first", Double.NaN, 0);

    public CapacityReference {
        switch (kind) {
            case "first" -> {
            }
            case "nominal" -> {
                if (!(nominalAh > 0) || Double.isInfinite(nominalAh)) {
                    throw new IllegalArgumentException("nominal capacity must be a positive number of Ah, not " + nominalAh);
                }
            }
            case "median" -> {
                if (medianCycles < 1) {
                    throw new IllegalArgumentException("median reference needs at least 1 cycle, not " + medianCycles);
                }
            }
            default -> throw new IllegalArgumentException("unknown reference '" + kind + "' (first, nominal:AH, median:N)");
        }
    }

    public static CapacityReference nominal(double ah) {
        return new CapacityReference("nominal", ah, 0);
    }

    public static CapacityReference median(int cycles) {
        return new CapacityReference("median", Double.NaN, cycles);
    }

    /** Parses {@code first}, {@code nominal:AH} (e.g. {@code nominal:1.1}) or {@code median:N} (e.g. {@code median:40}). */
    public static CapacityReference parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String head = colon < 0 ? t : t.substring(0, colon).trim();
        String arg = colon < 0 ? "" : t.substring(colon + 1).trim();
        switch (head) {
            case "first" -> {
                if (!arg.isEmpty()) {
                    throw new IllegalArgumentException("reference 'first' takes no value: '" + text + "'");
                }
                return FIRST;
            }
            case "nominal" -> {
                if (arg.endsWith("ah")) {
                    arg = arg.substring(0, arg.length() - 2).trim();
                }
                try {
                    return nominal(Double.parseDouble(arg));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("reference nominal needs a capacity in Ah, e.g. nominal:1.1, not '" + text + "'");
                }
            }
            case "median" -> {
                try {
                    return median(arg.isEmpty() ? 40 : Integer.parseInt(arg));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("reference median needs a cycle count, e.g. median:40, not '" + text + "'");
                }
            }
            default -> throw new IllegalArgumentException("unknown reference '" + text + "' (first, nominal:AH, median:N)");
        }
    }

    /** The canonical text of the rule, e.g. {@code median:40}. */
    public String rule() {
        return switch (kind) {
            case "nominal" -> "nominal:" + stripZeros(nominalAh);
            case "median" -> "median:" + medianCycles;
            default -> kind;
        };
    }

    public static String stripZeros(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
