package tower.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip containers taken apart and put back together for tests (checksums made to match, as a writer would). */
public final class Zips {
    private Zips() {
    }

    public static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile("zips", ".zip");
            try {
                java.nio.file.Files.write(tmp, zip);
                try (var z = new java.util.zip.ZipFile(tmp.toFile())) {
                    for (var en = z.entries(); en.hasMoreElements(); ) {
                        ZipEntry e = en.nextElement();
                        try (var in = z.getInputStream(e)) {
                            out.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        try (var bytes = new ByteArrayOutputStream(); var out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zip with one entry changed; {@code change} returning null removes it. */
    public static byte[] rewrite(byte[] zip, String name, UnaryOperator<byte[]> change) {
        Map<String, byte[]> m = entries(zip);
        if (!m.containsKey(name)) {
            throw new AssertionError("no entry " + name);
        }
        byte[] c = change.apply(m.get(name));
        if (c == null) {
            m.remove(name);
        } else {
            m.put(name, c);
        }
        return zip(m);
    }

    /** Offset of the first local header's data of entry {@code name} (to damage compressed bytes in place). */
    public static int dataOffset(byte[] zip, String name) {
        int p = 0;
        while (p + 30 <= zip.length && (zip[p] == 'P' && zip[p + 1] == 'K' && zip[p + 2] == 3 && zip[p + 3] == 4)) {
            int nlen = (zip[p + 26] & 0xff) | (zip[p + 27] & 0xff) << 8;
            int xlen = (zip[p + 28] & 0xff) | (zip[p + 29] & 0xff) << 8;
            String n = new String(zip, p + 30, nlen, java.nio.charset.StandardCharsets.ISO_8859_1);
            int data = p + 30 + nlen + xlen;
            if (n.equals(name)) {
                return data;
            }
            // entries written by ZipOutputStream have a data descriptor: find the next local header by scanning
            int next = data;
            while (next + 4 <= zip.length && !(zip[next] == 'P' && zip[next + 1] == 'K' && zip[next + 2] == 3 && zip[next + 3] == 4)) {
                next++;
            }
            p = next;
        }
        throw new AssertionError("no entry " + name);
    }
}
