package tower.formats.text;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/** Parses numbers straight from bytes, without making strings. */
public final class Numbers {
    private final byte[] scratch = new byte[128];

    /**
     * The number in {@code b[s, e)}, blanks trimmed; NaN for an empty field or an explicit missing marker
     * (NaN, N/A, -); throws {@link NotFinite} for an infinite or overflowing number and
     * {@link NumberFormatException} for anything else that is not a number.
     */
    public double parse(byte[] b, int s, int e, boolean decimalComma) {
        s = Blanks.skip(b, s, e);
        e = Blanks.trimEnd(b, s, e);
        int n = e - s;
        if (n == 0) {
            return Double.NaN;
        }
        if (decimalComma) {
            if (n > scratch.length) {
                throw new NumberFormatException("number too long");
            }
            for (int k = 0; k < n; k++) {
                byte c = b[s + k];
                scratch[k] = c == ',' ? (byte) '.' : c;
            }
            b = scratch;
            s = 0;
            e = n;
        }
        byte c0 = b[s];
        if ((c0 < '0' || c0 > '9') && c0 != '-' && c0 != '+' && c0 != '.') {
            if (isMissing(b, s, e)) {
                return Double.NaN;
            }
        } else if (n == 1 && c0 == '-') {
            return Double.NaN;
        }
        double fast = fastDecimal(b, s, e);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        double v = JavaDoubleParser.parseDouble(b, s, n);
        if (Double.isInfinite(v)) {
            throw new NotFinite(); // "Infinity", "-Infinity", 1e309, a 400-digit number
        }
        if (Double.isNaN(v)) {
            return Double.NaN; // spelled "NaN" with a sign or in another case: missing, as the plain marker
        }
        return v;
    }

    /**
     * A number that exists in the text but not as a finite double (infinity, or beyond ±1.8e308). Readers refuse
     * it with its place (one policy for every reader; README "Errors and limits").
     */
    public static final class NotFinite extends NumberFormatException {
        public NotFinite() {
            super("not a finite number");
        }
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Clinger's fast path for the plain decimals cycler files are made of ({@code -12.3456}): when the digits fit
     * in 2^53 and the power of ten is exact, one correctly rounded division gives the exact double. Returns NaN
     * when the text is not of that simple form (the full parser then decides).
     */
    private static double fastDecimal(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < e; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                if (m != 0 || c != '0') {
                    digits++;
                }
                m = m * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
                if (digits > 15) {
                    return Double.NaN;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        int intStart = neg || b[s] == '+' ? s + 1 : s;
        if (e - intStart == 0 || (fraction == 0 && e - intStart == 1)) {
            return Double.NaN; // "", "-", "." and the like
        }
        double v = fraction > 0 ? m / POW10[fraction > 22 ? 22 : fraction] : m;
        if (fraction > 22) {
            return Double.NaN;
        }
        return neg ? -v : v;
    }

    private static boolean isMissing(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 3) {
            return eqIgnoreCase(b, s, "nan") || eqIgnoreCase(b, s, "n/a");
        }
        if (n == 4) {
            return eqIgnoreCase(b, s, "null") || eqIgnoreCase(b, s, "none");
        }
        return false;
    }

    private static boolean eqIgnoreCase(byte[] b, int s, String w) {
        for (int k = 0; k < w.length(); k++) {
            int c = b[s + k] | 0x20;
            if (c != w.charAt(k) && b[s + k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Parses an integer from bytes; for hot paths that only need whole numbers. */
    public static long parseLong(byte[] b, int s, int e) {
        s = Blanks.skip(b, s, e);
        e = Blanks.trimEnd(b, s, e);
        if (s == e) {
            throw new NumberFormatException("empty");
        }
        boolean neg = b[s] == '-';
        if (neg || b[s] == '+') {
            s++;
        }
        if (s == e || e - s > 18) {
            throw new NumberFormatException("not an integer");
        }
        long v = 0;
        for (int k = s; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not an integer");
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }
}
