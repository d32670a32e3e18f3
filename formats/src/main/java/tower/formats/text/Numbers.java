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

    private static final long MAX_EXACT = 1L << 53;
    private static final long ZEROS = 0x3030303030303030L;
    private static final long[] LONG_POW10 = {1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L};

    /**
     * Clinger's fast path for the plain decimals cycler files are made of ({@code -12.3456}): when the digits fit
     * in 2^53 and the power of ten is exact, one correctly rounded division gives the exact double. Returns NaN
     * when the text is not of that simple form (the full parser then decides). Fraction digits are taken eight at a
     * time from one 64-bit load (the SWAR method of fast_float / simdjson), since most fields are like
     * {@code 3.4138231}; a shorter tail is loaded the same way when the buffer goes on. Kept small so that the JIT
     * inlines it into the line loop (the rare forms go to {@link #fraction}'s slow end).
     */
    static double fastDecimal(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        byte c0 = b[i];
        if (c0 == '-' || c0 == '+') {
            neg = c0 == '-';
            i++;
        }
        int intStart = i;
        long m = 0;
        while (i < e) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 18) {
            return Double.NaN;
        }
        if (i == e) {
            return intDigits == 0 || m > MAX_EXACT ? Double.NaN : neg ? -(double) m : (double) m; // "" "-" "+"
        }
        if (b[i] != '.') {
            return Double.NaN;
        }
        return fraction(b, i + 1, e, m, intDigits, neg);
    }

    /** The fast path's digits after the point, {@code b[i, e)}; {@code m} holds those before it. */
    private static double fraction(byte[] b, int i, int e, long m, int intDigits, boolean neg) {
        int n = e - i;
        int digits = n;
        if (n == 0) {
            return intDigits == 0 || m > MAX_EXACT ? Double.NaN : neg ? -(double) m : (double) m; // "1." is 1; "." is not a number
        }
        if (intDigits + n > 18) {
            return Double.NaN; // could overflow or be inexact: leave it to the full parser
        }
        while (n >= 8) {
            long w = Words.le(b, i);
            if (!eightDigits(w)) {
                return Double.NaN;
            }
            m = m * 100_000_000L + eightDigitsValue(w);
            i += 8;
            n -= 8;
        }
        if (n > 0) {
            if (b.length - i < 8) {
                return tail(b, i, e, m, digits, neg);
            }
            // one to seven digits from one load as well: shifted up, with '0's in front
            long w = (Words.le(b, i) << ((8 - n) << 3)) | (ZEROS >>> (n << 3));
            if (!eightDigits(w)) {
                return Double.NaN;
            }
            m = m * LONG_POW10[n] + eightDigitsValue(w);
        }
        return scaled(m, digits, neg);
    }

    /** The fraction's last digits one by one (a field at the very end of its buffer). */
    private static double tail(byte[] b, int i, int e, long m, int digits, boolean neg) {
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Double.NaN;
            }
            m = m * 10 + d;
        }
        return scaled(m, digits, neg);
    }

    private static double scaled(long m, int fractionDigits, boolean neg) {
        if (m > MAX_EXACT) {
            return Double.NaN;
        }
        double v = m / POW10[fractionDigits];
        return neg ? -v : v;
    }

    /** True when all eight bytes of {@code w} are ASCII digits. */
    private static boolean eightDigits(long w) {
        return (((w & 0xF0F0F0F0F0F0F0F0L) | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L);
    }

    /** The value of eight ASCII digits, the first in the lowest byte. */
    private static long eightDigitsValue(long w) {
        long v = w - 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        v = (((v & 0x000000FF000000FFL) * (100 + (1000000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32)))) >>> 32;
        return v & 0xFFFFFFFFL;
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
