package tower.server.api;

import io.javalin.http.Context;
import java.util.Optional;
import tower.pipeline.errors.TowerException;

/** Query parameters read strictly: a value that does not parse is a 400 that names the parameter. */
final class Params {
    private Params() {
    }

    static Optional<String> string(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    static long integer(Context ctx, String name, long fallback, long min, long max) {
        Optional<String> v = string(ctx, name);
        if (v.isEmpty()) {
            return fallback;
        }
        return requireInteger(name, v.get(), min, max);
    }

    static long requireInteger(String name, String text, long min, long max) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw TowerException.badParameter(name + " must be an integer, not '" + clip(text) + "'");
        }
        if (n < min || n > max) {
            throw TowerException.badParameter(name + " must be between " + min + " and " + max);
        }
        return n;
    }

    static double number(Context ctx, String name, double fallback) {
        Optional<String> v = string(ctx, name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw TowerException.badParameter(name + " must be a number, not '" + clip(v.get()) + "'");
        }
    }

    static boolean bool(Context ctx, String name) {
        Optional<String> v = string(ctx, name);
        if (v.isEmpty()) {
            return false;
        }
        return switch (v.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw TowerException.badParameter(name + " must be true or false");
        };
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
