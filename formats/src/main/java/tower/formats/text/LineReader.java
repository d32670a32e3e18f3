package tower.formats.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import tower.core.ingest.InputException;

/**
 * Splits a byte stream into lines without decoding it: the current line is {@code buf[start, end)} without its
 * line terminator (LF, CRLF or CR). Tracks the 1-based line number and the byte offset of the line. Memory is one
 * buffer, bounded by the longest accepted line.
 */
public final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final String file;
    private final int maxLine;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private long consumedBefore; // bytes of the stream before buf[0]
    private long lineNumber;
    private long lineOffset;
    private boolean loneCr;
    private boolean blockUnterminated;
    private boolean terminated;
    /** The current line. */
    public int start;
    public int end;

    public LineReader(InputStream in, String file, int maxLine) {
        this.in = in;
        this.file = file;
        this.maxLine = maxLine;
    }

    public byte[] buffer() {
        return buf;
    }

    public long lineNumber() {
        return lineNumber;
    }

    public long lineOffset() {
        return lineOffset;
    }

    /** True when the block {@link #nextBlock} returned last ends with the file's last line, which had no line end. */
    public boolean blockUnterminated() {
        return blockUnterminated;
    }

    /** True once a line ended with a bare CR (old Mac line ends), which {@link #nextBlock} does not split on. */
    public boolean sawLoneCr() {
        return loneCr;
    }

    /**
     * Copies whole lines from the current position into {@code dst}, each ending in LF (CRLF lines keep their CR;
     * a last line without a terminator gets an LF), and returns the number of bytes copied: 0 at the end of input.
     * For parsers that hand blocks of lines to other threads; line numbers are not tracked in this mode.
     */
    public int nextBlock(byte[] dst) throws IOException {
        int n = 0;
        blockUnterminated = false;
        while (true) {
            if (!eof && dst.length - n - (limit - pos) >= DIRECT_READ && indexOfNewline(pos, limit) < 0) {
                // What is buffered is at most the start of one line: it opens the block, and the file is read
                // straight into the block after it instead of through the buffer (one copy of the file fewer).
                // The bytes after the block's last line end go back to the buffer.
                int from = n;
                int part = limit - pos;
                System.arraycopy(buf, pos, dst, n, part);
                n += part;
                consumedBefore += limit;
                pos = 0;
                limit = 0;
                int r = in.read(dst, n, dst.length - n);
                if (r < 0) {
                    eof = true;
                    r = 0;
                }
                int end = n + r;
                int last = end - 1;
                while (last >= from && dst[last] != '\n') {
                    last--;
                }
                int tail = end - (last + 1);
                if (tail > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(tail, buf.length * 2));
                }
                System.arraycopy(dst, last + 1, buf, 0, tail);
                limit = tail;
                consumedBefore += r - tail;
                n = last + 1;
                if (n == from) {
                    continue; // no line end yet: the buffered path goes on with what was read
                }
                return tail > 0 && (eof || in.available() == 0) ? joinCutLastLine(dst, n) : n;
            }
            int avail = limit - pos;
            int room = dst.length - n;
            if (avail > 0 && room > 0) {
                int take = Math.min(avail, room);
                int last = -1;
                for (int i = pos + take - 1; i >= pos; i--) {
                    if (buf[i] == '\n') {
                        last = i;
                        break;
                    }
                }
                if (last >= 0) {
                    int len = last + 1 - pos;
                    System.arraycopy(buf, pos, dst, n, len);
                    n += len;
                    pos += len;
                    if (len < take) {
                        // more follows: the start of the next line waits in the buffer
                        return !eof && in.available() > 0 ? n : joinCutLastLine(dst, n);
                    }
                    if (n == dst.length) {
                        return n;
                    }
                } else if (n > 0) {
                    return n;
                } else if (take == room) {
                    throw InputException.atLine(file, lineNumber + 1, "line longer than " + dst.length + " bytes");
                }
            } else if (n > 0 && room == 0) {
                return n;
            }
            if (eof) {
                if (pos < limit) {
                    int len = limit - pos;
                    if (n + len + 1 > dst.length) {
                        if (n > 0) {
                            return n;
                        }
                        throw InputException.atLine(file, lineNumber + 1, "line longer than " + dst.length + " bytes");
                    }
                    n = appendRestAsLine(dst, n);
                }
                return n;
            }
            fill(pos);
        }
    }

    /**
     * At what may be the end of the file, with {@code dst[0, n)} whole lines: when the file ends inside the buffered
     * rest, that last line (without a line end) joins the block, given an LF, so the parser can compare it with the
     * line above (a cut file's last line must not pass for a complete one). Returns the block's new length.
     */
    private int joinCutLastLine(byte[] dst, int n) throws IOException {
        while (!eof && indexOfNewline(pos, limit) < 0) {
            fill(pos);
        }
        if (eof && pos < limit && indexOfNewline(pos, limit) < 0 && n + (limit - pos) + 1 <= dst.length) {
            n = appendRestAsLine(dst, n);
        }
        return n;
    }

    /** Appends the buffered rest of a file that ends without a line end to {@code dst[n..]}, given an LF. */
    private int appendRestAsLine(byte[] dst, int n) {
        int rest = limit - pos;
        System.arraycopy(buf, pos, dst, n, rest);
        n += rest;
        dst[n++] = '\n';
        pos = limit;
        blockUnterminated = true;
        return n;
    }

    /** Room a block must have left for a read straight into it. */
    private static final int DIRECT_READ = 1 << 16;

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * False when the current line is the last of the file and has no line end: either its writer omits the final
     * line end, or the file was cut inside the line.
     */
    public boolean terminated() {
        return terminated;
    }

    /** Bytes read from the stream so far (for progress). */
    public long bytesRead() {
        return consumedBefore + limit;
    }

    /** Advances to the next line; false at end of input. */
    public boolean next() throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    if (b == '\r' && i + 1 >= limit && !eof) {
                        scan = i; // need one more byte to see whether an LF follows
                        break;
                    }
                    start = pos;
                    end = i;
                    int next = i + 1;
                    if (b == '\r' && next < limit && buf[next] == '\n') {
                        next++;
                    } else if (b == '\r') {
                        loneCr = true;
                    }
                    lineOffset = consumedBefore + pos;
                    pos = next;
                    lineNumber++;
                    terminated = true;
                    return true;
                }
                scan = i + 1;
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    lineOffset = consumedBefore + pos;
                    pos = limit;
                    lineNumber++;
                    terminated = false;
                    return true;
                }
                return false;
            }
            if (limit - pos > maxLine) {
                throw InputException.atLine(file, lineNumber + 1, "line longer than " + maxLine + " bytes");
            }
            scan = fill(scan);
        }
    }

    private int fill(int scan) throws IOException {
        int keep = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
            consumedBefore += pos;
            scan -= pos;
            pos = 0;
            limit = keep;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLine + 2));
            if (limit == buf.length) {
                throw InputException.atLine(file, lineNumber + 1, "line longer than " + maxLine + " bytes");
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return scan;
    }

    /** The current line decoded with the given charset (for headers and metadata lines). */
    public String text(java.nio.charset.Charset cs) {
        return new String(buf, start, end - start, cs);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
