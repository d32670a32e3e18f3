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

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the next {@code separator} in {@code line[i, to)}, or {@code to}: eight bytes per step (a byte
     * equal to the separator is a zero byte of {@code word ^ pattern}, found with the classic has-zero-byte test).
     */
    static int next(byte[] line, int i, int to, byte separator) {
        long pattern = ONES * (separator & 0xFF);
        while (to - i >= 8) {
            long x = (long) LONG_LE.get(line, i) ^ pattern;
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
