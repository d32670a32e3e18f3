package tower.formats.text;

/**
 * Splits one line into fields on a separator byte, reusing its arrays. A field wrapped in double quotes may hold
 * the separator; the quotes are not part of the field. Allocation happens only when a line has more fields than
 * any before it.
 */
public final class Fields {
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;
    private byte[] buf;

    public int split(byte[] line, int from, int to, byte separator) {
        buf = line;
        count = 0;
        if (to - from + 1 > starts.length) {
            starts = java.util.Arrays.copyOf(starts, to - from + 1); // a line of n bytes has at most n + 1 fields
            ends = java.util.Arrays.copyOf(ends, to - from + 1);
        }
        int n = splitPlain(line, from, to, separator);
        return n >= 0 ? n : splitQuoted(line, from, to, separator);
    }

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    static final long QUOTES = 0x2222222222222222L; // eight '"'

    /**
     * The bytes of {@code w} equal to those of {@code pattern}, as 0x80 in each such byte and 0 elsewhere: exact in
     * every byte (no borrow runs into the next, unlike the quicker test {@link #next} uses for the first hit only).
     */
    static long equalBytes(long w, long pattern) {
        long x = w ^ pattern;
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /**
     * Splits a line without quotes: eight bytes per step, every separator of a word taken from one mask. Returns −1
     * when the line has a double quote (then {@link #splitQuoted} splits it).
     */
    private int splitPlain(byte[] line, int from, int to, byte separator) {
        long pattern = ONES * (separator & 0xFF);
        int[] st = starts;
        int[] en = ends;
        int c = 0;
        int field = from;
        int i = from;
        for (; to - i >= 8; i += 8) {
            long w = Words.le(line, i);
            if (equalBytes(w, QUOTES) != 0) {
                return -1;
            }
            for (long hit = equalBytes(w, pattern); hit != 0; hit &= hit - 1) {
                int at = i + (Long.numberOfTrailingZeros(hit) >>> 3);
                st[c] = field;
                en[c] = at;
                c++;
                field = at + 1;
            }
        }
        for (; i < to; i++) {
            byte b = line[i];
            if (b == separator) {
                st[c] = field;
                en[c] = i;
                c++;
                field = i + 1;
            } else if (b == '"') {
                return -1;
            }
        }
        st[c] = field; // the last field (empty after a trailing separator)
        en[c] = to;
        count = c + 1;
        return count;
    }

    private int splitQuoted(byte[] line, int from, int to, byte separator) {
        count = 0;
        int i = from;
        while (true) {
            ensure();
            int s;
            int e;
            if (i < to && line[i] == '"') {
                s = i + 1;
                e = s;
                while (e < to && line[e] != '"') {
                    e++;
                }
                i = Math.min(to, e + 1);
                while (i < to && line[i] != separator) {
                    i++;
                }
            } else {
                s = i;
                i = next(line, i, to, separator);
                e = i;
            }
            starts[count] = s;
            ends[count] = e;
            count++;
            if (i >= to) {
                return count;
            }
            i++; // the separator
            if (i == to) { // a trailing separator ends with an empty field
                ensure();
                starts[count] = to;
                ends[count] = to;
                count++;
                return count;
            }
        }
    }

    static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the next {@code separator} in {@code line[i, to)}, or {@code to}: eight bytes per step (a byte
     * equal to the separator is a zero byte of {@code word ^ pattern}, found with the classic has-zero-byte test).
     */
    static int next(byte[] line, int i, int to, byte separator) {
        long pattern = ONES * (separator & 0xFF);
        while (to - i >= 8) {
            long x = Words.le(line, i) ^ pattern;
            long hit = (x - ONES) & ~x & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += 8;
        }
        while (i < to && line[i] != separator) {
            i++;
        }
        return i;
    }

    private void ensure() {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
    }

    public int count() {
        return count;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public byte[] buffer() {
        return buf;
    }

    /** True when field i is empty after trimming blanks. */
    public boolean isBlank(int i) {
        for (int k = starts[i]; k < ends[i]; k++) {
            if (buf[k] != ' ' && buf[k] != '\t') {
                return false;
            }
        }
        return true;
    }

    public String text(int i, java.nio.charset.Charset cs) {
        return new String(buf, starts[i], ends[i] - starts[i], cs).strip();
    }
}
