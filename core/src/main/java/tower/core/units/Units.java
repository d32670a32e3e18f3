package tower.core.units;

import java.util.Locale;
import java.util.Optional;

/**
 * Parses unit symbols written in vendor headers. Units always come from the header text, never from the size
 * of the values; an unknown symbol is an error for the caller to report.
 */
public final class Units {
    private Units() {
    }

    /** The unit, or empty when the symbol is not a known unit of that dimension. */
    public static Optional<Unit> parse(String symbol, Dimension dim) {
        String s = normalise(symbol);
        double scale;
        double offset = 0;
        switch (dim) {
            case TIME -> {
                switch (s) {
                    case "s", "sec", "secs", "second", "seconds" -> scale = 1;
                    case "ms", "msec" -> scale = 1e-3;
                    case "us", "µs" -> scale = 1e-6;
                    case "min", "mins", "minute", "minutes", "m" -> scale = 60;
                    case "h", "hr", "hrs", "hour", "hours" -> scale = 3600;
                    case "d", "day", "days" -> scale = 86400;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case VOLTAGE -> {
                switch (s) {
                    case "v", "volt", "volts" -> scale = 1;
                    case "mv" -> scale = 1e-3;
                    case "µv", "uv" -> scale = 1e-6;
                    case "kv" -> scale = 1e3;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case CURRENT -> {
                switch (s) {
                    case "a", "amp", "amps", "ampere", "amperes" -> scale = 1;
                    case "ma" -> scale = 1e-3;
                    case "µa", "ua" -> scale = 1e-6;
                    case "na" -> scale = 1e-9;
                    case "ka" -> scale = 1e3;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case CHARGE -> {
                switch (s) {
                    case "ah", "a.h", "a·h", "a*h", "amp-hr", "amp-hrs", "amphr", "a-h" -> scale = 1;
                    case "mah", "ma.h", "ma·h", "ma*h", "ma-h" -> scale = 1e-3;
                    case "µah", "uah", "µa.h", "ua.h" -> scale = 1e-6;
                    case "c", "as", "a.s", "coulomb", "coulombs" -> scale = 1.0 / 3600;
                    case "mc" -> scale = 1e-3 / 3600;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case ENERGY -> {
                switch (s) {
                    case "wh", "w.h", "w·h", "w*h", "watt-hr", "watt-hrs", "w-h" -> scale = 1;
                    case "mwh", "mw.h", "mw·h", "mw-h" -> scale = 1e-3;
                    case "µwh", "uwh", "µw.h" -> scale = 1e-6;
                    case "kwh", "kw.h" -> scale = 1e3;
                    case "j", "ws", "w.s" -> scale = 1.0 / 3600;
                    case "kj" -> scale = 1e3 / 3600;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case POWER -> {
                switch (s) {
                    case "w", "watt", "watts" -> scale = 1;
                    case "mw" -> scale = 1e-3;
                    case "µw", "uw" -> scale = 1e-6;
                    case "kw" -> scale = 1e3;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case RESISTANCE -> {
                switch (s) {
                    case "ohm", "ohms", "Ω", "ω" -> scale = 1;
                    case "mohm", "mohms", "mΩ", "mω" -> scale = 1e-3;
                    case "µohm", "uohm" -> scale = 1e-6;
                    case "kohm", "kω" -> scale = 1e3;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case TEMPERATURE -> {
                switch (s) {
                    case "degc", "°c", "c", "celsius", "deg c", "ºc", "oc" -> scale = 1;
                    case "k", "kelvin" -> {
                        scale = 1;
                        offset = -273.15;
                    }
                    case "degf", "°f", "f" -> {
                        scale = 5.0 / 9;
                        offset = -32 * 5.0 / 9;
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            case DIMENSIONLESS -> {
                switch (s) {
                    case "1", "", "-", "#" -> scale = 1;
                    case "%" -> scale = 0.01;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new Unit(dim, symbol.trim(), scale, offset));
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException} naming the symbol. */
    public static Unit require(String symbol, Dimension dim) {
        return parse(symbol, dim).orElseThrow(() -> new IllegalArgumentException(
                "unknown " + dim.name().toLowerCase(Locale.ROOT) + " unit '" + symbol.trim() + "'"));
    }

    public static Unit si(Dimension dim) {
        return new Unit(dim, dim.si(), 1, 0);
    }

    private static String normalise(String symbol) {
        String s = symbol.trim();
        // Case matters only for m (milli) vs M (mega): no vendor writes mega-units in these columns,
        // so lower-casing is safe; Ω keeps its identity below.
        s = s.replace("Ω", "ohm").replace("Ohm", "ohm");
        return s.toLowerCase(Locale.ROOT);
    }
}
