package tower.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;

/**
 * Zip-bomb and corruption limits for zip containers (.xlsx, .ndax), from {@link Limits}: the number of entries,
 * the total unpacked size and the unpacked-to-packed ratio of each entry. Declared sizes can lie, so the bytes
 * actually inflated are counted too ({@link #open}, {@link #scan}).
 */
public final class ZipGuard {
    /** Entries this small may have any ratio (a page of zeros compresses 1000:1 and is harmless). */
    private static final long SMALL = 1 << 20;
    private final String file;
    private final Limits limits;
    private long unpacked;

    private ZipGuard(String file, Limits limits) {
        this.file = file;
        this.limits = limits;
    }

    /** Checks the central directory: entry count, declared sizes and ratios. */
    public static ZipGuard check(String file, ZipFile zip, Limits limits) {
        ZipGuard g = new ZipGuard(file, limits);
        int n = 0;
        long declared = 0;
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            if (++n > limits.maxZipEntries()) {
                throw new InputException(file, "zip directory", "more than " + limits.maxZipEntries()
                        + " entries (limit against zip bombs)");
            }
            long size = e.getSize();
            if (size > 0) {
                declared += size;
                g.checkRatio(e, size);
            }
            if (declared > limits.maxUnzippedBytes()) {
                throw g.tooBig();
            }
        }
        return g;
    }

    /** The entry's data, counted against the limits while it is read. */
    public InputStream open(ZipFile zip, ZipEntry e) throws IOException {
        InputStream raw = zip.getInputStream(e);
        if (raw == null) {
            throw new InputException(file, e.getName(), "zip entry cannot be opened");
        }
        return new FilterInputStream(raw) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(e, ++read, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int k = super.read(buf, off, len);
                if (k > 0) {
                    read += k;
                    count(e, read, k);
                }
                return k;
            }
        };
    }

    /**
     * Inflates every entry once, counting and checking the CRC: a damaged or bomb container is refused up front,
     * with the entry named, before a library parses it.
     */
    public void scan(ZipFile zip) {
        byte[] buf = new byte[64 << 10];
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            if (e.isDirectory()) {
                continue;
            }
            CRC32 crc = new CRC32();
            try (InputStream in = open(zip, e)) {
                int k;
                while ((k = in.read(buf)) > 0) {
                    crc.update(buf, 0, k);
                }
            } catch (InputException x) {
                throw x;
            } catch (IOException | RuntimeException x) {
                throw corrupt(e.getName(), x);
            }
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new InputException(file, "zip entry " + e.getName(), "CRC mismatch: the entry is damaged");
            }
        }
    }

    /** The InputException for a zip entry whose data cannot be inflated. */
    public InputException corrupt(String entry, Throwable cause) {
        return new InputException(file, "zip entry " + entry, cause instanceof java.io.EOFException
                ? "the compressed data is cut short (truncated file)"
                : "the compressed data is damaged (not valid deflate data)", cause);
    }

    private void count(ZipEntry e, long entryBytes, int k) {
        unpacked += k;
        if (unpacked > limits.maxUnzippedBytes()) {
            throw tooBig();
        }
        checkRatio(e, entryBytes);
    }

    private void checkRatio(ZipEntry e, long size) {
        long packed = e.getCompressedSize();
        if (size > SMALL && packed >= 0 && size > Math.max(1, packed) * (long) limits.maxZipRatio()) {
            throw new InputException(file, "zip entry " + e.getName(), String.format(Locale.ROOT,
                    "unpacks more than %d times its packed size (limit against zip bombs)", limits.maxZipRatio()));
        }
    }

    private InputException tooBig() {
        long max = limits.maxUnzippedBytes();
        return new InputException(file, "zip directory", "unpacks to more than "
                + (max >= 1 << 20 ? (max >> 20) + " MB" : max + " bytes") + " (limit against zip bombs)");
    }

    /** Opens a zip file, turning a damaged directory into an InputException. */
    public static ZipFile openZip(String file, java.nio.file.Path path) throws IOException {
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new InputException(file, "zip directory", "not a readable zip container (damaged or truncated)", e);
        }
    }
}
