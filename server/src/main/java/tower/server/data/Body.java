package tower.server.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A cached response body: its UTF-8 bytes and, for large ones, the gzip of them made once, so that a 5 MB cycle
 * table is neither re-serialised nor re-compressed per request.
 */
public record Body(byte[] utf8, byte[] gzip) {
    static final int GZIP_FROM = 4096;

    public static Body of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length < GZIP_FROM) {
            return new Body(b, new byte[0]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length / 4);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Body(b, out.toByteArray());
    }

    public boolean hasGzip() {
        return gzip.length > 0;
    }

    long weight() {
        return utf8.length + gzip.length;
    }

    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
