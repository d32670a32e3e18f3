package tower.formats.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Eight bytes of a byte array as one little-endian {@code long}: the word the SWAR scans of {@link Fields} and
 * {@link Numbers} test eight characters at a time. Read through {@code sun.misc.Unsafe} (a single load once compiled,
 * bounds checked here) where the runtime offers it, else through a byte-array view {@link VarHandle}, whose layers of
 * calls the JIT must inline at every use: they made the line loop's compiles larger and its first, C1-compiled
 * stretch slow, which is most of a cold start's parse (README "Benchmarks").
 */
final class Words {
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(byte[].class);
    private static final boolean REVERSE = ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /** The bytes {@code b[i, i + 8)}, the first in the lowest byte; throws when they are not all in the array. */
    static long le(byte[] b, int i) {
        if (UNSAFE == null) {
            return (long) LONG_LE.get(b, i);
        }
        if (i < 0 || i > b.length - 8) {
            throw new ArrayIndexOutOfBoundsException("eight bytes at " + i + " of " + b.length);
        }
        long w = UNSAFE.getLong(b, BASE + i);
        return REVERSE ? Long.reverseBytes(w) : w;
    }

    private static sun.misc.Unsafe unsafe() {
        if (Runtime.version().feature() >= 23) {
            return null; // deprecated for removal there (JEP 471), and from 24 its first use prints a warning
        }
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // a runtime without it (or that forbids it): the VarHandle, slower to warm up but the same
        }
    }
}
