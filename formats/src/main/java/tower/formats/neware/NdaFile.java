package tower.formats.neware;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Buffered positional reading of an {@code .nda} file: fixed-size records and small byte ranges. */
final class NdaFile implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final SeekableByteChannel ch;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private long bufStart;
    private byte[] chunk = new byte[0];

    NdaFile(Path path) throws IOException {
        this.ch = Files.newByteChannel(path, StandardOpenOption.READ);
        this.size = ch.size();
        buf.limit(0);
    }

    long size() {
        return size;
    }

    /** Copies up to {@code len} bytes at {@code pos} into {@code dst}; returns how many were available. */
    int read(long pos, byte[] dst, int len) throws IOException {
        int done = 0;
        while (done < len && pos + done < size) {
            long p = pos + done;
            if (p < bufStart || p >= bufStart + buf.limit()) {
                fill(p);
                if (buf.limit() == 0) {
                    break;
                }
            }
            int off = (int) (p - bufStart);
            int n = Math.min(len - done, buf.limit() - off);
            System.arraycopy(buf.array(), off, dst, done, n);
            done += n;
        }
        return done;
    }

    private void fill(long p) throws IOException {
        buf.clear();
        ch.position(p);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                break;
            }
        }
        buf.flip();
        bufStart = p;
    }

    /** Offset of the first occurrence of {@code pattern} in [from, to), or -1. */
    long find(byte[] pattern, long from, long to) throws IOException {
        if (chunk.length != BUFFER + pattern.length) {
            chunk = new byte[BUFFER + pattern.length];
        }
        long end = Math.min(to, size);
        for (long p = from; p < end; p += BUFFER) {
            int n = read(p, chunk, (int) Math.min(chunk.length, end - p));
            outer:
            for (int i = 0; i + pattern.length <= n; i++) {
                for (int k = 0; k < pattern.length; k++) {
                    if (chunk[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return p + i;
            }
        }
        return -1;
    }

    /** The NUL-terminated ASCII text at {@code pos}, at most {@code max} bytes, trimmed. */
    String text(long pos, int max) throws IOException {
        byte[] b = new byte[max];
        int n = read(pos, b, max);
        int len = 0;
        while (len < n && b[len] != 0) {
            len++;
        }
        return new String(b, 0, len, StandardCharsets.ISO_8859_1).strip();
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    /** What a low-level failure means for a user message: never the library's own text (kept for --debug). */
    static String detail(RuntimeException e) {
        return e instanceof java.time.DateTimeException ? " (a date or time field is out of range)"
                : " (a length, offset or count field points outside the data: damaged file)";
    }
}
