package tower.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Validation of numeric option values: a bad value is a usage error (exit 2), never a result computed from it. */
final class OptionChecks {
    private OptionChecks() {
    }

    /** {@code value} must be a finite number above zero. */
    static void positive(CommandLine.Model.CommandSpec spec, String option, double value, String unit) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "%s must be a positive number%s, got %s", option, unit.isEmpty() ? "" : " of " + unit, text(value)));
        }
    }

    /** {@code value}, when given (not NaN), must be a finite number above zero. */
    static void positiveIfGiven(CommandLine.Model.CommandSpec spec, String option, double value, String unit) {
        if (!Double.isNaN(value)) {
            positive(spec, option, value, unit);
        }
    }

    /** {@code value} must lie in (0, 1]. */
    static void fraction(CommandLine.Model.CommandSpec spec, String option, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be a fraction above 0 and at most 1 (e.g. 0.8), got " + text(value));
        }
    }

    /** {@code value} must be at least {@code min}. */
    static void atLeast(CommandLine.Model.CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
        }
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
